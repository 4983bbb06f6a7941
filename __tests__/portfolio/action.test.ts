// The built Action in portfolio mode, run as the runner runs it on a schedule in the organisation's
// private portfolio repository: one job summary, one JSON file, the outputs, and no write to any
// repository.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { runAction } from '../e2e/run-action.js';
import { scheduleEvent } from '../e2e/scenario.js';
import type { Portfolio } from '../../src/core/portfolio.js';
import { ORG, orgScenario, repoName } from './org-scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('the Action with mode: portfolio', () => {
  it('on a schedule: writes the summary and the JSON, sets report, decision and score, and writes nothing to GitHub', async () => {
    const { scenario, expected } = orgScenario({ repos: 6, archived: 1 });
    scenario.repos![`${ORG}/.github`] = {
      branches: { main: 'e'.repeat(40) },
      files: { ['e'.repeat(40)]: { '.github/workflows/portfolio.yml': 'on: schedule\n' } },
    };
    gh = await startGitHub(scenario);
    const run = await runAction({
      gh,
      event: 'schedule',
      payload: scheduleEvent('0 6 * * 1'),
      repository: `${ORG}/.github`,
      with: { mode: 'portfolio' },
    });

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({
      report: expect.stringMatching(/pilot-readiness-portfolio\.json$/),
      decision: 'blocked',
      score: expect.stringMatching(/^\d+\/\d+$/),
    });
    const portfolio = run.report as unknown as Portfolio;
    expect(portfolio).toMatchObject({
      portfolio_version: 1,
      repositories: 8,
      incomplete: null,
      totals: { pilots: expected.pilots, blocked: expected.pilots },
    });
    const met = portfolio.pilots.reduce((n, p) => n + p.score.met, 0);
    const required = portfolio.pilots.reduce((n, p) => n + p.score.required, 0);
    expect(run.outputs.score).toBe(`${met}/${required}`);
    expect(run.summary).toContain('## AI pilot portfolio');
    expect(run.summary).toContain(`**${expected.pilots} pilots** in 8 repositories`);
    expect(run.summary).toContain(`[#4](https://github.com/${ORG}/${repoName(1)}/pull/4)`);
    expect(run.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql')).toEqual([]);
    expect(run.annotations).toEqual([]);
  });

  it('reads the organisation named by the input, a shard of it, and fails the job when a rate limit stops it', async () => {
    const { scenario } = orgScenario({ repos: 6 });
    scenario.faults = [{ match: { path: `^/repos/${ORG}/${repoName(2)}/pulls$` }, kind: 'rate-limit', times: 'always' }];
    gh = await startGitHub(scenario);
    const run = await runAction({
      gh,
      event: 'workflow_dispatch',
      repository: 'acme-governance/.github',
      with: { mode: 'portfolio' },
      env: { INPUT_ORGANIZATION: ORG, INPUT_SHARD: '1/2' },
    });

    expect(run.status).toBe(1);
    // Shard 1 of 2 of ml-00 … ml-05, website: ml-00, ml-02, ml-04, website.
    expect(run.annotations.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining(
        `pilot-readiness: the portfolio of ${ORG} (shard 1/2) is incomplete: the GitHub rate limit stopped the run`,
      ),
    });
    // The partial JSON is there for a merge job; no decision is claimed for a partial run.
    expect(Object.keys(run.outputs)).toEqual(['report']);
    const portfolio = run.report as unknown as Portfolio;
    expect(portfolio.incomplete).toMatch(/GET \/repos\/acme\/ml-02\/pulls failed \(403\)/);
    expect(run.summary).toContain('> Incomplete: ');
    expect(run.requests.some((r) => r.path.includes(`/${repoName(1)}/`) || r.path.includes(`/${repoName(3)}/`))).toBe(false);
  });

  it('fails the job when the token sees no repository of the organisation', async () => {
    gh = await startGitHub({ orgs: { acme: {} } });
    const run = await runAction({ gh, event: 'schedule', repository: `${ORG}/.github`, with: { mode: 'portfolio' } });
    expect(run.status).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(
      /^pilot-readiness: no repository of acme could be read\. GITHUB_TOKEN may see only the repository running the workflow/,
    );
    expect(run.outputs).toEqual({ report: expect.any(String) });
  });

  it('refuses a shard that is not INDEX/COUNT', async () => {
    gh = await startGitHub({ orgs: { acme: {} } });
    const run = await runAction({
      gh,
      event: 'schedule',
      repository: `${ORG}/.github`,
      with: { mode: 'portfolio' },
      env: { INPUT_SHARD: 'two of four' },
    });
    expect(run.status).toBe(1);
    expect(run.annotations.at(-1)).toEqual({
      level: 'error',
      message: 'pilot-readiness: input shard: "two of four" is not a shard; write INDEX/COUNT with 1 ≤ INDEX ≤ COUNT, for example 2/4',
    });
    expect(run.requests).toEqual([]);
  });
});
