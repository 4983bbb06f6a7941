// The portfolio: every pilot of an organisation with its decision, what it waits on and for how long,
// sorted by how long it has been stuck. Pure: reports and times come in, a model goes out
// (src/report/portfolio.ts renders it).
import { InputError, messageOf } from './errors.js';
import type { Decision, Report, RiskTier } from './types.js';
import { DECISION_SEVERITY, worstOf } from './decide.js';

const DAY_MS = 86_400_000;
const DECISIONS: readonly Decision[] = ['ready', 'pending', 'blocked'];

/**
 * The part of a Report the portfolio reads. A full Report fits; the runner keeps only this much, so
 * that a resumable state of hundreds of pilots stays small.
 */
export interface PortfolioReport {
  decision: Decision;
  /** A full Report counts not_applicable apart from met; the slim form has it folded into met. */
  score: { met: number; not_applicable?: number; required: number };
  pilot: { name: string; title: string | null; risk: RiskTier } | null;
  owner: { login: string | null };
  gates: Array<{ id: string; title: string; met: number; not_applicable?: number; required: number }>;
  blocking: string[];
  waiting_on: string[];
  errors: Array<{ message: string }>;
}

/** A count's criteria justified not applicable, when it keeps them apart from met (a full Report does; a slimmed one has folded them in). */
function notApplicable(count: object): number {
  return 'not_applicable' in count && typeof count.not_applicable === 'number' ? count.not_applicable : 0;
}

/** A Report slimmed down to what buildPortfolio reads. */
export function portfolioReport(report: Report | PortfolioReport): PortfolioReport {
  return {
    decision: report.decision,
    score: { met: report.score.met + notApplicable(report.score), required: report.score.required },
    pilot: report.pilot ? { name: report.pilot.name, title: report.pilot.title, risk: report.pilot.risk } : null,
    owner: { login: report.owner.login },
    gates: report.gates.map((g) => ({ id: g.id, title: g.title, met: g.met + notApplicable(g), required: g.required })),
    blocking: [...report.blocking],
    waiting_on: [...report.waiting_on],
    errors: report.errors.map((e) => ({ message: e.message })),
  };
}

/** The open deployment pull request of a pilot, as the portfolio shows it. */
export interface PortfolioPullRequest {
  number: number;
  title: string;
  url: string;
  /** When the PR was opened non-draft or marked ready for review: the clock of "days waiting". */
  ready_at: string | null;
}

/**
 * A repository that could not be read as a whole (not found, refused, failed): one entry that counts
 * as blocked, with no manifest and no pull request. The state format keeps it as manifest ''.
 */
export function repositoryFailure(repository: string, error: string): PortfolioInput {
  return { repository, manifest: '', pullRequest: null, report: null, error };
}

/** True for the entry repositoryFailure makes. */
export function isRepositoryFailure(input: PortfolioInput): boolean {
  return input.error !== undefined && input.manifest === '' && input.pullRequest === null;
}

/** One pilot as found in one repository: its manifest, and the open pull request that deploys it (if any). */
export interface PortfolioInput {
  repository: string;
  /** The manifest's path; '' when the failure came before any manifest was known (a repository or PR that could not be read). */
  manifest: string;
  pullRequest: PortfolioPullRequest | null;
  report: PortfolioReport | null;
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
  pull_request: PortfolioPullRequest | null;
  /** Days since the deployment PR became ready for review; null without an open PR. */
  stuck_days: number | null;
  error: string | null;
}

export interface Portfolio {
  portfolio_version: 1;
  generated_at: string;
  /** Repositories read for this portfolio (one shard's share when sharded); null when not known. */
  repositories: number | null;
  /** The share of the organisation's repositories this portfolio covers; null for all of them (or a merge). */
  shard: { index: number; count: number } | null;
  /** Set when the run stopped early (rate limit) or a shard is missing: the pilots listed are not all there are. */
  incomplete: string | null;
  totals: { pilots: number; ready: number; pending: number; blocked: number; without_pr: number };
  pilots: PortfolioPilot[];
}

/** What was read, repository by repository: a run that stopped early resumes from it. */
export interface PortfolioState {
  version: 1;
  org: string;
  /** owner/name → the pilots found there (possibly none). */
  done: Record<string, PortfolioInput[]>;
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
      // A repository or PR that could not be read has no manifest to name it by.
      pilot: input.manifest || (input.pullRequest ? `#${input.pullRequest.number}` : input.repository),
      title: input.manifest ? null : (input.pullRequest?.title ?? null),
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
    score: { met: report.score.met + notApplicable(report.score), required: report.score.required },
    gates: report.gates.map((gate) => ({
      id: gate.id,
      title: gate.title,
      met: gate.met + notApplicable(gate),
      required: gate.required,
      waiting_days: gate.met + notApplicable(gate) < gate.required && stuck !== null ? stuck : null,
    })),
    waiting_on: report.decision === 'blocked' ? report.blocking : report.waiting_on,
    pull_request: input.pullRequest,
    stuck_days: stuck,
    error: report.errors.length > 0 ? report.errors.map((e) => e.message).join('; ') : null,
  };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byStuck(a: PortfolioPilot, b: PortfolioPilot): number {
  return (
    (b.stuck_days ?? -1) - (a.stuck_days ?? -1) ||
    DECISION_SEVERITY[b.decision] - DECISION_SEVERITY[a.decision] ||
    // Code-unit order, never the machine's locale: the same report sorts the same everywhere.
    byText(a.repository, b.repository) ||
    byText(a.pilot, b.pilot) ||
    (a.pull_request?.number ?? 0) - (b.pull_request?.number ?? 0)
  );
}

