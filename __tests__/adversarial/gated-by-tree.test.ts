// A pilot is gated by everything it reads: attacks that change what a pilot reads without touching
// its folder or manifest (a metrics file elsewhere, one its dvc.yaml names, an evidence file renamed
// away), each of which once left the status `success` "no pilot manifest touched". Every row runs
// the built Action (dist/) against the fake GitHub with the base branch holding the pilot as it was
// and asserts the decision and the commit status; then the deploy-time gate (`verify --sha`) and the
// CLI's `check --base`.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliAsync, git, NOW, THRESHOLD_POLICY } from '../cli/helpers.js';
import { MERGED, deployWorld } from '../deploy/world.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { Scenario } from '../support/fake-github/scenario.js';
import { ROOT, runAction } from '../e2e/run-action.js';
import { HEAD, MANIFEST, PILOT_DIR, REPO, exampleManifest, pilotFiles, pull, pullRequestEvent, statuses, world } from '../e2e/scenario.js';
import type { Report } from '../../src/core/types.js';

const startGitHub = fakeGitHubPerTest();

/** The example's data-quality output with its completeness set (the policy asks at least 0.98). */
const quality = (completeness: number): string =>
  `{ "suite": "churn_inputs", "statistics": { "completeness": ${completeness}, "accuracy": 0.996, "consistency": 0.999, "duplicate_rate": 0 } }\n`;
const GOOD = quality(0.99);
const BAD = quality(0.1);

/** The example manifest with DR-2's metrics read from `from` instead of the file in the folder. */
const readingFrom = (from: string): string => {
  const text = exampleManifest().replace(
    'metrics: { from: reports/data-quality-2026-11.json, prefix: statistics }',
    `metrics: { from: ${from}, prefix: statistics }`,
  );
  if (text === exampleManifest()) throw new Error('DR-2 no longer reads reports/data-quality-2026-11.json: update the attack');
  return text;
};

const SHARED = 'shared/data-quality.json';
const FROM_SHARED = readingFrom(`../../${SHARED}`);
const FROM_DVC = readingFrom('dvc');
const DVC_YAML = `${PILOT_DIR}/dvc.yaml`;
const OUTSIDE_DVC = 'eval/data-quality.json';
const INSIDE_DVC = `${PILOT_DIR}/eval/data-quality.json`;
const SECOND_DIR = 'pilots/churn-weekly';
const LINEAGE = `${PILOT_DIR}/docs/lineage.md`;

/** A second pilot, in its own folder, reading the same shared file. */
function secondPilot(): Record<string, string> {
  return pilotFiles(FROM_SHARED.replace('name: churn-forecast', 'name: churn-weekly'), SECOND_DIR);
}

interface Attack {
  name: string;
  base: Record<string, string>;
  /** The head: the base's files with these replaced, or removed (null). */
  change: Record<string, string | null>;
  /** The changed-file list GitHub gives (a rename by its new path only). */
  files: string[];
  expect: {
    state: 'success' | 'failure';
    /** One decision per gated pilot, in path order; [] when no pilot is gated. */
    decisions: Array<Report['decision']>;
    says?: string[];
  };
}

