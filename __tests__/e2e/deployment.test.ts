// The deploy-time gate as a deploy job runs it: the built Action (mode: deployment) on the events a
// deploy job has, and the built CLI (`verify --sha`), against the fake GitHub. Writes nothing.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import {
  MERGED,
  POLICY_PATH,
  PUSHED,
  READY,
  WAIVABLE_POLICY,
  daysFromNow,
  deployWorld,
  mergedPull,
  remindedWorld,
  waivedManifest,
} from '../deploy/world.js';
import { ROOT, runAction } from './run-action.js';
import { cliAsync, type CliResult } from '../cli/helpers.js';
import { AUTHOR, OWNER, otherEvent, pull, pullRequestEvent, review, sha, shownText, world } from './scenario.js';

const startGitHub = fakeGitHubPerTest();

describe('mode: deployment in a deploy job', () => {
  it('passes the merge commit of a ready pull request, on push (GITHUB_SHA), writing nothing', async () => {
    const gh = await startGitHub(deployWorld());
    const run = await runAction({
      gh,
      event: 'push',
      payload: otherEvent('push'),
      with: { mode: 'deployment' },
      env: { GITHUB_SHA: MERGED },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true', blocking: '' });
    expect(run.summary).toContain(`Deployment of \`${MERGED.slice(0, 12)}\`: READY`);
    expect(shownText(run.summary)).toContain('Produced by pull request #7, merged at ');
    expect(run.summary).toContain('| churn-forecast | ready | ready |');
    // One query for the commit, one for the pull request's record, then the reading of the pull request.
    expect(run.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql')).toEqual([]);
    expect(run.requests.map((r) => r.operation ?? r.endpoint)).toEqual([
      'CommitPullRequests',
      'PullRequestMerge',
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      // The evidence texts the policy checks (the rollback plan's headings), read at the deployed commit.
      'EvidenceTexts',
    ]);
  });

  it("takes the deployment's sha on a deployment event, and refuses a direct push with the reason", async () => {
    const gh = await startGitHub(deployWorld());
    const payload = { ...otherEvent('deployment'), deployment: { ...(otherEvent('deployment').deployment as object), sha: PUSHED } };
    const run = await runAction({ gh, event: 'deployment', payload, with: { mode: 'deployment' }, env: { GITHUB_SHA: MERGED } });
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false' });
    expect(run.annotations).toContainEqual({
      level: 'error',
      message: `pilot-readiness: commit ${PUSHED.slice(0, 12)} may not be deployed: commit ${PUSHED.slice(0, 12)} was not produced by a merged pull request of acme/models: it was pushed directly (bypassing the pull request gate) or is not a merge commit`,
    });
    expect(run.summary).toContain('No merged pull request produced this commit.');
  });

  it('fails closed on an unknown sha and on a GitHub failure, with a message and no outputs', async () => {
    const gh = await startGitHub(deployWorld());
    const unknown = await runAction({ gh, event: 'workflow_dispatch', with: { mode: 'deployment', sha: sha('f', 3) } });
    expect(unknown.status).toBe(1);
    expect(unknown.outputs.decision).toBeUndefined();
    expect(unknown.annotations.at(-1)?.message).toBe(
      `pilot-readiness: commit ${sha('f', 3)} is not in acme/models: check the sha (and that the token can read the repository)`,
    );

    gh.fault({ match: { operation: 'CommitPullRequests' }, times: 'always', kind: 'server-error' });
    const failing = await runAction({ gh, event: 'workflow_dispatch', with: { mode: 'deployment', sha: MERGED } });
    expect(failing.status).toBe(1);
    expect(failing.outputs.decision).toBeUndefined();
    expect(failing.annotations.at(-1)?.message).toMatch(/^pilot-readiness: GitHub .* failed \(500\)/);
  });
});

function verify(args: string[], env: Record<string, string>): Promise<CliResult> {
  return cliAsync(['verify', ...args], { cwd: ROOT, env });
}

describe('pilot-readiness verify --sha', () => {
  it('exits 0 today and 1 once the waiver has expired, for the same commit', async () => {
    const scenario = deployWorld({
      manifest: waivedManifest(daysFromNow(5).toISOString().slice(0, 10)),
      base: { [POLICY_PATH]: WAIVABLE_POLICY },
    });
    const gh = await startGitHub(scenario);
    const env = { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'gh-token', GITHUB_REPOSITORY: 'acme/models' };
    const today = await verify(['--sha', MERGED, '--policy', POLICY_PATH], env);
    expect(today.stderr).toBe('');
    expect(today.status).toBe(0);
    expect(today.stdout).toMatch(new RegExp(`^deployment of ${MERGED}: ready\\n  produced by pull request #7, merged at `));
    expect(today.stdout).toContain('  churn-forecast: ready at the merge, ready now\n');

    const later = await verify(['--sha', MERGED, '--policy', POLICY_PATH, '--now', daysFromNow(10).toISOString(), '--format', 'json'], env);
    expect(later.status).toBe(1);
    const verdict = JSON.parse(later.stdout) as { decision: string; reasons: string[]; atMerge: Array<{ decision: string }> };
    expect(verdict.decision).toBe('blocked');
    expect(verdict.atMerge.map((r) => r.decision)).toEqual(['ready']);
    expect(verdict.reasons[0]).toMatch(/^churn-forecast: not ready at the deployment instant/);
  });

  it('exits 2 without a token, a repository or a sha, and for an unknown commit', async () => {
    const gh = await startGitHub(deployWorld());
    const base = { GITHUB_API_URL: gh.url };
    expect(await verify(['--sha', MERGED], { ...base, GITHUB_REPOSITORY: 'acme/models' })).toMatchObject({
      status: 2,
      stderr:
        'error: verify reads the pull request through the GitHub API: set GITHUB_TOKEN or GH_TOKEN to a token with Contents and Pull requests: read\n',
    });
    expect(await verify(['--sha', MERGED], { ...base, GITHUB_TOKEN: 't' })).toMatchObject({
      status: 2,
      stderr: 'error: verify needs --repo OWNER/REPO (or GITHUB_REPOSITORY)\n',
    });
    expect(await verify(['--repo', 'acme/models'], { ...base, GITHUB_TOKEN: 't' })).toMatchObject({
      status: 2,
      stderr: 'error: verify needs --sha SHA: the commit being deployed\n',
    });
    expect(await verify(['--repo', 'acme/models', '--sha', sha('f', 3)], { ...base, GITHUB_TOKEN: 'gh-token' })).toMatchObject({
      status: 2,
      stderr: `error: commit ${sha('f', 3)} is not in acme/models: check the sha (and that the token can read the repository)\n`,
    });
    // A token GitHub rejects: an error, never a verdict.
    expect(await verify(['--repo', 'acme/models', '--sha', MERGED], { ...base, GITHUB_TOKEN: 'stolen' })).toMatchObject({
      status: 2,
      stdout: '',
      stderr: 'error: GitHub refused POST /graphql (401 Bad credentials): the token was rejected: check the github-token input\n',
    });
  });
});

// ---------------------------------------------------------------- reminders at the deploy-time gate

const deployRun = (gh: Parameters<typeof runAction>[0]['gh'], token?: string) =>
  runAction({
    gh,
    event: 'workflow_dispatch',
    with: { mode: 'deployment', sha: MERGED, policy: POLICY_PATH },
    ...(token ? { token } : {}),
  });

describe('mode: deployment of a pilot whose silence needs a reminder', () => {
  it("passes when the gate's reminder was posted before the window closed and silence followed, up to the merge", async () => {
    const gh = await startGitHub(remindedWorld([{ user: 'github-actions[bot]', daysAgo: 7.5 }]));
    const run = await deployRun(gh);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true', blocking: '' });
    expect(run.summary).toContain('| churn-forecast | ready | ready |');
    // The comments came with the facts: no request more than before.
    expect(run.requests.map((r) => r.operation ?? r.endpoint)).toContain('PullRequestFacts');
    expect(run.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql')).toEqual([]);
  });

  it.each([
    [
      'no reminder at all',
      [],
      /and this token's bot account posted none on #7 by its merge; verify the deployment with the same token or GitHub App/,
    ],
    [
      'a reminder posted only after the merge',
      [{ user: 'github-actions[bot]', daysAgo: 0.2 }],
      /\(legal's reminder was posted at \S+, after the merge\)/,
    ],
    [
      'a reminder posted by another app',
      [{ user: 'other-app[bot]', daysAgo: 7.5 }],
      /\(a reminder for legal was posted by other-app\[bot\], which is not this token's bot account\)/,
    ],
    ["the reminder's marker pasted by the pull request's author", [{ user: AUTHOR, daysAgo: 7.5 }], /posted none on #7 by its merge/],
  ])('refuses %s, saying why', async (_name, comments, why) => {
    const gh = await startGitHub(remindedWorld(comments));
    const run = await deployRun(gh);
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'blocked', ready: 'false', blocking: 'legal' });
    const message = run.annotations.at(-1)!.message;
    expect(message).toMatch(/churn-forecast: no ready decision at the merge of #7 \(.*\): pending \(legal\)/);
    expect(message).toMatch(
      /churn-forecast: silence counts as consent for legal only after the gate's own reminder \(consent_requires_reminder\)/,
    );
    expect(message).toMatch(why);
  });

  it("refuses with another token than the gate's, though the gate's reminder is there, and says to use the gate's", async () => {
    const scenario = remindedWorld([{ user: 'github-actions[bot]', daysAgo: 7.5 }]);
    scenario.tokens = { ...scenario.tokens, 'release-pat': { login: 'rel-eng', permissions: { contents: 'read', pull_requests: 'read' } } };
    const gh = await startGitHub(scenario);
    const pat = await verify(['--sha', MERGED, '--policy', POLICY_PATH, '--format', 'json'], {
      GITHUB_API_URL: gh.url,
      GITHUB_TOKEN: 'release-pat',
      GITHUB_REPOSITORY: 'acme/models',
    });
    expect(pat.status).toBe(1);
    const verdict = JSON.parse(pat.stdout) as { decision: string; reasons: string[] };
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons).toContainEqual(
      expect.stringMatching(
        /a reminder for legal was posted by github-actions\[bot\], which is not this token's bot account\); verify the deployment with the same token or GitHub App that gates the pull requests: only its reminders count, never another account's or a person's$/,
      ),
    );
    // The control: the same commit with the gate's own token.
    expect((await deployRun(gh)).outputs.decision).toBe('ready');
  });
});

describe('attest: true on a ready pull request', () => {
  it('fails the run, naming the permissions, when the job cannot sign (no OIDC token here)', async () => {
    const p = pull(READY);
    const gh = await startGitHub(world({ pulls: [p] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { attest: 'true' } });
    expect(run.outputs).toMatchObject({ decision: 'ready' });
    expect(run.outputs.attestation).toBeUndefined();
    expect(run.status).toBe(1);
    expect(run.annotations.at(-1)).toEqual({
      level: 'error',
      message:
        'pilot-readiness: GitHub refused the attestation signing (OIDC token) (error retrieving identity token): add `permissions: { id-token: write, attestations: write }` to the job',
    });
  });
});

describe('attest: true on the merge of a pull request', () => {
  function closedEvent(p: ReturnType<typeof mergedPull>) {
    const event = pullRequestEvent('closed', p) as { pull_request: Record<string, unknown> };
    Object.assign(event.pull_request, { merged: true, merge_commit_sha: MERGED });
    return event;
  }

  it('reaches the signing with the decision at the merge (and fails here, where there is no OIDC token)', async () => {
    const gh = await startGitHub(deployWorld());
    const run = await runAction({ gh, event: 'pull_request', payload: closedEvent(mergedPull()), with: { attest: 'true' } });
    expect(run.status).toBe(1);
    expect(run.annotations.at(-1)?.message).toBe(
      'pilot-readiness: GitHub refused the attestation signing (OIDC token) (error retrieving identity token): add `permissions: { id-token: write, attestations: write }` to the job',
    );
    // It read the merge, and wrote nothing to the pull request.
    expect(run.requests.map((r) => r.operation).slice(0, 2)).toEqual(['CommitPullRequests', 'PullRequestMerge']);
    expect(run.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql')).toEqual([]);
  });

  it('attests nothing for a merge that had no ready decision, and says why', async () => {
    const late = { ...READY, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0.2)] };
    const gh = await startGitHub(deployWorld({ pr: late, mergedDaysAgo: 0.5 }));
    const run = await runAction({ gh, event: 'pull_request', payload: closedEvent(mergedPull({ pr: late })), with: { attest: 'true' } });
    expect(run.status).toBe(1);
    expect(run.outputs.attestation).toBeUndefined();
    expect(run.annotations.at(-1)?.message).toMatch(
      /^pilot-readiness: #7 was merged without a ready decision, so it is not attested: churn-forecast: pending \(owner\)$/,
    );
  });
});
