// Where the trusted policy is read, and who governs it: a re-run replays an old payload (its base.sha
// held a looser policy), a central policy is changed by a pull request in its own repository, and the
// central policy's file is named like a manifest. Each row runs the built Action against the fake
// GitHub and asserts the decision written as the commit status.
import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { Scenario } from '../support/fake-github/scenario.js';
import { runAction } from '../e2e/run-action.js';
import {
  BASE,
  DEFAULT_POLICY_TEXT,
  HEAD,
  MANIFEST,
  OWNER,
  QUEUED,
  REPO,
  pilotFiles,
  pull,
  mergeGroupEvent,
  pullRequestEvent,
  reportOf,
  review,
  sha,
  shownText,
  statuses,
  world,
} from '../e2e/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const STRICT = DEFAULT_POLICY_TEXT.replace(/^name: default$/m, 'name: acme-strict').replace('window: 7d', 'window: 10d');
/** One-day windows: silence since a request three days old would count as consent. */
const LOOSE = STRICT.replace(/^name: acme-strict$/m, 'name: acme-loose')
  .replace('window: 14d', 'window: 1d')
  .replace('window: 10d', 'window: 1d');
const WITH_OWNERS = STRICT.replace(/^tier_confirmed_by: legal$/m, 'tier_confirmed_by: legal\npolicy_owners: [gov-lead, acme/governance]');

/** The token the README asks for, with members: read so that a policy's owning team can be read. */
const TOKENS: Scenario['tokens'] = {
  'gh-token': {
    login: 'github-actions[bot]',
    permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write', members: 'read' },
  },
};

describe('a re-run is judged by the policy of the base as it stands now (built Action, fake GitHub)', () => {
  const POLICY = '.github/pilot-readiness-policy.yml';
  /** The base before the policy was tightened: the commit an old run's payload names. */
  const BEFORE = sha('e', 1);

  const ROWS = [
    {
      name: "the payload's base.sha holds the looser policy, GitHub's pull request the tightened base",
      pullBase: BASE,
    },
    {
      // GitHub's baseRefOid trails the branch: it may still name the commit from before the tightening.
      name: "the payload's base.sha and GitHub's baseRefOid both hold the looser policy; the branch has moved on",
      pullBase: BEFORE,
    },
  ];

  it.each(ROWS.map((r) => [r.name, r] as const))('%s: pending under the tightened policy', async (_name, row) => {
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)] });
    const scenario = world({ pulls: [{ ...p, base: { sha: row.pullBase, ref: 'main' } }], base: { ...pilotFiles(), [POLICY]: STRICT } });
    const models = scenario.repos?.[REPO];
    if (!models?.files) throw new Error('the scenario has no acme/models files');
    models.files[BEFORE] = { ...pilotFiles(), [POLICY]: LOOSE };
    gh = await startGitHub(scenario);
    // The re-run replays the old run's payload as it was.
    const payload = pullRequestEvent('synchronize', { ...p, base: { sha: BEFORE, ref: 'main' } });
    const run = await runAction({ gh, event: 'pull_request', payload, with: { policy: POLICY } });

    // Under the one-day windows legal's and security's silence would have counted: ready.
    expect(statuses(gh).at(-1)?.state).toBe('pending');
    expect(run.outputs).toMatchObject({ decision: 'pending', blocking: 'legal,security' });
    expect(reportOf(run).policy).toMatchObject({ name: 'acme-strict', source: POLICY });
  });
});

describe("a merge queue's commit is judged by the policy of its parent, what the group merges into (built Action, fake GitHub)", () => {
  const POLICY = '.github/pilot-readiness-policy.yml';

  it("control: the queue's parent holds the tightened policy while the branch's tip (say, a force-push) holds a looser one: pending", async () => {
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)] });
    const tip = sha('e', 2);
    const scenario = world({
      pulls: [p],
      base: { ...pilotFiles(), [POLICY]: STRICT },
      heads: { [HEAD]: pilotFiles(), [QUEUED]: pilotFiles() },
    });
    const models = scenario.repos?.[REPO];
    if (!models?.files) throw new Error('the scenario has no acme/models files');
    models.files[tip] = { ...pilotFiles(), [POLICY]: LOOSE };
    models.branches = { main: tip };
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'merge_group', payload: mergeGroupEvent(p), with: { policy: POLICY } });

    expect(statuses(gh, QUEUED).at(-1)?.state).toBe('pending');
    expect(reportOf(run).policy).toMatchObject({ name: 'acme-strict' });
    const facts = run.requests.find((r) => r.operation === 'PullRequestFacts');
    expect(facts?.variables?.f0).toBe(`${BASE}:${POLICY}`);
    expect(facts?.variables?.b0).toBeUndefined();
  });
});

