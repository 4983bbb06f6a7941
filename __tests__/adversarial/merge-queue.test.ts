// A merge queue's group that tries to pass the gate: a branch name that does not say which pull
// request it holds, a pull request that is not the one queued, a queued commit that differs from what
// was approved, a workflow the group changes. Each row runs the built Action on a merge_group payload
// against the fake GitHub and asserts that the queue's commit never gets a success it should not.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from '../e2e/run-action.js';
import {
  BASE,
  HEAD,
  MANIFEST,
  OWNER,
  PILOT_DIR,
  QUEUED,
  REPO,
  mergeGroupEvent,
  pilotFiles,
  pull,
  review,
  statuses,
  world,
} from '../e2e/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub;

const READY = { requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 1)] };
const WORKFLOW = '.github/workflows/pilot-readiness.yml';
const QUEUE = 'refs/heads/gh-readonly-queue/main';

interface Row {
  name: string;
  /** The group's head_ref; default: the queue's branch for PR #7. */
  headRef?: string | null;
  /** The pull request's base branch; default main, as the queue's. */
  prBase?: string;
  files?: string[];
  /** Files at the queue's commit; default: those of the pull request's head. */
  queued?: Record<string, string>;
  env?: Record<string, string>;
  expect: { state: 'success' | 'failure' | 'error'; exit: number; says?: string };
}

const evidence = `${PILOT_DIR}/docs/lineage.md`;
const withoutEvidence = Object.fromEntries(Object.entries(pilotFiles()).filter(([path]) => path !== evidence));

const ROWS: Row[] = [
  {
    name: 'a head_ref of another shape',
    headRef: `${QUEUE}/latest`,
    expect: { state: 'failure', exit: 1, says: 'so the pull request it holds cannot be known' },
  },
  { name: 'no head_ref at all', headRef: null, expect: { state: 'failure', exit: 1, says: 'cannot be known' } },
  {
    name: "a head_ref for another base branch than the group's base_ref",
    headRef: `refs/heads/gh-readonly-queue/release/pr-7-${BASE}`,
    expect: { state: 'failure', exit: 1, says: 'cannot be known' },
  },
  {
    name: 'a head_ref whose number is padded (pr-07)',
    headRef: `${QUEUE}/pr-07-${BASE}`,
    expect: { state: 'failure', exit: 1, says: 'cannot be known' },
  },
  {
    name: 'a head_ref that names a pull request that does not exist',
    headRef: `${QUEUE}/pr-99-${BASE}`,
    expect: { state: 'error', exit: 1 },
  },
  {
    name: 'the pull request targets another branch than the queue merges into',
    prBase: 'develop',
    expect: { state: 'error', exit: 1, says: 'the merge queue merges into main, but pull request #7 targets develop' },
  },
  {
    name: 'the queued commit lacks evidence the approved head has: the queue is judged, not the head',
    queued: withoutEvidence,
    expect: { state: 'failure', exit: 1, says: 'DR-1' },
  },
  {
    name: "the pull request changes a local action the gate's workflow may use",
    files: [MANIFEST, '.github/actions/setup/action.yml'],
    expect: { state: 'failure', exit: 1, says: 'changes .github/actions/setup/action.yml' },
  },
  {
    name: 'the runner did not say which workflow runs the gate (GITHUB_WORKFLOW_REF unset)',
    env: { GITHUB_WORKFLOW_REF: '' },
    expect: { state: 'failure', exit: 1, says: 'GITHUB_WORKFLOW_REF is not set' },
  },
  {
    name: 'control: a required workflow from the central repository; the PR edits its own workflow copy',
    files: [MANIFEST, WORKFLOW],
    env: { GITHUB_WORKFLOW_REF: `acme/ml-governance/.github/workflows/gate.yml@${'a'.repeat(40)}` },
    expect: { state: 'success', exit: 0 },
  },
];

describe('a merge queue group cannot pass the gate it should not (built Action, fake GitHub)', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const p = pull({ ...READY, files: row.files ?? [MANIFEST] });
    const head = { ...pilotFiles(), [WORKFLOW]: 'on: merge_group\n' };
    const spec = row.prBase ? { ...p, base: { sha: BASE, ref: row.prBase } } : p;
    gh = await startGitHub(world({ pulls: [spec], base: pilotFiles(), heads: { [HEAD]: head, [QUEUED]: row.queued ?? head } }));
    const payload = mergeGroupEvent(p, QUEUED, row.headRef ?? undefined) as { merge_group: Record<string, unknown> };
    if (row.headRef === null) delete payload.merge_group.head_ref;
    const run = await runAction({ gh, event: 'merge_group', payload, env: row.env ?? {} });

    expect(statuses(gh, QUEUED).map((s) => s.state)).toEqual([row.expect.state]);
    expect(statuses(gh, HEAD)).toEqual([]);
    expect(run.status).toBe(row.expect.exit);
    if (row.expect.says) expect(run.stdout).toContain(row.expect.says);
    expect(gh.comments(REPO, 7)).toEqual([]);
  });

  it('a payload without head_sha fails the run and writes no status anywhere', async () => {
    const p = pull(READY);
    gh = await startGitHub(world({ pulls: [p], heads: { [HEAD]: pilotFiles(), [QUEUED]: pilotFiles() } }));
    const payload = mergeGroupEvent(p) as { merge_group: Record<string, unknown> };
    delete payload.merge_group.head_sha;
    const run = await runAction({ gh, event: 'merge_group', payload });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('the merge_group payload names no head_sha');
    expect(run.requests).toEqual([]);
  });

  it('a merge_group action other than checks_requested ends with a notice, writing nothing', async () => {
    const p = pull(READY);
    gh = await startGitHub(world({ pulls: [p], heads: { [HEAD]: pilotFiles(), [QUEUED]: pilotFiles() } }));
    const payload = { ...mergeGroupEvent(p), action: 'destroyed' };
    const run = await runAction({ gh, event: 'merge_group', payload });
    expect(run.status).toBe(0);
    expect(run.annotations).toEqual([
      { level: 'notice', message: 'pilot-readiness: nothing to evaluate for merge_group.destroyed; nothing to do.' },
    ]);
    expect(run.requests).toEqual([]);
  });
});
