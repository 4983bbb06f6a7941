// What the pull request cannot change: the policy comes from the base branch, the manifest cannot
// loosen it, and what cannot be verified (a team the token cannot read) fails closed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import type { Scenario } from '../support/fake-github/scenario.js';
import { runAction } from './run-action.js';
import {
  DEFAULT_POLICY_TEXT,
  HEAD,
  MANIFEST,
  OWNER,
  REPO,
  RUN_URL,
  at,
  exampleManifest,
  pilotFiles,
  pull,
  pullRequestEvent,
  reportOf,
  review,
  sha,
  statuses,
  world,
  shownText,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const POLICY_PATH = '.github/pilot-readiness-policy.yml';
const BASE_POLICY = DEFAULT_POLICY_TEXT.replace(/^name: default$/m, 'name: acme-base');
/** What the pull request would like the policy to be: one-day windows, so that both have closed in silence. */
const LOOSENED_POLICY = BASE_POLICY.replace(/^name: acme-base$/m, 'name: acme-loosened')
  .replace('window: 14d', 'window: 1d')
  .replace('window: 7d', 'window: 1d');

describe('the trusted policy', () => {
  it('is read from the base branch when the pull request edits it in its head', async () => {
    expect(LOOSENED_POLICY).not.toBe(BASE_POLICY);
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)], files: [MANIFEST, POLICY_PATH] });
    gh = await startGitHub(
      world({
        pulls: [p],
        base: { ...pilotFiles(), [POLICY_PATH]: BASE_POLICY },
        heads: { [HEAD]: { ...pilotFiles(), [POLICY_PATH]: LOOSENED_POLICY } },
      }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });

    // Under the head's one-day windows this would be ready; under the base's 14 and 7 days it waits.
    // And the change loosens the policy while the base names no policy_owners: it cannot pass here.
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false', score: '16/16', blocking: 'legal,security' });
    const report = reportOf(run);
    const baseSha256 = createHash('sha256').update(BASE_POLICY).digest('hex');
    expect(report.policy).toMatchObject({ name: 'acme-base', source: POLICY_PATH, sha256: baseSha256 });
    expect(report.inputs.policy.text).toBe(BASE_POLICY);
    expect(report.roles.map((r) => [r.role, r.window, r.status])).toEqual([
      ['legal', '14d', 'pending'],
      ['security', '7d', 'pending'],
    ]);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'failure', description: '16/16 criteria · legal 10d 23h left · security 3d 23h left' }),
    ]);
    // The policy that judges was asked for at the base branch as it stands (its tip, in the facts
    // query), never at the head. The head's version is read once more, after the evaluation, only to
    // show reviewers what the proposed change would do.
    const facts = run.requests.find((r) => r.operation === 'PullRequestFacts');
    expect(facts?.variables?.b0).toBe(POLICY_PATH);
    expect(JSON.stringify(facts?.body)).toMatch(/baseRef \{ target \{ __typename oid \.\.\. on Commit \{ b0: file\(path: \$b0\)/);
    const headReads = run.requests.filter((r) => JSON.stringify(r.variables ?? {}).includes(`${HEAD}:${POLICY_PATH}`));
    expect(headReads.map((r) => r.operation)).toEqual(['FileTexts']);
    const comment = gh.comments(REPO, 7)[0]?.body ?? '';
    expect(comment).toContain('policy acme-base');
    expect(comment).toContain('## 📝 Policy change: `.github/pilot-readiness-policy.yml`');
    expect(comment).toMatch(/\*\*loosens 2\*\*/);
    expect(comment).toMatch(/roles\.legal\.window 1d is shorter than 14d/);
    expect(run.summary).toContain('policy acme-base');
  });

  it('proposed in the pull request is validated: an invalid one fails the status and is annotated at its line', async () => {
    const broken = BASE_POLICY.replace('window: 14d', 'window: two weeks');
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)], files: [POLICY_PATH] });
    gh = await startGitHub(
      world({
        pulls: [p],
        base: { ...pilotFiles(), [POLICY_PATH]: BASE_POLICY },
        heads: { [HEAD]: { ...pilotFiles(), [POLICY_PATH]: broken } },
      }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });
    expect(run.status).toBe(1);
    expect(statuses(gh)).toEqual([expect.objectContaining({ state: 'failure', description: 'policy change invalid: 1 problem(s)' })]);
    const line = broken.split('\n').findIndex((l) => l.includes('window: two weeks')) + 1;
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'error',
        file: POLICY_PATH,
        line,
        message: expect.stringContaining('roles.legal.window must be a duration'),
      }),
    );
    expect(gh.comments(REPO, 7)[0]?.body).toContain('## 🔴 Policy change: `.github/pilot-readiness-policy.yml`');
  });

  it('that exists only in the pull request is refused: the run fails closed with an error status', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)], files: [MANIFEST, POLICY_PATH] });
    gh = await startGitHub(world({ pulls: [p], heads: { [HEAD]: { ...pilotFiles(), [POLICY_PATH]: LOOSENED_POLICY } } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });

    const advice = `input policy: ${POLICY_PATH} does not exist on the base branch. The policy is read from the base branch, never from the pull request; merge it to the base branch first, or use policy: default`;
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    expect(run.annotations).toEqual([
      { level: 'error', message: advice },
      { level: 'error', message: `pilot-readiness: ${advice}` },
    ]);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({
        state: 'error',
        description: expect.stringMatching(
          /^could not be verified: input policy: \.github\/pilot-readiness-policy\.yml does not exist on the base branch/,
        ),
        target_url: RUN_URL,
      }),
    ]);
    expect(gh.comments(REPO, 7)).toEqual([]);
    expect(run.summary).toContain(`### Pilot readiness could not be verified\n\n- ${advice}`);
  });
});