describe('which base branches are gated is read on the default branch, and its absence said there (built Action, fake GitHub)', () => {
  const POLICY = '.github/pilot-readiness-policy.yml';
  const RELEASE = sha('f', 1);

  it('a pull request to a release branch whose policy lists itself, the default branch holding no policy: an error naming the default branch', async () => {
    const p = { ...pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] }), base: { sha: RELEASE, ref: 'release/2.0' } };
    const scenario = world({ pulls: [p], base: pilotFiles() });
    const models = scenario.repos?.[REPO];
    if (!models?.files) throw new Error('the scenario has no acme/models files');
    models.files[RELEASE] = { ...pilotFiles(), [POLICY]: `${STRICT}\nbranches: [main, 'release/*']\n` };
    models.branches = { main: BASE, 'release/2.0': RELEASE };
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY } });

    const advice = `input policy: ${POLICY} does not exist on the default branch, main. Which base branches the gate counts is read from the default branch's policy, never from a pull request or its base branch; merge it to main first, or use policy: default`;
    expect(run.status).toBe(1);
    expect(run.annotations.map((a) => `${a.level}: ${a.message}`)).toEqual([`error: ${advice}`, `error: pilot-readiness: ${advice}`]);
    // The release branch holds the file: saying it does not exist on the base branch would mislead.
    expect(statuses(gh).map((s) => [s.state, s.description?.split('. ')[0]])).toEqual([
      ['error', `could not be verified: input policy: ${POLICY} does not exist on the default branch, main`],
    ]);
  });
});

/** A gate pinned to a central policy that lives in the repository of the pull request. */
function centralWorld(path: string, base: string, head: string, options: { reviews?: Array<[string, 'APPROVED']>; files?: string[] } = {}) {
  const p = pull({
    files: options.files ?? [path],
    requestedDaysAgo: null,
    reviews: (options.reviews ?? []).map(([who, state]) => review(who, state, 0.5)),
  });
  const scenario = world({ pulls: [p], base: { ...pilotFiles(), [path]: base }, heads: { [HEAD]: { ...pilotFiles(), [path]: head } } });
  scenario.orgs = { acme: { teams: { governance: ['tia-gov'] } } };
  scenario.tokens = TOKENS;
  return { p, scenario, policy: `${REPO}/${path}@${BASE}` };
}

describe('a pull request to the central policy in its own repository needs a policy owner to loosen it (built Action, fake GitHub)', () => {
  // Not named like a manifest, so that only the policy review decides.
  const CENTRAL = 'governance/pilot-policy.yml';

  const ROWS: Array<{ name: string; base: string; head: string; reviews?: Array<[string, 'APPROVED']>; state: string; says?: string }> = [
    {
      name: 'a loosening when the base names no policy owners: failure',
      base: STRICT,
      head: STRICT.replace('window: 10d', 'window: 7d'),
      state: 'failure',
      says: 'loosens',
    },
    {
      name: 'a loosening with policy owners named, none approving: pending',
      base: WITH_OWNERS,
      head: WITH_OWNERS.replace('window: 10d', 'window: 7d'),
      reviews: [['dev-buddy', 'APPROVED']],
      state: 'pending',
      says: 'needs the approval of an owner of the policy',
    },
    {
      name: 'a loosening approved by a member of the owning team: success',
      base: WITH_OWNERS,
      head: WITH_OWNERS.replace('window: 10d', 'window: 7d'),
      reviews: [['tia-gov', 'APPROVED']],
      state: 'success',
      says: 'Approved by',
    },
    {
      name: 'control: a change that only tightens passes without an owner',
      base: WITH_OWNERS,
      head: WITH_OWNERS.replace('window: 10d', 'window: 12d'),
      state: 'success',
    },
  ];

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const { p, scenario, policy } = centralWorld(CENTRAL, row.base, row.head, row.reviews ? { reviews: row.reviews } : {});
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy } });
    expect(statuses(gh).at(-1)?.state).toBe(row.state);
    if (row.state !== 'success') expect(run.status).toBe(1);
    if (row.says) expect(shownText(gh.comments(REPO, 7)[0]?.body ?? '')).toContain(row.says);
  });

  it('the owners are those of the base version, not of the older pinned commit: pending', async () => {
    // The pinned commit named dev-buddy as its owner; the base branch has since named others: they decide.
    const pinned = sha('d', 2);
    const { p, scenario } = centralWorld(CENTRAL, WITH_OWNERS, WITH_OWNERS.replace('window: 10d', 'window: 7d'), {
      reviews: [['dev-buddy', 'APPROVED']],
    });
    const models = scenario.repos?.[REPO];
    if (!models?.files) throw new Error('the scenario has no acme/models files');
    models.files[pinned] = {
      ...pilotFiles(),
      [CENTRAL]: STRICT.replace(/^tier_confirmed_by: legal$/m, 'tier_confirmed_by: legal\npolicy_owners: [dev-buddy]'),
    };
    gh = await startGitHub(scenario);
    const run = await runAction({
      gh,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', p),
      with: { policy: `${REPO}/${CENTRAL}@${pinned}` },
    });
    expect(run.status).toBe(1);
    expect(statuses(gh).at(-1)?.state).toBe('pending');
    expect(shownText(gh.comments(REPO, 7)[0]?.body ?? '')).toContain('gov-lead');
  });
});

