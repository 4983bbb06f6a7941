// The portfolio: every pilot of an organisation with its decision, what it waits on and for how long,
// sorted by how long it has been stuck. Pure: reports and times come in, a model and text go out.
import type { Decision, Report, RiskTier } from './types.js';
import { escapeMarkdown as esc, quietLogin } from './report/escape.js';

const DAY_MS = 86_400_000;

/** One pilot as found in one repository: its manifest, and the open pull request that deploys it (if any). */
export interface PortfolioInput {
  repository: string;
  manifest: string;
  pullRequest: { number: number; title: string; url: string; ready_at: string | null; created_at: string } | null;
  report: Report | null;
  /** Why this pilot could not be evaluated (it then counts as blocked: fail closed). */
  error?: string;
}

export interface PortfolioGate {
  id: string;
  title: string;
  met: number;
  required: number;
  /** Whole days this unmet gate has been waiting (since the PR became ready for review); null when met or unknown. */
  waiting_days: number | null;
}

export interface PortfolioPilot {
  repository: string;
  manifest: string;
  pilot: string;
  title: string | null;
  risk: RiskTier | null;
  owner: string | null;
  decision: Decision;
  score: { met: number; required: number };
  gates: PortfolioGate[];
  /** Roles and criteria the decision waits on or is blocked by. */
  waiting_on: string[];
  pull_request: PortfolioInput['pullRequest'];
  /** Days since the deployment PR became ready for review; null without an open PR. */
  stuck_days: number | null;
  error: string | null;
}

export interface Portfolio {
  portfolio_version: 1;
  generated_at: string;
  totals: { pilots: number; ready: number; pending: number; blocked: number; without_pr: number };
  pilots: PortfolioPilot[];
}

function daysBetween(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / DAY_MS));
}

function pilotOf(input: PortfolioInput, now: Date): PortfolioPilot {
  const report = input.report;
  const since = input.pullRequest ? (input.pullRequest.ready_at ?? null) : null;
  const stuck = since ? daysBetween(since, now) : null;
  if (!report || input.error) {
    return {
      repository: input.repository,
      manifest: input.manifest,
      pilot: input.manifest,
      title: null,
      risk: null,
      owner: null,
      decision: 'blocked',
      score: { met: 0, required: 0 },
      gates: [],
      waiting_on: [],
      pull_request: input.pullRequest,
      stuck_days: stuck,
      error: input.error ?? 'not evaluated',
    };
  }
  return {
    repository: input.repository,
    manifest: input.manifest,
    pilot: report.pilot?.name ?? input.manifest,
    title: report.pilot?.title ?? null,
    risk: report.pilot?.risk ?? null,
    owner: report.owner.login,
    decision: report.decision,
    score: report.score,
    gates: report.gates.map((gate) => ({
      id: gate.id,
      title: gate.title,
      met: gate.met,
      required: gate.required,
      waiting_days: gate.met < gate.required && stuck !== null ? stuck : null,
    })),
    waiting_on: report.decision === 'blocked' ? report.blocking : report.waiting_on,
    pull_request: input.pullRequest,
    stuck_days: stuck,
    error: report.errors.length > 0 ? report.errors.map((e) => e.message).join('; ') : null,
  };
}

const ORDER: Record<Decision, number> = { blocked: 0, pending: 1, ready: 2 };

/** Builds the portfolio: longest stuck first; pilots without a PR after those with one; then by decision and name. */
export function buildPortfolio(inputs: PortfolioInput[], now: Date): Portfolio {
  const pilots = inputs.map((input) => pilotOf(input, now));
  pilots.sort(
    (a, b) =>
      (b.stuck_days ?? -1) - (a.stuck_days ?? -1) ||
      ORDER[a.decision] - ORDER[b.decision] ||
      a.repository.localeCompare(b.repository) ||
      a.pilot.localeCompare(b.pilot),
  );
  const count = (d: Decision) => pilots.filter((p) => p.decision === d).length;
  return {
    portfolio_version: 1,
    generated_at: now.toISOString(),
    totals: { pilots: pilots.length, ready: count('ready'), pending: count('pending'), blocked: count('blocked'), without_pr: pilots.filter((p) => !p.pull_request).length },
    pilots,
  };
}

const ICON: Record<Decision, string> = { ready: '🟢', pending: '🟡', blocked: '🔴' };

export function renderPortfolioMarkdown(portfolio: Portfolio): string {
  const t = portfolio.totals;
  const out = [
    '## AI pilot portfolio',
    '',
    `**${t.pilots} pilots**: ${t.ready} ready, ${t.pending} pending, ${t.blocked} blocked; ${t.without_pr} without an open deployment pull request. Sorted by how long each has been waiting.`,
    '',
    '| | Pilot | Repository | Risk | Owner | Score | Waiting on | Days waiting | Gates not met (days) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of portfolio.pilots) {
    const pr = p.pull_request ? `[#${p.pull_request.number}](${p.pull_request.url})` : 'no PR';
    const gates = p.gates.filter((g) => g.met < g.required).map((g) => `${esc(g.title)} ${g.met}/${g.required}${g.waiting_days !== null ? ` (${g.waiting_days}d)` : ''}`);
    const waiting = p.error ? `could not evaluate: ${esc(p.error)}` : p.waiting_on.map(esc).join(', ') || '—';
    out.push(
      `| ${ICON[p.decision]} | **${esc(p.title ?? p.pilot)}** (${pr}) | ${esc(p.repository)} | ${p.risk ?? '—'} | ${p.owner ? quietLogin(p.owner) : '—'} | ${p.score.met}/${p.score.required} | ${waiting} | ${p.stuck_days ?? '—'} | ${gates.join(', ') || '—'} |`,
    );
  }
  out.push('', `<sub>generated ${portfolio.generated_at}</sub>`);
  return `${out.join('\n')}\n`;
}
