// Metrics artifacts and evidence documents against someone trying to get past them, through the built
// CLI (dist/cli.js) in a git repository of its own; run `npm run build` first. Each row is an attack:
// an artifact outside the repository (../, absolute, a symlink), one too large, alias bombs and
// deep nesting, duplicate or hidden keys, a model card whose results are meant to confuse the picker,
// a typed number that disagrees with the evaluation, a stub document. Every row asserts the exit code,
// the decision and the exact messages; the control row shows the honest pilot passes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { thresholdChanges } from '../../src/core/governance.js';
import type { Manifest } from '../../src/core/types.js';
import { parseYaml } from '../../src/core/yaml.js';
import { cli, NOW } from '../cli/helpers.js';
import { EVAL, POLICY, ROLLBACK } from '../support/artifact-pilot.js';

const M = 'pilot/pilot-readiness.yml';

/** The manifest: BUS-3's metrics on line 5 (`from:`'s value at column 29), OPS-2's file on line 6 at column 18. */
const manifest = (bus3: string, ops2 = 'file: ops/rollback.md') =>
  `version: 1\npilot: { name: scoring, risk: low }\nowner: olu-risk\nevidence:\n  BUS-3: { metrics: ${bus3} }\n  OPS-2: { ${ops2} }\n`;

interface Attack {
  name: string;
  bus3: string;
  ops2?: string;
  /** Files of the pilot folder besides the manifest and ops/rollback.md. */
  files?: Record<string, string>;
  /** A symlink in the pilot folder to an absolute target. */
  symlink?: [string, string];
  status: number;
  decision: 'pending' | 'blocked';
  /** Exact problems (file:line:column: message), or errors on stderr when the manifest is refused. */
  problems?: string[];
  stderr?: string;
}

/** A pipeline whose two stages each declare a metrics file. */
const DVC_TWO = 'stages:\n  evaluate:\n    metrics:\n      - reports/eval.json\n  summarize:\n    metrics:\n      - reports/summary.json\n';

