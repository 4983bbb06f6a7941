// fetchPullRequestFacts: one GraphQL query for a typical PR, few pages for big ones, and facts the rules can trust.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import type { PullSpec, ReviewSpec } from '../support/fake-github/scenario.js';
import { fetchPullRequestFacts, readyAt } from '../../src/adapters/github/pull-request.js';
import { fetchHeadPulls, fetchOpenHeadPulls } from '../../src/adapters/github/head-pulls.js';
import { GitHubAccessError } from '../../src/adapters/github/errors.js';
import { InputError } from '../../src/core/errors.js';
import { validatorFor } from '../support/schemas.js';

const HEAD = 'c'.repeat(40);
const BASE = 'b'.repeat(40);
const PR = { owner: 'acme', repo: 'models', number: 7 };
const sha = (i: number) => i.toString(16).padStart(40, '0');
const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 9, minute)).toISOString().replace('.000Z', 'Z');

function pull(extra: Partial<PullSpec> = {}): PullSpec {
  return {
    number: 7,
    user: 'dev-ana',
    created_at: '2024-03-01T09:00:00Z',
    head: { sha: HEAD, ref: 'churn' },
    base: { sha: BASE, ref: 'main' },
    ...extra,
  };
}

function reviews(n: number): ReviewSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    user: `reviewer-${i}`,
    state: 'COMMENTED' as const,
    submitted_at: at(i % 60),
    body: `note ${i}`,
  }));
}

function scenario(p: PullSpec, files: Record<string, string | { base64: string }> = {}): Scenario {
  return { repos: { 'acme/models': { files: { [BASE]: files }, pulls: [p] } } };
}

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

async function facts(s: Scenario, trustedFiles: Array<{ ref: string; path: string }> = [], token?: string) {
  gh = await startGitHub(s);
  return fetchPullRequestFacts(fakeClient(gh, token ? { token } : {}), PR, { trustedFiles });
}

