// The CLI on the bundled examples, run from dist/ as a user would: exit codes, report contract,
// init, explain and replay.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MANIFEST_SCHEMA_URL, MANIFEST_SCHEMA_URL } from '../../src/report/starter-manifest.js';
import { cli, NOW, ROOT } from './helpers.js';

const CLAIMS = 'examples/claims-triage/pilot-readiness.yml';
const LOAN = 'examples/loan-approval/pilot-readiness.yml';
const CHURN = 'examples/churn-forecast/pilot-readiness.yml';

describe('check', () => {
  it.each([
    [CLAIMS, [], 1, 'PENDING'],
    [CLAIMS, ['--pr', 'examples/claims-triage/pr-ready.json'], 0, 'READY'],
    [CLAIMS, ['--pr', 'examples/claims-triage/pr-objection.json'], 1, 'BLOCKED'],
    [CHURN, ['--pr', 'examples/churn-forecast/pr-pending.json'], 1, 'PENDING'],
    [LOAN, [], 1, 'BLOCKED'],
  ])('%s %j exits %i (%s)', (manifest, extra, status, decision) => {
    const result = cli(['check', manifest, ...extra, '--now', NOW]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(status);
    expect(result.stdout).toContain(`Decision: ${decision}`);
  });

  it("prints the blocked pilot's failures grouped by gate, each with file:line:column", () => {
    const { stdout } = cli(['check', LOAN, '--now', NOW]);
    expect(stdout).toContain('Data readiness (pre-pilot)  6 met of 7 required; 1 missing or failed');
    expect(stdout).toMatch(
      // The value is read from the DVC metrics file: the problem is located there.
      /✗ DR-2 +Quality baseline — failed\n +examples\/loan-approval\/reports\/metrics\/data_quality\.json:2:19: completeness is 0\.91, below the minimum 0\.98 for high risk/,
    );
    expect(stdout).toMatch(
      /✗ SEC-2 .*\n +examples\/loan-approval\/pilot-readiness\.yml:\d+:\d+: evidence dated 2026-03-02 is 263 days old; the policy accepts at most 180d for high risk/,
    );
    expect(stdout).toMatch(/○ EXP-3 +Human oversight and contestability — missing/);
  });

  it('silence becomes consent once the window closes: the same facts, a later --now', () => {
    const before = cli(['check', CHURN, '--pr', 'examples/churn-forecast/pr-pending.json', '--now', NOW, '--format', 'json']);
    const report = JSON.parse(before.stdout);
    expect(report.decision).toBe('pending');
    // The next change is legal's reminder, due 2 days (remind's default) before the deadline.
    expect(report.next_change_at).toBe('2026-11-25T14:10:00.000Z');
    const legal = report.roles.find((r: { role: string }) => r.role === 'legal');
    expect(legal).toMatchObject({
      status: 'pending',
      members: ['lee-legal'],
      started_at: '2026-11-13T14:10:00.000Z',
      deadline: '2026-11-27T14:10:00.000Z',
    });
    const after = cli(['check', CHURN, '--pr', 'examples/churn-forecast/pr-pending.json', '--now', legal.deadline, '--format', 'json']);
    expect(after.status).toBe(0);
    const later = JSON.parse(after.stdout);
    expect(later.decision).toBe('ready');
    expect(later.roles.find((r: { role: string }) => r.role === 'legal').status).toBe('consented');
  });

  it('--format json follows the report contract', () => {
    const result = cli(['check', LOAN, '--format', 'json', '--now', NOW]);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'decision',
        'score',
        'gates',
        'criteria',
        'owner',
        'errors',
        'roles',
        'overrides',
        'next_change_at',
        'inputs',
      ]),
    );
    expect(report.score).toEqual({ met: 22, not_applicable: 0, required: 30 });
    expect(report.gates.map((g: { id: string }) => g.id)).toEqual([
      'data-readiness',
      'security',
      'compliance',
      'business',
      'operations',
      'explainability',
    ]);
    expect(report.criteria).toHaveLength(30);
    const dr2 = report.criteria.find((c: { id: string }) => c.id === 'DR-2');
    expect(dr2).toMatchObject({
      gate: 'data-readiness',
      status: 'failed',
      location: { file: 'examples/loan-approval/reports/metrics/data_quality.json', line: 2, column: 19 },
    });
    // Every evidence file the decision used, with git's blob sha and the sha256 of its bytes.
    const dvcMetrics = report.evidence_files.find(
      (f: { path: string }) => f.path === 'examples/loan-approval/reports/metrics/data_quality.json',
    );
    const bytes = readFileSync(join(ROOT, 'examples/loan-approval/reports/metrics/data_quality.json'));
    expect(dvcMetrics).toEqual({
      path: 'examples/loan-approval/reports/metrics/data_quality.json',
      git_blob_sha: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(report.evidence_files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['examples/loan-approval/dvc.yaml', 'examples/loan-approval/reports/metrics/evaluation.json']),
    );
    expect(report.owner).toMatchObject({ login: 'olu-risk', status: 'awaiting' });
    expect(report.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.policy).toMatchObject({ name: 'default', source: 'default', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('--format markdown escapes manifest text and never pings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-md-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(
      join(dir, 'pilot-readiness.yml'),
      'version: 1\npilot:\n  name: x\n  title: "<img src=x onerror=alert(1)> @acme/everyone"\n  risk: low\nowner: maria-ops\n',
    );
    const { stdout } = cli(['check', 'pilot-readiness.yml', '--format', 'markdown', '--now', NOW], { cwd: dir });
    expect(stdout).not.toContain('<img');
    expect(stdout).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(stdout).not.toMatch(/@acme/);
    expect(stdout).toContain('@\u200dacme/everyone');
  });
});

describe('replay', () => {
  it('reproduces a saved decision and exits 0; a doctored one exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-replay-'));
    const saved = join(dir, 'report.json');
    cli(['check', CLAIMS, '--pr', 'examples/claims-triage/pr-ready.json', '--now', NOW, '--output', saved]);
    const same = cli(['replay', saved]);
    const files = JSON.parse(readFileSync(saved, 'utf8')).evidence_files.length;
    expect(files).toBeGreaterThan(30);
    expect(same).toMatchObject({
      status: 0,
      stdout: `same decision: ready (30/30 criteria, evaluated at 2026-11-20T12:00:00.000Z); its ${files} evidence files match the files at hand\n`,
    });

    const report = JSON.parse(readFileSync(saved, 'utf8'));
    report.inputs.facts.reviews = report.inputs.facts.reviews.filter((r: { author: string }) => r.author !== 'maria-ops');
    writeFileSync(saved, JSON.stringify(report));
    const changed = cli(['replay', saved]);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toBe('different outcome: the report says ready, re-evaluation gives pending\n');
  });

  it('refuses a file that is not a report', () => {
    const result = cli(['replay', 'package.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: package.json: no decision; replay needs a JSON report written by `pilot-readiness check --format json` or by the Action\n',
    );
  });
});

