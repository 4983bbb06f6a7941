// The fake GitHub itself: pagination, GraphQL validation, tokens, faults and recording behave like GitHub.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fileURLToPath } from 'node:url';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { checkResponse, openapiFixture } from '../support/fake-github/contract.js';
import { routeEndpoints } from '../support/fake-github/rest.js';

const BASIC = fileURLToPath(new URL('../support/fake-github/scenarios/basic.yml', import.meta.url));
const HEAD = 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

async function start(scenario: Scenario | string = BASIC): Promise<FakeGitHub> {
  gh = await startGitHub(scenario);
  return gh;
}

async function call(
  method: string,
  path: string,
  { token = 'gh-token', body }: { token?: string | null; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  if (!gh) throw new Error('start the fake first');
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `token ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

const graphql = (query: string, variables: Record<string, unknown> = {}, token = 'gh-token') =>
  call('POST', '/graphql', { token, body: { query, variables } });

function manyPulls(n: number): Scenario {
  return {
    repos: {
      'acme/models': {
        pulls: Array.from({ length: n }, (_, i) => ({
          number: i + 1,
          user: 'dev-ana',
          head: { sha: `${String(i).padStart(4, '0')}${'a'.repeat(36)}` },
          base: { sha: 'b'.repeat(40) },
        })),
      },
    },
  };
}

describe('scenarios', () => {
  it('loads a YAML scenario file and serves it over REST and GraphQL', async () => {
    await start();
    const pull = await call('GET', '/repos/acme/models/pulls/7');
    expect(pull.status).toBe(200);
    expect(pull.json()).toMatchObject({ number: 7, user: { login: 'dev-ana' }, head: { sha: HEAD }, base: { ref: 'main' } });
    const q = await graphql('query { repository(owner: "acme", name: "models") { pullRequest(number: 7) { title author { login } } } }');
    expect(q.json()).toEqual({ data: { repository: { pullRequest: { title: 'Ship the churn model', author: { login: 'dev-ana' } } } } });
  });

  it('rejects an unknown top-level key with the keys it expected', async () => {
    const { loadScenario } = await import('../support/fake-github/scenario.js');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'fake-gh-')), 'bad.yml');
    writeFileSync(file, 'repo: {}\n');
    expect(() => loadScenario(file)).toThrow(/unknown scenario key "repo" \(expected tokens, repos, orgs, faults\)/);
  });
});

describe('REST pagination', () => {
  it('pages with per_page and page, and links the next, last, prev and first pages', async () => {
    await start(manyPulls(250));
    const first = await call('GET', '/repos/acme/models/pulls?state=open&per_page=100');
    expect((first.json() as unknown[]).length).toBe(100);
    const link = first.headers.get('link') ?? '';
    expect(link).toContain(`<${gh?.url}/repos/acme/models/pulls?state=open&per_page=100&page=2>; rel="next"`);
    expect(link).toContain('page=3>; rel="last"');
    const last = await call('GET', '/repos/acme/models/pulls?state=open&per_page=100&page=3');
    expect((last.json() as Array<{ number: number }>).map((p) => p.number)).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
    expect(last.headers.get('link')).toContain('rel="prev"');
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('defaults to 30 per page and caps per_page at 100', async () => {
    await start(manyPulls(250));
    expect(((await call('GET', '/repos/acme/models/pulls')).json() as unknown[]).length).toBe(30);
    expect(((await call('GET', '/repos/acme/models/pulls?per_page=500')).json() as unknown[]).length).toBe(100);
  });
});

describe('GraphQL', () => {
  it('rejects a query the real schema rejects, as GitHub does (200 with errors)', async () => {
    await start();
    const res = await graphql('query { repository(owner: "acme", name: "models") { pullRequest(number: 7) { reviewz { totalCount } } } }');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      errors: [expect.objectContaining({ message: expect.stringContaining('Cannot query field "reviewz" on type "PullRequest"') })],
    });
  });

  it('rejects variables of the wrong type', async () => {
    await start();
    const res = await graphql('query Q($n: Int!) { repository(owner: "acme", name: "models") { pullRequest(number: $n) { title } } }', {
      n: 'seven',
    });
    expect(JSON.stringify(res.json())).toContain('Int cannot represent non-integer value');
  });

  it("enforces GitHub's connection rules: first or last is required, and at most 100", async () => {
    await start();
    const none = await graphql('query { repository(owner: "acme", name: "models") { pullRequest(number: 7) { reviews { totalCount } } } }');
    expect(JSON.stringify(none.json())).toContain(
      'You must provide a `first` or `last` value to properly paginate the `reviews` connection.',
    );
    const many = await graphql(
      'query { repository(owner: "acme", name: "models") { pullRequest(number: 7) { reviews(first: 101) { totalCount } } } }',
    );
    expect(JSON.stringify(many.json())).toContain(
      'Requesting 101 records on the `reviews` connection exceeds the `first` limit of 100 records.',
    );
  });

  it('pages connections with cursors', async () => {
    const reviews = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, user: `r${i}`, state: 'COMMENTED' as const }));
    await start({
      repos: {
        'acme/models': { pulls: [{ number: 1, user: 'a', head: { sha: 'a'.repeat(40) }, base: { sha: 'b'.repeat(40) }, reviews }] },
      },
    });
    const page = async (after: string | null) =>
      (
        (
          await graphql(
            'query P($after: String) { repository(owner: "acme", name: "models") { pullRequest(number: 1) { reviews(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { databaseId } } } } }',
            { after },
          )
        ).json() as {
          data: {
            repository: {
              pullRequest: { reviews: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ databaseId: number }> } };
            };
          };
        }
      ).data.repository.pullRequest.reviews;
    const ids: number[] = [];
    let after: string | null = null;
    for (;;) {
      const p = await page(after);
      ids.push(...p.nodes.map((n) => n.databaseId));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(ids).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows bots as Bot without the [bot] suffix, as GitHub does', async () => {
    await start({
      repos: {
        'acme/models': { pulls: [{ number: 1, user: 'renovate[bot]', head: { sha: 'a'.repeat(40) }, base: { sha: 'b'.repeat(40) } }] },
      },
    });
    const res = await graphql(
      'query { repository(owner: "acme", name: "models") { pullRequest(number: 1) { author { __typename login } } } }',
    );
    expect(res.json()).toEqual({ data: { repository: { pullRequest: { author: { __typename: 'Bot', login: 'renovate' } } } } });
  });

  it('lists open pull requests among a commit’s associated pull requests only while the default branch does not hold it, as GitHub does', async () => {
    const [tip, older, topic] = ['d'.repeat(40), 'e'.repeat(40), 'f'.repeat(40)];
    const open = (number: number, sha: string) => ({
      number,
      user: 'dev-ana',
      head: { sha },
      base: { sha: 'b'.repeat(40), ref: 'release/1' },
    });
    await start({
      repos: {
        'acme/models': {
          branches: { main: tip },
          commits: { [tip]: { parents: [older] } },
          pulls: [
            open(1, tip),
            open(2, older),
            open(3, topic),
            { ...open(4, older), state: 'closed', merged_at: '2024-03-03T09:00:00Z', merge_commit_sha: 'a'.repeat(40) },
          ],
        },
      },
    });
    const numbers = async (sha: string) => {
      const res = await graphql(
        `query { repository(owner: "acme", name: "models") { object(oid: "${sha}") { ... on Commit { associatedPullRequests(first: 10) { nodes { number } } } } } }`,
      );
      const data = res.json() as { data: { repository: { object: { associatedPullRequests: { nodes: Array<{ number: number }> } } } } };
      return data.data.repository.object.associatedPullRequests.nodes.map((n) => n.number);
    };
    expect(await numbers(tip)).toEqual([]);
    expect(await numbers(older)).toEqual([4]);
    expect(await numbers(topic)).toEqual([3]);
  });

  it('reads blobs by expression, with text, size and binary flag', async () => {
    await start({
      repos: { 'acme/models': { files: { main: { 'a.txt': 'hello', 'b.bin': { base64: Buffer.from([0, 1, 2]).toString('base64') } } } } },
    });
    const res = await graphql(
      'query { repository(owner: "acme", name: "models") { a: object(expression: "main:a.txt") { ... on Blob { text byteSize isBinary } } b: object(expression: "main:b.bin") { ... on Blob { text isBinary } } c: object(expression: "main:none") { id } } }',
    );
    expect(res.json()).toEqual({
      data: { repository: { a: { text: 'hello', byteSize: 5, isBinary: false }, b: { text: null, isBinary: true }, c: null } },
    });
  });
});

describe('tokens', () => {
  it('answers 401 without a token or with an unknown one', async () => {
    await start();
    expect((await call('GET', '/repos/acme/models/pulls', { token: null })).status).toBe(401);
    const bad = await call('GET', '/repos/acme/models/pulls', { token: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('refuses writes to a read-only token (a fork PR) with 403', async () => {
    await start();
    const res = await call('POST', '/repos/acme/models/issues/7/comments', { token: 'fork-token', body: { body: 'hi' } });
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ message: 'Resource not accessible by integration' });
  });

  it('refuses GET /user and viewer to installation tokens, and answers them for users', async () => {
    await start();
    expect((await call('GET', '/user')).status).toBe(403);
    expect((await call('GET', '/user', { token: 'kim-pat' })).json()).toMatchObject({ login: 'kim-sec' });
    const viewer = await graphql('query { viewer { login } }');
    expect(viewer.json()).toMatchObject({ data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] });
    expect((await graphql('query { viewer { login } }', {}, 'kim-pat')).json()).toEqual({ data: { viewer: { login: 'kim-sec' } } });
  });

  it('hides team members from a token without members: read, on REST and GraphQL', async () => {
    await start();
    expect((await call('GET', '/orgs/acme/teams/appsec/members')).status).toBe(403);
    expect((await call('GET', '/orgs/acme/teams/appsec/members', { token: 'kim-pat' })).json()).toEqual([
      expect.objectContaining({ login: 'kim-sec' }),
      expect.objectContaining({ login: 'lee-sec' }),
    ]);
    const res = await graphql('query { organization(login: "acme") { team(slug: "appsec") { slug } } }');
    expect(res.json()).toMatchObject({
      data: { organization: { team: null } },
      errors: [{ type: 'FORBIDDEN', path: ['organization', 'team'] }],
    });
  });

  it('hides the teams of an org with members_visible: false from tokens not granted members explicitly', async () => {
    await start({
      tokens: { any: {}, reader: { permissions: { members: 'read' } } },
      orgs: { acme: { teams: { appsec: ['kim-sec'] }, members_visible: false } },
    });
    expect((await call('GET', '/orgs/acme/teams/appsec/members', { token: 'any' })).status).toBe(403);
    expect((await call('GET', '/orgs/acme/teams/appsec/members', { token: 'reader' })).status).toBe(200);
  });

  it('names a misspelt scenario key instead of ignoring it', async () => {
    await expect(
      startGitHub({
        repos: { 'acme/models': { pulls: [{ number: 1, user: 'a', head: { sha: 'a' }, base: { sha: 'b' }, review: [] } as never] } },
      }),
    ).rejects.toThrow(
      'scenario repos.acme/models pull #1: unknown key "review" (a pull has number, title, body, user, state, draft, created_at, head, base, files, commits, reviews, timeline, comments, requested_reviewers, merged_at, merge_commit_sha)',
    );
  });
});

describe('faults', () => {
  it('answers a matching request with the fault for the given number of times, then normally', async () => {
    await start({ ...manyPulls(1), faults: [{ match: { method: 'GET', path: '/pulls$' }, times: 2, kind: 'server-error' }] });
    expect((await call('GET', '/repos/acme/models/pulls')).status).toBe(500);
    expect((await call('GET', '/repos/acme/models/pulls/1')).status).toBe(200);
    expect((await call('GET', '/repos/acme/models/pulls')).status).toBe(500);
    expect((await call('GET', '/repos/acme/models/pulls')).status).toBe(200);
    expect(gh?.requests.map((r) => r.fault)).toEqual([true, false, true, false]);
  });

  it('sends a secondary rate limit as GitHub does: 403, retry-after and the message', async () => {
    await start({ ...manyPulls(1), faults: [{ match: { path: '/pulls' }, kind: 'secondary-rate-limit', retry_after: 3 }] });
    const res = await call('GET', '/repos/acme/models/pulls');
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.json()).toMatchObject({ message: expect.stringContaining('You have exceeded a secondary rate limit') });
  });

  it('matches GraphQL requests by operation name', async () => {
    await start({ ...manyPulls(1), faults: [{ match: { operation: 'Two' }, kind: 'bad-gateway' }] });
    const q = (name: string) => graphql(`query ${name} { repository(owner: "acme", name: "models") { name } }`);
    expect((await q('One')).status).toBe(200);
    const two = await q('Two');
    expect(two.status).toBe(502);
    expect(two.text).toContain('Bad Gateway');
    expect(gh?.requests.map((r) => r.operation)).toEqual(['One', 'Two']);
  });

  it('serves malformed JSON, delays and custom answers', async () => {
    await start({
      ...manyPulls(1),
      faults: [
        { match: { path: '/pulls/1$' }, malformed_json: true },
        { match: { path: '/pulls$' }, delay_ms: 150 },
        { match: { path: '/user' }, respond: { status: 418, headers: { 'x-custom': 'yes' }, body: { message: 'teapot' } } },
      ],
    });
    const bad = await call('GET', '/repos/acme/models/pulls/1');
    expect(bad.status).toBe(200);
    expect(() => bad.json()).toThrow();
    const started = Date.now();
    expect((await call('GET', '/repos/acme/models/pulls')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const tea = await call('GET', '/user');
    expect([tea.status, tea.headers.get('x-custom'), tea.json()]).toEqual([418, 'yes', { message: 'teapot' }]);
  });

  describe('hostile paging', () => {
    const reviewsQuery = `query Reviews($after: String) { repository(owner: "acme", name: "models") { pullRequest(number: 1) {
      reviews(first: 1, after: $after) { pageInfo { hasNextPage endCursor } nodes { databaseId } } } } }`;
    type Answer = {
      data: {
        repository: { pullRequest: { reviews: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] } } };
      };
    };
    const withReviews: Scenario = {
      repos: {
        'acme/models': {
          pulls: [
            {
              number: 1,
              user: 'dev-ana',
              head: { sha: 'a'.repeat(40) },
              base: { sha: 'b'.repeat(40) },
              reviews: [
                { id: 1, user: 'kim', state: 'APPROVED' },
                { id: 2, user: 'lee', state: 'APPROVED' },
              ],
            },
          ],
        },
      },
    };
    const page = async (after: string | null = null) =>
      ((await graphql(reviewsQuery, { after })).json() as Answer).data.repository.pullRequest.reviews;

    it('page-null-cursor: more pages with no cursor, in the named connection only', async () => {
      await start({
        ...withReviews,
        faults: [{ match: { operation: 'Reviews' }, times: 'always', kind: 'page-null-cursor', connection: 'reviews' }],
      });
      const reviews = await page();
      expect(reviews).toEqual({ pageInfo: { hasNextPage: true, endCursor: null }, nodes: [{ databaseId: 1 }] });
      expect((await graphql('query Other { repository(owner: "acme", name: "models") { name } }')).json()).toEqual({
        data: { repository: { name: 'models' } },
      });
      expect(gh?.requests.map((r) => [r.operation, r.fault])).toEqual([
        ['Reviews', true],
        ['Other', false],
      ]);
    });

    it('page-repeated-cursor: the same cursor in every answer, though the pages move on', async () => {
      await start({
        ...withReviews,
        faults: [{ match: { operation: 'Reviews' }, times: 'always', kind: 'page-repeated-cursor', connection: 'reviews' }],
      });
      const first = await page();
      const second = await page(first.pageInfo.endCursor);
      expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: expect.any(String) });
      expect(second).toEqual({ pageInfo: first.pageInfo, nodes: [{ databaseId: 2 }] });
    });

    it('page-endless: a new, valid cursor every time, past the end', async () => {
      await start({
        ...withReviews,
        faults: [{ match: { operation: 'Reviews' }, times: 'always', kind: 'page-endless', connection: 'reviews' }],
      });
      const cursors: Array<string | null> = [];
      let after: string | null = null;
      for (let i = 0; i < 4; i++) {
        const reviews = await page(after);
        expect(reviews.pageInfo.hasNextPage).toBe(true);
        after = reviews.pageInfo.endCursor;
        cursors.push(after);
      }
      expect(new Set(cursors).size).toBe(4);
      expect((await page(after)).nodes).toEqual([]);
    });

    it('rewrites the Link header of a REST list: the same page again, or the next one without end', async () => {
      await start({
        ...manyPulls(3),
        faults: [
          { match: { path: '/pulls$' }, kind: 'page-repeated-cursor' },
          { match: { path: '/pulls$' }, kind: 'page-endless', times: 2 },
        ],
      });
      const same = await call('GET', '/repos/acme/models/pulls?per_page=100');
      expect(same.headers.get('link')).toBe(`<${gh?.url}/repos/acme/models/pulls?per_page=100>; rel="next"`);
      const past = await call('GET', '/repos/acme/models/pulls?per_page=100&page=7');
      expect([past.json(), past.headers.get('link')]).toEqual([[], `<${gh?.url}/repos/acme/models/pulls?per_page=100&page=8>; rel="next"`]);
      expect((await call('GET', '/repos/acme/models/pulls/1')).headers.get('link')).toBeNull();
      expect(gh?.requests.map((r) => r.fault)).toEqual([true, true, false]);
    });

    it('refuses paging faults it cannot serve', async () => {
      await expect(startGitHub({ faults: [{ match: { path: '/pulls$' }, kind: 'page-null-cursor' }] })).rejects.toThrow(
        'fault page-null-cursor is for GraphQL connections: name the connection (reviews, members, …)',
      );
      await expect(startGitHub({ faults: [{ match: { path: '/pulls$' }, kind: 'server-error', connection: 'reviews' }] })).rejects.toThrow(
        'connection applies only to the page-* kinds',
      );
      await expect(
        startGitHub({ faults: [{ match: { path: '/pulls$' }, kind: 'page-endless', respond: { status: 200 } }] }),
      ).rejects.toThrow('it takes no respond');
    });
  });

  it('adds faults while running', async () => {
    await start(manyPulls(1));
    gh?.fault({ match: { path: '/pulls' }, times: 'always', kind: 'server-error' });
    expect((await call('GET', '/repos/acme/models/pulls')).status).toBe(500);
    expect((await call('GET', '/repos/acme/models/pulls')).status).toBe(500);
  });
});

describe('recording and state', () => {
  it('records method, path, query, body, token and the answer', async () => {
    await start();
    await call('POST', `/repos/acme/models/statuses/${HEAD}?x=1`, { body: { state: 'success', context: 'pilot-readiness' } });
    expect(gh?.requests[0]).toMatchObject({
      method: 'POST',
      path: `/repos/acme/models/statuses/${HEAD}`,
      query: { x: '1' },
      body: { state: 'success', context: 'pilot-readiness' },
      headers: { authorization: 'token gh-token' },
      token: 'gh-token',
      endpoint: 'POST /repos/{owner}/{repo}/statuses/{sha}',
      status: 201,
      response: expect.objectContaining({ state: 'success', creator: expect.objectContaining({ login: 'github-actions[bot]' }) }),
    });
    expect(gh?.statuses('acme/models', HEAD).map((s) => s.state)).toEqual(['success']);
    expect(gh?.count({ method: 'POST', path: /statuses/ })).toBe(1);
  });

  it('rejects request bodies that break GitHub’s description with 422', async () => {
    await start();
    const res = await call('POST', `/repos/acme/models/statuses/${HEAD}`, { body: { state: 'great' } });
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({ message: expect.stringContaining('must be equal to one of the allowed values') });
  });

  it('keeps written comments, refuses bodies over 65536 characters, and records review requests in the timeline', async () => {
    await start();
    expect((await call('POST', '/repos/acme/models/issues/7/comments', { body: { body: 'x'.repeat(65537) } })).status).toBe(422);
    expect((await call('POST', '/repos/acme/models/issues/7/comments', { body: { body: 'hello' } })).status).toBe(201);
    expect(gh?.comments('acme/models', 7).map((c) => [c.user, c.body])).toEqual([
      ['dev-ana', 'Ready for a look.'],
      ['github-actions[bot]', 'hello'],
    ]);
    const author = await call('POST', '/repos/acme/models/pulls/7/requested_reviewers', { body: { reviewers: ['dev-ana'] } });
    expect(author.json()).toMatchObject({ message: 'Review cannot be requested from pull request author.' });
    expect(
      (
        await call('POST', '/repos/acme/models/pulls/7/requested_reviewers', {
          body: { reviewers: ['kim-sec'], team_reviewers: ['appsec'] },
        })
      ).status,
    ).toBe(201);
    const q = await graphql(
      'query { repository(owner: "acme", name: "models") { pullRequest(number: 7) { timelineItems(first: 10, itemTypes: [REVIEW_REQUESTED_EVENT]) { nodes { ... on ReviewRequestedEvent { requestedReviewer { ... on User { login } ... on Team { combinedSlug } } } } } } } }',
    );
    expect(JSON.stringify(q.json())).toMatch(/acme\/appsec.*kim-sec.*acme\/appsec/);
  });
});

describe('REST honesty', () => {
  it('serves only endpoints described in the OpenAPI fixture, which records its source', () => {
    const fixture = openapiFixture();
    expect(fixture.source).toMatch(/^@octokit\/openapi@\d+\.\d+\.\d+ generated\/api\.github\.com\.json$/);
    expect(routeEndpoints().filter((e) => !(e in fixture.endpoints))).toEqual([]);
  });

  it('catches an answer GitHub would never give', () => {
    expect(checkResponse('GET /repos/{owner}/{repo}/pulls/{pull_number}', 200, { number: 7 })).toContain(
      "/ must have required property '_links'",
    );
    expect(checkResponse('POST /repos/{owner}/{repo}/statuses/{sha}', 204, {})).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha} does not document status 204',
    ]);
  });

  it('serves every endpoint within the description (close() would fail otherwise)', async () => {
    await start();
    const paths: Array<[string, string, unknown?]> = [
      ['GET', '/user'],
      ['GET', `/repos/acme/models/git/trees/${'b1'.repeat(20)}?recursive=1`],
      ['GET', '/repos/acme/models/contents/pilots/churn/pilot.yml?ref=main'],
      ['GET', '/repos/acme/models/contents/docs/current?ref=main'],
      ['GET', '/repos/acme/models/contents/docs?ref=main'],
      [
        'POST',
        `/repos/acme/models/statuses/${HEAD}`,
        { state: 'pending', context: 'c', description: 'd', target_url: 'https://example.com' },
      ],
      ['GET', `/repos/acme/models/commits/${HEAD}/statuses`],
      ['GET', `/repos/acme/models/commits/${HEAD}/status`],
      ['GET', '/repos/acme/models/issues/7/comments'],
      ['POST', '/repos/acme/models/issues/7/comments', { body: 'b' }],
      ['POST', '/repos/acme/models/pulls/7/requested_reviewers', { reviewers: ['lee-sec'], team_reviewers: ['appsec'] }],
      ['GET', '/repos/acme/models/pulls?state=open'],
      ['GET', '/repos/acme/models/pulls/7'],
      ['GET', '/repos/acme/models/pulls/7/files'],
      ['GET', '/orgs/acme/teams/appsec/members'],
      ['GET', '/repos/acme/models/pulls/99'],
    ];
    for (const [method, path, body] of paths) await call(method, path, { token: 'kim-pat', body });
    const comment = (await call('GET', '/repos/acme/models/issues/7/comments', { token: 'kim-pat' })).json() as Array<{ id: number }>;
    await call('PATCH', `/repos/acme/models/issues/comments/${comment[0]?.id}`, { token: 'kim-pat', body: { body: 'edited' } });
    expect(gh?.requests.map((r) => r.status)).toEqual([
      200, 200, 200, 200, 200, 201, 200, 200, 200, 201, 201, 200, 200, 200, 200, 404, 200, 200,
    ]);
    expect(gh?.violations).toEqual([]);
  });
});