const ATTACKS: Attack[] = [
  {
    name: 'lower a metrics.from file outside the pilot folder (completeness 0.99 → 0.10), nothing else',
    base: { ...pilotFiles(FROM_SHARED), [SHARED]: GOOD },
    change: { [SHARED]: BAD },
    files: [SHARED],
    expect: { state: 'failure', decisions: ['blocked'], says: ['completeness is 0.1, below the minimum 0.98 for low risk'] },
  },
  {
    name: "lower a metrics file outside the folder that the pilot's dvc.yaml names",
    base: { ...pilotFiles(FROM_DVC), [DVC_YAML]: `metrics:\n  - ../../${OUTSIDE_DVC}\n`, [OUTSIDE_DVC]: GOOD },
    change: { [OUTSIDE_DVC]: BAD },
    files: [OUTSIDE_DVC],
    expect: { state: 'failure', decisions: ['blocked'], says: ['completeness is 0.1, below the minimum 0.98 for low risk'] },
  },
  {
    name: "lower a metrics file inside the folder that the pilot's dvc.yaml names, the file list naming another file",
    base: { ...pilotFiles(FROM_DVC), [DVC_YAML]: 'metrics:\n  - eval/data-quality.json\n', [INSIDE_DVC]: GOOD, 'NOTICE.md': 'n\n' },
    change: { [INSIDE_DVC]: BAD, 'NOTICE.md': 'n2\n' },
    files: ['NOTICE.md'],
    expect: { state: 'failure', decisions: ['blocked'], says: ['completeness is 0.1, below the minimum 0.98 for low risk'] },
  },
  {
    name: 'rename an evidence file out of the pilot folder (GitHub lists the new path only)',
    base: pilotFiles(),
    change: { [LINEAGE]: null, 'archive/lineage.md': pilotFiles()[LINEAGE]! },
    files: ['archive/lineage.md'],
    expect: { state: 'failure', decisions: ['blocked'], says: ['file "docs/lineage.md" does not exist in the repository'] },
  },
  {
    name: 'lower a shared file two pilots read: both are gated',
    base: { ...pilotFiles(FROM_SHARED), ...secondPilot(), [SHARED]: GOOD },
    change: { [SHARED]: BAD },
    files: [SHARED],
    expect: { state: 'failure', decisions: ['blocked', 'blocked'] },
  },
  // ------------------------------------------------------------ controls
  {
    name: 'control: a file beside the shared one, which no pilot reads: no pilot touched',
    base: { ...pilotFiles(FROM_SHARED), [SHARED]: GOOD, 'shared/other.json': '{}\n' },
    change: { 'shared/other.json': '{ "x": 1 }\n' },
    files: ['shared/other.json'],
    expect: { state: 'success', decisions: [], says: ['no pilot manifest'] },
  },
  {
    name: 'control: a file beside the dvc-named one, which the dvc.yaml does not name: no pilot touched',
    base: { ...pilotFiles(FROM_DVC), [DVC_YAML]: `metrics:\n  - ../../${OUTSIDE_DVC}\n`, [OUTSIDE_DVC]: GOOD, 'eval/notes.md': 'a\n' },
    change: { 'eval/notes.md': 'b\n' },
    files: ['eval/notes.md'],
    expect: { state: 'success', decisions: [], says: ['no pilot manifest'] },
  },
];

function scenarioFor(attack: Attack): Scenario {
  const head: Record<string, string> = { ...attack.base };
  for (const [path, content] of Object.entries(attack.change)) {
    if (content === null) delete head[path];
    else head[path] = content;
  }
  const p = pull({ requestedDaysAgo: null, reviews: [], files: attack.files });
  return world({ pulls: [p], base: attack.base, heads: { [HEAD]: head } });
}

describe('a pilot is gated by every path it reads (built Action, fake GitHub)', () => {
  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s', async (_name, attack) => {
    const gh = await startGitHub(scenarioFor(attack));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', pull({ files: attack.files })) });
    const reports = run.report ? ('reports' in run.report ? (run.report.reports as Report[]) : [run.report as Report]) : [];
    expect(statuses(gh).at(-1)?.state).toBe(attack.expect.state);
    if (attack.expect.state !== 'success') {
      expect(statuses(gh).some((s) => s.state === 'success')).toBe(false);
      expect(run.status).toBe(1);
    }
    expect(reports.map((r) => r.decision)).toEqual(attack.expect.decisions);
    const text = [JSON.stringify(reports), statuses(gh).at(-1)?.description ?? '', run.summary].join('\n');
    for (const said of attack.expect.says ?? []) expect(text).toContain(said);
  });

  it('a pilot whose manifest names only files costs no extra request; a dvc.yaml is read once, for both commits', async () => {
    const plain = ATTACKS.find((a) => a.name.startsWith('control: a file beside the shared one'))!;
    const gh = await startGitHub(scenarioFor(plain));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', pull({ files: plain.files })) });
    expect(run.requests.filter((r) => r.operation === 'EvidenceTexts')).toEqual([]);

    const dvc = ATTACKS.find((a) => a.name.startsWith('control: a file beside the dvc-named one'))!;
    const gh2 = await startGitHub(scenarioFor(dvc));
    const run2 = await runAction({ gh: gh2, event: 'pull_request', payload: pullRequestEvent('synchronize', pull({ files: dvc.files })) });
    const reads = run2.requests.filter((r) => r.operation === 'EvidenceTexts');
    // The same dvc.yaml blob at the base and the head: one text, read once.
    expect(reads.map((r) => Object.values(r.variables ?? {}).filter((v) => typeof v === 'string' && v.includes(':')))).toEqual([
      [`${HEAD}:${DVC_YAML}`],
    ]);
  });
});