describe('a manifest that tries to loosen the policy', () => {
  it('with a roles: key is invalid at that line: blocked, exit 1', async () => {
    const manifest = exampleManifest().replace('\nevidence:', '\nroles:\n  legal: { window: 1d }\n  security: { window: 1d }\n\nevidence:');
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p], heads: { [HEAD]: pilotFiles(manifest) } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });

    const message =
      '"roles" belongs to the policy, not the manifest: a manifest cannot set roles, windows or gates. Ask the policy owners to change the policy.';
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false', blocking: 'manifest' });
    expect(run.annotations).toEqual([
      { level: 'error', title: 'Invalid manifest', message, ...at(manifest, 'roles:', 'roles') },
      { level: 'error', message: 'pilot-readiness: blocked. churn-forecast: blocked by manifest' },
    ]);
    expect(statuses(gh)).toEqual([expect.objectContaining({ state: 'failure', description: `invalid manifest ${MANIFEST}: 1 error(s)` })]);
    expect(gh.comments(REPO, 7)[0]?.body).toContain(message);
    expect(run.summary).toContain('## 🔴 Pilot readiness: BLOCKED');
    expect(run.summary).toContain(`pilot-readiness.yml:${at(manifest, 'roles:', 'roles').line}:1`);
  });

  it('naming reviewers for a role whose members the policy fixes is invalid at that line', async () => {
    // The base policy fixes security's members; the manifest tries to have a friend review instead.
    const policy = BASE_POLICY.replace(/(\n {2}security:\n(?: {4}.*\n)*? {4}window: 7d\n)/, '$1    members: [kim-sec]\n');
    expect(policy).toContain('    window: 7d\n    members: [kim-sec]\n');
    const manifest = exampleManifest().replace('security: [kim-sec]', 'security: [pal-of-dev]');
    const p = pull({ requestedDaysAgo: 20, reviews: [review('pal-of-dev', 'APPROVED', 1), review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(
      world({ pulls: [p], base: { ...pilotFiles(), [POLICY_PATH]: policy }, heads: { [HEAD]: pilotFiles(manifest) } }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });

    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false' });
    expect(run.annotations[0]).toEqual({
      level: 'error',
      title: 'Invalid manifest',
      message: 'reviewers.security: the policy fixes the members of role security; remove this entry',
      ...at(manifest, 'security: [pal-of-dev]', '['),
    });
    expect(run.annotations[1]).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/^pilot-readiness: blocked\. churn-forecast: blocked by \S/),
    });
    expect(run.annotations).toHaveLength(2);
    expect(statuses(gh)).toEqual([expect.objectContaining({ state: 'failure', description: `invalid manifest ${MANIFEST}: 1 error(s)` })]);
    expect(run.summary).toContain('## 🔴 Pilot readiness: BLOCKED');
  });

  it('an invalid manifest lists what blocks it, whichever check found the error', async () => {
    // Errors found by the sign-off rules (members.ts) block like a schema error: blocking names the manifest.
    const policy = BASE_POLICY.replace(/(\n {2}security:\n(?: {4}.*\n)*? {4}window: 7d\n)/, '$1    members: [kim-sec]\n');
    const manifest = exampleManifest().replace('security: [kim-sec]', 'security: [pal-of-dev]');
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(
      world({ pulls: [p], base: { ...pilotFiles(), [POLICY_PATH]: policy }, heads: { [HEAD]: pilotFiles(manifest) } }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });
    expect(run.outputs.blocking).toBe('manifest');
  });
});

