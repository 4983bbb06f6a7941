// The octokit client: bounded retries of 5xx, honoured retry-after, timeouts, malformed answers turned into errors.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { GitHubAccessError, GitHubApiError } from '../../src/adapters/github/errors.js';
import { listOpenPullRequests } from '../../src/adapters/github/pulls.js';
import { fetchFileTexts } from '../../src/adapters/github/files.js';
import { createGitHubClient, proxiedFetch, userAgentOf } from '../../src/adapters/github/client.js';
import { startProxy, type TestProxy } from '../support/proxy.js';

const SCENARIO: Scenario = {
  repos: {
    'acme/models': {
      files: { main: { 'policy.yml': 'version: 1\n' } },
      pulls: [{ number: 1, user: 'dev-ana', head: { sha: 'a'.repeat(40) }, base: { sha: 'b'.repeat(40) } }],
    },
  },
};
const REPO = { owner: 'acme', repo: 'models' };

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

async function start(faults: Scenario['faults']): Promise<FakeGitHub> {
  gh = await startGitHub({ ...SCENARIO, faults });
  return gh;
}

describe('retries', () => {
  it('retries a 500 and succeeds, logging each failed attempt', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, times: 2, kind: 'server-error' }]);
    const octokit = fakeClient(gh);
    expect(await listOpenPullRequests(octokit, REPO)).toHaveLength(1);
    expect(gh.count({ path: '/repos/acme/models/pulls' })).toBe(3);
    expect(octokit.testLog.warnings).toEqual([
      expect.stringMatching(/GET \/repos\/acme\/models\/pulls failed \(500: Server Error\) on attempt 1/),
      expect.stringMatching(/on attempt 2/),
    ]);
  });

  it('retries a 502 whose body is HTML', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, kind: 'bad-gateway' }]);
    expect(await listOpenPullRequests(fakeClient(gh), REPO)).toHaveLength(1);
    expect(gh.count()).toBe(2);
  });

  it('gives up after a bounded number of retries with an error naming the endpoint', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, times: 'always', kind: 'server-error' }]);
    const error = await listOpenPullRequests(fakeClient(gh, { retries: 2 }), REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe('GitHub GET /repos/acme/models/pulls failed (500): Server Error');
    expect(gh.count()).toBe(3);
  });

  it('retries a GraphQL call that failed with 500', async () => {
    const gh = await start([{ match: { operation: 'FileTexts' }, kind: 'server-error' }]);
    const [file] = await fetchFileTexts(fakeClient(gh), REPO, [{ ref: 'main', path: 'policy.yml' }]);
    expect(file?.text).toBe('version: 1\n');
    expect(gh.count({ operation: 'FileTexts' })).toBe(2);
  });

  it('retries when the connection is reset', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, kind: 'reset' }]);
    expect(await listOpenPullRequests(fakeClient(gh), REPO)).toHaveLength(1);
    expect(gh.count()).toBe(2);
  });

  it('does not retry a permission refusal', async () => {
    gh = await startGitHub({ ...SCENARIO, tokens: { t: { permissions: { contents: 'read' } } } });
    const error = await listOpenPullRequests(fakeClient(gh, { token: 't' }), REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect(gh.count()).toBe(1);
  });
});

describe('the request tally (a sweep’s budget)', () => {
  it('counts every request sent, retries and rate-limit waits included, across the clients that share it', async () => {
    const gh = await start([
      { match: { path: '/pulls$' }, times: 2, kind: 'server-error' },
      { match: { operation: 'FileTexts' }, kind: 'secondary-rate-limit', retry_after: 1 },
    ]);
    const tally = { sent: 0 };
    await listOpenPullRequests(fakeClient(gh, { tally }), REPO);
    await fetchFileTexts(fakeClient(gh, { tally, token: 'members-token' }), REPO, [{ ref: 'main', path: 'policy.yml' }]);
    expect(gh.count()).toBe(5);
    expect(tally.sent).toBe(gh.count());
  });
});

describe('rate limits', () => {
  it('honours retry-after on a secondary rate limit (403) and succeeds, logging the wait', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, kind: 'secondary-rate-limit', retry_after: 2 }]);
    const octokit = fakeClient(gh);
    expect(await listOpenPullRequests(octokit, REPO)).toHaveLength(1);
    expect(gh.count()).toBe(2);
    expect(octokit.testLog.warnings).toContain(
      'GitHub secondary rate limit hit on GET /repos/acme/models/pulls; retrying after 2s (retry 1 of 2)',
    );
  });

  it('waits retry-after units before retrying', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, kind: 'secondary-rate-limit', retry_after: 3 }]);
    const started = Date.now();
    await listOpenPullRequests(fakeClient(gh, { retryUnitMs: 50 }), REPO);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('retries a GraphQL query hit by a secondary rate limit', async () => {
    const gh = await start([{ match: { operation: 'FileTexts' }, kind: 'secondary-rate-limit' }]);
    const [file] = await fetchFileTexts(fakeClient(gh), REPO, [{ ref: 'main', path: 'policy.yml' }]);
    expect(file?.text).toBe('version: 1\n');
    expect(gh.count()).toBe(2);
  });

  it('stops after the bounded retries and says it is a rate limit, not a permission problem', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, times: 'always', kind: 'secondary-rate-limit' }]);
    const octokit = fakeClient(gh);
    const error = await listOpenPullRequests(octokit, REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(
      /^GitHub GET \/repos\/acme\/models\/pulls failed \(403\): You have exceeded a secondary rate limit.*try again later/,
    );
    expect(gh.count()).toBe(3);
    expect(octokit.testLog.warnings.at(-1)).toMatch(/giving up after 2 retries/);
  });

  it('retries a primary rate limit once the reset time has passed', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, kind: 'rate-limit', retry_after: 1 }]);
    expect(await listOpenPullRequests(fakeClient(gh), REPO)).toHaveLength(1);
    expect(gh.count()).toBe(2);
  });

  it('does not wait longer than the cap', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, kind: 'secondary-rate-limit', retry_after: 3600 }]);
    await expect(listOpenPullRequests(fakeClient(gh), REPO)).rejects.toThrow(GitHubApiError);
    expect(gh.count()).toBe(1);
  });
});

