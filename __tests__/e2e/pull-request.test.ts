// The Action on one pull request, run as the runner runs it (dist/index.js in its own process) against
// the fake GitHub: decision rights as the README documents them, seen through the exit code, the
// outputs, the commit status, the sticky comment, the annotations and the job summary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { ROOT, runAction, type ActionRun } from './run-action.js';
import {
  AUTHOR,
  HEAD,
  MARKER,
  OWNER,
  REPO,
  recordedLink,
  at,
  daysAgo,
  exampleManifest,
  pilotFiles,
  pull,
  pullRequestEvent,
  reportOf,
  review,
  reviewEvent,
  sha,
  statuses,
  submitReview,
  world,
  writes,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const REPORT_PATH = /\/pilot-readiness-report\.json$/;

/** The outputs of a run that evaluated the example pilot (16 criteria for its low tier). */
function outputs(decision: 'ready' | 'pending' | 'blocked', blocking: string, score = '16/16') {
  return {
    decision,
    ready: String(decision === 'ready'),
    score,
    blocking,
    report: expect.stringMatching(REPORT_PATH),
    sarif: expect.stringMatching(/pilot-readiness\.sarif$/),
  };
}

/** The one sticky comment, by the bot, with the marker first. */
function theComment(g: FakeGitHub) {
  const comments = g.comments(REPO, 7);
  expect(comments).toHaveLength(1);
  const [comment] = comments;
  expect(comment?.user).toBe('github-actions[bot]');
  expect(comment?.body.startsWith(`${MARKER}\n`)).toBe(true);
  return comment!;
}

function replay(run: ActionRun): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-replay-'));
  try {
    writeFileSync(join(dir, 'report.json'), JSON.stringify(run.report));
    return spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'replay', join(dir, 'report.json')], { encoding: 'utf8' }).status;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a pull request that changes a pilot', () => {
  it('is ready once the owner approves the head: legal consented by silence, security approved', async () => {
    // Legal and security were asked 20 days ago: legal's 14-day window closed in silence, security approved.
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15)] });
    gh = await startGitHub(world({ pulls: [p] }));

    const first = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(first.status).toBe(1);
    expect(first.outputs).toEqual(outputs('pending', 'owner'));
    expect(statuses(gh).at(-1)).toMatchObject({
      state: 'pending',
      description: '16/16 criteria · awaiting owner',
      target_url: expect.stringMatching(recordedLink()),
    });
    const created = theComment(gh);
    expect(created.body).toContain('Pilot readiness: PENDING');

    submitReview(gh, 7, review(OWNER, 'APPROVED', 0, { body: 'Ship it.' }));
    const run = await runAction({ gh, event: 'pull_request_review', payload: reviewEvent(p, { user: OWNER, state: 'approved' }) });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual(outputs('ready', ''));
    const report = reportOf(run);
    expect(report.decision).toBe('ready');
    expect(report.roles.map((r) => [r.role, r.status])).toEqual([
      ['legal', 'consented'],
      ['security', 'approved'],
    ]);
    expect(report.owner).toMatchObject({ login: OWNER, status: 'approved' });
    expect(statuses(gh)).toHaveLength(2);
    expect(statuses(gh).at(-1)).toMatchObject({
      state: 'success',
      context: 'pilot-readiness',
      description: '16/16 criteria · roles consulted · owner approved',
      target_url: expect.stringMatching(recordedLink()),
      creator: 'github-actions[bot]',
    });
    // The same comment, edited: no second one.
    const updated = theComment(gh);
    expect(updated.id).toBe(created.id);
    expect(updated.body).toContain('## 🟢 Pilot readiness: READY · Monthly churn forecast for planning\n');
    expect(updated.body).toContain('<sub>pilot `churn-forecast` · low risk ·');
    expect(updated.body).toContain('| Legal and compliance · 14d | `lee-legal` | no | ✅ consented (silence) |');
    expect(writes(run)).toEqual(['POST /repos/{owner}/{repo}/statuses/{sha}', 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}']);
    expect(run.annotations).toEqual([]);
    expect(run.summary).toContain('## 🟢 Pilot readiness: READY');
    expect(run.summary).toContain(
      'Ready: 15 met + 1 not applicable of 16 required; the owner `sam-cto` approved; every required role consulted.',
    );
    expect(run.requests.length).toBeLessThanOrEqual(10);
    // The report carries its inputs: the CLI reaches the same decision from it.
    expect(replay(run)).toBe(0);
  });

  it('is pending while windows are open, with the time left on the status', async () => {
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual(outputs('pending', 'legal,security'));
    const report = reportOf(run);
    expect(report.roles.map((r) => [r.role, r.status])).toEqual([
      ['legal', 'pending'],
      ['security', 'pending'],
    ]);
    // Asked 3 days ago: 14d and 7d windows have 10d 23h and 3d 23h left (minus the seconds of the run).
    expect(statuses(gh)).toEqual([
      expect.objectContaining({
        state: 'pending',
        context: 'pilot-readiness',
        description: '16/16 criteria · legal 10d 23h left · security 3d 23h left',
      }),
    ]);
    // The next change is security's reminder, due 2 days (remind's default) before its deadline.
    const security = report.roles.find((r) => r.role === 'security');
    expect(security?.reminder).toMatchObject({ state: 'scheduled', sent_at: null, deadline: security?.deadline });
    expect(report.next_change_at).toBe(security?.reminder?.due_at);
    expect(Date.parse(security!.deadline!) - Date.parse(report.next_change_at!)).toBe(2 * 86_400_000);
    expect(theComment(gh).body).toContain('⏳ 10d\u00a023h\u00a0left, then consent');
    expect(run.annotations).toEqual([{ level: 'error', message: 'pilot-readiness: pending. churn-forecast: waiting on legal, security' }]);
    expect(run.summary).toContain('## 🟡 Pilot readiness: PENDING');
    expect(run.summary).toContain('Waiting on legal (');
    expect(run.summary).toContain('Waiting on security (');
    // Already asked: no second review request.
    expect(run.requests.filter((r) => r.endpoint?.includes('requested_reviewers'))).toEqual([]);
  });

  it('asks the roles nobody asked yet once the draft is ready for review, which starts their windows', async () => {
    const p = pull({ openedDaysAgo: 2, timeline: [{ event: 'ready_for_review', created_at: daysAgo(0.01), actor: AUTHOR }] });
    gh = await startGitHub(world({ pulls: [p] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('ready_for_review', p) });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual(outputs('pending', 'legal,security,owner'));
    const asked = run.requests.filter((r) => r.endpoint === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers');
    expect(asked.map((r) => r.body)).toEqual([{ reviewers: ['lee-legal', 'kim-sec'], team_reviewers: [] }]);
    expect(statuses(gh).at(-1)).toMatchObject({
      state: 'pending',
      description: '16/16 criteria · legal 14d left · security 7d left · awaiting owner',
    });

    // The next run finds the requests on the timeline: nobody is asked twice.
    const again = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(again.outputs).toEqual(outputs('pending', 'legal,security,owner'));
    expect(again.requests.filter((r) => r.endpoint?.includes('requested_reviewers'))).toEqual([]);
    expect(theComment(gh).body).toContain('Pilot readiness: PENDING');
  });

  it('is blocked by a security member’s objection, until the owner overrides it', async () => {
    const manifest = exampleManifest();
    // Asked 20 days ago: legal consented by silence; security objected, which no window closes.
    const p = pull({
      requestedDaysAgo: 20,
      reviews: [review('kim-sec', 'CHANGES_REQUESTED', 1, { body: 'The model endpoint is public.' }), review(OWNER, 'APPROVED', 1)],
    });
    gh = await startGitHub(world({ pulls: [p] }));
    const run = await runAction({
      gh,
      event: 'pull_request_review',
      payload: reviewEvent(p, { user: 'kim-sec', state: 'changes_requested' }),
    });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual(outputs('blocked', 'security'));
    // The sarif output: the objection as an error of the role rule, for code scanning.
    expect(run.sarif?.version).toBe('2.1.0');
    expect(run.sarif?.runs[0]?.results).toContainEqual(expect.objectContaining({ ruleId: 'pilot-readiness/role', level: 'error' }));
    expect(run.sarif?.runs[0]?.tool.driver.rules?.map((r) => r.id)).toContain('DR-1');
    expect(reportOf(run).roles.find((r) => r.role === 'security')).toMatchObject({ status: 'objected', blocking: true });
    expect(statuses(gh)).toEqual([
      expect.objectContaining({ state: 'failure', context: 'pilot-readiness', description: '16/16 criteria · blocked by security' }),
    ]);
    const hint =
      'kim-sec requested changes; this blocks until they approve, the review is dismissed, or the owner approves the head commit with `/override security: <reason>`';
    expect(run.annotations).toEqual([
      { level: 'error', title: 'Role security', message: hint, ...at(manifest, 'security: [kim-sec]', '[') },
      { level: 'error', message: 'pilot-readiness: blocked. churn-forecast: blocked by security' },
    ]);
    const created = theComment(gh);
    expect(created.body).toContain('## 🔴 Pilot readiness: BLOCKED');
    expect(run.summary).toContain('## 🔴 Pilot readiness: BLOCKED');
    expect(run.summary).toContain('Blocked by security');

    submitReview(
      gh,
      7,
      review(OWNER, 'APPROVED', 0, {
        body: 'Accepting this.\n/override security: the endpoint sits behind the VPN until the Q1 gateway work',
      }),
    );
    const overridden = await runAction({ gh, event: 'pull_request_review', payload: reviewEvent(p, { user: OWNER, state: 'approved' }) });
    expect(overridden.status).toBe(0);
    expect(overridden.outputs).toEqual(outputs('ready', ''));
    expect(reportOf(overridden).overrides).toEqual([
      expect.objectContaining({ role: 'security', by: OWNER, reason: 'the endpoint sits behind the VPN until the Q1 gateway work' }),
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success' });
    expect(theComment(gh)).toMatchObject({ id: created.id, body: expect.stringContaining('Override of **security** by `sam-cto`') });
  });

  it('does not count an approval by a non-member, nor by the pull request’s author', async () => {
    // dev-lin opened the PR and approves it; random-dev is in no role. (Naming the author as a reviewer
    // is an input error: see __tests__/adversarial/.)
    const manifest = exampleManifest();
    const p = pull({
      // Security was asked long ago (consented); legal's window is open, so only a counted approval could make it ready.
      timeline: [
        { event: 'review_requested', created_at: daysAgo(20), requested_reviewer: 'kim-sec' },
        { event: 'review_requested', created_at: daysAgo(3), requested_reviewer: 'lee-legal' },
      ],
      openedDaysAgo: 21,
      reviews: [review(AUTHOR, 'APPROVED', 1), review('random-dev', 'APPROVED', 1), review(OWNER, 'APPROVED', 1)],
    });
    gh = await startGitHub(world({ pulls: [p], heads: { [HEAD]: pilotFiles(manifest) } }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual(outputs('pending', 'legal'));
    const legal = reportOf(run).roles.find((r) => r.role === 'legal');
    expect(legal?.status).toBe('pending');
    expect(legal?.reviews.map((r) => [r.author, r.counted, r.not_counted_because])).toEqual([
      [AUTHOR, false, 'the PR author cannot review their own pull request'],
      ['random-dev', false, 'not a member of legal'],
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'pending', description: '16/16 criteria · legal 10d 23h left' });
    expect(run.annotations).toEqual([{ level: 'error', message: 'pilot-readiness: pending. churn-forecast: waiting on legal' }]);
    expect(run.summary).toContain('Waiting on legal (');
  });

  it('shows an approval of an older commit as stale and does not count it', async () => {
    const manifest = exampleManifest();
    const old = sha('a', 1);
    const p = pull({
      timeline: [
        { event: 'review_requested', created_at: daysAgo(20), requested_reviewer: 'lee-legal' },
        { event: 'review_requested', created_at: daysAgo(3), requested_reviewer: 'kim-sec' },
      ],
      openedDaysAgo: 21,
      commits: [
        { sha: old, at: daysAgo(4) },
        { sha: HEAD, at: daysAgo(1) },
      ],
      reviews: [review('kim-sec', 'APPROVED', 2, { commit_id: old }), review(OWNER, 'APPROVED', 0.5)],
    });
    gh = await startGitHub(world({ pulls: [p] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });

    expect(run.status).toBe(1);
    expect(run.outputs).toEqual(outputs('pending', 'security'));
    const security = reportOf(run).roles.find((r) => r.role === 'security');
    expect(security?.status).toBe('pending');
    expect(security?.reviews).toEqual([
      expect.objectContaining({ author: 'kim-sec', counted: false, not_counted_because: 'stale: approved a1a1a1a, head is c1c1c1c' }),
    ]);
    const stale = "security: kim-sec's approval no longer counts (stale: approved a1a1a1a, head is c1c1c1c); ask kim-sec to approve again";
    expect(run.annotations).toEqual([
      { level: 'warning', title: 'pilot-readiness', message: stale, ...at(manifest, 'security: [kim-sec]', '[') },
      { level: 'error', message: 'pilot-readiness: pending. churn-forecast: waiting on security' },
    ]);
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'pending', description: '16/16 criteria · security 3d 23h left' });
    const created = theComment(gh);
    expect(created.body).toContain('stale: approved a1a1a1a, head is c1c1c1c');

    // kim-sec approves the head: the same comment turns ready.
    submitReview(gh, 7, review('kim-sec', 'APPROVED', 0));
    const again = await runAction({ gh, event: 'pull_request_review', payload: reviewEvent(p, { user: 'kim-sec', state: 'approved' }) });
    expect(again.status).toBe(0);
    expect(again.outputs).toEqual(outputs('ready', ''));
    expect(theComment(gh)).toMatchObject({ id: created.id, body: expect.stringContaining('Pilot readiness: READY') });
    expect(statuses(gh).at(-1)).toMatchObject({ state: 'success', description: '16/16 criteria · roles consulted · owner approved' });
  });

  it('in report mode, never fails the job, even when blocked, and still publishes the status and the comment', async () => {
    const manifest = exampleManifest();
    const p = pull({ requestedDaysAgo: 3, reviews: [review('kim-sec', 'CHANGES_REQUESTED', 1), review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p] }));
    const run = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { mode: 'report' } });

    expect(run.status).toBe(0);
    expect(run.outputs).toEqual(outputs('blocked', 'security'));
    expect(statuses(gh)).toEqual([expect.objectContaining({ state: 'failure', description: '16/16 criteria · blocked by security' })]);
    // The objection is still annotated at its line; only the failing of the job is gone.
    expect(run.annotations).toEqual([
      expect.objectContaining({ level: 'error', title: 'Role security', ...at(manifest, 'security: [kim-sec]', '[') }),
    ]);
    expect(theComment(gh).body).toContain('Pilot readiness: BLOCKED');
    expect(run.summary).toContain('## 🔴 Pilot readiness: BLOCKED');
  });

  it("keeps one comment with a GitHub App's token (any bot author)", async () => {
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p], tokens: { 'app-token': { login: 'pilot-gate[bot]', app: true } } }));
    await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: 'app-token' });
    await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: 'app-token' });
    expect(gh.comments(REPO, 7).map((c) => c.user)).toEqual(['pilot-gate[bot]']);
  });

  it("keeps one comment with a person's token, found in the pull request's own read (GitHub's viewerDidAuthor)", async () => {
    const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p], tokens: { 'pat-token': { login: 'dana-ops', app: false } } }));
    await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: 'pat-token' });
    const second = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), token: 'pat-token' });
    expect(gh.comments(REPO, 7).map((c) => c.user)).toEqual(['dana-ops']);
    // Neither GET /user nor a comment listing: the comments come with the facts.
    expect(second.requests.filter((r) => r.endpoint === 'GET /user' || r.endpoint?.endsWith('/comments'))).toEqual([]);
  });
});