function totalsOf(pilots: PortfolioPilot[]): Portfolio['totals'] {
  const count = (d: Decision) => pilots.filter((p) => p.decision === d).length;
  return {
    pilots: pilots.length,
    ready: count('ready'),
    pending: count('pending'),
    blocked: count('blocked'),
    without_pr: pilots.filter((p) => !p.pull_request).length,
  };
}

export interface PortfolioScope {
  repositories?: number | null;
  shard?: { index: number; count: number } | null;
  incomplete?: string | null;
}

/** Builds the portfolio: longest stuck first; pilots without a PR after those with one; then by decision and name. */
export function buildPortfolio(inputs: PortfolioInput[], now: Date, scope: PortfolioScope = {}): Portfolio {
  const pilots = inputs.map((input) => pilotOf(input, now)).sort(byStuck);
  return {
    portfolio_version: 1,
    generated_at: now.toISOString(),
    repositories: scope.repositories ?? null,
    shard: scope.shard ?? null,
    incomplete: scope.incomplete ?? null,
    totals: totalsOf(pilots),
    pilots,
  };
}

/**
 * One portfolio from several (the shards of a large organisation, each read by its own job). The
 * days each pilot has waited were counted when its shard ran; the merge says it is as of the earliest.
 * A shard that is not there (its job failed before writing its file) makes the merge incomplete.
 */
export function mergePortfolios(portfolios: Portfolio[]): Portfolio {
  const pilots = portfolios.flatMap((p) => p.pilots).sort(byStuck);
  const incomplete = portfolios
    .map((p, i) => (p.incomplete ? `${p.shard ? `shard ${p.shard.index}/${p.shard.count}` : `portfolio ${i + 1}`}: ${p.incomplete}` : null))
    .filter((m): m is string => m !== null);
  const count = Math.max(0, ...portfolios.map((p) => p.shard?.count ?? 0));
  if (count > 0) {
    const present = new Set(portfolios.map((p) => p.shard?.index));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
    if (missing.length > 0)
      incomplete.unshift(
        `${missing.map((i) => `shard ${i}/${count}`).join(', ')} missing: ${missing.length === 1 ? 'its' : 'their'} repositories are not in this report`,
      );
  }
  const counts = portfolios.map((p) => p.repositories);
  const times = portfolios.map((p) => p.generated_at).sort();
  return {
    portfolio_version: 1,
    generated_at: times[0] ?? new Date(0).toISOString(),
    repositories: counts.length > 0 && counts.every((n): n is number => n !== null) ? counts.reduce((a, b) => a + b, 0) : null,
    shard: null,
    incomplete: incomplete.length > 0 ? incomplete.join('; ') : null,
    totals: totalsOf(pilots),
    pilots,
  };
}

/** The worst decision over every pilot (ready when there is none). */
export function worstDecision(portfolio: Portfolio): Decision {
  return worstOf(portfolio.pilots.map((p) => p.decision));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source}: not valid JSON (${messageOf(error)})`);
  }
}

/** A portfolio JSON file as `portfolio` writes it (checked enough to merge it safely). */
export function parsePortfolio(text: string, source: string): Portfolio {
  const data = parseJson(text, source);
  if (!isObject(data) || data.portfolio_version !== 1 || !Array.isArray(data.pilots) || typeof data.generated_at !== 'string') {
    throw new InputError(
      `${source}: not a portfolio (a JSON file with portfolio_version: 1, written by pilot-readiness portfolio --output or the Action's report output)`,
    );
  }
  data.pilots.forEach((pilot, i) => {
    if (
      !isObject(pilot) ||
      typeof pilot.repository !== 'string' ||
      typeof pilot.pilot !== 'string' ||
      !DECISIONS.includes(pilot.decision as Decision) ||
      !Array.isArray(pilot.gates)
    ) {
      throw new InputError(`${source}: pilots[${i}] is not a portfolio pilot (repository, pilot, decision, gates)`);
    }
  });
  const shard =
    isObject(data.shard) && typeof data.shard.index === 'number' && typeof data.shard.count === 'number'
      ? { index: data.shard.index, count: data.shard.count }
      : null;
  return {
    ...(data as unknown as Portfolio),
    repositories: typeof data.repositories === 'number' ? data.repositories : null,
    shard,
    incomplete: typeof data.incomplete === 'string' ? data.incomplete : null,
  };
}

/** A saved state for `org` (checked: a state of another organisation or version is refused). */
export function parsePortfolioState(text: string, source: string, org: string): PortfolioState {
  const data = parseJson(text, source);
  if (!isObject(data) || data.version !== 1 || typeof data.org !== 'string' || !isObject(data.done)) {
    throw new InputError(`${source}: not a portfolio state (version 1, org, done); delete it to start afresh`);
  }
  if (data.org.toLowerCase() !== org.toLowerCase()) {
    throw new InputError(
      `${source} holds the portfolio state of ${data.org}, not ${org}; use another state file, or delete it to start afresh`,
    );
  }
  for (const [repository, inputs] of Object.entries(data.done)) {
    if (!Array.isArray(inputs) || !inputs.every((i) => isObject(i) && typeof i.repository === 'string' && typeof i.manifest === 'string')) {
      throw new InputError(`${source}: done["${repository}"] is not a list of pilots; delete the file to start afresh`);
    }
  }
  return data as unknown as PortfolioState;
}
