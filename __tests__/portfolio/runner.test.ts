// runPortfolio against the fake GitHub: a generated organisation of 50 ML repositories with 200 open
// pull requests, within a request budget, through rate limits, resumable, and failing closed per repository.
//
// The budget, with the bundled policy (src/portfolio.ts says why):
//   1 (the organisation's repositories, 100 a page)
//   + per repository: 1 (open PRs) + 1 (default-branch tree) + 1 when it has pilots no open PR gates
//   + per open non-draft PR: 1 (facts) + 1 (head tree; its base is mostly the default branch's tree,
//     read once) + 1 (every manifest at head and base: a pilot is known by its name across paths)
// so at most 1 + 3 per repository + 3 per PR read.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runPortfolio, type PortfolioOptions } from '../../src/flow/portfolio/run.js';
import { buildPortfolio, parsePortfolioState } from '../../src/core/portfolio.js';
import { ORG, entriesOf, orgScenario, repoName } from './org-scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

function options(client: ReturnType<typeof fakeClient>, extra: Partial<PortfolioOptions> = {}): PortfolioOptions {
  return {
    org: ORG,
    policy: 'default',
    manifest: '**/pilot-readiness.yml',
    now: new Date(),
    serverUrl: 'https://github.example',
    log: client.testLog,
    ...extra,
  };
}

/** Requests the fake answered normally (a fault's answer is a retry's first attempt, not a round trip of the budget). */
const served = (g: FakeGitHub) => g.requests.filter((r) => !r.fault);

