// What a scheduled sweep costs, request by request, against the fake GitHub: one query per 100 open
// pull requests and one for the token's login when nothing is due, and a full read only of the pull
// requests whose recorded time came or whose inputs changed.
import { describe, expect, it } from 'vitest';
import { ageEvidence, elapse } from '../support/fake-github/clock.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { PullSpec } from '../support/fake-github/scenario.js';
import { runAction } from './run-action.js';
import {
  OWNER,
  REPO,
  exampleManifest,
  reportOf,
  pilotFiles,
  pull,
  pullRequestEvent,
  recordedLink,
  review,
  scheduleEvent,
  sha,
  statuses,
  submitReview,
  world,
  writes,
} from './scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const HOUR = 3600_000;
/** The head of the pull request numbered `number` that touches no pilot (each its own commit, and so its own status). */
const docsHead = (number: number) => sha('d', number);

/** `n` open pull requests that touch no pilot, numbered from 100. */
function docsPulls(n: number): PullSpec[] {
  return Array.from({ length: n }, (_, i) =>
    pull({ number: 100 + i, head: docsHead(100 + i), files: ['README.md'], requestedDaysAgo: null }),
  );
}

/**
 * Pull requests that change the pilot, with the owner's approval, whose legal window (14 days, asked
 * 13.5 days ago) closes in 12 hours: pending until then, ready by silence after.
 */
function closingPulls(n: number): PullSpec[] {
  return Array.from({ length: n }, (_, i) =>
    pull({ number: 10 + i, head: sha('c', 10 + i), requestedDaysAgo: 13.5, reviews: [review(OWNER, 'APPROVED', 1)] }),
  );
}

async function start(pulls: PullSpec[]): Promise<FakeGitHub> {
  const docs = { ...pilotFiles(), 'README.md': '# models\n' };
  const heads = Object.fromEntries(pulls.map((p) => [p.head.sha, p.number < 100 ? pilotFiles() : docs]));
  return startGitHub(world({ pulls, heads }));
}

const operations = (run: { requests: Array<{ operation: string | null; endpoint: string | null }> }) =>
  run.requests.map((r) => r.operation ?? r.endpoint);

