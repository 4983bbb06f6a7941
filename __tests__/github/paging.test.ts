// Bounded paging: every paginated read stops with a GitHubApiError naming the endpoint when GitHub (or
// a proxy) says there is more without a way forward, with a cursor it gave before, or without end.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import type { FaultKind, PullSpec } from '../support/fake-github/scenario.js';
import { GitHubApiError } from '../../src/adapters/github/errors.js';
import { listOrgRepositories } from '../../src/adapters/github/org.js';
import { MAX_PAGES, PageGuard, boundedPages, nextLink } from '../../src/adapters/github/paging.js';
import { fetchPullRequestFacts } from '../../src/adapters/github/pull-request.js';
import { listOpenPullRequests } from '../../src/adapters/github/pulls.js';
import { fetchTeamMembers } from '../../src/adapters/github/teams.js';

const HEAD = 'c'.repeat(40);
const BASE = 'b'.repeat(40);
const FOREVER = 'pilot-readiness stops rather than page forever';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

async function failure(promise: Promise<unknown>): Promise<GitHubApiError> {
  const error = await promise.then(
    () => new Error('expected the read to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubApiError);
  return error as GitHubApiError;
}

describe('PageGuard', () => {
  it('follows fresh cursors and stops after the last page', () => {
    const guard = new PageGuard('GraphQL X', 'things', 3);
    expect(guard.next(true, 'a')).toBe('a');
    expect(guard.next(true, 'b')).toBe('b');
    expect(guard.next(false, 'b')).toBeNull();
    expect(guard.read).toBe(3);
    expect(new PageGuard('GraphQL X', 'things', 1).next(false, null)).toBeNull();
  });

  it('refuses more pages with no cursor', () => {
    for (const cursor of [null, undefined, '']) {
      expect(() => new PageGuard('GraphQL X', 'things', 3).next(true, cursor)).toThrow(
        new GitHubApiError('GraphQL X', null, `GitHub answered hasNextPage with no cursor (page 1 of things); ${FOREVER}`),
      );
    }
  });

  it('refuses a cursor it gave before, however long ago', () => {
    const guard = new PageGuard('GraphQL X', 'things', 10);
    guard.next(true, 'a');
    guard.next(true, 'b');
    expect(() => guard.next(true, 'a')).toThrow(
      `GitHub GraphQL X failed: GitHub answered hasNextPage with a cursor it gave before (page 3 of things); ${FOREVER}`,
    );
  });

  it('refuses more than its pages', () => {
    const guard = new PageGuard('GraphQL X', 'things', 2);
    guard.next(true, 'a');
    expect(() => guard.next(true, 'b')).toThrow(
      `GitHub still answered that there is more after 2 pages of things, the most pilot-readiness reads; ${FOREVER}`,
    );
  });

  it('speaks of links for REST listings, and checks a next link against the pages read', async () => {
    const pages = (links: Array<string | undefined>) =>
      (async function* () {
        for (const [i, link] of links.entries()) yield { url: `https://x/p?page=${i + 1}`, headers: { link }, data: [i] };
      })();
    const read = async (links: Array<string | undefined>, max = 5) => {
      const seen: number[] = [];
      for await (const page of boundedPages(pages(links), new PageGuard('GET /p', 'items', max, 'link'))) seen.push(...page.data);
      return seen;
    };
    expect(await read(['<https://x/p?page=2>; rel="next"', undefined])).toEqual([0, 1]);
    await expect(read(['<https://x/p?page=1>; rel="next"'])).rejects.toThrow(
      `GitHub GET /p failed: GitHub answered a next link to a page it gave before (page 1 of items); ${FOREVER}`,
    );
    await expect(
      read(['<https://x/p?page=2>; rel="next"', '<https://x/p?page=3>; rel="next"', '<https://x/p?page=4>; rel="next"'], 2),
    ).rejects.toThrow('after 2 pages of items');
    expect(nextLink('<https://x/p?page=3>; rel="prev", <https://x/p?page=5>; rel="next"')).toBe('https://x/p?page=5');
    expect(nextLink('<>; rel="next"')).toBeNull();
  });
});

// ---------------------------------------------------------------- the pull request's four connections

function pull(extra: Partial<PullSpec> = {}): PullSpec {
  return {
    number: 7,
    user: 'dev-ana',
    created_at: '2024-03-01T09:00:00Z',
    head: { sha: HEAD, ref: 'churn' },
    base: { sha: BASE, ref: 'main' },
    files: ['a.yml'],
    ...extra,
  };
}

const prScenario = (faults: Scenario['faults'], extra: Partial<PullSpec> = {}): Scenario => ({
  repos: { 'acme/models': { pulls: [pull(extra)] } },
  faults,
});
const PR_ENDPOINT = 'GraphQL PullRequestFacts (acme/models#7)';

/** Every GraphQL request, the first query and its page queries alike. */
const everyQuery = (kind: FaultKind, connection: string): NonNullable<Scenario['faults']>[number] => ({
  match: { path: '^/graphql$' },
  times: 'always',
  kind,
  connection,
});

describe('fetchPullRequestFacts on hostile paging', () => {
  const connections = [
    { connection: 'reviews', what: 'reviews', max: MAX_PAGES.reviews },
    { connection: 'timelineItems', what: 'timeline events', max: MAX_PAGES.timeline },
    { connection: 'commits', what: 'commits', max: MAX_PAGES.commits },
    { connection: 'files', what: 'changed files', max: MAX_PAGES.files },
  ];

  it.each(connections)('$connection: hasNextPage with a null cursor fails at once', async ({ connection, what }) => {
    gh = await startGitHub(prScenario([{ match: { operation: 'PullRequestFacts' }, kind: 'page-null-cursor', connection }]));
    const error = await failure(fetchPullRequestFacts(fakeClient(gh), { owner: 'acme', repo: 'models', number: 7 }));
    expect(error.message).toBe(`GitHub ${PR_ENDPOINT} failed: GitHub answered hasNextPage with no cursor (page 1 of ${what}); ${FOREVER}`);
    expect(error.endpoint).toBe(PR_ENDPOINT);
    expect(gh.count()).toBe(1);
  });

  it.each(connections)('$connection: a repeated cursor fails on the page that repeats it', async ({ connection, what }) => {
    gh = await startGitHub(prScenario([everyQuery('page-repeated-cursor', connection)]));
    const error = await failure(fetchPullRequestFacts(fakeClient(gh), { owner: 'acme', repo: 'models', number: 7 }));
    expect(error.message).toBe(
      `GitHub ${PR_ENDPOINT} failed: GitHub answered hasNextPage with a cursor it gave before (page 2 of ${what}); ${FOREVER}`,
    );
    expect(gh.requests.map((r) => r.operation)).toEqual(['PullRequestFacts', 'PullRequestFactsPage']);
  });

  it.each(connections)('$connection: fresh cursors without end stop after its most pages', async ({ connection, what, max }) => {
    gh = await startGitHub(prScenario([everyQuery('page-endless', connection)]));
    const error = await failure(fetchPullRequestFacts(fakeClient(gh), { owner: 'acme', repo: 'models', number: 7 }));
    expect(error.message).toBe(
      `GitHub ${PR_ENDPOINT} failed: GitHub still answered that there is more after ${max} pages of ${what}, the most pilot-readiness reads; ${FOREVER}`,
    );
    expect(gh.count()).toBe(max);
    // Only the endless connection was asked for again.
    const asked = gh.requests.slice(1).map((r) => ['reviews', 'timeline', 'commits', 'files'].filter((c) => r.variables?.[c] === true));
    expect(new Set(asked.map((a) => a.join()))).toEqual(new Set([connection === 'timelineItems' ? 'timeline' : connection]));
  });

  it('still reads the 3,000 files GitHub lists: 30 pages are within bounds', async () => {
    gh = await startGitHub(prScenario([], { files: Array.from({ length: 3000 }, (_, i) => `f${i}.txt`) }));
    const read = await fetchPullRequestFacts(fakeClient(gh), { owner: 'acme', repo: 'models', number: 7 });
    expect(read.changedFiles).toHaveLength(3000);
    expect(gh.count()).toBe(MAX_PAGES.files);
  });

  it('fails when a page leaves out a connection it was asked for, instead of asking again forever', async () => {
    const reviews = Array.from({ length: 150 }, (_, i) => ({
      id: i + 1,
      user: `r${i}`,
      state: 'COMMENTED' as const,
      submitted_at: '2024-03-02T10:00:00Z',
    }));
    const page = { data: { repository: { pullRequest: { headRefOid: HEAD, reviews: null } } } };
    gh = await startGitHub(
      prScenario([{ match: { operation: 'PullRequestFactsPage' }, times: 'always', respond: { status: 200, body: page } }], { reviews }),
    );
    const error = await failure(fetchPullRequestFacts(fakeClient(gh), { owner: 'acme', repo: 'models', number: 7 }));
    expect(error.message).toBe('GitHub GraphQL PullRequestFactsPage (acme/models#7) failed: a page of the answer has no reviews');
    expect(gh.count()).toBe(2);
  });
});

// ---------------------------------------------------------------- the comments: read newest first, cut at the most, never failing

describe('fetchPullRequestFacts on a flood of comments', () => {
  const facts = (github: FakeGitHub) =>
    fetchPullRequestFacts(fakeClient(github), { owner: 'acme', repo: 'models', number: 7 }, { comments: true });
  const LIMIT = `more than the ${MAX_PAGES.comments * 100} pilot-readiness reads (${MAX_PAGES.comments} pages of 100)`;

  it('reads the newest comments up to its most, keeps them oldest first, and says what it left out', async () => {
    const total = MAX_PAGES.comments * 100 + 50;
    const flood = Array.from({ length: total - 3 }, (_, i) => ({ user: 'mallory', body: `spam ${i}`, created_at: '2024-03-02T10:00:00Z' }));
    const ours = [
      { user: 'github-actions[bot]', body: '<!-- pilot-readiness:readiness -->\nreport', created_at: '2024-03-03T10:00:00Z' },
      { user: 'github-actions[bot]', body: 'a later comment of the gate', created_at: '2024-03-04T10:00:00Z' },
    ];
    gh = await startGitHub(
      prScenario([], {
        comments: [
          { user: 'github-actions[bot]', body: 'the oldest, out of reach', created_at: '2024-03-01T10:00:00Z' },
          ...flood,
          ...ours,
        ],
      }),
    );
    const read = await facts(gh);
    // The gate's newest comments are seen, in order; its oldest, among the 50 left out, is not.
    expect(read.botComments.map((c) => c.body)).toEqual(ours.map((c) => c.body));
    expect(read.warnings).toEqual([
      `#7 has ${total} comments, ${LIMIT}: only the newest ${MAX_PAGES.comments * 100} were read. A reminder or report comment of the gate among the older ones is not seen: a role whose silence needs that reminder stays pending until it is posted again, and a report comment not seen is posted anew`,
    ]);
    expect(gh.count()).toBe(MAX_PAGES.comments);
    // Backward from the newest: every page after the first goes before the one read.
    expect(
      gh.requests.slice(1).every((r) => typeof r.variables?.commentsBefore === 'string' && r.variables?.commentsAfter === undefined),
    ).toBe(true);
  });

  it('a GitHub that says there are more comments without end: stops at its most, with a warning, instead of failing', async () => {
    gh = await startGitHub(
      prScenario([everyQuery('page-endless', 'comments')], { comments: [{ user: 'github-actions[bot]', body: 'ours' }] }),
    );
    const read = await facts(gh);
    expect(read.botComments.map((c) => c.body)).toEqual(['ours']);
    expect(read.warnings).toEqual([
      expect.stringMatching(new RegExp(`^#7 has more than 1 comments, ${LIMIT.replace(/[()]/g, '\\$&')}: only the newest 1 were read`)),
    ]);
    expect(gh.count()).toBe(MAX_PAGES.comments);
  });

  it('still fails on an answer it cannot follow (no cursor, or one it gave before): that is no flood', async () => {
    gh = await startGitHub(prScenario([{ match: { operation: 'PullRequestFacts' }, kind: 'page-null-cursor', connection: 'comments' }]));
    expect((await failure(facts(gh))).message).toBe(
      `GitHub ${PR_ENDPOINT} failed: GitHub answered hasPreviousPage with no cursor (page 1 of comments); ${FOREVER}`,
    );
    gh = await startGitHub(prScenario([everyQuery('page-repeated-cursor', 'comments')]));
    expect((await failure(facts(gh))).message).toBe(
      `GitHub ${PR_ENDPOINT} failed: GitHub answered hasPreviousPage with a cursor it gave before (page 2 of comments); ${FOREVER}`,
    );
  });

  it('reads every comment, with no warning, below its most', async () => {
    gh = await startGitHub(
      prScenario([], {
        comments: Array.from({ length: 250 }, (_, i) => ({ user: i === 0 ? 'github-actions[bot]' : 'dev-ana', body: `c${i}` })),
      }),
    );
    const read = await facts(gh);
    expect(read.botComments.map((c) => c.body)).toEqual(['c0']);
    expect(read.warnings).toEqual([]);
    expect(gh.count()).toBe(3);
  });
});

// ---------------------------------------------------------------- team members, org repositories

describe('fetchTeamMembers on hostile paging', () => {
  const teams: Scenario = { orgs: { acme: { teams: { appsec: ['kim-sec', 'lee-sec'], legal: ['lou'] } } } };
  const ENDPOINT = 'GraphQL TeamMembers (acme/appsec)';

  it.each([
    ['page-null-cursor', 1, `GitHub answered hasNextPage with no cursor (page 1 of the members of acme/appsec)`],
    ['page-repeated-cursor', 2, `GitHub answered hasNextPage with a cursor it gave before (page 2 of the members of acme/appsec)`],
    [
      'page-endless',
      MAX_PAGES.teamMembers,
      `GitHub still answered that there is more after ${MAX_PAGES.teamMembers} pages of the members of acme/appsec, the most pilot-readiness reads`,
    ],
  ] as const)('%s: fails after %i requests, naming the team', async (kind, requests, problem) => {
    gh = await startGitHub({ ...teams, faults: [everyQuery(kind, 'members')] });
    const error = await failure(fetchTeamMembers(fakeClient(gh), ['acme/appsec', 'acme/legal']));
    expect(error.message).toBe(`GitHub ${ENDPOINT} failed: ${problem}; ${FOREVER}`);
    expect(gh.count()).toBe(requests);
  });
});

describe('listOrgRepositories on hostile paging', () => {
  const org: Scenario = { orgs: { acme: {} }, repos: { 'acme/models': {}, 'acme/data': {} } };
  const ENDPOINT = 'GraphQL OrgRepositories (acme)';

  it.each([
    ['page-null-cursor', 1, 'GitHub answered hasNextPage with no cursor (page 1 of the repositories of acme)'],
    ['page-repeated-cursor', 2, 'GitHub answered hasNextPage with a cursor it gave before (page 2 of the repositories of acme)'],
    [
      'page-endless',
      MAX_PAGES.orgRepositories,
      `GitHub still answered that there is more after ${MAX_PAGES.orgRepositories} pages of the repositories of acme, the most pilot-readiness reads`,
    ],
  ] as const)('%s: fails after %i requests', async (kind, requests, problem) => {
    gh = await startGitHub({ ...org, faults: [everyQuery(kind, 'repositories')] });
    const error = await failure(listOrgRepositories(fakeClient(gh), 'acme'));
    expect(error.message).toBe(`GitHub ${ENDPOINT} failed: ${problem}; ${FOREVER}`);
    expect(gh.count()).toBe(requests);
  });
});

// ---------------------------------------------------------------- REST listings (Link headers)

const openPulls: Scenario = {
  repos: { 'acme/models': { pulls: [pull(), { ...pull(), number: 8 }] } },
};

describe('listOpenPullRequests on hostile paging', () => {
  const ENDPOINT = 'GET /repos/acme/models/pulls';

  it('a next link to the page just read fails before asking for it again', async () => {
    gh = await startGitHub({ ...openPulls, faults: [{ match: { path: '/pulls$' }, times: 'always', kind: 'page-repeated-cursor' }] });
    const error = await failure(listOpenPullRequests(fakeClient(gh), { owner: 'acme', repo: 'models' }));
    expect(error.message).toBe(
      `GitHub ${ENDPOINT} failed: GitHub answered a next link to a page it gave before (page 1 of open pull requests); ${FOREVER}`,
    );
    expect(gh.count()).toBe(1);
  });

  it('next links without end stop after its most pages', async () => {
    gh = await startGitHub({ ...openPulls, faults: [{ match: { path: '/pulls$' }, times: 'always', kind: 'page-endless' }] });
    const error = await failure(listOpenPullRequests(fakeClient(gh), { owner: 'acme', repo: 'models' }));
    expect(error.message).toBe(
      `GitHub ${ENDPOINT} failed: GitHub still answered that there is more after ${MAX_PAGES.openPulls} pages of open pull requests, the most pilot-readiness reads; ${FOREVER}`,
    );
    expect(gh.count()).toBe(MAX_PAGES.openPulls);
    expect(gh.requests.at(-1)?.query.page).toBe(String(MAX_PAGES.openPulls));
  });
});
