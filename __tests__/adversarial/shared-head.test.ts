// One commit, one verdict: a commit status belongs to the commit, not to a pull request, and the latest
// status of a context wins. A second pull request with the same head, based on a branch its author
// pushed (so its diff is README.md alone), must not leave a success on the head of a real pull request
// that is not ready. Every row runs the built Action (dist/) against the fake GitHub, where open pull
// requests share a head and GraphQL's Commit.associatedPullRequests lists them as GitHub does.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import type { PullSpec, Scenario } from '../support/fake-github/scenario.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import {
  BASE,
  DEFAULT_POLICY_TEXT,
  HEAD,
  OWNER,
  REPO,
  daysAgo,
  pilotFiles,
  pull,
  pullRequestEvent,
  review,
  scheduleEvent,
  sha,
  statuses,
  world,
} from '../e2e/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

/** A branch the attacker pushed: the head's pilot as it is, so that the decoy's diff is README.md alone. */
const ATTACKER_BASE = sha('e', 1);
const ATTACKER_REF = 'mallory-base';
const RELEASE_BASE = sha('f', 1);
const RELEASE_REF = 'release/2.0';
const POLICY = '.github/pilot-readiness.yml';
const DEFAULT_GATED = 'base mallory-base is not a gated branch (gated: main (the default branch; the policy sets no branches))';

/** The real pull request to main: legal and security asked a day ago, so it waits on them. */
const waiting = (number = 12): PullSpec => pull({ number, requestedDaysAgo: 1 });
/** The real pull request to main, ready: legal consented by silence, security and the owner approved. */
const ready = (number = 12): PullSpec =>
  pull({ number, requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0.5)] });
/** A pull request from another branch at the same head commit, to `base`, whose diff is README.md. */
function decoy(number = 13, base: { sha: string; ref: string } = { sha: ATTACKER_BASE, ref: ATTACKER_REF }): PullSpec {
  const p = pull({ number, files: ['README.md'], requestedDaysAgo: null, author: 'mallory' });
  return { ...p, head: { sha: HEAD, ref: 'mallory-readme' }, base };
}

/** acme/models with the attacker's branch (and a release branch) beside main; `policy` on every branch when given. */
function scene(pulls: PullSpec[], policy?: string, attackerPolicy?: string): Scenario {
  const head = { ...pilotFiles(), 'README.md': '# models, now with a decoy\n' };
  const withPolicy = (files: Record<string, string>, text = policy) => (text ? { ...files, [POLICY]: text } : files);
  const s = world({ pulls, heads: { [HEAD]: withPolicy(head) }, base: withPolicy(pilotFiles()) });
  const repo = s.repos![REPO]!;
  repo.branches = { ...repo.branches, [ATTACKER_REF]: ATTACKER_BASE, [RELEASE_REF]: RELEASE_BASE };
  repo.files = {
    ...repo.files,
    [ATTACKER_BASE]: withPolicy(pilotFiles(), attackerPolicy ?? policy),
    [RELEASE_BASE]: withPolicy(pilotFiles()),
  };
  return s;
}

const gate = (p: PullSpec, policy?: string) =>
  runAction({ gh: gh!, event: 'pull_request', payload: pullRequestEvent('opened', p), ...(policy ? { with: { policy } } : {}) });
const sweep = () => runAction({ gh: gh!, event: 'schedule', payload: scheduleEvent() });
const last = () => statuses(gh!).at(-1);

/**
 * Runs the gate while pull request `number`, closed on the same head, is reopened between the read and
 * the re-check before success (that re-check waits a little, so the reopening lands first): no success.
 */
async function expectReopenedWhileJudged(s: Scenario, number: number, running: () => Promise<ActionRun>): Promise<void> {
  s.faults = [{ match: { operation: 'PullRequestFreshness' }, delay_ms: 1500 }];
  gh = await startGitHub(s);
  const run = running();
  while (gh.count({ operation: 'PullRequestFreshness' }) === 0) await new Promise((r) => setTimeout(r, 10));
  const reopened = gh.world.repo('acme', 'models')!.pulls.get(number)!;
  reopened.spec = { ...reopened.spec, state: 'open' };
  const done = await run;
  expect(done.status).toBe(1);
  expect(statuses(gh)).toEqual([]);
  expect(done.stdout).toContain('another open pull request with the same head commit');
}

