// A merge queue: GitHub's merge_group event (its own example payload, retargeted) runs the built
// Action, which judges the pull request the group holds at the queue's commit and writes the required
// status there, and only there: no comment, no review request, never a success it cannot vouch for.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from './run-action.js';
import {
  DEFAULT_POLICY_TEXT,
  HEAD,
  MANIFEST,
  OWNER,
  QUEUED,
  REPO,
  recordedLink,
  exampleManifest,
  mergeGroupEvent,
  pilotFiles,
  pull,
  reportOf,
  review,
  statuses,
  world,
  writes,
  type PullOptions,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub;

/** Legal consented by silence, security and the owner approved the pull request's head. */
const READY: PullOptions = { requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 1)] };
const WORKFLOW = '.github/workflows/pilot-readiness.yml';
const POLICY_PATH = '.github/pilot-readiness-policy.yml';
const STATUS_WRITE = 'POST /repos/{owner}/{repo}/statuses/{sha}';
/** The default policy with OPS-4 (support team trained, waivable) asked of the low tier too. */
const OPS4_FROM = '      - id: OPS-4\n        title: Support team trained\n';
const POLICY_TEXT = DEFAULT_POLICY_TEXT.replace(/(- id: OPS-4\n(?:.*\n)*?\s+required_for: )\[medium, high\]/, '$1[low, medium, high]');

/** The queue's commit holds what the pull request's head holds (its changes on an unchanged base). */
function queuedWorld(options: PullOptions, head = pilotFiles(), base = pilotFiles()) {
  return world({ pulls: [pull(options)], base, heads: { [HEAD]: head, [QUEUED]: head } });
}

describe('a pull request in the merge queue', () => {
  it('that is ready gets success on the queued commit, judged at that commit, with nothing written to the pull request', async () => {
    const p = pull(READY);
    gh = await startGitHub(queuedWorld(READY));
    const run = await runAction({ gh, event: 'merge_group', payload: mergeGroupEvent(p) });

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
    expect(statuses(gh, QUEUED)).toEqual([
      expect.objectContaining({
        state: 'success',
        context: 'pilot-readiness',
        description: '16/16 criteria · roles consulted · owner approved',
        target_url: expect.stringMatching(recordedLink()),
      }),
    ]);
    // The pull request's own head keeps its statuses; the queue waits on its commit only.
    expect(statuses(gh, HEAD)).toEqual([]);
    expect(writes(run)).toEqual([STATUS_WRITE]);
    expect(gh.comments(REPO, 7)).toEqual([]);
    // The files judged are the queue's commit; the sign-offs are the pull request's, on its head.
    expect(run.requests.some((r) => r.path.includes(`/git/trees/${QUEUED}`))).toBe(true);
    expect(run.requests.some((r) => r.path.includes(`/git/trees/${HEAD}`))).toBe(false);
    const report = reportOf(run);
    expect(report.inputs.facts?.head_sha).toBe(HEAD);
    expect(report.owner).toMatchObject({ login: OWNER, status: 'approved' });
    expect(run.summary).toContain(`Merge queue: commit \`${QUEUED.slice(0, 7)}\` holds PR #7`);
  });

  it('whose waiver expired since it was approved is not success on the queued commit', async () => {
    // A trusted policy (the base branch's) that asks OPS-4 of the low tier, so the low-risk pilot can waive it.
    expect(DEFAULT_POLICY_TEXT).toContain(OPS4_FROM);
    expect(POLICY_TEXT).not.toBe(DEFAULT_POLICY_TEXT);
    const policy = POLICY_TEXT;
    const expired = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const manifest = `${exampleManifest()}\nwaivers:\n  OPS-4:\n    reason: "The support rota is trained in the first week after launch."\n    expires: ${expired}\n    approved_by: security\n`;
    const head = { ...pilotFiles(manifest) };
    const p = pull(READY);
    gh = await startGitHub(queuedWorld(READY, head, { ...pilotFiles(), [POLICY_PATH]: policy }));
    const run = await runAction({ gh, event: 'merge_group', payload: mergeGroupEvent(p), with: { policy: POLICY_PATH } });

    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false' });
    const report = reportOf(run);
    expect(report.waivers).toEqual([expect.objectContaining({ criterion: 'OPS-4', status: 'expired' })]);
    expect(statuses(gh, QUEUED)).toEqual([expect.objectContaining({ state: 'failure' })]);
    expect(gh.comments(REPO, 7)).toEqual([]);
  });

  it("whose owner's approval was dismissed since is not success on the queued commit", async () => {
    const options: PullOptions = {
      requestedDaysAgo: 20,
      reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'DISMISSED', 1)],
    };
    const p = pull(options);
    gh = await startGitHub(queuedWorld(options));
    const run = await runAction({ gh, event: 'merge_group', payload: mergeGroupEvent(p) });

    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'pending', ready: 'false', blocking: 'owner' });
    expect(statuses(gh, QUEUED)).toEqual([expect.objectContaining({ state: 'pending', description: '16/16 criteria · awaiting owner' })]);
    // Nobody is asked from the queue: a review request would start a window on a PR already on its way in.
    expect(writes(run)).toEqual([STATUS_WRITE]);
  });

  it('whose head_ref names no pull request gets failure on the queued commit, never success', async () => {
    const p = pull(READY);
    gh = await startGitHub(queuedWorld(READY));
    const run = await runAction({
      gh,
      event: 'merge_group',
      payload: mergeGroupEvent(p, QUEUED, 'refs/heads/gh-readonly-queue/main/latest'),
    });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    expect(statuses(gh, QUEUED)).toEqual([
      expect.objectContaining({ state: 'failure', description: expect.stringMatching(/^merge queue: the merge queue's head_ref/) }),
    ]);
    expect(writes(run)).toEqual([STATUS_WRITE]);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining('so the pull request it holds cannot be known') }),
    );
  });

  it("that changes the gate's own workflow file fails on the queued commit: the queue runs the workflow from its merge commit", async () => {
    const options: PullOptions = { ...READY, files: [MANIFEST, WORKFLOW] };
    const p = pull(options);
    gh = await startGitHub(queuedWorld(options, { ...pilotFiles(), [WORKFLOW]: 'on: merge_group\n' }));
    const run = await runAction({ gh, event: 'merge_group', payload: mergeGroupEvent(p) });

    expect(run.status).toBe(1);
    expect(statuses(gh, QUEUED)).toEqual([
      expect.objectContaining({ state: 'failure', description: "the gate's own workflow file is changed by this pull request" }),
    ]);
    expect(run.stdout).toContain(`changes ${WORKFLOW}, the workflow file that runs the gate`);
    expect(gh.comments(REPO, 7)).toEqual([]);
  });
});
