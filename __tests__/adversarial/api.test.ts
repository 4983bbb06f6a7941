// The built Action (dist/index.js, run as the runner runs it) against a GitHub that does not play along:
// review requests taken back once the clock has started, and answers that page without end. Every row
// asserts the exit code and the decision or the commit status; run `npm run build` first.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import type { FaultKind, PullSpec, Scenario, TimelineEventSpec } from '../support/fake-github/scenario.js';
import { MAX_PAGES } from '../../src/adapters/github/paging.js';
import { runAction, type ActionRun } from '../e2e/run-action.js';
import {
  AUTHOR,
  DAY,
  HEAD,
  OWNER,
  REPO,
  daysAgo,
  exampleManifest,
  pilotFiles,
  pull,
  pullRequestEvent,
  reportOf,
  review,
  scheduleEvent,
  statuses,
  world,
  writes,
  shownText,
} from '../e2e/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const MINUTE = 60_000;
const FOREVER = 'pilot-readiness stops rather than page forever';

const requested = (days: number, who: { reviewer?: string; team?: string }): TimelineEventSpec => ({
  event: 'review_requested',
  created_at: daysAgo(days),
  ...(who.team ? { requested_team: who.team } : { requested_reviewer: who.reviewer }),
  actor: AUTHOR,
});
const removed = (days: number, who: { reviewer?: string; team?: string }): TimelineEventSpec => ({
  ...requested(days, who),
  event: 'review_request_removed',
});

/** The example manifest with legal filled by `legal` (head and base alike, so nothing about who decides changes). */
function legalBy(legal: string[]): Record<string, string> {
  return pilotFiles(exampleManifest().replace('legal: [lee-legal]', `legal: [${legal.join(', ')}]`));
}

/** acme/legal (lee-legal) as legal, and a token that may read teams. */
function teamWorld(pulls: PullSpec[], faults: Scenario['faults'] = []): Scenario {
  const files = legalBy(['acme/legal']);
  return world({
    pulls,
    heads: { [HEAD]: files },
    base: files,
    orgs: { acme: { teams: { legal: ['lee-legal'] } } },
    tokens: {
      'gh-token': {
        login: 'github-actions[bot]',
        permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write', members: 'read' },
      },
    },
    faults,
  });
}

/** The event GitHub sends when a review request is taken back (its pull request is the scenario's). */
function requestRemovedEvent(p: PullSpec, reviewer: string): Record<string, unknown> {
  return { ...pullRequestEvent('synchronize', p), action: 'review_request_removed', requested_reviewer: { login: reviewer, type: 'User' } };
}

const legalOf = (run: ActionRun) => reportOf(run).roles.find((r) => r.role === 'legal');

// ---------------------------------------------------------------- removed review requests

interface RemovalRow {
  name: string;
  scenario: () => Scenario;
  /** Inputs; request-reviews is turned off unless a row says otherwise, so the role's state is what the timeline made it. */
  with?: Record<string, string>;
  exit: number;
  decision: 'ready' | 'pending' | 'blocked';
  state: 'success' | 'pending' | 'failure';
  /** started_at: none, now (the Action asked), or the timeline event (by index) that started the window. */
  legal: { status: string; started_at: 'none' | 'now' | { event: number } };
  /** Review requests the Action made (REST POST requested_reviewers). */
  asked?: Array<{ reviewers: string[]; team_reviewers: string[] }>;
}

const approvedByOwner = [review(OWNER, 'APPROVED', 1)];
const ONE_MINUTE_LATER = 20 - MINUTE / DAY;