describe('open pull requests sharing a head commit', () => {
  it('a decoy (README.md only, same head, base = the attacker’s branch) run after the real one leaves the head not success, naming the real one', async () => {
    gh = await startGitHub(scene([waiting(), decoy()]));
    await gate(waiting());
    expect(last()).toMatchObject({ state: 'pending' });
    const run = await gate(decoy());
    expect(run.outputs.decision).toBe('blocked');
    expect(last()).toMatchObject({ state: 'pending', description: expect.stringMatching(/^waiting on #12: 16\/16 criteria · /) });
    expect(statuses(gh).map((s) => s.state)).not.toContain('success');
  });

  it('a decoy whose last listed commit is not its head (GitHub lists 250 at most): the head’s pull requests are asked of the commit itself', async () => {
    const long = {
      ...decoy(),
      commits: [
        { sha: HEAD, at: daysAgo(2) },
        { sha: sha('c', 2), at: daysAgo(3) },
      ],
    };
    gh = await startGitHub(scene([waiting(), long]));
    await gate(long);
    expect(gh.count({ operation: 'HeadPullRequests' })).toBe(1);
    expect(last()).toMatchObject({ state: 'pending', description: expect.stringMatching(/^waiting on #12: /) });
  });

  it('a decoy alone, its branch holding a policy that does not load: failure for its base, not an error from its policy', async () => {
    gh = await startGitHub(scene([decoy()], DEFAULT_POLICY_TEXT, 'version: 1\nroles: nonsense\n'));
    await gate(decoy(), POLICY);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'failure', description: expect.stringContaining('base mallory-base is not a gated branch') }),
    ]);
  });

  it('a decoy whose own branch’s policy lists that branch: the gated branches come from the default branch’s policy', async () => {
    const own = `${DEFAULT_POLICY_TEXT}\nbranches: ['*']\n`;
    gh = await startGitHub(scene([decoy()], DEFAULT_POLICY_TEXT, own));
    await gate(decoy(), POLICY);
    expect(last()).toMatchObject({
      state: 'failure',
      description: expect.stringContaining('base mallory-base is not a gated branch (gated: main'),
    });
  });

  it.each([
    ['the real one first', waiting(12), decoy(13)],
    ['the decoy first', waiting(13), decoy(12)],
  ])('a sweep, %s: the head ends with the real one’s verdict, whichever is gated last', async (_order, real, fake) => {
    gh = await startGitHub(scene([real, fake]));
    const run = await sweep();
    expect(run.stderr).toBe('');
    expect(last()).toMatchObject({ state: 'pending', description: expect.stringContaining(`waiting on #${real.number}: `) });
    expect(statuses(gh).map((s) => s.state)).not.toContain('success');
    // Both were gated, each writing the same head verdict: the order of the runs cannot change it.
    expect(new Set(statuses(gh).map((s) => `${s.state} ${s.description}`)).size).toBe(1);
  });

  it('a pull request to main reopened on the head while the real one is judged: success is not written', async () => {
    const blocked = pull({ number: 13, files: ['README.md'], requestedDaysAgo: null, state: 'closed' });
    await expectReopenedWhileJudged(scene([ready(), { ...blocked, head: { sha: HEAD, ref: 'other' } }]), 13, () => gate(ready()));
  });

  it.each([
    [
      'cannot be read (3,001 changed files, past what GitHub lists)',
      { files: Array.from({ length: 3001 }, (_, i) => `docs/page-${i}.md`) },
      undefined,
    ],
    ['has a policy file that does not load on its own branch', {}, 'version: 1\nroles: nonsense\n'],
  ])('a decoy to an ungated base that %s does not hold back the real one, nor is read', async (_what, change, attackerPolicy) => {
    const heavy = { ...decoy(), ...change };
    gh = await startGitHub(scene([ready(), heavy], DEFAULT_POLICY_TEXT, attackerPolicy));
    const run = await gate(ready(), POLICY);
    expect(run.status).toBe(0);
    expect(last()).toMatchObject({ state: 'success', description: '#12 ready: 16/16 criteria · roles consulted · owner approved' });
    expect(run.requests.filter((r) => r.variables?.number === 13)).toEqual([]);
  });

  describe('a decoy that cannot be read (3,001 changed files, past what GitHub lists), whose base is decided apart', () => {
    const unreadable = (base?: { sha: string; ref: string }): PullSpec => ({
      ...decoy(13, base),
      files: Array.from({ length: 3001 }, (_, i) => `docs/page-${i}.md`),
    });

    it('to an ungated base, run after the real one: no error on the shared head, whose success stands', async () => {
      gh = await startGitHub(scene([ready(), unreadable()]));
      await gate(ready());
      expect(last()).toMatchObject({ state: 'success' });
      const run = await gate(unreadable());
      expect(run.status).toBe(1);
      expect(statuses(gh).map((s) => s.state)).toEqual(['success']);
      expect(run.stdout).toContain(`#13 could not be verified, and no status was written on ${HEAD.slice(0, 7)}: its ${DEFAULT_GATED}`);
    });

    it('to an ungated base, in every sweep: the head keeps the real one’s success, never an error', async () => {
      gh = await startGitHub(scene([ready(), unreadable()]));
      await sweep();
      await sweep();
      // A head others share carries no sweep record, so each sweep writes the real one's success again.
      expect(new Set(statuses(gh).map((s) => s.state))).toEqual(new Set(['success']));
    });

    it('control: to a gated base, the error is written as before', async () => {
      const policy = `${DEFAULT_POLICY_TEXT}\nbranches: [main, release/*]\n`;
      const toRelease = unreadable({ sha: RELEASE_BASE, ref: RELEASE_REF });
      gh = await startGitHub(scene([ready(), toRelease], policy));
      await gate(ready(), POLICY);
      const run = await gate(toRelease, POLICY);
      expect(run.status).toBe(1);
      expect(last()).toMatchObject({ state: 'error', description: expect.stringMatching(/^could not be verified: .*3001 files/) });
    });
  });

  it('a decoy to an ungated base, alone on its head: failure, saying which branches are gated', async () => {
    gh = await startGitHub(scene([decoy()]));
    const run = await gate(decoy());
    expect(run.status).toBe(1);
    expect(statuses(gh)).toEqual([expect.objectContaining({ state: 'failure', description: DEFAULT_GATED })]);
  });

  it('a decoy to an ungated base that edits the gate’s workflow (so its run’s inputs are its own) writes failure, not the real one’s success', async () => {
    const workflowEdit = { ...decoy(), files: ['.github/workflows/pilot-readiness.yml'] };
    gh = await startGitHub(scene([ready(), workflowEdit]));
    const run = await gate(workflowEdit);
    expect(run.status).toBe(1);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'failure', description: "the gate's own workflow file is changed by this pull request" }),
    ]);
  });

  it('a blocked real pull request is named by the decoy’s run: blocked by #12', async () => {
    const blocked = pull({ number: 12, requestedDaysAgo: 1, reviews: [review('kim-sec', 'CHANGES_REQUESTED', 0.5)] });
    gh = await startGitHub(scene([blocked, decoy()]));
    await gate(decoy());
    expect(last()).toMatchObject({ state: 'failure', description: expect.stringMatching(/^blocked by #12: /) });
  });

  describe('a head commit the default branch already holds (GitHub then lists no open pull request for it)', () => {
    const policy = `${DEFAULT_POLICY_TEXT}\nbranches: [main, 'release/*']\n`;
    const RELEASE_1 = sha('f', 2);
    const RELEASE_2 = sha('f', 3);
    /** A: main's tip into release/1, which has no pilot yet, so A brings the pilot in and waits on its roles. */
    const bringsPilot = (): PullSpec => ({ ...waiting(12), base: { sha: RELEASE_1, ref: 'release/1' } });
    /** B: main's tip into release/2, which differs in README.md alone: it touches no pilot and is ready. */
    const readmeOnly = (state: 'open' | 'closed' = 'open'): PullSpec => ({
      ...pull({ number: 13, files: ['README.md'], requestedDaysAgo: null, author: 'mallory', state }),
      head: { sha: HEAD, ref: 'main' },
      base: { sha: RELEASE_2, ref: 'release/2' },
    });
    /** main's tip is the shared head, a merge commit whose first parent main held before. */
    function onMain(pulls: PullSpec[]): Scenario {
      const head = { ...pilotFiles(), 'README.md': '# models\n', [POLICY]: policy };
      const s = world({ pulls, heads: { [HEAD]: head }, base: head });
      const repo = s.repos![REPO]!;
      repo.branches = { main: HEAD, 'release/1': RELEASE_1, 'release/2': RELEASE_2 };
      repo.commits = { [HEAD]: { parents: [BASE] } };
      repo.files = {
        ...repo.files,
        [RELEASE_1]: { 'README.md': '# models\n', [POLICY]: policy },
        [RELEASE_2]: { ...head, 'README.md': '# models, older\n' },
      };
      return s;
    }

    it('B’s run finds A through the open pull requests and writes A’s verdict, not success', async () => {
      gh = await startGitHub(onMain([bringsPilot(), readmeOnly()]));
      const run = await gate(readmeOnly(), POLICY);
      expect(run.outputs.decision).toBe('ready');
      expect(statuses(gh)).toEqual([
        expect.objectContaining({ state: 'pending', description: expect.stringMatching(/^waiting on #12: /) }),
      ]);
      expect(gh.count({ operation: 'OpenHeadPullRequests' })).toBe(1);
    });

    it('A reopened while B is judged: the re-check before success finds it through the open pull requests', async () => {
      await expectReopenedWhileJudged(onMain([{ ...bringsPilot(), state: 'closed' }, readmeOnly()]), 12, () => gate(readmeOnly(), POLICY));
    });

    it('control: B alone on main’s tip passes', async () => {
      gh = await startGitHub(onMain([readmeOnly()]));
      const run = await gate(readmeOnly(), POLICY);
      expect(run.status).toBe(0);
      expect(statuses(gh)).toEqual([expect.objectContaining({ state: 'success' })]);
    });
  });

  // ------------------------------------------------------------ controls
  it('control: one pull request alone to main behaves as before (ready: success, its own description)', async () => {
    gh = await startGitHub(scene([ready()]));
    const run = await gate(ready());
    expect(run.status).toBe(0);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'success', description: '16/16 criteria · roles consulted · owner approved' }),
    ]);
  });

  it('control: two pull requests sharing a head, both to gated branches and both ready: success', async () => {
    const policy = `${DEFAULT_POLICY_TEXT}\nbranches: [main, release/*]\n`;
    const second = decoy(13, { sha: RELEASE_BASE, ref: RELEASE_REF });
    gh = await startGitHub(scene([ready(), second], policy));
    const run = await gate(second, POLICY);
    expect(run.status).toBe(0);
    expect(last()).toMatchObject({
      state: 'success',
      description: '#12, #13 ready: 16/16 criteria · roles consulted · owner approved',
    });
  });

  it('control: a pull request to a branch the policy lists can succeed', async () => {
    const policy = `${DEFAULT_POLICY_TEXT}\nbranches: [main, release/*]\n`;
    const toRelease = decoy(13, { sha: RELEASE_BASE, ref: RELEASE_REF });
    gh = await startGitHub(scene([toRelease], policy));
    const run = await gate(toRelease, POLICY);
    expect(run.status).toBe(0);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'success', description: 'no pilot manifest (**/pilot-readiness.yml) touched' }),
    ]);
  });
});
