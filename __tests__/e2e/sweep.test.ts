// Scheduled sweeps: silence turns into consent without anyone pushing, one comment per pull request
// however often the sweep runs, and the API budget (≤10 round trips per pull request).
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { elapse } from '../support/fake-github/clock.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from './run-action.js';
import {
  DAY,
  HEAD,
  OWNER,
  REPO,
  pilotFiles,
  pull,
  pullRequestEvent,
  reportOf,
  review,
  scheduleEvent,
  sha,
  shownText,
  statuses,
  world,
  writes,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('a scheduled sweep', () => {
  it('turns silence into consent once the window closes, updating the one comment, and is idempotent', async () => {
    // #7 touches the pilot: asked 10 days ago, so security's 7 days have passed and legal's 14 have not.
    // #8 touches no pilot; #9 is closed and is not looked at.
    const other = sha('d', 8);
    const closed = sha('d', 9);
    const pulls = [
      pull({ requestedDaysAgo: 10, reviews: [review(OWNER, 'APPROVED', 1)] }),
      pull({ number: 8, head: other, files: ['README.md'], requestedDaysAgo: null }),
      pull({ number: 9, head: closed, state: 'closed', requestedDaysAgo: null }),
    ];
    gh = await startGitHub(
      world({ pulls, heads: { [HEAD]: pilotFiles(), [other]: { ...pilotFiles(), 'README.md': '# models\n' }, [closed]: pilotFiles() } }),
    );

    const first = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(first.status).toBe(1);
    expect(first.outputs).toMatchObject({ decision: 'pending', ready: 'false', score: '16/16', blocking: 'legal' });
    expect(reportOf(first).roles.map((r) => [r.role, r.status])).toEqual([
      ['legal', 'pending'],
      ['security', 'consented'],
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'pending', description: '16/16 criteria · legal 3d 23h left' });
    expect(statuses(gh, other)).toEqual([
      expect.objectContaining({ state: 'success', description: 'no pilot manifest (**/pilot-readiness.yml) touched' }),
    ]);
    expect(statuses(gh, closed)).toEqual([]);
    expect(first.requests.filter((r) => r.variables?.number === 9)).toEqual([]);
    const [comment] = gh.comments(REPO, 7);
    expect(comment?.body).toContain('Pilot readiness: PENDING');
    expect(gh.comments(REPO, 8)).toEqual([]);
    expect(shownText(first.summary)).toContain('### PR #8: touches no pilot manifest (**/pilot-readiness.yml)');
    // A sweep's summary: each pull request under its own linked heading, separated by a rule.
    expect(first.summary).toContain('# [PR #7](https://github.com/acme/models/pull/7)\n');
    expect(first.summary).toContain('# [PR #8](https://github.com/acme/models/pull/8)\n');
    expect(first.summary.match(/\n---\n\n# \[PR #\d+\]/g)).toHaveLength(1);
    expect(first.summary).toContain('## 🟡 Pilot readiness: PENDING');
    expect(first.annotations).toEqual([{ level: 'error', message: 'pilot-readiness: pending. churn-forecast: waiting on legal' }]);

    // Five days later nobody has said anything: legal's window closed in silence.
    elapse(gh.world, 5 * DAY);
    const second = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(second.status).toBe(0);
    expect(second.outputs).toMatchObject({ decision: 'ready', ready: 'true', blocking: '' });
    expect(reportOf(second).roles.map((r) => [r.role, r.status])).toEqual([
      ['legal', 'consented'],
      ['security', 'consented'],
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success', description: '16/16 criteria · roles consulted · owner approved' });
    expect(gh.comments(REPO, 7)).toEqual([
      expect.objectContaining({ id: comment?.id, body: expect.stringContaining('Pilot readiness: READY') }),
    ]);
    // Both records are five days old (more than a day): both pull requests are judged again, #8's
    // standing success first (a success is the status that lets a merge through), then #7.
    expect(writes(second)).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
    expect(second.annotations).toEqual([]);

    // The next sweep finds nothing new and nothing due: it reads the open pull requests (and who the
    // token is) and stops there. Same decision, still one comment, nothing written.
    const third = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(third.status).toBe(0);
    expect(third.requests.map((r) => r.operation)).toEqual(['OpenPullRequests', 'Viewer']);
    expect(third.outputs).toEqual({ ...second.outputs, score: '0/0', report: '', sarif: '' });
    expect(gh.comments(REPO, 7)).toEqual([expect.objectContaining({ id: comment?.id })]);
    // #7 stays ready until its earliest evidence goes stale; #8 touches no pilot.
    expect(third.summary).toMatch(
      /Unchanged since their last evaluation, not read again: #7 ready \(until [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC\), #8 ready\./,
    );
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
  });

  it('of five open pull requests: 33 round trips the first time, 28 after its review requests, then 2', async () => {
    const pulls = Array.from({ length: 5 }, (_, i) =>
      pull({ number: 10 + i, head: sha('c', 10 + i), requestedDaysAgo: null, openedDaysAgo: 1 }),
    );
    gh = await startGitHub(world({ pulls, heads: Object.fromEntries(pulls.map((p) => [p.head.sha, pilotFiles()])) }));

    const first = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(first.status).toBe(1);
    const report = first.report as { reports: unknown[] };
    expect(report.reports).toHaveLength(5);
    expect(first.outputs).toMatchObject({ decision: 'pending', score: '80/80' });
    // The open PRs with their statuses, who the token is, the base tree they share (once), then per
    // pull request: facts (with its comments and status), head tree, manifests at head and base, the
    // evidence files the pilot reads (its metrics artifacts and the rollback plan's headings), review
    // request, status, comment creation.
    expect(first.requests.length).toBe(2 + 1 + 5 * 7);
    for (const p of pulls) expect(gh.comments(REPO, p.number)).toHaveLength(1);

    // The review requests are new timeline events: every pull request's inputs changed, so each is read
    // again (facts, head tree, manifests, evidence) and its status rewritten with the new record; each comment
    // changes too (the windows now run from GitHub's own request instants).
    const second = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(second.requests.length).toBe(2 + 1 + 5 * 6);
    for (const p of pulls) expect(gh.comments(REPO, p.number)).toHaveLength(1);
    expect(second.requests.filter((r) => r.endpoint?.includes('requested_reviewers'))).toEqual([]);
    expect(writes(second)).toEqual(
      Array(5).fill(['POST /repos/{owner}/{repo}/statuses/{sha}', 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}']).flat(),
    );

    // Nothing changed and no window closes yet: two requests, nothing written.
    const third = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(third.requests.map((r) => r.operation)).toEqual(['OpenPullRequests', 'Viewer']);
    expect(third.outputs).toMatchObject({ decision: 'pending' });
  });

  it('evaluates the other pull requests when one cannot be read, and marks that one with an error status', async () => {
    const broken = sha('c', 9);
    const pulls = [
      pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] }),
      pull({ number: 9, head: broken, requestedDaysAgo: 20 }),
    ];
    gh = await startGitHub(
      world({
        pulls,
        heads: { [HEAD]: pilotFiles(), [broken]: pilotFiles() },
        faults: [{ match: { path: `/git/trees/${broken}$` }, respond: { status: 404, body: { message: 'Not Found' } }, times: 'always' }],
      }),
    );
    const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });

    expect(run.status).toBe(1);
    // A partial run has no outputs: nothing downstream may read `ready` off it.
    expect(run.outputs).toEqual({});
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
    expect(gh.comments(REPO, 7)).toHaveLength(1);
    expect(statuses(gh, broken)).toEqual([
      expect.objectContaining({
        state: 'error',
        description: `could not be verified: GitHub GET /repos/acme/models/git/trees/${broken} failed (404): Not Found`,
      }),
    ]);
    expect(run.annotations).toEqual([
      { level: 'error', message: `pilot-readiness: GitHub GET /repos/acme/models/git/trees/${broken} failed (404): Not Found` },
    ]);
    expect(run.summary).toContain('## 🟢 Pilot readiness: READY');
    expect(shownText(run.summary)).toContain(
      `### PR #9 could not be verified\n\nGitHub GET /repos/acme/models/git/trees/${broken} failed (404): Not Found`,
    );
  });
});

describe('the API budget of one pull request', () => {
  // One round trip more than without artifacts: this pilot reads its metrics from artifacts (a JSON
  // output, its model card) and the policy checks its rollback plan's headings.
  it('with 100 reviews and a team to resolve takes 9 round trips on its first run, one of them the evidence read', async () => {
    const manifest = pilotFiles()['pilots/churn-forecast/pilot-readiness.yml']!.replace('security: [kim-sec]', 'security: [acme/appsec]');
    const chatter = Array.from({ length: 98 }, (_, i) => review(`watcher-${i}`, 'COMMENTED', 2, { body: `note ${i}` }));
    const p = pull({
      requestedDaysAgo: null,
      openedDaysAgo: 1,
      reviews: [...chatter, review('kim-sec', 'APPROVED', 1), review(OWNER, 'APPROVED', 1)],
    });
    expect(p.reviews).toHaveLength(100);
    gh = await startGitHub(
      world({
        pulls: [p],
        heads: { [HEAD]: pilotFiles(manifest) },
        orgs: { acme: { teams: { appsec: ['kim-sec', 'lee-sec'] } } },
        tokens: {
          'members-token': {
            permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write', members: 'read' },
          },
        },
      }),
    );
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('opened', p), token: 'members-token' });

    expect(run.outputs).toMatchObject({ decision: 'pending', blocking: 'legal' });
    expect(reportOf(run).roles.find((r) => r.role === 'security')?.status).toBe('approved');
    expect(run.requests.map((r) => r.operation ?? r.endpoint)).toEqual([
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      'TeamMembers',
      'EvidenceTexts',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
  });
});