const removals: RemovalRow[] = [
  {
    name: 'request, then removal a minute later, the window long passed: legal is not requested, so silence is not consent',
    scenario: () =>
      world({
        pulls: [
          pull({
            openedDaysAgo: 21,
            reviews: approvedByOwner,
            timeline: [
              requested(20, { reviewer: 'lee-legal' }),
              requested(20, { reviewer: 'kim-sec' }),
              removed(ONE_MINUTE_LATER, { reviewer: 'lee-legal' }),
            ],
          }),
        ],
      }),
    exit: 1,
    decision: 'pending',
    state: 'pending',
    legal: { status: 'not_requested', started_at: 'none' },
  },
  {
    name: 'the same with request-reviews on: legal is asked again, and a full window starts now',
    scenario: () =>
      world({
        pulls: [
          pull({
            openedDaysAgo: 21,
            reviews: approvedByOwner,
            timeline: [
              requested(20, { reviewer: 'lee-legal' }),
              requested(20, { reviewer: 'kim-sec' }),
              removed(ONE_MINUTE_LATER, { reviewer: 'lee-legal' }),
            ],
          }),
        ],
      }),
    with: { 'request-reviews': 'true' },
    exit: 1,
    decision: 'pending',
    state: 'pending',
    legal: { status: 'pending', started_at: 'now' },
    asked: [{ reviewers: ['lee-legal'], team_reviewers: [] }],
  },
  {
    name: 'removal, then a new request 2 days ago: a full new window from that request',
    scenario: () =>
      world({
        pulls: [
          pull({
            openedDaysAgo: 21,
            reviews: approvedByOwner,
            timeline: [
              requested(20, { reviewer: 'lee-legal' }),
              requested(20, { reviewer: 'kim-sec' }),
              removed(ONE_MINUTE_LATER, { reviewer: 'lee-legal' }),
              requested(2, { reviewer: 'lee-legal' }),
            ],
          }),
        ],
      }),
    exit: 1,
    decision: 'pending',
    state: 'pending',
    legal: { status: 'pending', started_at: { event: 3 } },
  },
  {
    name: 'removal of one of two requested members of legal: the window runs on from the first request',
    scenario: () => {
      const files = legalBy(['lee-legal', 'lou-legal']);
      return world({
        pulls: [
          pull({
            openedDaysAgo: 21,
            reviews: approvedByOwner,
            timeline: [
              requested(20, { reviewer: 'lee-legal' }),
              requested(20, { reviewer: 'lou-legal' }),
              requested(20, { reviewer: 'kim-sec' }),
              removed(ONE_MINUTE_LATER, { reviewer: 'lou-legal' }),
            ],
          }),
        ],
        heads: { [HEAD]: files },
        base: files,
      });
    },
    exit: 0,
    decision: 'ready',
    state: 'success',
    legal: { status: 'consented', started_at: { event: 0 } },
  },
  {
    name: 'a team request removed a minute later: legal is not requested',
    scenario: () =>
      teamWorld([
        pull({
          openedDaysAgo: 21,
          reviews: approvedByOwner,
          timeline: [
            requested(20, { team: 'acme/legal' }),
            requested(20, { reviewer: 'kim-sec' }),
            removed(ONE_MINUTE_LATER, { team: 'acme/legal' }),
          ],
        }),
      ]),
    exit: 1,
    decision: 'pending',
    state: 'pending',
    legal: { status: 'not_requested', started_at: 'none' },
  },
  {
    name: 'a team request removed while a member of the team is asked by name: the window runs on',
    scenario: () =>
      teamWorld([
        pull({
          openedDaysAgo: 21,
          reviews: approvedByOwner,
          timeline: [
            requested(20, { team: 'acme/legal' }),
            requested(20, { reviewer: 'kim-sec' }),
            requested(19, { reviewer: 'lee-legal' }),
            removed(18, { team: 'acme/legal' }),
          ],
        }),
      ]),
    exit: 0,
    decision: 'ready',
    state: 'success',
    legal: { status: 'consented', started_at: { event: 0 } },
  },
];

