// GitHub Enterprise Server: the runner sets GITHUB_API_URL to https://HOST/api/v3 and
// GITHUB_GRAPHQL_URL to https://HOST/api/graphql. The fake serves exactly those prefixes (and
// records any request outside them as a violation, which fails the test when it closes), so these
// runs prove that the built Action and the CLI's portfolio reach REST and GraphQL where GHES has them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { ORG, orgScenario, repoName } from '../portfolio/org-scenario.js';
import { ROOT, runAction } from './run-action.js';
import { pull, pullRequestEvent, reportOf, review, REPO, world } from './scenario.js';
import { startProxy } from '../support/proxy.js';

const startGitHub = fakeGitHubPerTest();

/** Every request went to /api/v3/… or /api/graphql, and GraphQL was among them. */
function expectEnterprisePaths(gh: FakeGitHub): void {
  expect(gh.requests.length).toBeGreaterThan(0);
  for (const r of gh.requests) expect(r.rawPath === '/api/graphql' || r.rawPath.startsWith('/api/v3/')).toBe(true);
  expect(gh.requests.some((r) => r.rawPath === '/api/graphql')).toBe(true);
  expect(gh.violations).toEqual([]);
}

describe('on GitHub Enterprise Server', () => {
  it('the Action reads and writes through /api/v3 and /api/graphql', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15)] });
    const gh = await startGitHub(world({ pulls: [p] }), { enterprise: true });
    const origin = new URL(gh.url).origin;
    expect(gh.url).toBe(`${origin}/api/v3`);

    const run = await runAction({
      gh,
      event: 'pull_request',
      payload: pullRequestEvent('synchronize', p),
      env: { GITHUB_API_URL: gh.url, GITHUB_GRAPHQL_URL: `${origin}/api/graphql`, GITHUB_SERVER_URL: origin },
    });
    expect(run.stderr).not.toMatch(/failed unexpectedly|\n\s+at /);
    // The same decision as on github.com (e2e/pull-request.test.ts): pending on the owner's approval.
    expect(run.outputs.decision).toBe('pending');
    expect(run.status).toBe(1);
    expect(gh.statuses(REPO, p.head.sha).at(-1)?.state).toBe('pending');
    expect(gh.comments(REPO, p.number)).toHaveLength(1);
    expectEnterprisePaths(gh);
  });

  it('the CLI portfolio takes its API root from GITHUB_API_URL and links pull requests on the server', async () => {
    const { scenario, expected } = orgScenario({ repos: 3 });
    const gh = await startGitHub(scenario, { enterprise: true });
    const origin = new URL(gh.url).origin;
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-ghes-'));
    try {
      const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'portfolio', '--org', ORG], {
          cwd: dir,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            GITHUB_TOKEN: 'gh-token',
            GITHUB_API_URL: gh.url,
            PILOT_READINESS_RETRY_UNIT_MS: '1',
            PILOT_READINESS_PACE_WRITES: 'false',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`**${expected.pilots} pilots** in ${expected.repositories.length} repositories`);
      // Without GITHUB_SERVER_URL, links go to the API's host, not to github.com.
      expect(run.stdout).toMatch(new RegExp(`\\]\\(${origin.replace(/[.]/g, '\\.')}/${ORG}/${repoName(1)}/pull/\\d+\\)`));
      expect(run.stdout).not.toContain('https://github.com/');
      expectEnterprisePaths(gh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('behind the runner’s proxy (HTTPS_PROXY / HTTP_PROXY)', () => {
  it('the built Action sends every request through the proxy, with its credentials, and decides as without one', async () => {
    const p = pull({ requestedDaysAgo: 20, reviews: [review('kim-sec', 'APPROVED', 15)] });
    const gh = await startGitHub(world({ pulls: [p] }), { enterprise: true });
    const port = new URL(gh.url).port;
    const proxy = await startProxy(Number(port));
    try {
      // A host only the proxy can reach (loopback addresses always bypass a proxy).
      const origin = `http://ghe.proxied.invalid:${port}`;
      const run = await runAction({
        gh,
        event: 'pull_request',
        payload: pullRequestEvent('synchronize', p),
        env: {
          GITHUB_API_URL: `${origin}/api/v3`,
          GITHUB_GRAPHQL_URL: `${origin}/api/graphql`,
          GITHUB_SERVER_URL: origin,
          HTTP_PROXY: `http://gate:s3cret@127.0.0.1:${proxy.port}`,
        },
      });
      expect(run.stderr).not.toMatch(/failed unexpectedly|\n\s+at /);
      expect(run.stdout).not.toMatch(/is not a function/);
      expect(reportOf(run).decision).toBe('pending');
      expectEnterprisePaths(gh);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(new Set(proxy.tunnels.map((t) => `${t.target} ${t.auth}`))).toEqual(
        new Set([`ghe.proxied.invalid:${port} Basic ${Buffer.from('gate:s3cret').toString('base64')}`]),
      );
    } finally {
      await proxy.close();
    }
  });
});
