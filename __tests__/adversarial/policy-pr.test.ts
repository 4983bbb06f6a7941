// A pull request in the policy's own repository that loosens the policy: it does not pass on its own.
// Each row runs the built Action against the fake GitHub, the policy file at the base and the PR's
// proposal at the head, and asserts the status and where the loosenings are placed.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from '../e2e/run-action.js';
import { DEFAULT_POLICY_TEXT, HEAD, REPO, pull, pullRequestEvent, review, statuses, world } from '../e2e/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const POLICY = 'policies/pilot-readiness.yml';
const STRICT = DEFAULT_POLICY_TEXT.replace(/^name: default$/m, 'name: acme-strict').replace('window: 7d', 'window: 10d');
const WITH_OWNERS = STRICT.replace(/^tier_confirmed_by: legal$/m, 'tier_confirmed_by: legal\npolicy_owners: [gov-lead, acme/governance]');

interface Row {
  name: string;
  base: string;
  head: string;
  reviews?: Array<[string, 'APPROVED' | 'CHANGES_REQUESTED']>;
  author?: string;
  expect: { state: string; says?: string[]; lineIn?: string };
}

const ROWS: Row[] = [
  {
    name: 'replace a strict policy with extends: default, no policy owners named: failure',
    base: STRICT,
    head: 'version: 1\nname: acme-strict\nextends: default\n',
    expect: { state: 'failure', says: ['cannot pass here'], lineIn: POLICY },
  },
  {
    name: 'one-minute windows and required_for: [] with no policy owners: failure',
    base: STRICT,
    head: STRICT.replace('window: 14d', 'window: 1m').replace('window: 10d', 'window: 1m'),
    expect: { state: 'failure', says: ['loosens'] },
  },
  {
    name: 'a loosening with policy owners named, none approving: pending',
    base: WITH_OWNERS,
    head: WITH_OWNERS.replace('window: 10d', 'window: 7d'),
    reviews: [['dev-buddy', 'APPROVED']],
    expect: { state: 'pending', says: ['needs the approval of an owner of the policy'] },
  },
  {
    name: 'a loosening approved by a policy owner (login): success',
    base: WITH_OWNERS,
    head: WITH_OWNERS.replace('window: 10d', 'window: 7d'),
    reviews: [['gov-lead', 'APPROVED']],
    expect: { state: 'success', says: ['Approved by'] },
  },
  {
    name: 'a loosening approved by a member of the owning team: success',
    base: WITH_OWNERS,
    head: WITH_OWNERS.replace('window: 10d', 'window: 7d'),
    reviews: [['tia-gov', 'APPROVED']],
    expect: { state: 'success' },
  },
  {
    name: 'a loosening opened by a policy owner, approving their own PR (GitHub refuses it; a hostile answer could claim it): pending',
    base: WITH_OWNERS,
    head: WITH_OWNERS.replace('window: 10d', 'window: 7d'),
    author: 'gov-lead',
    reviews: [['gov-lead', 'APPROVED']],
    expect: { state: 'pending' },
  },
  {
    name: 'the PR adds itself to policy_owners and loosens in the same change: the base owners decide',
    base: WITH_OWNERS,
    head: WITH_OWNERS.replace(
      'policy_owners: [gov-lead, acme/governance]',
      'policy_owners: [gov-lead, acme/governance, dev-buddy]',
    ).replace('window: 10d', 'window: 7d'),
    reviews: [['dev-buddy', 'APPROVED']],
    expect: { state: 'pending', says: ['adds dev-buddy'] },
  },
  {
    name: 'control: a change that only tightens passes',
    base: STRICT,
    head: STRICT.replace('window: 10d', 'window: 12d'),
    expect: { state: 'success' },
  },
];

describe('a policy pull request that loosens does not pass on its own (built Action, fake GitHub)', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const p = pull({
      files: [POLICY],
      requestedDaysAgo: null,
      author: row.author,
      reviews: (row.reviews ?? []).map(([who, state]) => review(who, state, 0.5)),
    });
    const scenario = world({ pulls: [p], base: { [POLICY]: row.base }, heads: { [HEAD]: { [POLICY]: row.head } } });
    scenario.orgs = { acme: { teams: { governance: ['tia-gov'] } } };
    scenario.tokens = {
      'gh-token': {
        login: 'github-actions[bot]',
        permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write', members: 'read' },
      },
    };
    gh = await startGitHub(scenario);
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY } });
    expect(statuses(gh).at(-1)?.state).toBe(row.expect.state);
    if (row.expect.state !== 'success') expect(run.status).toBe(1);
    const comment = gh.comments(REPO, 7)[0]?.body ?? '';
    for (const text of row.expect.says ?? []) expect(comment).toContain(text);
    // Every location named is in the pull request's own file, never in the file it extends.
    const locations = [...comment.matchAll(/<sub>`+([^`]+):\d+:\d+`+<\/sub>/g)].map((m) => m[1]);
    for (const file of locations) expect(file).toBe(POLICY);
    if (row.expect.lineIn) expect(locations.length).toBeGreaterThan(0);
  });
});