describe('review requests that are removed', () => {
  for (const row of removals)
    it(row.name, async () => {
      gh = await startGitHub(row.scenario());
      const p = gh.world.repo('acme', 'models')?.pulls.get(7)?.spec as PullSpec;
      const before = Date.now();
      const run = await runAction({
        gh,
        event: 'pull_request',
        payload: requestRemovedEvent(p, 'lee-legal'),
        with: { 'request-reviews': 'false', ...row.with },
      });

      expect(run.status, run.stdout).toBe(row.exit);
      expect(run.outputs.decision).toBe(row.decision);
      expect(statuses(gh).map((s) => s.state)).toEqual([row.state]);
      const legal = legalOf(run);
      expect(legal?.status).toBe(row.legal.status);
      if (row.legal.started_at === 'none') expect([legal?.started_at, legal?.deadline]).toEqual([null, null]);
      else if (row.legal.started_at === 'now') {
        const start = Date.parse(legal?.started_at ?? '');
        expect(start).toBeGreaterThanOrEqual(before - 1000);
        expect(start).toBeLessThanOrEqual(Date.now());
        expect(Date.parse(legal?.deadline ?? '') - start).toBe(14 * DAY);
      } else {
        const event = p.timeline?.[row.legal.started_at.event];
        expect(legal?.started_at).toBe(new Date(Date.parse(event?.created_at ?? '')).toISOString());
        expect(Date.parse(legal?.deadline ?? '') - Date.parse(legal?.started_at ?? '')).toBe(14 * DAY);
      }
      const asked = run.requests
        .filter((r) => r.endpoint === 'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers')
        .map((r) => r.body);
      expect(asked).toEqual(row.asked ?? []);
    });
});

// ---------------------------------------------------------------- answers that page without end

interface PagingRow {
  read: string;
  kind: FaultKind;
  scenario: (faults: Scenario['faults']) => Scenario;
  faults: Scenario['faults'];
  event: 'pull_request' | 'schedule';
  /** GitHubApiError's endpoint, as the message names it. */
  endpoint: string;
  problem: string;
  /** Requests the run may make at most (the read's most pages, plus the run around it). */
  most: number;
}

const PR = 'GraphQL PullRequestFacts (acme/models#7)';
const everyQuery = (kind: FaultKind, connection: string): Scenario['faults'] => [
  { match: { path: '^/graphql$' }, times: 'always', kind, connection },
];
const prWorld = (faults: Scenario['faults']) => world({ pulls: [pull({ requestedDaysAgo: 20, reviews: approvedByOwner })], faults });
const teamPrWorld = (faults: Scenario['faults']) =>
  teamWorld(
    [
      pull({
        openedDaysAgo: 21,
        reviews: approvedByOwner,
        timeline: [requested(20, { team: 'acme/legal' }), requested(20, { reviewer: 'kim-sec' })],
      }),
    ],
    faults,
  );
const sweepWorld = (faults: Scenario['faults']) =>
  world({
    pulls: [pull({ requestedDaysAgo: 20, reviews: approvedByOwner }), pull({ number: 8, requestedDaysAgo: 20, reviews: approvedByOwner })],
    faults,
  });

function connectionRows(read: string, connection: string, what: string, max: number): PagingRow[] {
  return [
    {
      read,
      kind: 'page-null-cursor',
      scenario: prWorld,
      faults: everyQuery('page-null-cursor', connection),
      event: 'pull_request',
      endpoint: PR,
      problem: `GitHub answered hasNextPage with no cursor (page 1 of ${what})`,
      most: 10,
    },
    {
      read,
      kind: 'page-repeated-cursor',
      scenario: prWorld,
      faults: everyQuery('page-repeated-cursor', connection),
      event: 'pull_request',
      endpoint: PR,
      problem: `GitHub answered hasNextPage with a cursor it gave before (page 2 of ${what})`,
      most: 10,
    },
    {
      read,
      kind: 'page-endless',
      scenario: prWorld,
      faults: everyQuery('page-endless', connection),
      event: 'pull_request',
      endpoint: PR,
      problem: `GitHub still answered that there is more after ${max} pages of ${what}, the most pilot-readiness reads`,
      most: max + 10,
    },
  ];
}

const TEAM = 'GraphQL TeamMembers (acme/legal)';
const OPEN_PULLS = 'GraphQL OpenPullRequests (acme/models)';

