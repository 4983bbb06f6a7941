// The CLI with evidence read from artifacts, in a git repository of its own: the hashes it records
// (git's blob sha and the sha256 of the bytes), replay naming the evidence file that changed, and
// --base REF judging a threshold changed in the same work as its evaluation.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, git, NOW, THRESHOLD_POLICY as POLICY } from './helpers.js';

const manifest = (threshold: number, evalFile = 'reports/eval.json') => `version: 1
pilot: { name: scoring, risk: low }
owner: olu-risk
evidence:
  BUS-2: { metrics: { threshold: ${threshold} } }
  BUS-3: { file: reports/eval.md, metrics: { from: ${evalFile} } }
`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A repository whose first commit holds the pilot at threshold 0.7 with its evaluation. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pr-artifacts-'));
  dirs.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'pilot', 'reports'), { recursive: true });
  writeFileSync(join(dir, 'policy.yml'), POLICY);
  writeFileSync(join(dir, 'pilot', 'pilot-readiness.yml'), manifest(0.7));
  writeFileSync(join(dir, 'pilot', 'reports', 'eval.md'), '# Evaluation\n\nCandidate 0.81, current 0.78.\n');
  writeFileSync(join(dir, 'pilot', 'reports', 'eval.json'), '{ "margin_over_baseline": 0.03 }\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'pilot');
  return dir;
}

const check = (dir: string, ...extra: string[]) =>
  cli(['check', 'pilot/pilot-readiness.yml', '--policy', 'policy.yml', '--now', NOW, '--format', 'json', ...extra], { cwd: dir });