describe('request counts', () => {
  it('reads a PR with 100 reviews, its trusted files and everything else in 1 request', async () => {
    const read = await facts(
      scenario(pull({ reviews: reviews(100), files: ['a.yml'] }), { '.github/pilot-readiness.yml': 'version: 1\n' }),
      [{ ref: BASE, path: '.github/pilot-readiness.yml' }],
    );
    expect(gh?.count()).toBe(1);
    expect(gh?.requests[0]?.operation).toBe('PullRequestFacts');
    expect(read.facts.reviews).toHaveLength(100);
    expect(read.trustedFiles).toEqual([{ ref: BASE, path: '.github/pilot-readiness.yml', text: 'version: 1\n' }]);
  });

  it('reads 250 reviews in 3 requests, in order', async () => {
    const read = await facts(scenario(pull({ reviews: reviews(250) })));
    expect(gh?.count()).toBe(3);
    expect(read.facts.reviews.map((r) => r.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('pages every long connection together: 250 reviews, 150 commits, 120 events and 230 files in 3 requests', async () => {
    const commits = Array.from({ length: 150 }, (_, i) => ({ sha: sha(i + 1), at: at(i % 60) }));
    const timeline = Array.from({ length: 120 }, (_, i) => ({
      event: 'review_requested' as const,
      created_at: at(i % 60),
      requested_reviewer: `r${i}`,
    }));
    const files = Array.from({ length: 230 }, (_, i) => `pilots/p${i}/pilot.yml`);
    const read = await facts(scenario(pull({ reviews: reviews(250), commits, timeline, files })));
    expect(gh?.count()).toBe(3);
    expect([read.facts.reviews.length, read.facts.commits.length, read.facts.review_requests.length, read.changedFiles.length]).toEqual([
      250, 150, 120, 230,
    ]);
    expect(
      gh?.requests
        .slice(1)
        .map((r) => [r.operation, r.variables?.reviews, r.variables?.commits, r.variables?.timeline, r.variables?.files]),
    ).toEqual([
      ['PullRequestFactsPage', true, true, true, true],
      ['PullRequestFactsPage', true, false, false, true],
    ]);
  });

  it('reads all 3,000 files GitHub lists, and fails closed past them: the pilots touched cannot be known', async () => {
    const listed = await facts(scenario(pull({ files: Array.from({ length: 3000 }, (_, i) => `f${i}.txt`) })));
    expect(listed.changedFiles).toHaveLength(3000);
    await gh?.close();
    gh = undefined;
    await expect(facts(scenario(pull({ files: Array.from({ length: 3001 }, (_, i) => `f${i}.txt`) })))).rejects.toThrow(
      'the pull request changes 3001 files and GitHub lists only 3000, so the pilots it touches cannot be known: split it into smaller pull requests',
    );
  });
});

describe('facts', () => {
  it('builds PrFacts that the facts schema accepts', async () => {
    const read = await facts(
      scenario(
        pull({
          commits: [
            { sha: sha(1), at: '2024-03-01T08:50:00Z' },
            { sha: HEAD, at: '2024-03-01T08:55:00Z' },
          ],
          reviews: [
            {
              id: 11,
              user: 'kim-sec',
              state: 'CHANGES_REQUESTED',
              submitted_at: '2024-03-02T10:00:00Z',
              commit_id: sha(1),
              body: 'Needs a bias audit.',
            },
            { id: 12, user: 'kim-sec', state: 'APPROVED', submitted_at: '2024-03-03T10:00:00Z' },
            { id: 13, user: 'lee-sec', state: 'DISMISSED', submitted_at: '2024-03-03T11:00:00Z' },
          ],
          timeline: [
            { event: 'review_requested', created_at: '2024-03-01T09:05:00Z', requested_team: 'acme/appsec' },
            { event: 'review_requested', created_at: '2024-03-01T09:06:00Z', requested_reviewer: 'kim-sec' },
          ],
          files: ['pilots/churn/pilot.yml'],
        }),
      ),
    );
    expect(read.facts).toEqual({
      version: 1,
      repository: 'acme/models',
      number: 7,
      author: 'dev-ana',
      head_sha: HEAD,
      base_ref: 'main',
      draft: false,
      ready_at: '2024-03-01T09:00:00Z',
      commits: [
        { sha: sha(1), at: '2024-03-01T08:50:00Z' },
        { sha: HEAD, at: '2024-03-01T08:55:00Z' },
      ],
      review_requests: [
        { reviewer: 'acme/appsec', at: '2024-03-01T09:05:00Z' },
        { reviewer: 'kim-sec', at: '2024-03-01T09:06:00Z' },
      ],
      reviews: [
        { id: 11, author: 'kim-sec', state: 'CHANGES_REQUESTED', at: '2024-03-02T10:00:00Z', commit: sha(1), body: 'Needs a bias audit.' },
        { id: 12, author: 'kim-sec', state: 'APPROVED', at: '2024-03-03T10:00:00Z', commit: HEAD },
        { id: 13, author: 'lee-sec', state: 'DISMISSED', at: '2024-03-03T11:00:00Z', commit: HEAD },
      ],
    });
    expect([read.baseSha, read.headRef, read.changedFiles]).toEqual([BASE, 'churn', ['pilots/churn/pilot.yml']]);
    const validate = validatorFor('facts');
    expect(validate({ ...read.facts, teams: {} }), JSON.stringify(validate.errors)).toBe(true);
  });

  it('gives bots their [bot] login, as REST and policies write it', async () => {
    const read = await facts(
      scenario(
        pull({
          user: 'renovate[bot]',
          reviews: [{ id: 1, user: 'review-bot[bot]', state: 'APPROVED', submitted_at: '2024-03-02T10:00:00Z' }],
          timeline: [
            { event: 'review_requested', created_at: '2024-03-01T09:05:00Z', requested_reviewer: 'copilot[bot]' },
            { event: 'review_request_removed', created_at: '2024-03-01T09:06:00Z', requested_reviewer: 'copilot[bot]' },
          ],
        }),
      ),
    );
    expect(read.facts.author).toBe('renovate[bot]');
    expect(read.facts.reviews[0]?.author).toBe('review-bot[bot]');
    expect(read.facts.review_requests).toEqual([
      { reviewer: 'copilot[bot]', at: '2024-03-01T09:05:00Z' },
      { reviewer: 'copilot[bot]', at: '2024-03-01T09:06:00Z', removed: true },
    ]);
  });

  it('reads removed review requests as removals, in the same query, and the facts schema accepts them', async () => {
    const read = await facts(
      scenario(
        pull({
          timeline: [
            { event: 'review_requested', created_at: '2024-03-01T09:05:00Z', requested_reviewer: 'kim-sec' },
            { event: 'review_requested', created_at: '2024-03-01T09:05:00Z', requested_team: 'acme/appsec' },
            { event: 'ready_for_review', created_at: '2024-03-01T09:05:30Z' },
            { event: 'review_request_removed', created_at: '2024-03-01T09:06:00Z', requested_reviewer: 'kim-sec' },
            { event: 'review_request_removed', created_at: '2024-03-01T09:07:00Z', requested_team: 'acme/appsec' },
            { event: 'review_requested', created_at: '2024-03-02T09:00:00Z', requested_reviewer: 'kim-sec' },
          ],
        }),
      ),
    );
    expect(gh?.count()).toBe(1);
    expect(read.facts.review_requests).toEqual([
      { reviewer: 'kim-sec', at: '2024-03-01T09:05:00Z' },
      { reviewer: 'acme/appsec', at: '2024-03-01T09:05:00Z' },
      { reviewer: 'kim-sec', at: '2024-03-01T09:06:00Z', removed: true },
      { reviewer: 'acme/appsec', at: '2024-03-01T09:07:00Z', removed: true },
      { reviewer: 'kim-sec', at: '2024-03-02T09:00:00Z' },
    ]);
    expect(read.facts.ready_at).toBe('2024-03-01T09:05:30Z');
    expect(gh?.requests[0]?.body).toMatchObject({ query: expect.stringContaining('REVIEW_REQUEST_REMOVED_EVENT') });
    const validate = validatorFor('facts');
    expect(validate({ ...read.facts, teams: {} }), JSON.stringify(validate.errors)).toBe(true);
  });

  it('pages removals with the other timeline events', async () => {
    const timeline = Array.from({ length: 130 }, (_, i) => ({
      event: i % 2 === 0 ? ('review_requested' as const) : ('review_request_removed' as const),
      created_at: at(i % 60),
      requested_reviewer: `r${Math.floor(i / 2)}`,
    }));
    const read = await facts(scenario(pull({ timeline })));
    expect(gh?.count()).toBe(2);
    expect(read.facts.review_requests.filter((r) => r.removed)).toHaveLength(65);
    expect(read.facts.review_requests.at(-1)).toEqual({ reviewer: 'r64', at: at(129 % 60), removed: true });
  });

  it('leaves out pending reviews, which count for nothing', async () => {
    const s = scenario(
      pull({
        reviews: [
          { id: 1, user: 'kim-sec', state: 'PENDING' },
          { id: 2, user: 'kim-sec', state: 'APPROVED', submitted_at: '2024-03-02T10:00:00Z' },
        ],
      }),
    );
    // Only the reviewer's own token sees a pending review.
    const read = await facts({ ...s, tokens: { kim: { login: 'kim-sec' } } }, [], 'kim');
    expect(read.facts.reviews.map((r) => r.id)).toEqual([2]);
  });

  it('reports missing trusted files as null in the same query', async () => {
    const read = await facts(scenario(pull(), { 'a.yml': 'a: 1\n' }), [
      { ref: BASE, path: 'a.yml' },
      { ref: BASE, path: 'missing.yml' },
    ]);
    expect(read.trustedFiles.map((f) => f.text)).toEqual(['a: 1\n', null]);
    expect(gh?.count()).toBe(1);
  });

  it('reads files at the base branch as it stands, not at the trailing baseRefOid, in the same query', async () => {
    const tip = sha(0xbee);
    const s: Scenario = {
      repos: {
        'acme/models': {
          branches: { main: tip },
          files: { [BASE]: { 'p.yml': 'name: old\n' }, [tip]: { 'p.yml': 'name: tightened\n' } },
          pulls: [pull()],
        },
      },
    };
    gh = await startGitHub(s);
    const read = await fetchPullRequestFacts(fakeClient(gh), PR, { baseFiles: ['p.yml', 'missing.yml'] });
    expect(read.baseSha).toBe(BASE);
    expect(read.currentBase).toEqual({
      sha: tip,
      files: [
        { ref: tip, path: 'p.yml', text: 'name: tightened\n' },
        { ref: tip, path: 'missing.yml', text: null },
      ],
    });
    expect(gh.count()).toBe(1);
  });

  it('asks nothing of the base branch unless files are wanted there', async () => {
    const read = await facts(scenario(pull()));
    expect(read.currentBase).toBeNull();
    expect(JSON.stringify(gh?.requests[0]?.body)).not.toContain('baseRef {');
  });

  it('refuses a binary or oversized trusted file with a clear error', async () => {
    await expect(
      facts(scenario(pull(), { 'p.yml': { base64: Buffer.from([0x76, 0, 1]).toString('base64') } }), [{ ref: BASE, path: 'p.yml' }]),
    ).rejects.toThrow(new InputError(`p.yml at ${BASE} in acme/models is a binary file; pilot-readiness reads only text (YAML) here`));
    await gh?.close();
    gh = undefined;
    await expect(facts(scenario(pull(), { 'p.yml': 'x'.repeat(1024 * 1024 + 1) }), [{ ref: BASE, path: 'p.yml' }])).rejects.toThrow(
      /p\.yml at b+ in acme\/models is 1048577 bytes; pilot-readiness reads trusted files up to 1048576 bytes \(1 MiB\)/,
    );
  });

  it('asks for contents: read when only the trusted files are refused', async () => {
    const s = { ...scenario(pull(), { 'p.yml': 'x' }), tokens: { t: { permissions: { pull_requests: 'read' as const } } } };
    const error = await facts(s, [{ ref: BASE, path: 'p.yml' }], 't').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as GitHubAccessError).needed).toContain('the token needs `contents: read`');
  });

  it('says what is wrong when the pull request does not exist', async () => {
    const error = await facts(scenario(pull({ number: 8 }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as Error).message).toContain('Could not resolve to a PullRequest with the number of 7.');
  });
});

describe('ready_at', () => {
  const ready = (s: Partial<PullSpec>) => facts(scenario(pull(s))).then((r) => r.facts.ready_at);

  it('is the creation time of a PR opened ready for review', async () => {
    expect(await ready({})).toBe('2024-03-01T09:00:00Z');
  });

  it('is null while the PR is a draft', async () => {
    expect(await ready({ draft: true })).toBeNull();
  });

  it('is the moment a draft was marked ready', async () => {
    expect(await ready({ timeline: [{ event: 'ready_for_review', created_at: '2024-03-04T12:00:00Z' }] })).toBe('2024-03-04T12:00:00Z');
  });

  it('is the last ready moment after converting back to draft and ready again', async () => {
    expect(
      await ready({
        timeline: [
          { event: 'ready_for_review', created_at: '2024-03-04T12:00:00Z' },
          { event: 'convert_to_draft', created_at: '2024-03-05T12:00:00Z' },
          { event: 'ready_for_review', created_at: '2024-03-06T12:00:00Z' },
        ],
      }),
    ).toBe('2024-03-06T12:00:00Z');
  });

  it('never falls back to an earlier moment than the last draft conversion', () => {
    expect(readyAt(false, '2024-03-01T09:00:00Z', [{ kind: 'draft', at: '2024-03-02T09:00:00Z' }])).toBe('2024-03-02T09:00:00Z');
    expect(readyAt(true, '2024-03-01T09:00:00Z', [{ kind: 'ready', at: '2024-03-02T09:00:00Z' }])).toBeNull();
  });
});

describe('consistency', () => {
  it('starts over once when new commits arrive while pages are read', async () => {
    gh = await startGitHub({
      ...scenario(pull({ reviews: reviews(150) })),
      faults: [{ match: { operation: 'PullRequestFactsPage' }, delay_ms: 100 }],
    });
    const server = gh;
    const pushed = 'd'.repeat(40);
    // While the first page query waits, a push moves the head.
    const push = (async () => {
      while (server.count({ operation: 'PullRequestFactsPage' }) === 0) await new Promise((r) => setTimeout(r, 5));
      const record = server.world.repo('acme', 'models')?.pulls.get(7);
      if (record) record.spec.head.sha = pushed;
    })();
    const read = await fetchPullRequestFacts(fakeClient(gh), PR);
    await push;
    expect(read.facts.head_sha).toBe(pushed);
    expect(read.facts.reviews).toHaveLength(150);
    expect(gh.requests.map((r) => r.operation)).toEqual([
      'PullRequestFacts',
      'PullRequestFactsPage',
      'PullRequestFacts',
      'PullRequestFactsPage',
    ]);
  });
});

describe('the open pull requests sharing a head (fetchHeadPulls, fetchOpenHeadPulls)', () => {
  const TIP = 'd'.repeat(40);
  /** 150 open pull requests (two pages), #3 and #120 with the head of #7, which is main's tip. */
  function sharing(): Scenario {
    const others = Array.from({ length: 150 }, (_, i) => i + 1)
      .filter((n) => n !== 7)
      .map((n) =>
        pull({ number: n, head: { sha: n === 3 || n === 120 ? TIP : sha(n), ref: `b${n}` }, base: { sha: BASE, ref: 'release/1' } }),
      );
    return {
      repos: {
        'acme/models': {
          branches: { main: TIP },
          pulls: [pull({ head: { sha: TIP, ref: 'main' }, base: { sha: BASE, ref: 'release/2' } }), ...others],
        },
      },
    };
  }
  const HEAD_OF_7 = { owner: 'acme', repo: 'models', sha: TIP, self: 7 };

  it('a commit on the default branch: GitHub’s list for it names no open pull request, so every open one is read, by page', async () => {
    gh = await startGitHub(sharing());
    const found = await fetchHeadPulls(fakeClient(gh), HEAD_OF_7);
    expect(found).toEqual([
      { number: 3, baseRef: 'release/1', baseSha: BASE },
      { number: 120, baseRef: 'release/1', baseSha: BASE },
    ]);
    expect(gh.requests.map((r) => r.operation)).toEqual(['HeadPullRequests', 'OpenHeadPullRequests', 'OpenHeadPullRequests']);
  });

  it('with their freshness, as the re-check before a success compares it', async () => {
    gh = await startGitHub(sharing());
    const found = await fetchOpenHeadPulls(fakeClient(gh), HEAD_OF_7, true);
    expect(found.map((p) => [p.number, p.freshness])).toEqual([
      [3, `${TIP}|0|0||0`],
      [120, `${TIP}|0|0||0`],
    ]);
  });

  it('fails closed when GitHub says there are more open pull requests without end', async () => {
    const s = sharing();
    s.faults = [{ match: { operation: 'OpenHeadPullRequests' }, times: 'always', kind: 'page-endless', connection: 'pullRequests' }];
    gh = await startGitHub(s);
    await expect(fetchOpenHeadPulls(fakeClient(gh), HEAD_OF_7, false)).rejects.toThrow(
      /GitHub still answered that there is more after 100 pages of open pull requests/,
    );
  });
});
