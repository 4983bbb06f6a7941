// GitHub misbehaving or refusing: a 500 retried, a fork's read-only token, an earlier success that a
// failed run must not leave standing.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from './run-action.js';
import {
  HEAD,
  OWNER,
  REPO,
  RUN_URL,
  pull,
  pullRequestEvent,
  reportOf,
  review,
  reviewEvent,
  shownText,
  statuses,
  world,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('a server error', () => {
  it('on the pull request query is retried once, and the run goes on as normal', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p], faults: [{ match: { operation: 'PullRequestFacts' }, kind: 'server-error', times: 1 }] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });

    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true', score: '16/16', blocking: '' });
    const facts = run.requests.filter((r) => r.operation === 'PullRequestFacts');
    expect(facts.map((r) => [r.status, r.fault])).toEqual([
      [500, true],
      [200, false],
    ]);
    // One round trip more than the same run without the fault.
    expect(run.requests.map((r) => r.operation ?? r.endpoint)).toEqual([
      'PullRequestFacts',
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      // The evidence the pilot reads: its metrics artifacts and its rollback plan (for the policy's headings).
      'EvidenceTexts',
      // A success is re-checked against the pull request as it stands before it is written.
      'PullRequestFreshness',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
    expect(run.annotations).toEqual([{ level: 'warning', message: 'GitHub API POST /graphql failed (500: Server Error) on attempt 1' }]);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'success', description: '16/16 criteria · roles consulted · owner approved' }),
    ]);
    expect(gh.comments(REPO, 7)).toHaveLength(1);
    expect(run.summary).toContain('Pilot readiness: READY');
  });

  it('that outlasts the retries replaces an earlier success of the same commit with an error status', async () => {
    // Ready, then the owner's approval is dismissed; the run on that event cannot read the pull request.
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p] }));
    const ready = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(ready.status).toBe(0);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });

    gh.fault({ match: { operation: 'PullRequestFacts' }, kind: 'server-error', times: 'always' });
    const run = await runAction({
      gh,
      event: 'pull_request_review',
      payload: reviewEvent(p, { user: OWNER, state: 'dismissed' }, 'dismissed'),
    });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    // 1 try + 3 retries, whether its base is gated (read apart), then the error status on the head the event named.
    expect(run.requests.map((r) => `${r.operation ?? r.endpoint} ${r.status}`)).toEqual([
      'PullRequestFacts 500',
      'PullRequestFacts 500',
      'PullRequestFacts 500',
      'PullRequestFacts 500',
      'PullRequestBase 200',
      'POST /repos/{owner}/{repo}/statuses/{sha} 201',
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({
      state: 'error',
      context: 'pilot-readiness',
      description: 'could not be verified: GitHub POST /graphql failed (500): Server Error',
      target_url: RUN_URL,
      sha: HEAD,
    });
    expect(run.annotations.at(-1)).toEqual({ level: 'error', message: 'pilot-readiness: GitHub POST /graphql failed (500): Server Error' });
    expect(shownText(run.summary)).toBe('### Pilot readiness could not be verified\n\nGitHub POST /graphql failed (500): Server Error\n');
  });

  it('a rate limit that outlasts the retries: the error status without reading the base apart (it would wait for the limit too)', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p] }));
    gh.fault({ match: { operation: 'PullRequestFacts' }, kind: 'rate-limit', retry_after: 1, times: 'always' });
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(run.status).toBe(1);
    expect(gh.count({ operation: 'PullRequestBase' })).toBe(0);
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'error', description: expect.stringMatching(/^could not be verified: /) }),
    ]);
  });
});

describe('a pull request from a fork, with its read-only GITHUB_TOKEN', () => {
  const FORK_SCENARIO = { 'fork-token': { login: 'github-actions[bot]', permissions: 'read-only' as const } };

  it('still fails through its exit code, annotations and job summary when status and comment are refused', async () => {
    const p = pull({ requestedDaysAgo: null, openedDaysAgo: 1, fork: 'outsider/models' });
    gh = await startGitHub(world({ pulls: [p], tokens: FORK_SCENARIO }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('opened', p), token: 'fork-token' });

    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'pending', ready: 'false', score: '16/16', blocking: 'legal,security,owner' });
    // Every write was tried once and refused.
    expect(run.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql').map((r) => [r.endpoint, r.status])).toEqual([
      ['POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 403],
      ['POST /repos/{owner}/{repo}/statuses/{sha}', 403],
      ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 403],
    ]);
    expect(statuses(gh)).toEqual([]);
    expect(gh.comments(REPO, 7)).toEqual([]);
    const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^reviews were not requested from lee-legal, kim-sec: .*on pull requests from forks GITHUB_TOKEN is read-only/,
    );
    expect(warnings[1]).toMatch(
      /^the report comment was not posted: .*403.*on pull requests from forks GITHUB_TOKEN is read-only whatever the workflow asks for, so there the report stays in the job summary\)$/,
    );
    // Said once, not twice.
    expect(warnings[1]?.match(/fork/g)).toHaveLength(1);
    // The status that could not be written is an error, not a warning: an earlier one may still stand.
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors[0]).toMatch(
      /^could not set the pilot-readiness status to pending \(this pull request comes from a fork, whose workflow token is read-only\): .*403.*An earlier pilot-readiness status of \w{7} may still stand/,
    );
    expect(run.annotations.at(-1)).toEqual({
      level: 'error',
      message: 'pilot-readiness: the commit status of #7 could not be written; an earlier status may still stand (see the annotations)',
    });
    expect(run.summary).toContain('## 🟡 Pilot readiness: PENDING');
    expect(run.summary).toContain('<b>Scorecard</b>');
  });

  it('fails even when ready, because an earlier status may still stand when the status cannot be written', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)], fork: 'outsider/models' });
    gh = await startGitHub(world({ pulls: [p], tokens: FORK_SCENARIO }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: 'fork-token' });

    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
    expect(reportOf(run).decision).toBe('ready');
    expect(run.annotations.map((a) => [a.level, a.message.split(':')[0]])).toEqual([
      ['warning', 'the report comment was not posted'],
      [
        'error',
        'could not set the pilot-readiness status to success (this pull request comes from a fork, whose workflow token is read-only)',
      ],
      ['error', 'pilot-readiness'],
    ]);
    expect(run.annotations.at(-2)?.message).toContain('An earlier pilot-readiness status of');
    expect(statuses(gh)).toEqual([]);
    expect(run.summary).toContain('## 🟢 Pilot readiness: READY');
    expect(run.summary).toContain('the commit status was not written');
  });
});
