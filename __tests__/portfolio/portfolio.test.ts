import { describe, expect, it } from 'vitest';
import {
  buildPortfolio,
  mergePortfolios,
  parsePortfolio,
  parsePortfolioState,
  portfolioReport,
  worstDecision,
  type PortfolioInput,
} from '../../src/core/portfolio.js';
import { parseShard } from '../../src/flow/portfolio/shard.js';
import { renderPortfolioMarkdown } from '../../src/report/portfolio.js';
import { evaluate } from '../../src/core/evaluate.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const policy = loadBundledPolicy('default');
const report = (name: string, risk: string, evidence = '') =>
  evaluate({
    manifest: {
      path: `${name}/pilot-readiness.yml`,
      text: `version: 1\npilot:\n  name: ${name}\n  risk: ${risk}\nowner: maria-ops\nevidence:\n${evidence}`,
    },
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
    {
      repository: 'acme/d',
      manifest: 'x/pilot-readiness.yml',
      pullRequest: pr(4, 10),
      report: null,
      error: 'GitHub API: 502 after 3 retries',
    },
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

describe('portfolio: slim reports, shards, merge, state', () => {
  const full = report('claims', 'low');
  const slim = portfolioReport(full);

  it('keeps of a report only what the portfolio reads, and builds the same pilot from it', () => {
    expect(Object.keys(slim).sort()).toEqual(['blocking', 'decision', 'errors', 'gates', 'owner', 'pilot', 'score', 'waiting_on']);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length / 10);
    const input = (r: PortfolioInput['report']): PortfolioInput => ({
      repository: 'acme/a',
      manifest: 'claims/pilot-readiness.yml',
      pullRequest: pr(1, 3),
      report: r,
    });
    expect(buildPortfolio([input(slim)], NOW)).toEqual(buildPortfolio([input(full)], NOW));
  });

  it('names a repository or pull request that could not be read by what is known of it', () => {
    const p = buildPortfolio(
      [
        { repository: 'acme/gone', manifest: '', pullRequest: null, report: null, error: 'GitHub refused it' },
        { repository: 'acme/b', manifest: '', pullRequest: { ...pr(9, 2), title: 'Ship it' }, report: null, error: 'tree truncated' },
      ],
      NOW,
    );
    expect(p.pilots.map((x) => [x.pilot, x.title, x.decision, x.error])).toEqual([
      ['#9', 'Ship it', 'blocked', 'tree truncated'],
      ['acme/gone', null, 'blocked', 'GitHub refused it'],
    ]);
    expect(worstDecision(p)).toBe('blocked');
    expect(worstDecision(buildPortfolio([], NOW))).toBe('ready');
  });

  it('merges shards, sorted as one, and says which shard is missing', () => {
    const shard = (index: number, inputs: PortfolioInput[], incomplete: string | null = null) =>
      parsePortfolio(
        JSON.stringify(buildPortfolio(inputs, NOW, { repositories: 2, shard: { index, count: 3 }, incomplete })),
        `shard-${index}.json`,
      );
    const a = shard(1, [{ repository: 'acme/a', manifest: 'claims/pilot-readiness.yml', pullRequest: pr(1, 3), report: slim }]);
    const b = shard(
      3,
      [{ repository: 'acme/c', manifest: 'churn/pilot-readiness.yml', pullRequest: pr(2, 40), report: slim }],
      'rate-limited',
    );
    const merged = mergePortfolios([a, b]);
    expect(merged).toMatchObject({ repositories: 4, shard: null, totals: { pilots: 2, blocked: 2 } });
    expect(merged.pilots.map((p) => p.stuck_days)).toEqual([40, 3]);
    expect(merged.incomplete).toBe('shard 2/3 missing: its repositories are not in this report; shard 3/3: rate-limited');
    expect(renderPortfolioMarkdown(merged)).toContain('> Incomplete: shard 2/3 missing');
    expect(renderPortfolioMarkdown(a)).toContain('**1 pilot** in 2 repositories (shard 1/3)');
    expect(() => parsePortfolio('{"portfolio_version": 2}', 'x.json')).toThrow('x.json: not a portfolio');
    expect(() => parsePortfolio('{"portfolio_version": 1, "generated_at": "", "pilots": [{}]}', 'x.json')).toThrow(
      'x.json: pilots[0] is not a portfolio pilot',
    );
  });

  it('reads shards and states, refusing what does not fit', () => {
    expect(parseShard('2/4', '--shard')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ', '--shard')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0'])
      expect(() => parseShard(bad, '--shard')).toThrow(`--shard: "${bad}" is not a shard`);
    const state = {
      version: 1,
      org: 'Acme',
      done: { 'acme/a': [{ repository: 'acme/a', manifest: 'x.yml', pullRequest: null, report: slim }] },
    };
    expect(parsePortfolioState(JSON.stringify(state), 's.json', 'acme').done['acme/a']).toHaveLength(1);
    expect(() => parsePortfolioState(JSON.stringify(state), 's.json', 'globex')).toThrow(
      's.json holds the portfolio state of Acme, not globex',
    );
    expect(() => parsePortfolioState('{"version": 1, "org": "acme", "done": {"acme/a": 3}}', 's.json', 'acme')).toThrow(
      'done["acme/a"] is not a list',
    );
    expect(() => parsePortfolioState('nope', 's.json', 'acme')).toThrow('s.json: not valid JSON');
  });
});