describe('the deploy-time gate judges the same pilots (verify --sha)', () => {
  it('a merged pull request that only lowered a metrics file outside the pilot folder: not deployable', async () => {
    const scenario = deployWorld({
      manifest: FROM_SHARED,
      base: { [MANIFEST]: FROM_SHARED, [SHARED]: GOOD },
      pr: { requestedDaysAgo: null, reviews: [], files: [SHARED] },
    });
    const files = scenario.repos![REPO]!.files!;
    for (const at of [HEAD, MERGED]) (files[at] as Record<string, string>)[SHARED] = BAD;
    const gh = await startGitHub(scenario);
    const run = await cliAsync(['verify', '--sha', MERGED, '--format', 'json'], {
      cwd: ROOT,
      env: { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'gh-token', GITHUB_REPOSITORY: REPO },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const verdict = JSON.parse(run.stdout) as { decision: string; atMerge: Report[]; notes: string[] };
    expect(verdict.decision).toBe('blocked');
    expect(verdict.atMerge.map((r) => [r.pilot?.name, r.decision])).toEqual([['churn-forecast', 'blocked']]);
    expect(JSON.stringify(verdict.atMerge)).toContain('completeness is 0.1, below the minimum 0.98 for low risk');
  });
});

// ---------------------------------------------------------------- the CLI's check --base

const thresholdManifest = (threshold: number) =>
  `version: 1\npilot: { name: scoring, risk: low }\nowner: olu-risk\nevidence:\n  BUS-2: { metrics: { threshold: ${threshold} } }\n  BUS-3: { file: reports/eval.md, metrics: { from: ../eval/final.json } }\n`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the CLI compares the trees too (check --base)', { timeout: 60_000 }, () => {
  it('--worktree: an evaluation renamed into place on disk (not yet added) with the bar lowered is a governance change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-gated-by-tree-'));
    dirs.push(dir);
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('policy.yml', THRESHOLD_POLICY);
    write('pilot/pilot-readiness.yml', thresholdManifest(0.7));
    write('pilot/reports/eval.md', '# Evaluation\n');
    write('eval/draft.json', '{ "margin_over_baseline": 0.01 }\n');
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'the pilot, its evaluation still a draft');
    // The evaluation renamed into the path the manifest names (a plain mv: git sees a deletion and an
    // untracked file), and the bar lowered with it.
    renameSync(join(dir, 'eval/draft.json'), join(dir, 'eval/final.json'));
    write('pilot/pilot-readiness.yml', thresholdManifest(0.6));
    const run = cli(
      ['check', 'pilot/pilot-readiness.yml', '--policy', 'policy.yml', '--now', NOW, '--format', 'json', '--worktree', '--base', 'main'],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.inputs.changed_files).toEqual(['eval/draft.json', 'eval/final.json', 'pilot/pilot-readiness.yml']);
    expect(report.governance_changes?.map((c) => [c.kind, c.from, c.to, c.approved])).toEqual([['threshold_changed', '0.7', '0.6', false]]);
    expect(report.decision).toBe('pending');
  });
});