describe('unusable answers', () => {
  it('turns malformed JSON into an error naming the endpoint, not a crash', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, times: 'always', kind: 'malformed-json' }]);
    const error = await listOpenPullRequests(fakeClient(gh), REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe('GitHub GET /repos/acme/models/pulls failed (200): the answer is not valid JSON');
  });

  it('turns a malformed GraphQL answer into an error', async () => {
    const gh = await start([{ match: { operation: 'FileTexts' }, kind: 'malformed-json' }]);
    const error = await fetchFileTexts(fakeClient(gh), REPO, [{ ref: 'main', path: 'policy.yml' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toContain('POST /graphql failed (200): the answer is not valid JSON');
  });

  it('abandons a slow answer after the timeout and retries it', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, delay_ms: 1000 }]);
    const started = Date.now();
    expect(await listOpenPullRequests(fakeClient(gh, { timeoutMs: 150 }), REPO)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(900);
    expect(gh.count()).toBe(2);
  });

  it('fails with the timeout when every attempt is slow', async () => {
    const gh = await start([{ match: { path: '/pulls$' }, times: 'always', delay_ms: 400 }]);
    const error = await listOpenPullRequests(fakeClient(gh, { timeoutMs: 100, retries: 1 }), REPO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/GET \/repos\/acme\/models\/pulls failed \(500\): .*(timeout|aborted)/i);
  });
});

describe('identity', () => {
  it('sends the token and honours baseUrl', async () => {
    gh = await startGitHub(SCENARIO);
    await listOpenPullRequests(fakeClient(gh, { token: 'ghs_secret', baseUrl: `${gh.url}/` }), REPO);
    expect(gh.requests[0]?.headers.authorization).toBe('token ghs_secret');
  });
});

describe("the runner's proxy", () => {
  let proxy: TestProxy | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await proxy?.close();
    proxy = undefined;
  });

  it('sends every request through HTTP_PROXY, with the proxy URL’s credentials, when it applies to the API', async () => {
    gh = await startGitHub(SCENARIO);
    const api = new URL(gh.url);
    proxy = await startProxy(Number(api.port));
    const { port, tunnels } = proxy;
    vi.stubEnv('HTTP_PROXY', `http://gate:s3cret@127.0.0.1:${port}`);
    vi.stubEnv('NO_PROXY', '');
    vi.stubEnv('no_proxy', '');
    // A host name that is not loopback (loopback always bypasses the proxy); only the proxy can reach it.
    const octokit = createGitHubClient('ghs_proxied', {
      baseUrl: `http://ghe.example.invalid:${api.port}`,
      log: { warning: () => {}, info: () => {} },
    });
    expect(await listOpenPullRequests(octokit, REPO)).toHaveLength(1);
    expect(tunnels).toEqual([
      { target: `ghe.example.invalid:${api.port}`, auth: `Basic ${Buffer.from('gate:s3cret').toString('base64')}` },
    ]);
    expect(gh.requests[0]?.headers.authorization).toBe('token ghs_proxied');
  });

  it('is not used for a host in NO_PROXY, for loopback, or when none is set (the global fetch then)', () => {
    vi.stubEnv('HTTPS_PROXY', 'http://127.0.0.1:9');
    vi.stubEnv('NO_PROXY', '.corp.example,ghe.internal');
    expect(proxiedFetch('https://api.github.com')).toBeTypeOf('function');
    expect(proxiedFetch('https://ghe.internal/api/v3')).toBeUndefined();
    expect(proxiedFetch('https://git.corp.example/api/v3')).toBeUndefined();
    expect(proxiedFetch('https://127.0.0.1:8443')).toBeUndefined();
    vi.stubEnv('HTTPS_PROXY', '');
    vi.stubEnv('https_proxy', '');
    expect(proxiedFetch('https://api.github.com')).toBeUndefined();
  });

  it('tags the user agent with the runner’s orchestration id, made safe', () => {
    expect(userAgentOf(undefined)).toBeUndefined();
    expect(userAgentOf('  ')).toBeUndefined();
    expect(userAgentOf('run 42/a"b')).toBe('pilot-readiness actions_orchestration_id/run_42_a_b');
  });
});
