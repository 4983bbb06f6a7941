// A success must not outlive the policy it was judged by. The policy is read at the base branch's tip,
// which GitHub's baseRefOid (the base commit a sweep record holds) trails: a policy tightened on the
// base used to leave a success recorded as "unchanged" standing for up to a day, and one tightened
// between the read and the write was written all the same. Each row runs the built Action against
// the fake GitHub and asserts the commit status left on the head.
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import {
  BASE,
  DEFAULT_POLICY_TEXT,
  HEAD,
  OWNER,
  REPO,
  pilotFiles,
  pull,
  pullRequestEvent,
  review,
  scheduleEvent,
  sha,
  statuses,
  world,
} from '../e2e/scenario.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { PullSpec, Scenario } from '../support/fake-github/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const POLICY = '.github/pilot-readiness-policy.yml';
/** Windows of 14 and 7 days: legal's and security's silence since a request 20 days old is consent. */
const LOOSE = DEFAULT_POLICY_TEXT.replace(/^name: default$/m, 'name: acme');
/** Windows of 30 days: the same silence is not consent yet. */
const TIGHT = LOOSE.replace('window: 14d', 'window: 30d').replace('window: 7d', 'window: 30d');
/** Where the base branch moves after the first run; the pull request's baseRefOid still names BASE. */
const TIP = sha('e', 3);
const READY = { requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] };

function policyWorld(pulls: PullSpec[], policy = LOOSE): Scenario {
  return world({ pulls, base: { ...pilotFiles(), [POLICY]: policy }, heads: { [HEAD]: pilotFiles() } });
}

/** A new commit on `branch` (GitHub's baseRefOid of its pull requests does not follow at once). */
function moveBranch(gh: FakeGitHub, branch: string, files: Record<string, string>): void {
  const repo = gh.world.repo('acme', 'models');
  if (!repo) throw new Error('no repository');
  repo.spec = { ...repo.spec, branches: { ...repo.spec.branches, [branch]: TIP }, files: { ...repo.spec.files, [TIP]: files } };
}

const sweep = (gh: FakeGitHub) => runAction({ gh, event: 'schedule', payload: scheduleEvent(), with: { policy: POLICY } });
const judged = (run: ActionRun) => run.requests.filter((r) => r.operation === 'PullRequestFacts').map((r) => r.variables?.number);

describe('a sweep after the policy changed on the base branch (built Action, fake GitHub)', () => {
  it('the policy tightened on main after the success: the pull request is judged again and the success replaced, though its baseRefOid has not moved', {
    timeout: 60_000,
  }, async () => {
    gh = await startGitHub(policyWorld([pull(READY)]));
    expect((await sweep(gh)).status).toBe(0);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
    moveBranch(gh, 'main', { ...pilotFiles(), [POLICY]: TIGHT });

    const run = await sweep(gh);
    expect(judged(run)).toEqual([7]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'pending', description: expect.stringContaining('legal') });
    expect(run.outputs).toMatchObject({ decision: 'pending', blocking: 'legal,security' });
  });

  it("main's policy no longer gates release/*: a success on a pull request to release/1 is judged again and fails", {
    timeout: 60_000,
  }, async () => {
    const release = sha('e', 4);
    const gating = `${LOOSE}\nbranches: [main, "release/*"]\n`;
    const p = { ...pull(READY), base: { sha: release, ref: 'release/1' } };
    const scenario = policyWorld([p], gating);
    const models = scenario.repos?.[REPO];
    if (!models?.files) throw new Error('the scenario has no acme/models files');
    models.files[release] = { ...pilotFiles(), [POLICY]: gating };
    models.branches = { main: BASE, 'release/1': release };
    gh = await startGitHub(scenario);
    expect((await sweep(gh)).status).toBe(0);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
    // Only main's policy says which bases are gated: release/1 itself is left as it was.
    moveBranch(gh, 'main', { ...pilotFiles(), [POLICY]: `${LOOSE}\nbranches: [main]\n` });

    const run = await sweep(gh);
    expect(judged(run)).toEqual([7]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'failure', description: expect.stringContaining('release/1') });
  });

  it('control: main moves on and its policy does not change: nothing is due (a push to the base ends no record)', {
    timeout: 60_000,
  }, async () => {
    gh = await startGitHub(policyWorld([pull(READY)]));
    await sweep(gh);
    moveBranch(gh, 'main', { ...pilotFiles(), [POLICY]: LOOSE, 'README.md': '# models\n' });
    const run = await sweep(gh);
    expect(run.requests.map((r) => r.operation)).toEqual(['OpenPullRequests', 'Viewer']);
    expect(statuses(gh)).toHaveLength(1);
  });
});

describe('the policy tightened on main between the read and the status write (built Action, fake GitHub)', () => {
  it('no success is written, and the next run judges by the tightened policy', { timeout: 60_000 }, async () => {
    const p = pull(READY);
    gh = await startGitHub(policyWorld([p]));
    const fake = gh;
    // The re-check before a success is written waits a moment: time for the policy change to land.
    fake.fault({ match: { operation: 'PullRequestFreshness' }, delay_ms: 1500 });
    const running = runAction({ gh: fake, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY } });
    const deadline = Date.now() + 10_000;
    while (!fake.requests.some((r) => r.operation === 'PullRequestFacts') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    moveBranch(fake, 'main', { ...pilotFiles(), [POLICY]: TIGHT });
    const run = await running;

    expect(run.outputs.decision).toBe('ready');
    expect(statuses(fake)).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`the policy ${POLICY} changed on main or the default branch while the pull request was evaluated`);
    const next = await runAction({
      gh: fake,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', p),
      with: { policy: POLICY },
    });
    expect(next.outputs.decision).toBe('pending');
    expect(statuses(fake).at(-1)?.state).toBe('pending');
  });
});
