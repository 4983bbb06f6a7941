import { describe, expect, it } from 'vitest';
import { buildPortfolio, renderPortfolioMarkdown, type PortfolioInput } from '../../src/core/portfolio.js';
import { evaluate } from '../../src/core/evaluate.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const policy = loadBundledPolicy('default');
const report = (name: string, risk: string, evidence = '') =>
  evaluate({
    manifest: { path: `${name}/pilot-readiness.yml`, text: `version: 1\npilot:\n  name: ${name}\n  risk: ${risk}\nowner: maria-ops\nevidence:\n${evidence}` },
    policy,
    files: { stat: () => 'file' },
    facts: null,
    now: NOW,
  });
const pr = (number: number, readyDaysAgo: number) => ({
  number,
  title: `Deploy ${number}`,
  url: `https://github.example/acme/ml/pull/${number}`,
  ready_at: new Date(NOW.getTime() - readyDaysAgo * 86_400_000).toISOString(),
  created_at: '2026-01-01T00:00:00Z',
});

describe('portfolio', () => {
  const inputs: PortfolioInput[] = [
    { repository: 'acme/a', manifest: 'claims/pilot-readiness.yml', pullRequest: pr(1, 3), report: report('claims', 'low') },
    { repository: 'acme/b', manifest: 'churn/pilot-readiness.yml', pullRequest: pr(2, 40), report: report('churn', 'high') },
    { repository: 'acme/c', manifest: 'fraud/pilot-readiness.yml', pullRequest: null, report: report('fraud', 'medium') },
    { repository: 'acme/d', manifest: 'x/pilot-readiness.yml', pullRequest: pr(4, 10), report: null, error: 'GitHub API: 502 after 3 retries' },
  ];
  const portfolio = buildPortfolio(inputs, NOW);

  it('sorts by how long each pilot has been waiting; pilots without a PR last', () => {
    expect(portfolio.pilots.map((p) => [p.pilot, p.stuck_days])).toEqual([
      ['churn', 40],
      ['x/pilot-readiness.yml', 10],
      ['claims', 3],
      ['fraud', null],
    ]);
  });

  it('counts decisions, treats a pilot it could not evaluate as blocked, and says why', () => {
    expect(portfolio.totals).toEqual({ pilots: 4, ready: 0, pending: 0, blocked: 4, without_pr: 1 });
    expect(portfolio.pilots[1]).toMatchObject({ decision: 'blocked', error: 'GitHub API: 502 after 3 retries' });
  });

  it('gives each unmet gate the days it has been waiting, and what the pilot waits on', () => {
    const churn = portfolio.pilots[0]!;
    expect(churn).toMatchObject({ risk: 'high', owner: 'maria-ops', score: { met: 0, required: 30 } });
    expect(churn.gates.map((g) => [g.id, g.met, g.required, g.waiting_days])).toEqual([
      ['data-readiness', 0, 7, 40],
      ['security', 0, 5, 40],
      ['compliance', 0, 5, 40],
      ['business', 0, 4, 40],
      ['operations', 0, 6, 40],
      ['explainability', 0, 3, 40],
    ]);
    expect(churn.waiting_on).toEqual(expect.arrayContaining(['DR-1', 'SEC-1']));
  });

  it('renders one Markdown table with links and no pings', () => {
    const md = renderPortfolioMarkdown(portfolio);
    expect(md).toContain('**4 pilots**: 0 ready, 0 pending, 4 blocked; 1 without an open deployment pull request.');
    expect(md).toContain('[#2](https://github.example/acme/ml/pull/2)');
    expect(md).toContain('`maria-ops`');
    expect(md.split('\n').filter((l) => l.startsWith('| 🔴'))).toHaveLength(4);
  });
});