describe('a role filled by a team the token cannot read', () => {
  it('fails closed, naming the permission and the token that fix it', async () => {
    const manifest = exampleManifest().replace('security: [kim-sec]', 'security: [acme/appsec]');
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 2), review(OWNER, 'APPROVED', 1)] });
    // GITHUB_TOKEN: pull requests, statuses and contents, but no organization members.
    gh = await startGitHub(
      world({ pulls: [p], heads: { [HEAD]: pilotFiles(manifest) }, orgs: { acme: { teams: { appsec: ['kim-sec', 'lee-sec'] } } } }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    const failure = run.annotations.find((a) => a.level === 'error');
    expect(failure?.message).toMatch(
      /^pilot-readiness: GitHub refused GraphQL organization\.team \(acme\/appsec\) \(FORBIDDEN: Resource not accessible by integration\)/,
    );
    expect(failure?.message).toContain('GITHUB_TOKEN cannot read organization teams');
    expect(failure?.message).toContain('read:org');
    expect(failure?.message).toContain('Members: read');
    expect(failure?.message).toContain('as github-token');
    expect(run.summary).toContain('### Pilot readiness could not be verified');
    expect(shownText(run.summary)).toContain(
      'pass a token with read:org (a fine-grained token with Members: read, or a GitHub App with members:read) as github-token',
    );
    // Nothing says ready: no comment, and the required status is an error, not a stale success.
    expect(gh.comments(REPO, 7)).toEqual([]);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({
        state: 'error',
        description: expect.stringMatching(/^could not be verified: GitHub refused GraphQL organization\.team \(acme\/appsec\)/),
      }),
    ]);
    expect(run.requests.map((r) => r.operation ?? r.endpoint)).toEqual([
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      'TeamMembers',
      // Whether its base is gated, read apart: only then may its error stand on a head others may share.
      'PullRequestBase',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
    ]);
  });

  it('is resolved with a token that may read members, and the team’s approval counts', async () => {
    const manifest = exampleManifest().replace('security: [kim-sec]', 'security: [acme/appsec]');
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 2), review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(
      world({
        pulls: [p],
        heads: { [HEAD]: pilotFiles(manifest) },
        orgs: { acme: { teams: { appsec: ['kim-sec', 'lee-sec'] }, members_visible: false } },
        tokens: {
          'members-token': {
            login: 'github-actions[bot]',
            permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write', members: 'read' },
          },
        },
      }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: 'members-token' });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
    expect(reportOf(run).roles.find((r) => r.role === 'security')).toMatchObject({
      status: 'approved',
      resolved_members: ['kim-sec', 'lee-sec'],
    });
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
  });
});