describe('init and explain', () => {
  it('init writes a starter manifest that validates, lists every criterion of the tier and has a schema line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-init-'));
    mkdirSync(join(dir, '.git'));
    const made = cli(['init', '--risk', 'low', '--name', 'churn', '--owner', 'sam-cto'], { cwd: dir });
    expect(made.status).toBe(0);
    const text = readFileSync(join(dir, 'pilot-readiness.yml'), 'utf8');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${DEFAULT_MANIFEST_SCHEMA_URL}`);
    for (const id of ['DR-1', 'SEC-3', 'SEC-4', 'SEC-5', 'CMP-1', 'CMP-3', 'CMP-4', 'BUS-1', 'BUS-2', 'OPS-1', 'OPS-2', 'OPS-6'])
      expect(text).toContain(`# ${id}:`);
    expect(text).not.toContain('# SEC-1:'); // not required for low risk
    const checked = cli(['check', 'pilot-readiness.yml', '--worktree', '--format', 'json', '--now', NOW], { cwd: dir });
    expect(checked.stderr).toBe('');
    const report = JSON.parse(checked.stdout);
    expect(report.errors).toEqual([]);
    expect(report.decision).toBe('blocked');
    expect(report.criteria.filter((c: { status: string }) => c.status === 'missing').length).toBeGreaterThan(10);
    // a second init does not overwrite without --force
    expect(cli(['init'], { cwd: dir })).toMatchObject({
      status: 2,
      stderr: 'error: pilot-readiness.yml exists; pass --force to overwrite it\n',
    });
    // Under a policy of its own (here one that tightens the default), the general schema: criterion ids are the policy's.
    writeFileSync(join(dir, 'policy.yml'), 'version: 1\nextends: default\nroles:\n  legal: { window: 21d }\n');
    expect(cli(['init', '--policy', 'policy.yml', '--force'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'pilot-readiness.yml'), 'utf8').split('\n')[0]).toBe(
      `# yaml-language-server: $schema=${MANIFEST_SCHEMA_URL}`,
    );
  });

  it('explain prints a criterion with its evidence and references', () => {
    const result = cli(['explain', 'SEC-2']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^SEC-2 · Penetration test/);
    expect(result.stdout).toContain('date: no older than low 365d, medium 365d, high 180d');
    expect(result.stdout).toContain('NIST AI RMF 1.0: MEASURE 2.7');
  });

  it('explain without an id lists all 30 criteria by gate', () => {
    const result = cli(['explain']);
    expect(result.stdout.match(/^ {2}[A-Z]+-\d+ /gm)).toHaveLength(30);
  });

  it('--help and --version', () => {
    expect(cli(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('pilot-readiness check [MANIFEST]') });
    expect(cli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('check --format sarif', () => {
  it('prints SARIF 2.1.0: one result per problem, at the manifest or the artifact it is in, with the exit code of the decision', () => {
    const run = cli(['check', LOAN, '--now', NOW, '--format', 'sarif']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0]!.results;
    // A problem an evidence kind reported counts under its message id's rule; one without an id (EXP-3
    // has no evidence at all) under its criterion's.
    const ruleOf = (criterion: string) => results.find((r) => r.message.text.startsWith(`${criterion} `))!.ruleId;
    expect([ruleOf('DR-2'), ruleOf('SEC-2'), ruleOf('EXP-3')]).toEqual([
      'pilot-readiness/metrics/below-min',
      'pilot-readiness/date/too-old',
      'EXP-3',
    ]);
    const uri = (criterion: string) =>
      results.find((r) => r.message.text.startsWith(`${criterion} `))!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri('SEC-2')).toBe(LOAN);
    expect(uri('DR-2')).toBe('examples/loan-approval/reports/metrics/data_quality.json');
  });

  it('a reader that stops early (| head) ends the command quietly, without a stack trace', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" dist/cli.js check ${LOAN} --now ${NOW} --format sarif | head -1`], {
      encoding: 'utf8',
    });
    expect(run.stdout).toBe('{\n');
    expect(run.stderr).toBe('');
  });
});