const attacks: Attack[] = [
  {
    name: 'control: the honest pilot',
    bus3: '{ from: reports/eval.json }',
    files: { 'reports/eval.json': EVAL('0.03') },
    status: 1,
    decision: 'pending',
    problems: [],
  },
  {
    name: 'the evaluation path climbs out of the repository',
    bus3: '{ from: ../../../../etc/passwd }',
    status: 2,
    decision: 'blocked',
    stderr: `error: ${M}:5:29: metrics artifact path "../../../../etc/passwd" escapes the repository; evidence must live inside the repository\n`,
  },
  {
    name: 'an absolute evaluation path',
    bus3: '{ from: /etc/passwd }',
    status: 2,
    decision: 'blocked',
    stderr: `error: ${M}:5:29: metrics artifact path "/etc/passwd" is absolute; write it relative to the manifest's folder\n`,
  },
  {
    name: 'a symlink inside the pilot that points outside the repository',
    bus3: '{ from: reports/eval.json }',
    symlink: ['reports/eval.json', '/etc/hostname'],
    status: 1,
    decision: 'blocked',
    // Committed, so judged as the Action judges HEAD's tree: a symlink is never followed, wherever it leads.
    problems: [
      `${M}:5:29: metrics artifact pilot/reports/eval.json is a symbolic link or a submodule, whose content cannot be verified; commit the file itself`,
    ],
  },
  {
    name: 'an artifact over the 1 MiB limit',
    bus3: '{ from: reports/eval.json }',
    files: { 'reports/eval.json': `{ "margin_over_baseline": 0.03, "pad": "${'x'.repeat(1024 * 1024)}" }` },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:5:29: metrics artifact pilot/reports/eval.json cannot be read: it is 1048619 bytes; the limit is 1048576 bytes (1 MiB)`,
    ],
  },
  {
    name: 'an alias bomb in a YAML artifact',
    bus3: '{ from: reports/eval.yaml }',
    files: {
      'reports/eval.yaml':
        'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\nmargin_over_baseline: 0.03\n',
    },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/eval.yaml:1:4: anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out',
    ],
  },
  {
    name: 'nesting deeper than the parser reads',
    bus3: '{ from: reports/eval.json }',
    files: { 'reports/eval.json': `${'['.repeat(40)}0.03${']'.repeat(40)}` },
    status: 1,
    decision: 'blocked',
    problems: ['pilot/reports/eval.json:1:33: JSON syntax error: nesting deeper than 32 levels; flatten the file'],
  },
  {
    name: 'a duplicate key: JSON.parse would keep the passing last value, a reviewer sees the first',
    bus3: '{ from: reports/eval.json }',
    files: { 'reports/eval.json': '{\n  "margin_over_baseline": -0.04,\n  "margin_over_baseline": 0.03\n}\n' },
    status: 1,
    decision: 'blocked',
    problems: ['pilot/reports/eval.json:3:3: duplicate key "margin_over_baseline" (first defined at line 2); keep one'],
  },
  {
    name: 'a key spelt with a dot beside the nested one, to pass where the nested value fails',
    bus3: '{ from: reports/eval.json, prefix: test }',
    files: { 'reports/eval.json': '{\n  "test": { "margin_over_baseline": -0.04 },\n  "test.margin_over_baseline": 0.03\n}\n' },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/eval.json:2:37: metric "margin_over_baseline" is ambiguous in pilot/reports/eval.json: test.margin_over_baseline reads 0.03 at test.margin_over_baseline and -0.04 at test > margin_over_baseline; remove one, or name the key exactly',
    ],
  },
  {
    name: 'a __proto__ key in the artifact',
    bus3: '{ from: reports/eval.json }',
    files: { 'reports/eval.json': '{ "__proto__": { "margin_over_baseline": 0.03 } }\n' },
    status: 1,
    decision: 'blocked',
    problems: ['pilot/reports/eval.json:1:3: the key "__proto__" is not allowed'],
  },
  {
    name: 'the number as text, which a lax reader would convert',
    bus3: '{ from: reports/eval.json }',
    files: { 'reports/eval.json': '{ "margin_over_baseline": "0.03" }\n' },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/eval.json:1:27: metric "margin_over_baseline" in pilot/reports/eval.json (margin_over_baseline) must be a finite number, not the text "0.03"',
    ],
  },
  {
    name: 'infinity in a YAML artifact',
    bus3: '{ from: reports/eval.yaml }',
    files: { 'reports/eval.yaml': 'margin_over_baseline: .inf\n' },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/eval.yaml:1:23: metric "margin_over_baseline" in pilot/reports/eval.yaml (margin_over_baseline) must be a finite number, not number Infinity',
    ],
  },
  {
    name: 'a passing number typed over a failing evaluation',
    bus3: '{ from: reports/eval.json, margin_over_baseline: 0.02 }',
    files: { 'reports/eval.json': EVAL('-0.01') },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:5:70: margin_over_baseline is 0.02 in the manifest but -0.01 in pilot/reports/eval.json (margin_over_baseline): correct the manifest or remove the typed value`,
      'pilot/reports/eval.json:1:49: margin_over_baseline is 0.02 in the manifest but -0.01 in pilot/reports/eval.json (margin_over_baseline): correct the manifest or remove the typed value',
    ],
  },
  {
    name: 'typed only, where the policy wants the evaluation itself',
    bus3: '{ margin_over_baseline: 0.03 }',
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:5:45: metric "margin_over_baseline" must be read from the evaluation's own output (the policy sets metrics_source: artifact for it): name the file with metrics: { from: reports/eval.json }, from: dvc or from: model-card`,
    ],
  },
  {
    name: 'a model card with two results that differ only in case, to let the picker choose the better one',
    bus3: '{ from: model-card, task: tabular-classification, dataset: Holdout }',
    files: {
      'README.md':
        '---\nmodel-index:\n  - name: scoring\n    results:\n      - task: { type: tabular-classification }\n        dataset: { name: Holdout }\n        metrics: [{ type: margin_over_baseline, value: -0.02 }]\n      - task: { type: Tabular-Classification }\n        dataset: { name: holdout }\n        metrics: [{ type: margin_over_baseline, value: 0.04 }]\n---\n',
    },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:5:29: 2 results in pilot/README.md's model-index fit task "tabular-classification" and dataset "Holdout" (tabular-classification on Holdout; Tabular-Classification on holdout); name the result's task and dataset under metrics to choose one`,
    ],
  },
  {
    name: 'a model card whose one result holds the metric twice',
    bus3: '{ from: model-card }',
    files: {
      'README.md':
        '---\nmodel-index:\n  - name: scoring\n    results:\n      - task: { type: tabular-classification }\n        dataset: { name: Holdout }\n        metrics:\n          - { type: margin_over_baseline, value: -0.02 }\n          - { type: margin_over_baseline, value: 0.04 }\n---\n',
    },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/README.md:9:13: metric "margin_over_baseline" fits 2 metrics of pilot/README.md\'s result for tabular-classification on Holdout; give each a distinct name and set key: to it',
    ],
  },
  {
    name: 'a DVC metrics file outside the repository',
    bus3: '{ from: dvc }',
    files: { 'dvc.yaml': 'metrics:\n  - ../../outside/metrics.json\n' },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/dvc.yaml:2:5: metrics file "../../outside/metrics.json" escapes the repository; evidence must live inside the repository',
    ],
  },
  {
    name: 'a second DVC metrics file with a passing copy of the metric the evaluation fails',
    bus3: '{ from: dvc }',
    files: {
      'dvc.yaml': DVC_TWO,
      'reports/eval.json': '{ "margin_over_baseline": -0.04 }\n',
      'reports/summary.json': '{ "margin_over_baseline": 0.03 }\n',
    },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/summary.json:1:27: metric "margin_over_baseline" (margin_over_baseline) is in 2 DVC metrics files: pilot/reports/eval.json:1:27 reads -0.04 and pilot/reports/summary.json:1:27 reads 0.03; name one file with from: instead of dvc, or a key: only one file holds',
    ],
  },
  {
    name: 'a DVC metrics file ambiguous about the metric, with a clean passing value in another to stand in for it',
    bus3: '{ from: dvc, prefix: test }',
    files: {
      'dvc.yaml': DVC_TWO,
      'reports/eval.json': '{\n  "test": { "margin_over_baseline": -0.04 },\n  "test.margin_over_baseline": 0.03\n}\n',
      'reports/summary.json': '{ "test": { "margin_over_baseline": 0.03 } }\n',
    },
    status: 1,
    decision: 'blocked',
    problems: [
      'pilot/reports/eval.json:2:37: metric "margin_over_baseline" is ambiguous in pilot/reports/eval.json: test.margin_over_baseline reads 0.03 at test.margin_over_baseline and -0.04 at test > margin_over_baseline; remove one, or name the key exactly',
    ],
  },
  {
    name: 'a stub rollback plan that only has the headings',
    bus3: '{ from: reports/eval.json }',
    ops2: 'file: ops/stub.md',
    files: { 'reports/eval.json': EVAL('0.03'), 'ops/stub.md': '## Procedure\n## Last tested\n' },
    status: 1,
    decision: 'blocked',
    problems: [`${M}:6:18: file "ops/stub.md" holds 28 bytes; OPS-2 needs at least 100 (an empty or stub report is not evidence)`],
  },
  {
    name: 'a long plan whose sections are hidden in a code block',
    bus3: '{ from: reports/eval.json }',
    ops2: 'file: ops/hidden.md',
    files: {
      'reports/eval.json': EVAL('0.03'),
      'ops/hidden.md': `# Rollback\n\n${'Text. '.repeat(30)}\n\n\`\`\`\n## Procedure\n## Last tested\n\`\`\`\n`,
    },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:6:18: no evidence file of OPS-2 has a heading "Procedure" (looked in ops/hidden.md): add that section`,
      `${M}:6:18: no evidence file of OPS-2 has a heading "Last tested" (looked in ops/hidden.md): add that section`,
    ],
  },
  {
    name: 'a long plan whose sections are hidden in a four-backtick block that holds a three-backtick line',
    bus3: '{ from: reports/eval.json }',
    ops2: 'file: ops/hidden.md',
    files: {
      'reports/eval.json': EVAL('0.03'),
      'ops/hidden.md': `# Rollback\n\n${'Text. '.repeat(30)}\n\n\`\`\`\`\n\`\`\`\n## Procedure\n## Last tested\n\`\`\`\`\n`,
    },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:6:18: no evidence file of OPS-2 has a heading "Procedure" (looked in ops/hidden.md): add that section`,
      `${M}:6:18: no evidence file of OPS-2 has a heading "Last tested" (looked in ops/hidden.md): add that section`,
    ],
  },
  {
    name: 'a long plan whose sections are hidden after a line that only looks like a closing fence (three backticks and js)',
    bus3: '{ from: reports/eval.json }',
    ops2: 'file: ops/hidden.md',
    files: {
      'reports/eval.json': EVAL('0.03'),
      'ops/hidden.md': `# Rollback\n\n${'Text. '.repeat(30)}\n\n\`\`\`\n\`\`\`js\n## Procedure\n## Last tested\n\`\`\`\n`,
    },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:6:18: no evidence file of OPS-2 has a heading "Procedure" (looked in ops/hidden.md): add that section`,
      `${M}:6:18: no evidence file of OPS-2 has a heading "Last tested" (looked in ops/hidden.md): add that section`,
    ],
  },
  {
    name: 'a long plan whose sections are hidden in an HTML comment (GitHub shows none of it)',
    bus3: '{ from: reports/eval.json }',
    ops2: 'file: ops/hidden.md',
    files: {
      'reports/eval.json': EVAL('0.03'),
      'ops/hidden.md': `# Rollback\n\n${'Text. '.repeat(30)}\n\n<!--\n## Procedure\n## Last tested\n-->\n`,
    },
    status: 1,
    decision: 'blocked',
    problems: [
      `${M}:6:18: no evidence file of OPS-2 has a heading "Procedure" (looked in ops/hidden.md): add that section`,
      `${M}:6:18: no evidence file of OPS-2 has a heading "Last tested" (looked in ops/hidden.md): add that section`,
    ],
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function repository(attack: Attack): string {
  const dir = mkdtempSync(join(tmpdir(), 'pr-adv-artifacts-'));
  dirs.push(dir);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('policy.yml', POLICY);
  write(M, manifest(attack.bus3, attack.ops2));
  write('pilot/ops/rollback.md', ROLLBACK);
  for (const [path, text] of Object.entries(attack.files ?? {})) write(`pilot/${path}`, text);
  if (attack.symlink) {
    mkdirSync(dirname(join(dir, 'pilot', attack.symlink[0])), { recursive: true });
    symlinkSync(attack.symlink[1], join(dir, 'pilot', attack.symlink[0]));
  }
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'pilot');
  return dir;
}

