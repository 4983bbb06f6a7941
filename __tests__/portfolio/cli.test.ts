// `pilot-readiness portfolio` as a user runs it: the built CLI against the fake GitHub, its exit codes,
// its output, a state file that resumes a rate-limited run, and --merge of shards.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';
import { cliAsync, type CliResult } from '../cli/helpers.js';
import type { Portfolio } from '../../src/core/portfolio.js';
import { ORG, orgScenario, repoName } from './org-scenario.js';

let gh: FakeGitHub | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portfolio-cli-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  const running = gh;
  gh = undefined;
  await running?.close();
});

/** Asynchronous on purpose: the fake answers from this process's event loop. */
function portfolio(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return cliAsync(['portfolio', ...args], { cwd: dir, env: { HOME: dir, ...(gh ? { GITHUB_API_URL: gh.url } : {}), ...env } });
}

describe('pilot-readiness portfolio', () => {
  it('prints the Markdown report and writes the JSON, exit 0 whatever the decisions', async () => {
    const { scenario, expected } = orgScenario({ repos: 4, archived: 1 });
    gh = await startFakeGitHub(scenario);
    const run = await portfolio(['--org', ORG, '--output', 'portfolio.json'], { GH_TOKEN: 'gh-token' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`**${expected.pilots} pilots** in 5 repositories: 0 ready, 0 pending, ${expected.pilots} blocked;`);
    expect(run.stdout).toContain(`[#4](http://127.0.0.1:${new URL(gh.url).port}/${ORG}/${repoName(1)}/pull/4)`);
    const json = JSON.parse(readFileSync(join(dir, 'portfolio.json'), 'utf8')) as Portfolio;
    expect(json).toMatchObject({ portfolio_version: 1, repositories: 5, incomplete: null, totals: { pilots: expected.pilots } });
    expect(gh.requests.every((r) => r.token === 'gh-token')).toBe(true);
  });

  it('saves its state when a rate limit stops it (exit 1), resumes from it, then removes it', async () => {
    const { scenario } = orgScenario({ repos: 6 });
    scenario.faults = [{ match: { path: `^/repos/${ORG}/${repoName(3)}/pulls$` }, kind: 'rate-limit', times: 3 }];
    gh = await startFakeGitHub(scenario);
    const args = ['--org', ORG, '--format', 'json', '--state', 'state.json', '--now', new Date().toISOString()];
    const first = await portfolio(args, { GITHUB_TOKEN: 'gh-token' });
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('incomplete: the GitHub rate limit stopped the run with');
    expect(first.stderr).toContain('what was read is saved in state.json; run the same command again to resume');
    expect((JSON.parse(first.stdout) as Portfolio).incomplete).toMatch(/rate limit/);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { done: Record<string, unknown> };
    const done = Object.keys(state.done);
    expect(done).not.toContain(`${ORG}/${repoName(3)}`);

    gh.clearRequests();
    const second = await portfolio(args, { GITHUB_TOKEN: 'gh-token' });
    expect(second.status).toBe(0);
    expect(second.stderr).toBe(`resuming from state.json: ${done.length} repositories already read\n`);
    expect((JSON.parse(second.stdout) as Portfolio).incomplete).toBeNull();
    for (const repository of done) expect(gh.requests.filter((r) => r.path.startsWith(`/repos/${repository}/`))).toEqual([]);
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
  });

  it('merges the JSON of shards into one report', async () => {
    const { scenario, expected } = orgScenario({ repos: 5 });
    gh = await startFakeGitHub(scenario);
    const env = { GITHUB_TOKEN: 'gh-token' };
    const shards = await Promise.all([1, 2].map((i) => portfolio(['--org', ORG, '--shard', `${i}/2`, '--output', `shard-${i}.json`], env)));
    expect(shards.map((s) => s.status)).toEqual([0, 0]);
    const merged = await portfolio(['--merge', 'shard-1.json', 'shard-2.json', '--format', 'json']);
    expect(merged.status).toBe(0);
    const json = JSON.parse(merged.stdout) as Portfolio;
    expect(json).toMatchObject({ repositories: 6, incomplete: null, totals: { pilots: expected.pilots } });
    const days = json.pilots.map((p) => p.stuck_days ?? -1);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('refuses bad input with exit 2: no token, no --org, a bad shard, a state of another organisation', async () => {
    expect(await portfolio(['--org', ORG])).toEqual({
      status: 2,
      stdout: '',
      stderr: expect.stringContaining('error: portfolio reads the organisation through the GitHub API: set GITHUB_TOKEN or GH_TOKEN'),
    });
    expect(await portfolio([], { GITHUB_TOKEN: 't' })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('portfolio needs --org ORG'),
    });
    expect(await portfolio(['--org', ORG, '--shard', '5/4'], { GITHUB_TOKEN: 't' })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--shard: "5/4" is not a shard'),
    });
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ version: 1, org: 'globex', done: {} }));
    expect(await portfolio(['--org', ORG, '--state', 'other.json'], { GITHUB_TOKEN: 't' })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('other.json holds the portfolio state of globex, not acme'),
    });
    writeFileSync(join(dir, 'bad.json'), '{"pilots": []}');
    expect(await portfolio(['--merge', 'bad.json'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('bad.json: not a portfolio'),
    });
  });

  it('says when GitHub does not know the organisation (exit 2)', async () => {
    gh = await startFakeGitHub({ orgs: { acme: {} } });
    const run = await portfolio(['--org', 'globex'], { GITHUB_TOKEN: 't' });
    expect(run).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("Could not resolve to an Organization with the login of 'globex'"),
    });
  });
});