describe('a central policy read with policy-token, the gate’s own token narrowed to the ML repository', () => {
  const GOVERNANCE = 'acme/ml-governance';
  const PINNED = sha('d', 7);
  const CENTRAL = `${GOVERNANCE}/policies/pilot-readiness.yml@${PINNED}`;
  /** Two installation tokens of the gate App, as the reusable workflow mints them. */
  const GATE_TOKEN = 'gate-installation-token';
  const POLICY_TOKEN = 'policy-installation-token';
  const GATE_LOGIN = 'acme-pilot-readiness-gate[bot]';

  /** acme/models with a ready pull request, the private governance repository, and the tokens given. */
  function organisation(policyTokenReaches: string): Scenario {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
    const models = world({
      pulls: [p],
      tokens: {
        [GATE_TOKEN]: {
          login: GATE_LOGIN,
          permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' },
          repositories: [REPO],
        },
        [POLICY_TOKEN]: { login: GATE_LOGIN, permissions: { contents: 'read' }, repositories: [policyTokenReaches] },
      },
    });
    return {
      ...models,
      repos: {
        ...models.repos,
        [GOVERNANCE]: {
          private: true,
          branches: { main: PINNED },
          files: { [PINNED]: { 'policies/pilot-readiness.yml': DEFAULT_POLICY_TEXT.replace(/^name: default$/m, 'name: acme-central') } },
        },
      },
    };
  }

  const gate = (policyToken: string) => ({
    gh: gh!,
    event: 'pull_request',
    payload: pullRequestEvent('synchronize', gh!.world.repo('acme', 'models')!.pulls.get(7)!.spec),
    with: { policy: CENTRAL, 'github-token': GATE_TOKEN, 'policy-token': policyToken },
  });

  it('reads the policy with policy-token alone and writes the status with github-token: success', async () => {
    gh = await startGitHub(organisation(GOVERNANCE));
    const run = await runAction(gate(POLICY_TOKEN));

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
    expect(reportOf(run).policy).toMatchObject({ name: 'acme-central', source: CENTRAL });
    expect(statuses(gh).map((s) => [s.state, s.creator])).toEqual([['success', GATE_LOGIN]]);
    // The policy's repository is read with policy-token only, and nothing else is.
    const byToken = (token: string) => run.requests.filter((r) => r.token === token).map((r) => r.operation ?? r.endpoint);
    expect(byToken(POLICY_TOKEN)).toEqual(['PolicySource']);
    expect(byToken(GATE_TOKEN)).toContain('POST /repos/{owner}/{repo}/statuses/{sha}');
    expect(run.requests.filter((r) => r.token !== POLICY_TOKEN && r.token !== GATE_TOKEN)).toEqual([]);
  });

  it('fails closed when policy-token cannot read the policy’s repository, saying what it needs', async () => {
    // Minted for the wrong repository: the governance repository is invisible to it.
    gh = await startGitHub(organisation(REPO));
    const run = await runAction(gate(POLICY_TOKEN));

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    const failure = run.annotations.find((a) => a.level === 'error');
    expect(failure?.message).toBe(
      `pilot-readiness: GitHub refused GraphQL PolicySource (${GOVERNANCE}) (NOT_FOUND: Could not resolve to a Repository with the name '${GOVERNANCE}'.): the repository does not exist or policy-token cannot read it: policy-token needs \`contents: read\` on that repository (with actions/create-github-app-token: \`permission-contents: read\` and the repository in \`repositories:\`)`,
    );
    expect(gh.comments(REPO, 7)).toEqual([]);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({
        state: 'error',
        creator: GATE_LOGIN,
        description: expect.stringMatching(/^could not be verified: GitHub refused GraphQL PolicySource \(acme\/ml-governance\)/),
      }),
    ]);
  });
});