const paging: PagingRow[] = [
  ...connectionRows('reviews', 'reviews', 'reviews', MAX_PAGES.reviews),
  ...connectionRows('timeline', 'timelineItems', 'timeline events', MAX_PAGES.timeline),
  ...connectionRows('commits', 'commits', 'commits', MAX_PAGES.commits),
  ...connectionRows('files', 'files', 'changed files', MAX_PAGES.files),
  {
    read: 'team members',
    kind: 'page-null-cursor',
    scenario: teamPrWorld,
    faults: everyQuery('page-null-cursor', 'members'),
    event: 'pull_request',
    endpoint: TEAM,
    problem: 'GitHub answered hasNextPage with no cursor (page 1 of the members of acme/legal)',
    most: 10,
  },
  {
    read: 'team members',
    kind: 'page-repeated-cursor',
    scenario: teamPrWorld,
    faults: everyQuery('page-repeated-cursor', 'members'),
    event: 'pull_request',
    endpoint: TEAM,
    problem: 'GitHub answered hasNextPage with a cursor it gave before (page 2 of the members of acme/legal)',
    most: 10,
  },
  {
    read: 'team members',
    kind: 'page-endless',
    scenario: teamPrWorld,
    faults: everyQuery('page-endless', 'members'),
    event: 'pull_request',
    endpoint: TEAM,
    problem: `GitHub still answered that there is more after ${MAX_PAGES.teamMembers} pages of the members of acme/legal, the most pilot-readiness reads`,
    most: MAX_PAGES.teamMembers + 10,
  },
  {
    read: 'open pull requests (schedule)',
    kind: 'page-repeated-cursor',
    scenario: sweepWorld,
    faults: [{ match: { operation: 'OpenPullRequests' }, times: 'always', kind: 'page-repeated-cursor', connection: 'pullRequests' }],
    event: 'schedule',
    endpoint: OPEN_PULLS,
    problem: 'GitHub answered hasNextPage with a cursor it gave before (page 2 of open pull requests)',
    most: 5,
  },
  {
    read: 'open pull requests (schedule)',
    kind: 'page-endless',
    scenario: sweepWorld,
    faults: [{ match: { operation: 'OpenPullRequests' }, times: 'always', kind: 'page-endless', connection: 'pullRequests' }],
    event: 'schedule',
    endpoint: OPEN_PULLS,
    problem: `GitHub still answered that there is more after ${MAX_PAGES.openPulls} pages of open pull requests, the most pilot-readiness reads`,
    most: MAX_PAGES.openPulls + 5,
  },
];

describe('answers that page without end', () => {
  for (const row of paging)
    it(`${row.read}, ${row.kind}: the run fails naming ${row.endpoint}, within ${row.most} requests`, async () => {
      gh = await startGitHub(row.scenario(row.faults));
      const payload =
        row.event === 'schedule'
          ? scheduleEvent()
          : pullRequestEvent('synchronize', gh.world.repo('acme', 'models')?.pulls.get(7)?.spec as PullSpec);
      const run = await runAction({ gh, event: row.event, payload });

      const message = `GitHub ${row.endpoint} failed: ${row.problem}; ${FOREVER}`;
      expect(run.status, run.stdout).toBe(1);
      expect(run.outputs.decision).toBeUndefined();
      expect(run.annotations.at(-1)).toEqual({ level: 'error', message: `pilot-readiness: ${message}` });
      expect(shownText(run.summary)).toContain(message);
      expect(run.requests.length).toBeLessThanOrEqual(row.most);
      expect(run.requests.length).toBeLessThan(200);
      // Paging stopped where the guard said: the faulted read was not asked again after the failure.
      expect(run.requests.some((r) => r.fault)).toBe(true);
      // Fail closed: nothing reads as a success; a pull request that was looked at is marked unverified.
      for (const sha of [HEAD]) expect(statuses(gh, sha).filter((s) => s.state === 'success')).toEqual([]);
      if (row.event === 'pull_request') {
        expect(statuses(gh).map((s) => s.state)).toEqual(['error']);
        expect(writes(run)).toEqual(['POST /repos/{owner}/{repo}/statuses/{sha}']);
      } else {
        expect(writes(run)).toEqual([]);
      }
      expect(gh.comments(REPO, 7)).toEqual([]);
    });
});
