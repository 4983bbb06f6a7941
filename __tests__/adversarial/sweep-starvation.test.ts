// A sweep that cannot be starved. Pull requests the gate cannot verify (here, a manifest naming a team
// the token may not read) used to be read in full at every sweep, one after another, until a sweep ran
// out of time before the healthy pull requests got their turn. Each row runs the built Action against
// the fake GitHub: a failed try now backs off (recorded on the `error` status it writes), any change of
// the pull request ends the wait, a planted back-off record is not honoured, and a request budget
// spreads the work over sweeps, the longest waiting first.
import { describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import {
  OWNER,
  exampleManifest,
  pilotFiles,
  pull,
  review,
  scheduleEvent,
  sha,
  shownText,
  statuses,
  submitReview,
  world,
} from '../e2e/scenario.js';
import { ageEvidence, elapse } from '../support/fake-github/clock.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { PullSpec, Scenario } from '../support/fake-github/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GATE_BOT = 'github-actions[bot]';
const BACKOFF = /#pilot-readiness=v1;retry=(\d{4}-\d{2}-\d{2}T[0-9:.]+Z);attempt=(\d+);inputs=([0-9a-f]{32})$/;

/** The pilot with its security reviewers given as a team the workflow's token may not read: every try fails. */
const unreadableTeam = () => pilotFiles(exampleManifest().replace('security: [kim-sec]', 'security: [acme/appsec]'));
const ready = { requestedDaysAgo: 20, reviews: [review(OWNER, 'APPROVED', 1)] };
const headOf = (n: number) => sha(n >= 20 ? 'f' : 'c', n);

/** Pull requests `healthy` (ready, from #10) and `failing` (naming the unreadable team, from #20). */
function scenario(healthy: number[], failing: number[]): Scenario {
  const pulls = [...healthy, ...failing].map((number) => pull({ ...ready, number, head: headOf(number) }));
  return world({
    pulls,
    heads: Object.fromEntries([...healthy.map((n) => [headOf(n), pilotFiles()]), ...failing.map((n) => [headOf(n), unreadableTeam()])]),
    orgs: { acme: { teams: { appsec: ['kim-sec', 'lee-sec'] } } },
    tokens: {
      'gh-token': { login: GATE_BOT, permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' } },
      pat: { login: 'dana-ops', app: false, permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' } },
    },
  });
}

const sweep = (gh: FakeGitHub, extra: { token?: string; budget?: number } = {}) =>
  runAction({
    gh,
    event: 'schedule',
    payload: scheduleEvent(),
    ...(extra.token ? { token: extra.token } : {}),
    ...(extra.budget ? { with: { 'sweep-budget': String(extra.budget) } } : {}),
  });

/** The pull requests a run read in full (their facts), in order. */
const judged = (run: ActionRun) => run.requests.filter((r) => r.operation === 'PullRequestFacts').map((r) => r.variables?.number);

/** Every request of a run about pull request `n`: its facts, its head's tree or files, its status. */
const touching = (run: ActionRun, n: number) =>
  run.requests.filter(
    (r) => r.variables?.number === n || r.path.includes(headOf(n)) || JSON.stringify(r.variables ?? {}).includes(headOf(n)),
  );

/** The back-off record on the head's latest status, checked to be the gate's own `error`. */
function backoffOn(gh: FakeGitHub, n: number): { retryInMs: number; attempt: number } {
  const latest = statuses(gh, headOf(n)).at(-1);
  expect(latest).toMatchObject({ state: 'error', creator: GATE_BOT, description: expect.stringMatching(/^could not be verified: /) });
  const match = BACKOFF.exec(latest?.target_url ?? '');
  expect(match, latest?.target_url ?? '').not.toBeNull();
  return { retryInMs: Date.parse(match?.[1] ?? '') - Date.now(), attempt: Number(match?.[2]) };
}

/** A status written straight into the fake's world, as its creator could through the API. */
function plant(
  gh: FakeGitHub,
  n: number,
  status: { state: 'success' | 'error'; target_url: string; creator: string; created_at?: string },
) {
  const repo = gh.world.repo('acme', 'models');
  if (!repo) throw new Error('no repository');
  const at = status.created_at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const list = repo.statuses.get(headOf(n)) ?? [];
  list.push({
    id: gh.world.newId(),
    sha: headOf(n),
    context: 'pilot-readiness',
    description: 'planted',
    updated_at: at,
    ...status,
    created_at: at,
  });
  repo.statuses.set(headOf(n), list);
}

const linkOf = (gh: FakeGitHub, n: number) => statuses(gh, headOf(n)).at(-1)?.target_url ?? '';

describe('pull requests that cannot be verified back off', () => {
  it('after a failed try they are not read until their back-off ends, while healthy pull requests are judged', {
    timeout: 90_000,
  }, async () => {
    const failing = [20, 21, 22, 23, 24];
    gh = await startGitHub(scenario([10, 11], failing));
    const first = await sweep(gh);
    expect(first.status).toBe(1);
    expect(judged(first)).toEqual([10, 11, ...failing]);
    for (const n of failing) {
      const { retryInMs, attempt } = backoffOn(gh, n);
      expect(attempt).toBe(1);
      // 15 minutes from the run's start.
      expect(retryInMs).toBeGreaterThan(13 * MINUTE);
      expect(retryInMs).toBeLessThanOrEqual(15 * MINUTE);
    }

    // A review on each healthy pull request makes it due; the failing ones are left alone entirely.
    for (const n of [10, 11]) submitReview(gh, n, review('kim-sec', 'COMMENTED', 0, { body: 'Still fine.' }));
    const second = await sweep(gh);
    expect(judged(second)).toEqual([10, 11]);
    for (const n of failing) expect(touching(second, n)).toEqual([]);
    expect(second.requests.slice(0, 2).map((r) => r.operation)).toEqual(['OpenPullRequests', 'Viewer']);
    // Their error status stands, so the sweep still fails, and says when each is tried next.
    expect(second.status).toBe(1);
    expect(second.outputs).toEqual({});
    expect(second.annotations).toContainEqual({
      level: 'error',
      message:
        'pilot-readiness: #20, #21, #22, #23, #24 could not be verified at the last try and keep their error status; the sweep tries again after a back-off, or at once on a push or a review (see the job summary)',
    });
    const summary = shownText(second.summary);
    expect(summary).toContain('### ⏳ Backing off after failed tries, not read in this run');
    // The reason is the one its error status gives: the team the token may not read.
    for (const n of failing)
      expect(summary).toMatch(
        new RegExp(
          `- #${n}: next try after [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d UTC \\(1 failed try\\): could not be verified: .*acme/appsec`,
        ),
      );
    expect(second.stdout).toMatch(/#20 not read \(1 failed try: could not be verified: .*acme\/appsec.*\); next try after /);
    for (const n of failing) expect(backoffOn(gh, n).attempt).toBe(1);

    // Once the wait is over they are tried again, and a second failure waits twice as long.
    elapse(gh.world, 16 * MINUTE);
    const third = await sweep(gh);
    expect(judged(third)).toEqual(failing);
    for (const n of failing) {
      const { retryInMs, attempt } = backoffOn(gh, n);
      expect(attempt).toBe(2);
      expect(retryInMs).toBeGreaterThan(28 * MINUTE);
      expect(retryInMs).toBeLessThanOrEqual(30 * MINUTE);
    }
  });

  it('a push to a backing-off pull request makes it due at once (here it fixes the manifest and turns ready)', {
    timeout: 60_000,
  }, async () => {
    gh = await startGitHub(scenario([], [20, 21]));
    await sweep(gh);
    const fixed = sha('a', 21);
    const repo = gh.world.repo('acme', 'models');
    if (!repo) throw new Error('no repository');
    repo.spec = { ...repo.spec, files: { ...repo.spec.files, [fixed]: pilotFiles() } };
    const record = repo.pulls.get(21);
    if (!record) throw new Error('no #21');
    record.spec = {
      ...record.spec,
      head: { ...record.spec.head, sha: fixed },
      commits: [...(record.spec.commits ?? []), { sha: fixed, at: new Date().toISOString() }],
      reviews: [...(record.spec.reviews ?? []), review(OWNER, 'APPROVED', 0, { commit_id: fixed })],
    } as PullSpec;
    const run = await sweep(gh);
    expect(judged(run)).toEqual([21]);
    expect(touching(run, 20)).toEqual([]);
    expect(statuses(gh, fixed).at(-1)).toMatchObject({ state: 'success', creator: GATE_BOT });
  });

  it('a review on a backing-off pull request makes it due at once; failing again, it waits longer', { timeout: 60_000 }, async () => {
    gh = await startGitHub(scenario([], [20, 21]));
    await sweep(gh);
    submitReview(gh, 21, review('lee-legal', 'COMMENTED', 0, { body: 'Any news?' }));
    const run = await sweep(gh);
    expect(judged(run)).toEqual([21]);
    expect(touching(run, 20)).toEqual([]);
    expect(backoffOn(gh, 21).attempt).toBe(2);
    expect(backoffOn(gh, 20).attempt).toBe(1);
  });
});

interface ForgeryRow {
  name: string;
  token?: 'pat';
  /** Plants a record on #21 (while #20 keeps its genuine back-off, the control within the row). */
  plant(gh: FakeGitHub): void;
}

const FORGERIES: ForgeryRow[] = [
  {
    name: "the PR's author copies the gate's back-off record onto an error status of their own",
    plant: (gh) => plant(gh, 21, { state: 'error', target_url: linkOf(gh, 21), creator: 'dev-lin' }),
  },
  {
    name: 'the back-off record copied onto a success status, even under the gate’s own name (it only ever delays an error)',
    plant: (gh) => plant(gh, 21, { state: 'success', target_url: linkOf(gh, 21), creator: GATE_BOT }),
  },
  {
    name: 'another app (a bot) copies the record while the gate runs with a person token whose login GitHub names',
    token: 'pat',
    plant: (gh) => plant(gh, 21, { state: 'error', target_url: linkOf(gh, 21), creator: 'renovate[bot]' }),
  },
  {
    name: "another pull request's back-off record carried over to this head, under the gate's own name",
    plant: (gh) => plant(gh, 21, { state: 'error', target_url: linkOf(gh, 20), creator: GATE_BOT }),
  },
  {
    name: 'a back-off record pushed a year ahead under the gate’s name, written more than a day ago (the daily safety net)',
    plant: (gh) =>
      plant(gh, 21, {
        state: 'error',
        target_url: linkOf(gh, 21).replace(/retry=[^;]+/, 'retry=2099-01-01T00:00:00.000Z'),
        creator: GATE_BOT,
        created_at: new Date(Date.now() - 25 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
  },
  {
    name: 'a back-off record that does not read (attempt 0), under the gate’s own name',
    plant: (gh) =>
      plant(gh, 21, {
        state: 'error',
        target_url: linkOf(gh, 21)
          .replace(/attempt=\d+/, 'attempt=0')
          .replace(/retry=[^;]+/, 'retry=2099-01-01T00:00:00.000Z'),
        creator: GATE_BOT,
      }),
  },
];

describe('a planted back-off record', () => {
  for (const row of FORGERIES)
    it(`${row.name}: not honoured, the pull request is read again`, { timeout: 60_000 }, async () => {
      gh = await startGitHub(scenario([], [20, 21]));
      const token = row.token ?? 'gh-token';
      await sweep(gh, { token });
      row.plant(gh);
      const run = await sweep(gh, { token });
      expect(judged(run)).toEqual([21]);
      expect(touching(run, 20)).toEqual([]);
      // The gate's own error, with its own record, replaces the planted status.
      const latest = statuses(gh, headOf(21)).at(-1);
      expect(latest).toMatchObject({ state: 'error', creator: token === 'pat' ? 'dana-ops' : GATE_BOT });
      expect(latest?.target_url).toMatch(BACKOFF);
    });

  it('the control: with nothing planted, the next sweep reads neither', async () => {
    gh = await startGitHub(scenario([], [20, 21]));
    await sweep(gh);
    const run = await sweep(gh);
    expect(run.requests.map((r) => r.operation)).toEqual(['OpenPullRequests', 'Viewer']);
  });
});

describe('a request budget per sweep', () => {
  it('judges a standing success first, then the longest waiting, defers the rest and names them, and the next sweep takes them', {
    timeout: 120_000,
  }, async () => {
    gh = await startGitHub(scenario([10, 11, 12], []));
    // Every pull request judged once; two hours later #10 and #11 again (a review each), so #12's
    // record is the oldest.
    expect(judged(await sweep(gh))).toEqual([10, 11, 12]);
    elapse(gh.world, 2 * HOUR);
    for (const n of [10, 11]) submitReview(gh, n, review('kim-sec', 'COMMENTED', 0, { body: 'Noted.' }));
    expect(judged(await sweep(gh))).toEqual([10, 11]);
    // Then all three change, and a pull request never judged is opened.
    elapse(gh.world, HOUR);
    for (const n of [10, 11, 12]) submitReview(gh, n, review('lee-legal', 'COMMENTED', 0, { body: 'Noted too.' }));
    const repo = gh.world.repo('acme', 'models');
    if (!repo) throw new Error('no repository');
    repo.spec = { ...repo.spec, files: { ...repo.spec.files, [headOf(13)]: pilotFiles() } };
    repo.pulls.set(13, { spec: pull({ ...ready, number: 13, head: headOf(13) }), timeline: [], requested: [] });
    repo.pulls.get(13)!.timeline = repo.pulls.get(13)!.spec.timeline ?? [];

    // A budget that one pull request spends: one per sweep. #10-#12 stand at success, which lets a
    // merge through, so they go first, the least recently judged first; #13, never judged (no status
    // at all, so nothing merges), waits for them.
    const order: number[][] = [];
    const runs: ActionRun[] = [];
    for (let i = 0; i < 4; i++) {
      const run = await sweep(gh, { budget: 5 });
      runs.push(run);
      order.push(judged(run) as number[]);
    }
    expect(order).toEqual([[12], [10], [11], [13]]);

    const [first] = runs;
    expect(first?.status).toBe(0);
    // A run that left due pull requests unjudged is partial: no outputs to read `ready` off.
    expect(first?.outputs).toEqual({});
    expect(first?.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /^pilot-readiness: #10, #11, #13 not judged in this sweep: its request budget \(sweep-budget: 5\) was spent after \d+ requests; the next sweep takes them first/,
      ),
    });
    const summary = shownText(first?.summary ?? '');
    expect(summary).toContain('### ⏭️ Deferred to the next sweep, not judged in this run');
    expect(summary).toContain(
      '- #10: due because its inputs changed\n- #11: due because its inputs changed\n- #13: due because it has no status of the gate yet',
    );
    expect(first?.stdout).toMatch(/#10 deferred to the next sweep, not judged \(due: its inputs changed\)/);
    // The last one judged leaves nothing deferred: a complete run again, with its outputs.
    expect(runs[3]?.outputs).toMatchObject({ decision: 'ready', ready: 'true' });
    expect(runs[3]?.summary).not.toContain('Deferred');
    expect(judged(await sweep(gh, { budget: 5 }))).toEqual([]);
  });

  /** #10, ready until its data profile (DR-2) goes stale twelve hours from now (its record says so), and fork pull requests touching no pilot. */
  function expiringSuccess(forks: number[]): Scenario {
    const dated = new Date(Date.now() - 30 * 24 * HOUR + 12 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const manifest = exampleManifest().replace(/( {2}DR-2:\n(?: {4}.*\n)*? {4}date: )\d{4}-\d{2}-\d{2}/, `$1'${dated}'`);
    expect(manifest).toContain(`date: '${dated}'`);
    const spam = forks.map((n) =>
      pull({ number: n, head: sha('d', n), files: ['README.md'], fork: 'mallory/models', requestedDaysAgo: null }),
    );
    return world({
      pulls: [pull({ ...ready, number: 10, head: headOf(10) }), ...spam],
      heads: {
        [headOf(10)]: pilotFiles(manifest),
        ...Object.fromEntries(forks.map((n) => [sha('d', n), { ...pilotFiles(), 'README.md': `# spam ${n}\n` }])),
      },
    });
  }

  /** The sweep after #10's data profile went stale: a budget one pull request spends, and #10 first. */
  async function expectExpiredSuccessFirst(gh: FakeGitHub, forks: number[]) {
    ageEvidence(gh.world, 1);
    const run = await sweep(gh, { budget: 5 });
    expect(judged(run)).toEqual([10]);
    expect(statuses(gh, headOf(10)).at(-1)).toMatchObject({ state: 'failure', creator: GATE_BOT });
    expect(run.annotations).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        new RegExp(
          `^pilot-readiness: ${forks.map((n) => `#${n}`).join(', ')} not judged in this sweep: its request budget \\(sweep-budget: 5\\)`,
        ),
      ),
    });
  }

  it('pull requests opened from forks, never judged, cannot push a success that time has changed past the budget', {
    timeout: 90_000,
  }, async () => {
    gh = await startGitHub(expiringSuccess([]));
    expect(judged(await sweep(gh))).toEqual([10]);
    expect(statuses(gh, headOf(10)).at(-1)).toMatchObject({ state: 'success', creator: GATE_BOT });
    // Anyone may open pull requests: three from a fork, never judged.
    const repo = gh.world.repo('acme', 'models');
    if (!repo) throw new Error('no repository');
    const forks = expiringSuccess([30, 31, 32]).repos?.['acme/models'];
    repo.spec = { ...repo.spec, files: { ...repo.spec.files, ...forks?.files } };
    for (const spec of forks?.pulls?.slice(1) ?? []) repo.pulls.set(spec.number, { spec, timeline: [], requested: [] });
    // Thirteen hours later the data profile is past its age: #10's success no longer holds.
    elapse(gh.world, 13 * HOUR);
    await expectExpiredSuccessFirst(gh, [30, 31, 32]);
  });

  it("fork pull requests whose own success (no pilot touched) is older than a day cannot either: they wait longer, but time has changed #10's", {
    timeout: 90_000,
  }, async () => {
    gh = await startGitHub(expiringSuccess([30, 31, 32]));
    expect(judged(await sweep(gh))).toEqual([10, 30, 31, 32]);
    for (const n of [30, 31, 32]) expect(statuses(gh, sha('d', n)).at(-1)).toMatchObject({ state: 'success' });
    // #10 is judged again two hours later (a review), so the forks' records are the older ones.
    elapse(gh.world, 2 * HOUR);
    submitReview(gh, 10, review('kim-sec', 'COMMENTED', 0, { body: 'Noted.' }));
    expect(judged(await sweep(gh))).toEqual([10]);
    // 23 hours later the forks' records are more than a day old, and #10's instant has passed.
    elapse(gh.world, 23 * HOUR);
    await expectExpiredSuccessFirst(gh, [30, 31, 32]);
  });

  it('is a whole number of requests: anything else is an error naming the input', async () => {
    gh = await startGitHub(scenario([10], []));
    const run = await runAction({ gh, event: 'schedule', payload: scheduleEvent(), with: { 'sweep-budget': 'lots' } });
    expect(run.status).toBe(1);
    expect(run.annotations).toContainEqual({
      level: 'error',
      message: 'pilot-readiness: input sweep-budget: "lots" is not a number of API requests; use a whole number from 1, such as 600',
    });
    expect(run.requests).toEqual([]);
  });

  it('the control: with the default budget every due pull request is judged in one sweep, and nothing is deferred', async () => {
    gh = await startGitHub(scenario([10, 11, 12], []));
    const run = await sweep(gh);
    expect(judged(run)).toEqual([10, 11, 12]);
    expect(run.summary).not.toContain('Deferred');
    expect(run.outputs).toMatchObject({ decision: 'ready' });
  });
});
