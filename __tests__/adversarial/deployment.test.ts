// The deploy-time gate against a GitHub (or an attestation) that lies: each row is a commit, a world
// that says something about it, and the refusal the gate must give. Nothing here may come out ready.
import { describe, expect, it } from 'vitest';
import { buildStatement, type Statement } from '../../src/core/attestation.js';
import { verifyDeployment } from '../../src/flow/verify-deployment.js';
import type { AttestationVerifier } from '../../src/flow/ports.js';
import type { Scenario } from '../support/fake-github/scenario.js';
import { fakeClient } from '../support/fake-github/client.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { BASE, HEAD, REPO, daysAgo, sha } from '../e2e/scenario.js';
import { MERGED, POLICY_PATH, deployWorld, mergedPull, remindedWorld } from '../deploy/world.js';

const startGitHub = fakeGitHubPerTest();
const options = { policy: 'default', manifest: '**/pilot-readiness.yml', now: new Date() };

/** Pull request #n in acme/models, open (never merged), holding the merged commit. */
function openPull(number: number) {
  const p = { ...mergedPull(), number, state: 'open' as const, head: { sha: sha('c', number), ref: `topic-${number}` } };
  delete p.merged_at;
  delete p.merge_commit_sha;
  return p;
}

/** A CommitPullRequests answer that lists `nodes` for the merged commit (served in place of GitHub's). */
function listing(nodes: object[]): Scenario['faults'] {
  const answer = {
    data: {
      repository: { object: { __typename: 'Commit', oid: MERGED, parents: { nodes: [{ oid: BASE }] }, associatedPullRequests: { nodes } } },
    },
  };
  return [{ match: { operation: 'CommitPullRequests' }, respond: { status: 200, body: answer } }];
}
const claim = (number: number, extra: object = {}) => ({
  number,
  merged: true,
  mergedAt: daysAgo(0.5),
  mergeCommit: { oid: MERGED },
  baseRepository: { nameWithOwner: REPO },
  ...extra,
});