describe('a sweep with nothing due', () => {
  it('of 100, then 10, then 1 open pull requests makes 2 requests each time and writes nothing', { timeout: 120_000 }, async () => {
    gh = await start(docsPulls(100));
    // The first sweep judges every pull request (none has a record yet): the list and the login, the
    // base tree once (shared), then per pull request its facts, head tree and manifests, the freshness
    // check before a success, and the status.
    const first = await runAction({ gh, event: 'schedule', payload: scheduleEvent(), killAfterMs: 100_000 });
    expect(first.status).toBe(0);
    expect(operations(first).slice(0, 2)).toEqual(['OpenPullRequests', 'Viewer']);
    expect(first.requests).toHaveLength(2 + 1 + 5 * 100);
    expect(writes(first)).toEqual(Array(100).fill('POST /repos/{owner}/{repo}/statuses/{sha}'));
    expect(statuses(gh, docsHead(100)).at(-1)).toMatchObject({
      state: 'success',
      target_url: expect.stringMatching(recordedLink('none')),
    });

    for (const open of [100, 10, 1]) {
      // Pull requests closed since: the sweep no longer lists them.
      for (const [number, record] of gh.world.repo('acme', 'models')?.pulls ?? [])
        if (number >= 100 + open) record.spec = { ...record.spec, state: 'closed' };
      const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
      expect(run.status).toBe(0);
      expect(operations(run)).toEqual(['OpenPullRequests', 'Viewer']);
      expect(run.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
      expect(run.summary).toContain(
        `Unchanged since their last evaluation, not read again: ${Array.from({ length: open }, (_, i) => `#${100 + i} ready`).join(', ')}.`,
      );
    }
  });
});

describe('a sweep with some pull requests due', () => {
  it('reads in full only those whose recorded instant has passed', { timeout: 60_000 }, async () => {
    gh = await start([...closingPulls(3), ...docsPulls(7)]);
    const first = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(first.outputs).toMatchObject({ decision: 'pending', blocking: 'legal' });
    // The pending pull requests record when their legal window closes.
    expect(statuses(gh, sha('c', 10)).at(-1)).toMatchObject({
      state: 'pending',
      target_url: expect.stringMatching(recordedLink('\\S+T\\S+Z')),
    });

    // An hour later nothing is due.
    elapse(gh.world, HOUR);
    const quiet = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(operations(quiet)).toEqual(['OpenPullRequests', 'Viewer']);
    expect(quiet.outputs).toMatchObject({ decision: 'pending' });

    // Thirteen hours after the first sweep the windows have closed: the three are read and turn ready;
    // the seven others, whose records are 13 hours old, are not read.
    elapse(gh.world, 12 * HOUR);
    const due = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(due.status).toBe(0);
    expect(due.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
    const read = due.requests.filter((r) => r.operation === 'PullRequestFacts').map((r) => r.variables?.number);
    expect(read).toEqual([10, 11, 12]);
    // The list and the login; the head and base trees once (shared); then per pull request its facts,
    // manifests and the evidence texts the policy checks (the rollback plan's headings), the freshness check before a success, the status and the comment.
    expect(operations(due)).toEqual([
      'OpenPullRequests',
      'Viewer',
      ...[10, 11, 12].flatMap((n) => [
        'PullRequestFacts',
        'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
        ...(n === 10 ? ['GET /repos/{owner}/{repo}/git/trees/{tree_sha}'] : []),
        'FileTexts',
        'EvidenceTexts',
        'PullRequestFreshness',
        'POST /repos/{owner}/{repo}/statuses/{sha}',
        'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
      ]),
    ]);
    expect(due.requests).toHaveLength(2 + 1 + 3 * 7);
  });

  /**
   * The example manifest with DR-2's quality baseline (which may be 30 days old) dated so that it
   * passes for `hours` more hours: a date-time, so the test does not depend on the time of day.
   */
  const baselineStaleIn = (hours: number) => {
    const dated = new Date(Date.now() - 30 * 24 * HOUR + hours * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const manifest = exampleManifest().replace(/( {2}DR-2:\n(?: {4}.*\n)*? {4}date: )\d{4}-\d{2}-\d{2}/, `$1'${dated}'`);
    expect(manifest).toContain(`date: '${dated}'`);
    return { manifest, stale: new Date(Date.parse(dated) + 30 * 24 * HOUR + 1).toISOString() };
  };
  const readyPull = () => pull({ number: 10, head: sha('c', 10), requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });

  it('wakes for a ready pull request when its evidence goes stale, not a day later', { timeout: 60_000 }, async () => {
    const { manifest, stale } = baselineStaleIn(12);
    const p = readyPull();
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: pilotFiles(manifest) } }));
    const first = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(first.outputs).toMatchObject({ decision: 'ready' });
    // Its record names the instant right after the baseline's last valid one.
    expect(statuses(gh, p.head.sha).at(-1)).toMatchObject({
      state: 'success',
      target_url: expect.stringMatching(recordedLink(stale.replace(/[.]/g, '\\.'))),
    });

    // A minute before that instant nothing is due (the record is 12 hours old); a minute after, the
    // pull request is read again.
    elapse(gh.world, Date.parse(stale) - Date.now() - 60_000);
    expect(operations(await runAction({ gh, event: 'schedule', payload: scheduleEvent() }))).toEqual(['OpenPullRequests', 'Viewer']);
    elapse(gh.world, 2 * 60_000);
    const due = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(due.requests.filter((r) => r.operation === 'PullRequestFacts').map((r) => r.variables?.number)).toEqual([10]);
  });

  it('turns a ready pull request red once its evidence is past its max age, and says which', { timeout: 60_000 }, async () => {
    const { manifest } = baselineStaleIn(12);
    const p = readyPull();
    gh = await startGitHub(world({ pulls: [p], heads: { [p.head.sha]: pilotFiles(manifest) } }));
    expect((await runAction({ gh, event: 'schedule', payload: scheduleEvent() })).outputs).toMatchObject({ decision: 'ready' });
    expect(statuses(gh, p.head.sha).at(-1)?.state).toBe('success');
    // A day later for everything, the manifest's dates included: the baseline is 30 days and 12 hours old.
    elapse(gh.world, 24 * HOUR);
    ageEvidence(gh.world, 1);
    const later = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(later.outputs).toMatchObject({ decision: 'blocked' });
    expect(statuses(gh, p.head.sha).at(-1)?.state).toBe('failure');
    expect(reportOf(later).blocking).toEqual(['DR-2']);
    expect(reportOf(later).criteria.find((c) => c.id === 'DR-2')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/is 30 days old; the policy accepts at most 30d for low risk \(12h too old\)/),
    });
  });

  it('reads in full the one pull request whose inputs changed (a new review)', { timeout: 60_000 }, async () => {
    gh = await start([...closingPulls(1), ...docsPulls(9)]);
    await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    submitReview(gh, 104, review('kim-sec', 'COMMENTED', 0, { body: 'Looks fine.' }));
    const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(run.requests.filter((r) => r.operation === 'PullRequestFacts').map((r) => r.variables?.number)).toEqual([104]);
    // Its status says the same, with a new record (its inputs): written again so the next sweep skips it.
    expect(operations(run)).toEqual([
      'OpenPullRequests',
      'Viewer',
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      'PullRequestFreshness',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
    ]);
    const again = await runAction({ gh, event: 'schedule', payload: scheduleEvent() });
    expect(operations(again)).toEqual(['OpenPullRequests', 'Viewer']);
  });
});

describe('the API round trips of one pull request', () => {
  // One read more than the budget of 4: the default policy checks the rollback plan's headings
  // (OPS-2), and which file that is can only be known from the manifest (docs/benchmarks.md).
  it('first run 8, then 5 when nothing changed (status and comment already say the same)', { timeout: 60_000 }, async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] });
    gh = await startGitHub(world({ pulls: [p] }));
    const first = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(first.status).toBe(0);
    expect(operations(first)).toEqual([
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      'EvidenceTexts',
      'PullRequestFreshness',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
    // As if minutes had passed: the posted comment's footer names an earlier instant than this run's,
    // but what the comment says has not changed.
    for (const repo of gh.world.repos.values())
      for (const c of repo.comments)
        c.body = c.body.replace(/ · evaluated [A-Z][a-z]{2} [^<·]* UTC/, ' · evaluated Mon 2 Nov 2026 09:15 UTC');
    expect(gh.comments(REPO, 7)[0]?.body).toContain('evaluated Mon 2 Nov 2026 09:15 UTC');
    const steady = await runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p) });
    expect(steady.status).toBe(0);
    expect(operations(steady)).toEqual([
      'PullRequestFacts',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
      'FileTexts',
      'EvidenceTexts',
    ]);
    expect(gh.comments(REPO, 7)).toHaveLength(1);
  });
});