describe('the central policy at policies/pilot-readiness.yml is never a manifest (built Action, fake GitHub)', () => {
  const CENTRAL = 'policies/pilot-readiness.yml';
  /** A pull request that edits only a note beside the policy, in the policy's folder. */
  const besideThePolicy = () => {
    const world = centralWorld(CENTRAL, STRICT, STRICT, { files: ['policies/README.md'] });
    const head = world.scenario.repos?.[REPO]?.files?.[HEAD];
    if (!head || typeof head !== 'object') throw new Error('the scenario has no head files');
    (head as Record<string, string>)['policies/README.md'] = 'How the organisation policy is changed.\n';
    return world;
  };

  it('a pull request beside it, under the default manifest pattern: no pilot touched, success', async () => {
    const { p, scenario, policy } = besideThePolicy();
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy } });
    expect(run.status).toBe(0);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success', description: expect.stringContaining('no pilot manifest') });
  });

  it('under a narrower manifest pattern it is not a manifest the pattern misses either: success', async () => {
    const { p, scenario, policy } = besideThePolicy();
    gh = await startGitHub(scenario);
    const run = await runAction({
      gh,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', p),
      with: { policy, manifest: 'pilots/**/pilot-readiness.yml' },
    });
    expect(run.status).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success', description: expect.stringContaining('no pilot manifest') });
  });

  it('a pull request that tightens it is reviewed as a policy change, not read as a manifest: success', async () => {
    const { p, scenario, policy } = centralWorld(CENTRAL, STRICT, STRICT.replace('window: 10d', 'window: 12d'));
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy } });
    expect(run.status).toBe(0);
    expect(statuses(gh).at(-1)?.state).toBe('success');
    expect(shownText(gh.comments(REPO, 7)[0]?.body ?? '')).toContain(CENTRAL);
  });

  it('a pilot pull request in that repository gates the pilot alone', async () => {
    const { p, scenario, policy } = centralWorld(CENTRAL, STRICT, STRICT, {
      files: [MANIFEST],
      reviews: [[OWNER, 'APPROVED']],
    });
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy } });
    expect(run.outputs).toMatchObject({ decision: 'pending' });
    expect(reportOf(run).manifest.path).toBe(MANIFEST);
  });
});

describe('an organisation layer over default names its own policy owners, and they govern its changes (built Action, fake GitHub)', () => {
  const POLICY = '.github/pilot-readiness-policy.yml';
  const LAYER = 'version: 1\nextends: default\nname: acme\npolicy_owners: [gov-lead, acme/governance]\nmax_waiver_total: 120d\n';
  /** The cap on waivers across renewals dropped: a loosening of the layer, which default allows. */
  const UNCAPPED = LAYER.replace('max_waiver_total: 120d\n', '');

  const ROWS: Array<{ name: string; reviews: Array<[string, 'APPROVED']>; state: string; says: string }> = [
    { name: 'its loosening, no owner approving: pending', reviews: [['dev-buddy', 'APPROVED']], state: 'pending', says: 'gov-lead' },
    {
      name: 'its loosening approved by an owner it names: success',
      reviews: [['gov-lead', 'APPROVED']],
      state: 'success',
      says: 'Approved by',
    },
  ];

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const p = pull({ files: [POLICY], requestedDaysAgo: null, reviews: row.reviews.map(([who, state]) => review(who, state, 0.5)) });
    const scenario = world({
      pulls: [p],
      base: { ...pilotFiles(), [POLICY]: LAYER },
      heads: { [HEAD]: { ...pilotFiles(), [POLICY]: UNCAPPED } },
    });
    scenario.orgs = { acme: { teams: { governance: ['tia-gov'] } } };
    scenario.tokens = TOKENS;
    gh = await startGitHub(scenario);
    await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY } });
    expect(statuses(gh).at(-1)?.state).toBe(row.state);
    const comment = shownText(gh.comments(REPO, 7)[0]?.body ?? '');
    expect(comment).toContain('max_waiver_total');
    expect(comment).toContain(row.says);
  });
});