describe('artifacts against someone trying to get past them, through the built CLI', { timeout: 60_000 }, () => {
  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', (_name, attack) => {
    const dir = repository(attack);
    const run = cli(['check', M, '--policy', 'policy.yml', '--now', NOW, '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(attack.status);
    const report = JSON.parse(run.stdout);
    expect(report.decision).toBe(attack.decision);
    if (attack.stderr !== undefined) expect(run.stderr).toBe(attack.stderr);
    else expect(run.stderr).toBe('');
    if (attack.problems !== undefined) {
      const problems = report.criteria.flatMap(
        (c: { problems: Array<{ message: string; location: { file: string; line: number; column: number } }> }) =>
          c.problems.map((p) => `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message}`),
      );
      expect(problems).toEqual(attack.problems);
    }
  });
});

describe('replay against evidence changed after the report, through the built CLI', { timeout: 60_000 }, () => {
  // DOC-1 asks only that its file exists: check names it by HEAD's blob sha and never opens it.
  const policy = `${POLICY}      - id: DOC-1
        title: Lineage
        description: d
        required_for: [low]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
`;
  const LINEAGE = 'pilot/docs/lineage.md';
  const EVAL_PATH = 'pilot/reports/eval.json';
  const saved = (): { dir: string; report: string } => {
    const dir = repository({
      name: 'replay',
      bus3: '{ from: reports/eval.json }',
      files: { 'reports/eval.json': EVAL('0.03'), 'docs/lineage.md': '# Lineage\n\nFrom the applications table.\n' },
      status: 1,
      decision: 'pending',
    });
    writeFileSync(join(dir, 'policy.yml'), policy);
    writeFileSync(join(dir, M), `${manifest('{ from: reports/eval.json }')}  DOC-1: { file: docs/lineage.md }\n`);
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    git('commit', '-qam', 'lineage');
    const report = join(dir, 'saved.json');
    cli(['check', M, '--policy', 'policy.yml', '--now', NOW, '--output', report], { cwd: dir });
    return { dir, report };
  };
  const SAME = `same decision: pending (3/3 criteria, evaluated at 2026-11-20T12:00:00.000Z)`;

  it('a document the engine only checked exists, swapped after the report: named with both blob shas', () => {
    const { dir, report } = saved();
    const blobOf = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout.trim();
    const recorded = JSON.parse(readFileSync(report, 'utf8')).evidence_files.find((f: { path: string }) => f.path === LINEAGE);
    expect(recorded).toEqual({ path: LINEAGE, git_blob_sha: blobOf('rev-parse', `HEAD:${LINEAGE}`) });
    writeFileSync(join(dir, LINEAGE), '# Lineage\n\nFrom a table nobody reviewed.\n');
    const run = cli(['replay', report], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `${SAME}\nevidence ${LINEAGE} changed since the report (git blob ${recorded.git_blob_sha.slice(0, 12)} → ${blobOf('hash-object', LINEAGE).slice(0, 12)})\n`,
    );
  });

  it('a report whose evidence records were edited so nothing can be compared: never "match", never a crash', () => {
    const { dir, report } = saved();
    const json = JSON.parse(readFileSync(report, 'utf8'));
    // The lineage record (first) loses its path; the evaluation's keeps only a blob sha that is no text.
    json.evidence_files = json.evidence_files.map((f: { path: string }) =>
      f.path === LINEAGE ? { ...f, path: undefined } : f.path === EVAL_PATH ? { path: EVAL_PATH, git_blob_sha: 5 } : f,
    );
    writeFileSync(report, JSON.stringify(json));
    const run = cli(['replay', report], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `${SAME}\nevidence_files[0] names no path: it could not be verified\nevidence ${EVAL_PATH} could not be verified (no hash of it to compare, in the report or in the files at hand)\nevidence ${LINEAGE} was used by the decision, but the report records no hash of it: it could not be verified\n`,
    );
  });

  it('a report whose record of a used file was deleted, the file then swapped: named, never counted as a match', () => {
    const { dir, report } = saved();
    const json = JSON.parse(readFileSync(report, 'utf8'));
    json.evidence_files = json.evidence_files.filter((f: { path: string }) => f.path !== LINEAGE);
    writeFileSync(report, JSON.stringify(json));
    writeFileSync(join(dir, LINEAGE), '# Lineage\n\nFrom a table nobody reviewed.\n');
    const run = cli(['replay', report], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `${SAME}\nevidence ${LINEAGE} was used by the decision, but the report records no hash of it: it could not be verified\n`,
    );
  });
});