// Each case runs the CLI and git several times: allow for a loaded machine.
describe('evidence hashes in the CLI', { timeout: 60_000 }, () => {
  it("records git's blob sha (as git computes it) of each evidence file, and the sha256 of those the engine read", () => {
    const dir = repository();
    const report = JSON.parse(check(dir).stdout);
    const bytes = readFileSync(join(dir, 'pilot/reports/eval.json'));
    expect(report.evidence_files).toEqual([
      {
        path: 'pilot/reports/eval.json',
        git_blob_sha: git(dir, 'rev-parse', 'HEAD:pilot/reports/eval.json'),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
      // Only its existence is judged: named by HEAD's tree, never opened.
      { path: 'pilot/reports/eval.md', git_blob_sha: git(dir, 'rev-parse', 'HEAD:pilot/reports/eval.md') },
    ]);
    expect(report.inputs.texts).toEqual({ 'pilot/reports/eval.json': '{ "margin_over_baseline": 0.03 }\n' });
    // --worktree has no tree to name a file by: it hashes the bytes of every evidence file on disk.
    const disk = JSON.parse(check(dir, '--worktree').stdout);
    expect(disk.evidence_files[1]).toEqual({
      path: 'pilot/reports/eval.md',
      git_blob_sha: git(dir, 'rev-parse', 'HEAD:pilot/reports/eval.md'),
      sha256: createHash('sha256')
        .update(readFileSync(join(dir, 'pilot/reports/eval.md')))
        .digest('hex'),
    });
  });

  it('reads an artifact as HEAD holds it, as CI does, whatever the disk holds now', () => {
    const dir = repository();
    writeFileSync(join(dir, 'pilot/reports/eval.json'), '{ "margin_over_baseline": -0.5 }\n');
    const report = JSON.parse(check(dir).stdout);
    expect(report.criteria.find((c: { id: string }) => c.id === 'BUS-3').status).toBe('met');
    expect(report.inputs.texts['pilot/reports/eval.json']).toBe('{ "margin_over_baseline": 0.03 }\n');
    expect(report.evidence_files[0]).toEqual({
      path: 'pilot/reports/eval.json',
      git_blob_sha: git(dir, 'rev-parse', 'HEAD:pilot/reports/eval.json'),
      sha256: createHash('sha256').update('{ "margin_over_baseline": 0.03 }\n').digest('hex'),
    });
    // --worktree judges the disk instead.
    const disk = JSON.parse(check(dir, '--worktree').stdout);
    expect(disk.criteria.find((c: { id: string }) => c.id === 'BUS-3').status).toBe('failed');
  });

  it('replay reproduces the decision from the recorded artifact, and names the evidence file that changed since', () => {
    const dir = repository();
    const saved = join(dir, '..', `${dir.split('/').pop()}-report.json`);
    dirs.push(saved);
    check(dir, '--output', saved);
    const files = 2;
    expect(cli(['replay', saved], { cwd: dir })).toMatchObject({
      status: 0,
      stdout: `same decision: pending (2/2 criteria, evaluated at 2026-11-20T12:00:00.000Z); its ${files} evidence files match the files at hand\n`,
    });
    const before = git(dir, 'rev-parse', 'HEAD:pilot/reports/eval.json');
    writeFileSync(join(dir, 'pilot/reports/eval.json'), '{ "margin_over_baseline": -0.01 }\n');
    const after = git(dir, 'hash-object', 'pilot/reports/eval.json');
    const changed = cli(['replay', saved], { cwd: dir });
    expect(changed.status).toBe(1);
    // The decision still replays from the recorded text; the changed file is named with both shas.
    expect(changed.stdout).toBe(
      `same decision: pending (2/2 criteria, evaluated at 2026-11-20T12:00:00.000Z)\nevidence pilot/reports/eval.json changed since the report (git blob ${before.slice(0, 12)} → ${after.slice(0, 12)})\n`,
    );
    // A file the engine never read is recorded by its blob sha alone: a change to it is still named.
    const mdBefore = git(dir, 'rev-parse', 'HEAD:pilot/reports/eval.md');
    writeFileSync(join(dir, 'pilot/reports/eval.md'), '# Evaluation\n\nCandidate 0.71, current 0.78.\n');
    const mdAfter = git(dir, 'hash-object', 'pilot/reports/eval.md');
    expect(cli(['replay', saved], { cwd: dir })).toMatchObject({
      status: 1,
      stdout: `same decision: pending (2/2 criteria, evaluated at 2026-11-20T12:00:00.000Z)\nevidence pilot/reports/eval.json changed since the report (git blob ${before.slice(0, 12)} → ${after.slice(0, 12)})\nevidence pilot/reports/eval.md changed since the report (git blob ${mdBefore.slice(0, 12)} → ${mdAfter.slice(0, 12)})\n`,
    });
    rmSync(join(dir, 'pilot/reports/eval.md'));
    expect(cli(['replay', saved], { cwd: dir }).stdout).toContain(
      'evidence pilot/reports/eval.md is not in the files at hand (the report used it)',
    );
    // In another checkout, which holds no such pilot, there is nothing to compare the files with.
    const other = mkdtempSync(join(tmpdir(), 'pr-other-'));
    dirs.push(other);
    git(other, 'init', '-q');
    expect(cli(['replay', saved], { cwd: other })).toMatchObject({
      status: 0,
      stdout:
        'same decision: pending (2/2 criteria, evaluated at 2026-11-20T12:00:00.000Z); evidence files not verified (this checkout holds no pilot/pilot-readiness.yml)\n',
    });
    // Away from any repository the decision is still reproduced; the files are not verified.
    const away = mkdtempSync(join(tmpdir(), 'pr-away-'));
    dirs.push(away);
    expect(cli(['replay', saved], { cwd: away })).toMatchObject({
      status: 0,
      stdout:
        'same decision: pending (2/2 criteria, evaluated at 2026-11-20T12:00:00.000Z); evidence files not verified (no repository at hand)\n',
    });
  });
});

describe('check --base: a threshold fixed before the evaluation', { timeout: 60_000 }, () => {
  it('lowered in the same work as a new evaluation: a governance change that waits for the base owner', () => {
    const dir = repository();
    writeFileSync(join(dir, 'pilot/pilot-readiness.yml'), manifest(0.6));
    writeFileSync(join(dir, 'pilot/reports/eval.json'), '{ "margin_over_baseline": 0.01 }\n');
    git(dir, 'commit', '-qam', 'lower the bar with the new evaluation');
    const run = check(dir, '--base', 'HEAD~1');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.governance_changes).toEqual([
      {
        kind: 'threshold_changed',
        summary:
          'threshold changed in the same pull request as the evaluation: BUS-2 threshold from 0.7 to 0.6, with new evidence for BUS-3',
        from: '0.7',
        to: '0.6',
        needs: [{ who: 'olu-risk', as: 'base_owner', status: 'awaiting' }],
        approved: false,
        location: { file: 'pilot/pilot-readiness.yml', line: 5, column: 34 },
      },
    ]);
    expect(report.decision).toBe('pending');
    expect(report.waiting_on).toContain('governance');
    expect(report.inputs.changed_files).toEqual(['pilot/pilot-readiness.yml', 'pilot/reports/eval.json']);
    // replay reproduces it from the recorded base and changed files.
    const saved = join(dir, 'report.json');
    writeFileSync(saved, run.stdout);
    expect(cli(['replay', 'report.json'], { cwd: dir }).stdout).toMatch(/^same decision: pending/);
  });

  it('the evaluation named in the manifest changes with the threshold: the same change', () => {
    const dir = repository();
    writeFileSync(join(dir, 'pilot/reports/eval-v2.json'), '{ "margin_over_baseline": 0.02 }\n');
    writeFileSync(join(dir, 'pilot/pilot-readiness.yml'), manifest(0.65, 'reports/eval-v2.json'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'new evaluation file');
    const report = JSON.parse(check(dir, '--base', 'main~1').stdout);
    expect(report.governance_changes.map((c: { kind: string; from: string; to: string }) => [c.kind, c.from, c.to])).toEqual([
      ['threshold_changed', '0.7', '0.65'],
    ]);
  });

  it('changed alone, or an evaluation renewed under the same bar: nothing to approve', () => {
    const dir = repository();
    writeFileSync(join(dir, 'pilot/pilot-readiness.yml'), manifest(0.75));
    git(dir, 'commit', '-qam', 'raise the bar only');
    const alone = JSON.parse(check(dir, '--base', 'HEAD~1').stdout);
    expect(alone.governance_changes).toBeUndefined();
    writeFileSync(join(dir, 'pilot/reports/eval.json'), '{ "margin_over_baseline": 0.05 }\n');
    git(dir, 'commit', '-qam', 'new evaluation, same bar');
    const renewed = JSON.parse(check(dir, '--base', 'HEAD~1').stdout);
    expect(renewed.governance_changes).toBeUndefined();
    expect(renewed.decision).toBe('pending');
  });

  it('renamed and moved along with the lowered bar: compared against the pilot it carries on at the base', () => {
    const dir = repository();
    mkdirSync(join(dir, 'scoring-v2', 'reports'), { recursive: true });
    writeFileSync(join(dir, 'scoring-v2/pilot-readiness.yml'), manifest(0.6).replace('name: scoring', 'name: scoring-v2'));
    // The evaluation's write-up moves unchanged (the same blob): the evidence the new pilot carries on.
    writeFileSync(join(dir, 'scoring-v2/reports/eval.md'), readFileSync(join(dir, 'pilot/reports/eval.md')));
    writeFileSync(join(dir, 'scoring-v2/reports/eval.json'), '{ "margin_over_baseline": 0.01 }\n');
    git(dir, 'rm', '-rq', 'pilot');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'rename, move and lower the bar with a new evaluation');
    const run = cli(
      ['check', 'scoring-v2/pilot-readiness.yml', '--policy', 'policy.yml', '--now', NOW, '--format', 'json', '--base', 'HEAD~1'],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.governance_changes.map((c: { kind: string; from: string; to: string }) => [c.kind, c.from, c.to])).toEqual([
      ['threshold_changed', '0.7', '0.6'],
    ]);
    expect(report.decision).toBe('pending');
  });

  it('skips with a note when the base holds no manifest, or the ref is unknown', () => {
    const dir = repository();
    const first = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'README.md'), 'x\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'readme');
    git(dir, 'checkout', '-q', '--orphan', 'empty');
    git(dir, 'rm', '-rq', '--cached', 'pilot');
    git(dir, 'commit', '-qm', 'no pilot');
    git(dir, 'checkout', '-q', '-f', first);
    const none = check(dir, '--base', 'empty');
    expect(none.stderr).toBe(
      'note: --base empty: empty holds no pilot/pilot-readiness.yml (a new pilot); thresholds fixed before the evaluation are not compared\n',
    );
    expect(check(dir, '--base', 'nope').stderr).toBe(
      'note: --base nope: git knows no commit "nope"; thresholds fixed before the evaluation are not compared\n',
    );
    expect(check(dir, '--base=--output=/tmp/x').stderr).toBe(
      'note: --base --output=/tmp/x: "--output=/tmp/x" is not a git revision; thresholds fixed before the evaluation are not compared\n',
    );
  });
});
