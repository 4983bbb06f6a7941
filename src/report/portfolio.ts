// The portfolio as Markdown: one table of every pilot, longest waiting first (the model is src/core/portfolio.ts).
import type { Decision } from '../core/types.js';
import type { Portfolio, PortfolioPullRequest } from '../core/portfolio.js';
import { escapeMarkdown as esc, escapeMessage, quietLogin, toText } from './escape.js';

const ICON: Record<Decision, string> = { ready: '🟢', pending: '🟡', blocked: '🔴' };

/**
 * `[#12](https://github.com/acme/models/pull/12)`: a link only to an http(s) address with nothing
 * Markdown could read as syntax, and a whole number (a merged portfolio is read from JSON files);
 * anything else is shown as text.
 */
function pullRequestLink(pr: PortfolioPullRequest): string {
  const url = toText(pr.url);
  if (Number.isSafeInteger(pr.number) && /^https?:\/\/[^\s()<>[\]`"'\\|]+$/.test(url)) return `[#${pr.number}](${url})`;
  return `\\#${esc(pr.number)}`;
}

export function renderPortfolioMarkdown(portfolio: Portfolio): string {
  const t = portfolio.totals;
  const shard = portfolio.shard ? ` (shard ${esc(portfolio.shard.index)}/${esc(portfolio.shard.count)})` : '';
  const read =
    portfolio.repositories !== null
      ? ` in ${esc(portfolio.repositories)} ${portfolio.repositories === 1 ? 'repository' : 'repositories'}${shard}`
      : shard;
  const out = ['## AI pilot portfolio', ''];
  if (portfolio.incomplete) out.push(`> [!WARNING]`, `> Incomplete: ${escapeMessage(portfolio.incomplete, { table: false })}`, '');
  out.push(
    `**${esc(t.pilots)} ${t.pilots === 1 ? 'pilot' : 'pilots'}**${read}: ${esc(t.ready)} ready, ${esc(t.pending)} pending, ${esc(t.blocked)} blocked; ${esc(t.without_pr)} without an open deployment pull request. Sorted by how long each has been waiting.`,
    '',
    '| | Pilot | Repository | Risk | Owner | Score | Waiting on | Days waiting | Gates not met (days) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const p of portfolio.pilots) {
    const pr = p.pull_request ? pullRequestLink(p.pull_request) : 'no PR';
    const gates = p.gates
      .filter((g) => g.met < g.required)
      .map((g) => `${esc(g.title)} ${esc(g.met)}/${esc(g.required)}${g.waiting_days !== null ? ` (${esc(g.waiting_days)}d)` : ''}`);
    const waiting = p.error ? `could not evaluate: ${escapeMessage(p.error)}` : p.waiting_on.map((w) => esc(w)).join(', ') || '—';
    out.push(
      `| ${ICON[p.decision]} | **${esc(p.title ?? p.pilot)}** (${pr}) | ${esc(p.repository)} | ${p.risk === null || p.risk === undefined ? '—' : esc(p.risk)} | ${p.owner ? quietLogin(p.owner) : '—'} | ${esc(p.score.met)}/${esc(p.score.required)} | ${waiting} | ${p.stuck_days === null || p.stuck_days === undefined ? '—' : esc(p.stuck_days)} | ${gates.join(', ') || '—'} |`,
    );
  }
  out.push('', `<sub>generated ${esc(portfolio.generated_at)}</sub>`);
  return `${out.join('\n')}\n`;
}