describe('a threshold read from an artifact, moved together with the evaluation', () => {
  // The default fixes BUS-2's threshold before BUS-3's evaluation. Reading the threshold from a file
  // keeps its manifest text the same: the file's change must still be a governance change.
  const manifest = (bus2: string) => `version: 1
pilot: { name: claims, risk: high }
owner: maria-ops
evidence:
  BUS-2:
    metrics: ${bus2}
  BUS-3:
    metrics: { from: reports/eval.json }
`;
  const judge = (base: string, head: string, changedFiles: string[]) => {
    const parsed = parseYaml(head, 'pilot-readiness.yml');
    return thresholdChanges({
      head: parsed.data as Manifest,
      baseText: base,
      basePath: 'pilot-readiness.yml',
      baseOwner: 'maria-ops',
      policy: loadBundledPolicy('default').policy,
      parsed,
      changedFiles,
      usedBy: new Map([
        ['BUS-2', new Set(['reports/threshold.json'])],
        ['BUS-3', new Set(['reports/eval.json'])],
      ]),
      baseOwnerApproved: false,
      approvedRoles: [],
    });
  };
  const fromFile = '{ from: reports/threshold.json }';

  it('the threshold file and the evaluation changed together: the base owner must approve', () => {
    const changes = judge(manifest(fromFile), manifest(fromFile), ['reports/threshold.json', 'reports/eval.json']);
    expect(changes.map((c) => [c.kind, c.approved])).toEqual([['threshold_changed', false]]);
    expect(changes[0]?.summary).toContain('BUS-2 threshold read from an artifact that changed');
  });

  it('the threshold moved to another file with the evaluation: the base owner must approve', () => {
    const changes = judge(manifest('{ from: reports/old.json }'), manifest(fromFile), ['reports/eval.json']);
    expect(changes.map((c) => c.kind)).toEqual(['threshold_changed']);
  });

  it('a folder listed as changed (check --worktree lists a folder git tracks nothing in as reports/) counts for every file under it', () => {
    const changes = judge(manifest(fromFile), manifest(fromFile), ['reports/']);
    expect(changes.map((c) => [c.kind, c.approved])).toEqual([['threshold_changed', false]]);
  });

  it('the control: the evaluation renewed under an unchanged threshold file is ordinary', () => {
    expect(judge(manifest(fromFile), manifest(fromFile), ['reports/eval.json'])).toEqual([]);
  });
});