describe('runPortfolio', () => {
  it('reads 50 repositories and 200 open pull requests within the budget, through a rate limit and a secondary one', async () => {
    const { scenario, expected } = orgScenario({ repos: 50, archived: 3 });
    // Both kinds of limit in the middle of the run, each cleared by the retries (retry-after honoured, in ms here).
    scenario.faults = [
      { match: { path: `^/repos/${ORG}/${repoName(25)}/git/trees/` }, kind: 'rate-limit', times: 2 },
      { match: { path: `^/repos/${ORG}/${repoName(31)}/pulls$` }, kind: 'secondary-rate-limit', retry_after: 2, times: 1 },
    ];
    gh = await startGitHub(scenario);
    const client = fakeClient(gh);
    const run = await runPortfolio(client, options(client, { concurrency: 6 }));

    expect(run.incomplete).toBeNull();
    expect(run.repositories).toEqual({ listed: 51, total: 51, failed: 0, resumed: 0 });
    const openPulls = Object.values(scenario.repos ?? {})
      .filter((r) => !r.archived)
      .flatMap((r) => r.pulls ?? [])
      .filter((p) => p.state === 'open');
    expect(openPulls.length).toBeGreaterThanOrEqual(200);
    expect(expected.readPulls).toBe(200);
    expect(entriesOf(run.inputs)).toEqual(Object.fromEntries(Object.entries(expected.entries).filter(([, e]) => e.length > 0)));
    expect(run.inputs).toHaveLength(expected.pilots);
    expect(run.inputs.filter((i) => i.error)).toEqual([]);

    // Archived repositories are never read; nothing is ever written.
    expect(gh.requests.filter((r) => r.path.includes('/old-'))).toEqual([]);
    expect(gh.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql')).toEqual([]);
    // Three faulted attempts, each retried.
    expect(gh.requests.filter((r) => r.fault)).toHaveLength(3);
    expect(client.testLog.warnings.filter((w) => /rate limit hit/.test(w))).toHaveLength(3);

    const repos = expected.repositories.length;
    const exact = 1 + repos * 2 + expected.offlineRepos + expected.readPulls * 3;
    expect(served(gh)).toHaveLength(exact);
    expect(exact).toBeLessThanOrEqual(1 + 3 * repos + 3 * expected.readPulls);
    // 51 repositories and 200 PRs read in 726 round trips (the bound allows 754). How long that takes
    // is a benchmark's business (npm run bench), not a test's: a loaded machine must not fail it.
    expect(exact).toBe(726);

    // The model: each gated pilot carries its PR and the days since it became ready for review.
    const portfolio = buildPortfolio(run.inputs, new Date(), { repositories: run.repositories.total });
    expect(portfolio.totals).toMatchObject({ pilots: expected.pilots, blocked: expected.pilots });
    const top = portfolio.pilots[0]!;
    expect(top).toMatchObject({
      decision: 'blocked',
      risk: 'low',
      pull_request: { number: 4, url: expect.stringMatching(/^https:\/\/github\.example\/acme\/ml-\d\d\/pull\/4$/) },
    });
    expect(top.stuck_days).toBeGreaterThanOrEqual(20);
    expect(top.waiting_on).toEqual(expect.arrayContaining(['DR-2']));
    const days = portfolio.pilots.map((p) => p.stuck_days ?? -1);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(portfolio.pilots.at(-1)).toMatchObject({ pull_request: null, stuck_days: null });
  });

  it('stops at a rate limit that does not clear, and a second call with the state reads only the rest', async () => {
    const { scenario, expected } = orgScenario({ repos: 12 });
    // Three answers: the first attempt and both retries of ml-05's PR list are refused.
    scenario.faults = [{ match: { path: `^/repos/${ORG}/${repoName(5)}/pulls$` }, kind: 'rate-limit', times: 3 }];
    gh = await startGitHub(scenario);
    const client = fakeClient(gh);
    const first = await runPortfolio(client, options(client, { concurrency: 2 }));

    expect(first.incomplete).toMatch(
      /^the GitHub rate limit stopped the run with \d+ of 13 repositories not read \(GitHub GET \/repos\/acme\/ml-05\/pulls failed \(403\): API rate limit exceeded/,
    );
    expect(first.incomplete).toContain('re-run later with the same state to resume');
    const done = Object.keys(first.state.done);
    expect(done).not.toContain(`${ORG}/${repoName(5)}`);
    expect(done.length).toBeGreaterThanOrEqual(5);
    expect(done.length).toBeLessThan(13);
    const remaining = expected.repositories.filter((r) => !done.includes(r));
    expect(first.incomplete).toContain(`with ${remaining.length} of 13`);
    // Only whole repositories are kept: each done one has all its pilots.
    for (const repository of done)
      expect(entriesOf(first.state.done[repository] ?? [])[repository] ?? []).toEqual(expected.entries[repository]);

    // The state survives a trip through a file.
    const state = parsePortfolioState(JSON.stringify(first.state), 'state.json', ORG);
    gh.clearRequests();
    const second = await runPortfolio(client, options(client, { concurrency: 2 }), state);
    expect(second.incomplete).toBeNull();
    expect(second.repositories).toMatchObject({ total: 13, failed: 0, resumed: done.length });
    expect(entriesOf(second.inputs)).toEqual(Object.fromEntries(Object.entries(expected.entries).filter(([, e]) => e.length > 0)));

    // The second call lists the organisation once and then touches only the repositories not done.
    const touched = new Set(
      gh.requests
        .map(
          (r) => /^\/repos\/([^/]+\/[^/]+)\//.exec(r.path)?.[1] ?? (r.variables?.owner ? `${r.variables.owner}/${r.variables.repo}` : null),
        )
        .filter(Boolean),
    );
    expect([...touched].sort()).toEqual(remaining);
    expect(gh.count({ operation: 'OrgRepositories' })).toBe(1);
    const perRepo = (repository: string) =>
      gh!.requests.filter((r) => r.path.startsWith(`/repos/${repository}/`) || r.variables?.repo === repository.split('/')[1]).length;
    expect(remaining.reduce((n, r) => n + perRepo(r), 0) + 1).toBe(gh.requests.length);
  });

  it('reports a repository and a pull request that cannot be read as errors, and reads the rest', async () => {
    const { scenario, expected } = orgScenario({ repos: 8 });
    const brokenRepo = `${ORG}/${repoName(3)}`;
    const brokenPr = `${ORG}/${repoName(4)}`;
    scenario.faults = [
      { match: { path: `^/repos/${brokenRepo}/pulls$` }, respond: { status: 404, body: { message: 'Not Found' } }, times: 'always' },
      // #2 of ml-04: its head tree is gone.
      { match: { path: `^/repos/${brokenPr}/git/trees/${'0004'}${'0002'}` }, kind: 'server-error', times: 'always' },
    ];
    gh = await startGitHub(scenario);
    const client = fakeClient(gh);
    const run = await runPortfolio(client, options(client));

    expect(run.incomplete).toBeNull();
    expect(run.repositories).toMatchObject({ total: 9, failed: 1 });
    expect(run.inputs.filter((i) => i.error)).toEqual([
      {
        repository: brokenRepo,
        manifest: '',
        pullRequest: null,
        report: null,
        error: `GitHub GET /repos/${brokenRepo}/pulls failed (404): Not Found`,
      },
      {
        repository: brokenPr,
        manifest: '',
        pullRequest: { number: 2, title: `Change 2 in ${repoName(4)}`, url: `https://github.example/${brokenPr}/pull/2`, ready_at: null },
        report: null,
        error: expect.stringMatching(new RegExp(`^GitHub GET /repos/${brokenPr}/git/trees/[0-9a-f]{40} failed \\(500\\): Server Error`)),
      },
    ]);
    // Every other pilot is there; those of the broken PR's repository included.
    const others = Object.fromEntries(Object.entries(expected.entries).filter(([r, e]) => r !== brokenRepo && e.length > 0));
    others[brokenPr] = (others[brokenPr] ?? []).filter((e) => !e.endsWith('#2'));
    expect(entriesOf(run.inputs.filter((i) => !i.error))).toEqual(others);
    // Failing closed: both count as blocked, and say why.
    const portfolio = buildPortfolio(run.inputs, new Date());
    expect(portfolio.pilots.filter((p) => p.error).map((p) => [p.repository, p.pilot, p.title, p.decision])).toEqual([
      [brokenRepo, brokenRepo, null, 'blocked'],
      [brokenPr, '#2', `Change 2 in ${repoName(4)}`, 'blocked'],
    ]);
  });

  it('keeps a shard of the name-sorted list, names repositories it cannot find, and reads a central policy once', async () => {
    const { scenario } = orgScenario({ repos: 8 });
    const policy = `version: 1\nextends: default\n`;
    scenario.repos![`${ORG}/governance`] = {
      default_branch: 'main',
      branches: { main: 'a'.repeat(40) },
      tags: { v1: 'a'.repeat(40) },
      files: { ['a'.repeat(40)]: { 'policies/pilot-readiness.yml': policy } },
    };
    gh = await startGitHub(scenario);
    const client = fakeClient(gh);
    const named = [repoName(1), `${ORG}/${repoName(2)}`, repoName(4), repoName(6), 'no-such-repo'];
    const run = await runPortfolio(
      client,
      options(client, { repositories: named, shard: { index: 2, count: 2 }, policy: `${ORG}/governance/policies/pilot-readiness.yml@v1` }),
    );

    // Sorted: ml-01, ml-02, ml-04, ml-06, no-such-repo → the second of two shards holds positions 1 and 3.
    expect(run.repositories).toMatchObject({ total: 2, failed: 0 });
    expect([...new Set(run.inputs.map((i) => i.repository))]).toEqual([`${ORG}/${repoName(2)}`, `${ORG}/${repoName(6)}`]);
    expect(gh.count({ operation: 'PolicySource' })).toBe(1);
    expect(run.inputs.every((i) => i.report && !i.error)).toBe(true);

    const first = await runPortfolio(client, options(client, { repositories: named, shard: { index: 1, count: 2 } }));
    expect(first.inputs.filter((i) => i.error)).toEqual([
      {
        repository: `${ORG}/no-such-repo`,
        manifest: '',
        pullRequest: null,
        report: null,
        error: `not found among the unarchived repositories of ${ORG} that the token can see`,
      },
    ]);
    expect(first.repositories).toMatchObject({ total: 3, failed: 1 });
  });

  it('reads a repository-path policy at each default branch head, in the same query as the manifests', async () => {
    const { scenario } = orgScenario({ repos: 3 });
    for (const repo of Object.values(scenario.repos!))
      for (const files of Object.values(repo.files ?? {})) files['.github/pilot-readiness.yml'] = 'version: 1\nextends: default\n';
    gh = await startGitHub(scenario);
    const client = fakeClient(gh);
    const run = await runPortfolio(client, options(client, { policy: '.github/pilot-readiness.yml' }));
    expect(run.inputs.filter((i) => i.error)).toEqual([]);
    const offline = run.inputs.filter((i) => !i.pullRequest);
    expect(offline.length).toBeGreaterThan(0);
    const texts = gh
      .find({ operation: 'FileTexts' })
      .filter((r) => Object.values(r.variables ?? {}).some((v) => String(v).endsWith(':.github/pilot-readiness.yml')));
    expect(texts.length).toBe(new Set(offline.map((i) => i.repository)).size);
  });

  it('never lists the policy file as a pilot: a central policy in its own repository, a repository path in each', async () => {
    const { scenario } = orgScenario({ repos: 2 });
    const central = 'a'.repeat(40);
    scenario.repos![`${ORG}/governance`] = {
      default_branch: 'main',
      branches: { main: central },
      tags: { v1: central },
      files: { [central]: { 'policies/pilot-readiness.yml': 'version: 1\nextends: default\n' } },
    };
    gh = await startGitHub(scenario);
    const client = fakeClient(gh);
    const byCentral = await runPortfolio(client, options(client, { policy: `${ORG}/governance/policies/pilot-readiness.yml@v1` }));
    expect(byCentral.inputs.filter((i) => i.repository === `${ORG}/governance`)).toEqual([]);
    expect(byCentral.inputs.filter((i) => i.error)).toEqual([]);

    for (const repo of Object.values(scenario.repos!))
      for (const files of Object.values(repo.files ?? {})) files['policies/pilot-readiness.yml'] = 'version: 1\nextends: default\n';
    gh = await startGitHub(scenario);
    const again = fakeClient(gh);
    const byPath = await runPortfolio(again, options(again, { policy: 'policies/pilot-readiness.yml' }));
    expect(byPath.inputs.filter((i) => i.manifest === 'policies/pilot-readiness.yml')).toEqual([]);
    expect(byPath.inputs.filter((i) => i.error)).toEqual([]);
  });
});