const ROWS: Array<{ name: string; scenario: () => Scenario; contract?: false; reason: RegExp }> = [
  {
    name: 'a pull request that claims another pull request’s merge commit',
    scenario: () => deployWorld({ pulls: [mergedPull(), { ...mergedPull(), number: 8, head: { sha: sha('c', 8), ref: 'copycat' } }] }),
    reason: /^pull requests #7 and #8 all claim d1d1d1d1d1d1 as their merge commit; the gate cannot tell which produced it$/,
  },
  {
    name: 'a list naming only an unmerged pull request that holds the commit',
    scenario: () => deployWorld({ pulls: [mergedPull(), openPull(9)], associated: { [MERGED]: [9] } }),
    reason: /was not produced by a merged pull request of acme\/models: .* \(#9 holds this commit but is not merged\)$/,
  },
  {
    name: "a list naming another repository's pull request merged as the commit",
    scenario: () =>
      deployWorld({
        associated: { [MERGED]: ['evil/models#7'] },
        extraRepos: { 'evil/models': { ...deployWorld().repos!['acme/models']! } },
      }),
    reason: /\(#7 of evil\/models is not a pull request of acme\/models\)$/,
  },
  {
    name: 'a list claiming a merge that the pull request’s own record denies',
    scenario: () => deployWorld({ pulls: [mergedPull(), openPull(9)], faults: listing([claim(9)]) }),
    contract: false,
    reason: /^GitHub lists #9 as merged into d1d1d1d1d1d1, but #9's own record disagrees \(#9 holds this commit but is not merged\)$/,
  },
  {
    name: 'a list claiming a merge at another instant than the pull request’s own record',
    scenario: () => deployWorld({ faults: listing([claim(7, { mergedAt: daysAgo(40) })]) }),
    contract: false,
    reason: /^GitHub lists #7 as merged into d1d1d1d1d1d1, but #7's own record disagrees \(merged at /,
  },
  {
    name: 'a list whose pull request has no base repository',
    scenario: () => deployWorld({ faults: listing([claim(7, { baseRepository: null })]) }),
    contract: false,
    reason: /\(#7 of an unknown repository is not a pull request of acme\/models\)$/,
  },
  {
    name: "a rebase merge of several commits: the first parent is the pull request's own (its policy is not the base's)",
    scenario: () => deployWorld({ associated: { [BASE]: [7] } }),
    reason: /^commit d1d1d1d1d1d1's first parent \w{12} belongs to #7 itself \(a rebase merge of several commits\)/,
  },
  {
    name: 'a merged pull request whose merge commit is a root commit (no base to read the policy at)',
    scenario: () => {
      const s = deployWorld();
      s.repos!['acme/models']!.commits![MERGED] = { parents: [] };
      return s;
    },
    reason: /^commit d1d1d1d1d1d1 has no parent, so the base it merged into \(and its trusted policy\) cannot be read$/,
  },
];

describe('the deploy-time gate refuses a commit GitHub vouches for falsely', () => {
  it.each(ROWS)('$name', async ({ scenario, contract, reason }) => {
    const gh = await startGitHub(scenario(), contract === false ? { checkContract: false } : {});
    const verdict = await verifyDeployment(fakeClient(gh, { token: 'gh-token' }), { owner: 'acme', repo: 'models', sha: MERGED }, options);
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons).toEqual([expect.stringMatching(reason)]);
  });
});

// Silence that needs the gate's reminder counts at deploy time only on a reminder the token itself
// posted by the merge, and only once its notice had run by then: each row tries to make it count otherwise.
const REMINDER_ROWS: Array<{ name: string; comments: Array<{ user: string; daysAgo: number }>; token?: string; reason: RegExp }> = [
  {
    name: 'a reminder posted after the merge, to make the silence before it count',
    comments: [{ user: 'github-actions[bot]', daysAgo: 0.2 }],
    reason: /\(legal's reminder was posted at \S+, after the merge\)/,
  },
  {
    name: 'a reminder posted before the merge, but too late for its notice to run out by then',
    comments: [{ user: 'github-actions[bot]', daysAgo: 1 }],
    reason: /^churn-forecast: no ready decision at the merge of #7 \(.*\): pending \(legal\)$/,
  },
  {
    name: "another app's comment carrying the reminder's marker",
    comments: [{ user: 'other-app[bot]', daysAgo: 7.5 }],
    reason: /\(a reminder for legal was posted by other-app\[bot\], which is not this token's bot account\)/,
  },
  {
    name: "the pull request's author pasting the reminder's marker",
    comments: [{ user: 'dev-lin', daysAgo: 7.5 }],
    reason:
      /and this token's bot account posted none on #7 by its merge; verify the deployment with the same token or GitHub App that gates the pull requests/,
  },
  {
    name: "the pull request's author pasting the marker, then verifying with their own token (GitHub marks it as the token's own)",
    comments: [{ user: 'dev-lin', daysAgo: 7.5 }],
    token: 'author-pat',
    reason: /\(a reminder for legal was posted by dev-lin, which is not this token's bot account\)/,
  },
  {
    name: "a token of another account than the gate's, reading the gate's genuine reminder as its own",
    comments: [{ user: 'github-actions[bot]', daysAgo: 7.5 }],
    token: 'release-pat',
    reason: /\(a reminder for legal was posted by github-actions\[bot\], which is not this token's bot account\)/,
  },
];

describe("the deploy-time gate does not let silence count on a reminder that is not the gate's own by the merge", () => {
  it.each(REMINDER_ROWS)('$name', async ({ comments, token, reason }) => {
    const scenario = remindedWorld(comments);
    scenario.tokens = {
      ...scenario.tokens,
      'release-pat': { login: 'rel-eng', permissions: { contents: 'read', pull_requests: 'read' } },
      'author-pat': { login: 'dev-lin', app: false, permissions: { contents: 'read', pull_requests: 'read' } },
    };
    const gh = await startGitHub(scenario);
    const reminding = { ...options, policy: POLICY_PATH };
    const verdict = await verifyDeployment(
      fakeClient(gh, { token: token ?? 'gh-token' }),
      { owner: 'acme', repo: 'models', sha: MERGED },
      reminding,
    );
    expect(verdict.decision).toBe('blocked');
    expect(verdict.atMerge.map((r) => r.roles.find((role) => role.role === 'legal')?.status)).toEqual(['pending']);
    expect(verdict.reasons).toContainEqual(expect.stringMatching(reason));
    // The control: the gate's own reminder, posted when due, lets the same silence count.
    const control = await startGitHub(remindedWorld([{ user: 'github-actions[bot]', daysAgo: 7.5 }]));
    expect(
      (await verifyDeployment(fakeClient(control, { token: 'gh-token' }), { owner: 'acme', repo: 'models', sha: MERGED }, reminding))
        .decision,
    ).toBe('ready');
  });
});

describe('the deploy-time gate refuses a forged attestation', () => {
  const trusting = (statement: unknown): AttestationVerifier => ({ verify: async () => ({ ok: true, statement }) });
  const FORGERIES: Array<[string, (s: Statement) => unknown, RegExp]> = [
    [
      'naming another commit',
      (s) => ({ ...s, subject: [{ name: 'x', digest: { gitCommit: sha('f', 9) } }] }),
      /^attestation: no subject names commit/,
    ],
    [
      'naming an artifact only',
      (s) => ({ ...s, subject: [{ name: 'model.onnx', digest: { sha256: 'ab'.repeat(32) } }] }),
      /^attestation: no subject names commit/,
    ],
    ['with a pending report relabelled ready', (s) => relabel(s), /^attestation: predicate\.reports\[0\] does not replay/],
    [
      'carrying ready reports judged on another pull request',
      (s) => {
        const forged = structuredClone(s);
        forged.predicate.reports[0]!.inputs.facts!.number = 8;
        return forged;
      },
      /^attestation: predicate\.reports\[0\] was not judged on pull request #7/,
    ],
    [
      "naming another head in its predicate than the reports' own",
      (s) => ({ ...s, predicate: { ...s.predicate, head_sha: sha('f', 9) } }),
      /^attestation: the predicate's head_sha/,
    ],
    ['of another predicate type', (s) => ({ ...s, predicateType: 'https://slsa.dev/provenance/v1' }), /^attestation: predicateType is/],
    ['that is not a statement at all', () => 'ready', /^attestation: the attestation is not a JSON object/],
  ];
  /** A statement whose report lost its owner's approval, with the decision still saying ready. */
  function relabel(s: Statement): Statement {
    const forged = structuredClone(s);
    const facts = forged.predicate.reports[0]!.inputs.facts!;
    facts.reviews = facts.reviews.filter((r) => r.author !== 'sam-cto');
    return forged;
  }

  it.each(FORGERIES)('%s', async (_, forge, reason) => {
    const gh = await startGitHub(deployWorld());
    const client = fakeClient(gh, { token: 'gh-token' });
    const target = { owner: 'acme', repo: 'models', sha: MERGED };
    const genuine = await verifyDeployment(client, target, options);
    expect(genuine.decision).toBe('ready');
    const statement = buildStatement({ repository: REPO, pullRequest: 7, headSha: HEAD, commits: [HEAD], reports: genuine.atMerge });
    const verdict = await verifyDeployment(client, target, {
      ...options,
      attestation: { bundle: {}, verifier: trusting(forge(statement)) },
    });
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons[0]).toMatch(reason);
  });
});
