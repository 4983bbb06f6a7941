// Composition root of the Action: inputs → GitHub adapters → the flow → reporters → exit status.
// Every failure to verify something fails the run (fail closed) with a message saying how to fix it.
// Nothing here talks to the runner but through ./runtime.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionsAttestSigner } from '../adapters/github/attest.js';
import { clientTuning, createGitHubClient, type GitHubClient, type RequestTally } from '../adapters/github/client.js';
import { mappedStack } from '../adapters/local/source-map.js';
import { worstOf } from '../core/decide.js';
import { holdingBack } from '../core/deployment.js';
import { InputError, messageOf, UserError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/evaluate.js';
import { buildPortfolio, worstDecision } from '../core/portfolio.js';
import type { Decision, Report } from '../core/types.js';
import {
  gatePullRequest,
  markUnverified,
  refuseQueuedCommit,
  type GateContext,
  type PullRequestOutcome,
} from '../flow/gate-pull-request.js';
import type { PullRequestRef } from '../flow/ports.js';
import { runPortfolio } from '../flow/portfolio/run.js';
import { planSweep, type UnchangedPullRequest } from '../flow/sweep.js';
import { escapeMarkdown } from '../report/escape.js';
import { formatInstant } from '../report/labels.js';
import { renderFailureMarkdown, renderMarkdown } from '../report/markdown.js';
import { plainLine, plainText } from '../report/plain.js';
import { renderPortfolioMarkdown } from '../report/portfolio.js';
import {
  backingOffLines,
  deferredLines,
  renderSweepWaiting,
  type BackingOffPullRequest,
  type DeferredPullRequest,
} from '../report/sweep.js';
import { renderSarif } from '../report/sarif.js';
import { attestMerge, attestReady, mergedPullRequest, runDeploymentMode } from './deployment.js';
import { pullRequestsFor, readRunnerContext, type RunnerContext } from './event.js';
import { readInputs, type ActionInputs } from './inputs.js';
import * as runtime from './runtime.js';

/** The run's decision; its outputs are written only when `complete` (a consumer must not read `ready` off a partial run). */
function writeOutputs(
  outcomes: PullRequestOutcome[],
  reportPath: string | null,
  sarifPath: string | null,
  unchanged: UnchangedPullRequest[] = [],
  complete = true,
): Decision {
  const reports = outcomes.flatMap((o) => o.reports);
  // A sweep's decision covers the pull requests it left alone too: their recorded decisions stand.
  const decision = worstOf([...outcomes.map((o) => o.decision), ...unchanged.map((u) => u.decision)]);
  // met or justified not applicable, over required: the compact form of the reports' count story.
  const met = reports.reduce((n, r) => n + r.score.met + (r.score.not_applicable ?? 0), 0);
  const required = reports.reduce((n, r) => n + r.score.required, 0);
  const blocking = [...new Set(reports.flatMap(holdingBack))];
  if (!complete) return decision;
  runtime.output('decision', decision);
  runtime.output('ready', String(decision === 'ready'));
  runtime.output('score', `${met}/${required}`);
  runtime.output('blocking', blocking.join(','));
  runtime.output('report', reportPath ?? '');
  runtime.output('sarif', sarifPath ?? '');
  return decision;
}

function writeReportFile(ctx: RunnerContext, reports: Report[]): string | null {
  if (reports.length === 0) return null;
  const path = join(ctx.tempDir, 'pilot-readiness-report.json');
  const body = reports.length === 1 ? reports[0] : { reports };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

/** Every problem of every report as SARIF 2.1.0, for code scanning (github/codeql-action/upload-sarif). */
function writeSarifFile(ctx: RunnerContext, reports: Report[]): string | null {
  if (reports.length === 0) return null;
  const path = join(ctx.tempDir, 'pilot-readiness.sarif');
  writeFileSync(path, `${JSON.stringify(renderSarif(reports, null, TOOL_VERSION), null, 2)}\n`);
  return path;
}

/** A failure as the run reports it: error annotations (at their locations), the failure line and the summary text. */
function reportFailure(error: unknown, summary: string[], what: string): void {
  const message = messageOf(error);
  if (error instanceof UserError) {
    if (error.annotated) {
      for (const finding of error.findings)
        runtime.annotate({ level: 'error', message: plainLine(finding.message), location: finding.location });
    }
    summary.push(renderFailureMarkdown(what, error.annotated ? error.findings : message));
    runtime.fail(plainLine(`pilot-readiness: ${message}`));
    return;
  }
  // The stack names src/ files and lines (read from dist/'s maps only now, never at start-up); its
  // first line is the error's message, which may quote untrusted input.
  if (error instanceof Error && error.stack) runtime.debug(plainText(mappedStack(error.stack)));
  summary.push(renderFailureMarkdown(what, message, { unexpected: true }));
  runtime.fail(plainLine(`pilot-readiness failed unexpectedly: ${message}`));
}

/** GitHub refuses a step summary over 1 MiB (a sweep of hundreds of PRs can get there): cut it, and say where the rest is. */
const SUMMARY_LIMIT = 1_000_000;
export function withinSummaryLimit(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= SUMMARY_LIMIT) return text;
  const note = '\n…the summary is cut here (GitHub keeps 1 MiB); every report is in the JSON file named by the `report` output.\n';
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, SUMMARY_LIMIT - Buffer.byteLength(note))
    .toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  return `${cut.slice(0, cut.lastIndexOf('\n') + 1)}${note}`;
}

function failureLine(report: Report): string {
  const name = report.pilot?.name ?? report.manifest.path;
  if (report.decision === 'blocked')
    return `${name}: blocked by ${report.blocking.join(', ') || (report.errors.length > 0 ? 'an invalid manifest' : 'the policy')}`;
  return `${name}: waiting on ${report.waiting_on.join(', ') || 'sign-offs'}`;
}

/**
 * Portfolio mode (a scheduled workflow in the organisation's .github repository): reads every pilot
 * of the organisation, writes one summary and one JSON file, sets no status and no comment. It fails
 * the job only when a rate limit stopped it or when nothing could be read, never for a decision.
 */
async function runPortfolioMode(
  gh: GitHubClient,
  ctx: RunnerContext,
  inputs: ActionInputs,
  summary: string[],
  readers: Readers,
): Promise<void> {
  const org = inputs.organization || ctx.owner;
  const run = await runPortfolio(gh, {
    ...(readers.policyReader ? { policyReader: readers.policyReader } : {}),
    org,
    policy: inputs.policy,
    manifest: inputs.manifest,
    now: ctx.now,
    serverUrl: ctx.serverUrl,
    log: runtime.runnerLog,
    ...(inputs.repositories.length > 0 ? { repositories: inputs.repositories } : {}),
    ...(inputs.shard ? { shard: inputs.shard } : {}),
  });
  const portfolio = buildPortfolio(run.inputs, ctx.now, {
    repositories: run.repositories.total,
    shard: inputs.shard,
    incomplete: run.incomplete,
  });
  const path = join(ctx.tempDir, 'pilot-readiness-portfolio.json');
  writeFileSync(path, `${JSON.stringify(portfolio, null, 2)}\n`);
  // The file is written even for a partial run: a merge job can still show what was read.
  runtime.output('report', path);
  summary.push(renderPortfolioMarkdown(portfolio));
  const unread = run.inputs.filter((i) => i.error).length;
  if (unread > 0)
    runtime.annotate({
      level: 'warning',
      message: `pilot-readiness: ${unread} pilot(s), pull request(s) or repositories of ${org} could not be read; each counts as blocked (see the job summary)`,
    });
  const shard = inputs.shard ? ` (shard ${inputs.shard.index}/${inputs.shard.count})` : '';
  if (run.incomplete) {
    runtime.fail(`pilot-readiness: the portfolio of ${org}${shard} is incomplete: ${run.incomplete}`);
  } else if (run.repositories.listed === 0 || (run.repositories.total > 0 && run.repositories.failed === run.repositories.total)) {
    runtime.fail(
      `pilot-readiness: no repository of ${org}${shard} could be read. GITHUB_TOKEN may see only the repository running the workflow: pass a GitHub App installation token for the organisation (Contents and Pull requests: read) as github-token`,
    );
  } else {
    const pilots = portfolio.pilots;
    runtime.output('decision', worstDecision(portfolio));
    runtime.output('score', `${pilots.reduce((n, p) => n + p.score.met, 0)}/${pilots.reduce((n, p) => n + p.score.required, 0)}`);
  }
}

interface Failure {
  pr: PullRequestRef;
  error: unknown;
  warning: string | null;
}

/** A sweep's request budget: the requests sent so far (every client of the run) and the most it may start new pull requests within. */
interface RequestBudget {
  tally: RequestTally;
  limit: number;
}

/**
 * Every pull request of the run through the gate, in order. One that cannot be verified neither stops
 * a sweep of the others nor keeps its earlier status: it gets an error status, and the run fails at
 * the end. With a budget (a sweep), no pull request is started once the requests sent reach it, but
 * the first always is, so that every sweep moves the round robin on; the rest are returned deferred.
 */
async function gateAll(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: ActionInputs,
  targets: PullRequestRef[],
  budget?: RequestBudget,
): Promise<{ outcomes: PullRequestOutcome[]; failures: Failure[]; deferred: PullRequestRef[] }> {
  const outcomes: PullRequestOutcome[] = [];
  const failures: Failure[] = [];
  for (const [index, pr] of targets.entries()) {
    if (budget && index > 0 && budget.tally.sent >= budget.limit) return { outcomes, failures, deferred: targets.slice(index) };
    try {
      outcomes.push(await gatePullRequest(gh, ctx, inputs, pr));
    } catch (error) {
      failures.push({ pr, error, warning: await markUnverified(gh, ctx, inputs, pr, messageOf(error), error) });
    }
  }
  return { outcomes, failures, deferred: [] };
}

/** The job summary's part for each gated pull request: its reports, then what the flow adds (a policy review, or why there is no report). */
function summariseOutcome(
  outcome: PullRequestOutcome,
  summary: string[],
  links: { serverUrl: string; repository: string; sweep: boolean },
): void {
  // A sweep's summary: each pull request under its own linked heading, separated by a rule.
  if (links.sweep) {
    summary.push(
      `${summary.length > 0 ? '---\n\n' : ''}# [PR #${outcome.number}](${links.serverUrl}/${links.repository}/pull/${outcome.number})\n`,
    );
  }
  const level = 2;
  if (outcome.reports.length > 0)
    summary.push(outcome.reports.map((r) => renderMarkdown(r, { level, serverUrl: links.serverUrl })).join('\n'));
  const note = outcome.note;
  if (note)
    summary.push('markdown' in note ? note.markdown : `${'#'.repeat(level + 1)} PR #${outcome.number}: ${escapeMarkdown(note.sentence)}\n`);
}

/** The step's verdict, most serious first: a gate walked around, a status not written, an invalid policy, then the decision. */
function failIfNeeded(
  outcomes: PullRequestOutcome[],
  decision: Decision | null,
  inputs: ActionInputs,
  unchanged: UnchangedPullRequest[] = [],
): void {
  const untrusted = outcomes.filter((o) => o.untrusted);
  const unwritten = outcomes.filter((o) => o.statusNotWritten);
  const policyErrors = outcomes.flatMap((o) => o.errors);
  if (untrusted.length > 0) {
    runtime.fail(
      plainLine(
        `pilot-readiness: ${untrusted.map((o) => `#${o.number}`).join(', ')} changes the gate's own workflow file; see the annotations`,
      ),
    );
  } else if (unwritten.length > 0) {
    runtime.fail(
      `pilot-readiness: the commit status of ${unwritten.map((o) => `#${o.number}`).join(', ')} could not be written; an earlier status may still stand (see the annotations)`,
    );
  } else if (policyErrors.length > 0) {
    runtime.fail(`pilot-readiness: the proposed policy is invalid (${policyErrors.length} problem(s)); see the annotations`);
  } else if (inputs.mode === 'gate' && decision !== null && decision !== 'ready') {
    // A pilot's report, or a policy change that loosens without a policy owner's approval.
    const reports = outcomes.flatMap((o) => o.reports);
    const lines = [
      ...reports.filter((r) => r.decision !== 'ready').map(failureLine),
      ...outcomes
        .filter((o) => o.reports.length === 0 && o.decision !== 'ready')
        .map((o) => `#${o.number}: the policy change needs a policy owner's approval`),
      ...unchanged
        .filter((u) => u.decision !== 'ready')
        .map((u) => `#${u.number}: still ${u.decision}, unchanged since its last evaluation`),
    ];
    runtime.fail(plainLine(`pilot-readiness: ${decision}. ${lines.join('; ')}`));
  }
}

/**
 * The clients made from the narrower tokens, when given (least privilege): members-token reads team
 * members, policy-token reads central policies; github-token does the rest.
 */
interface Readers {
  members?: GitHubClient;
  policyReader?: GitHubClient;
}

function readersOf(inputs: ActionInputs, base: RunnerContext, tally: RequestTally): Readers {
  const client = (token: string) =>
    createGitHubClient(token, { baseUrl: base.apiUrl, log: runtime.runnerLog, tally, ...clientTuning(process.env) });
  return {
    ...(inputs.membersToken ? { members: client(inputs.membersToken) } : {}),
    ...(inputs.policyToken ? { policyReader: client(inputs.policyToken) } : {}),
  };
}

async function runGate(
  gh: GitHubClient,
  base: RunnerContext,
  inputs: ActionInputs,
  summary: string[],
  tally: RequestTally,
  readers: Readers,
): Promise<void> {
  const ctx: GateContext = {
    eventName: base.eventName,
    owner: base.owner,
    repo: base.repo,
    runUrl: base.runUrl,
    serverUrl: base.serverUrl,
    now: base.now,
    workflowRef: base.workflowRef,
    trees: new Map(),
    ...readers,
  };
  // The merge of a pull request: nothing to gate any more, but its readiness is attested when asked.
  const merged = inputs.attest ? mergedPullRequest(base) : null;
  if (merged) {
    await attestMerge(gh, base, inputs, merged, actionsAttestSigner(inputs.token), summary, readers.policyReader);
    return;
  }
  const sweep = base.eventName === 'schedule' || base.eventName === 'workflow_dispatch';
  const plan = sweep ? await planSweep(gh, base, inputs) : null;
  const targets = plan ? plan.due : pullRequestsFor(base);
  if (typeof targets === 'string') {
    runtime.annotate({ level: 'notice', message: `pilot-readiness: ${targets}; nothing to do.` });
    return;
  }
  if (!Array.isArray(targets)) {
    // A merge queue's group the gate cannot tie to a pull request: fail closed, on its commit too.
    const warning = targets.sha ? await refuseQueuedCommit(gh, ctx, inputs, targets.sha, targets.reason) : null;
    if (warning) runtime.annotate({ level: 'warning', message: plainLine(warning) });
    throw new InputError(targets.reason);
  }
  const queued = targets.find((t) => t.queued);
  if (queued) {
    summary.push(
      `Merge queue: commit \`${queued.headSha.slice(0, 7)}\` holds PR #${queued.number}; its ${escapeMarkdown(inputs.statusContext)} status is the verdict below.\n`,
    );
  }
  const budget = plan ? { tally, limit: inputs.sweepBudget } : undefined;
  const { outcomes, failures, deferred } = await gateAll(gh, ctx, inputs, targets, budget);
  const reports = outcomes.flatMap((o) => o.reports);
  const reportPath = writeReportFile(base, reports);
  const sarifPath = writeSarifFile(base, reports);
  // Outputs describe a complete run only: a consumer must not read `ready` off a partial one (a pull
  // request that could not be verified, now or at its last try, or one deferred to the next sweep).
  const unchanged = plan?.unchanged ?? [];
  const backingOff = plan?.backingOff ?? [];
  const decision =
    failures.length === 0 && backingOff.length === 0
      ? writeOutputs(outcomes, reportPath, sarifPath, unchanged, deferred.length === 0)
      : null;
  runtime.annotateReports(reports);
  for (const outcome of outcomes) {
    for (const warning of outcome.warnings) runtime.annotate({ level: 'warning', message: plainLine(warning) });
    for (const error of outcome.errors)
      runtime.annotate({ level: 'error', message: plainLine(error.message), title: 'Policy change', location: error.location });
    summariseOutcome(outcome, summary, { serverUrl: base.serverUrl, repository: `${base.owner}/${base.repo}`, sweep: outcomes.length > 1 });
  }
  if (unchanged.length > 0) summary.push(unchangedSummary(unchanged, plan?.due.length ?? 0));
  else if (outcomes.length === 0 && failures.length === 0 && deferred.length === 0 && backingOff.length === 0)
    summary.push('No open pull request touches a pilot manifest.\n');
  if (plan) {
    const why = new Map(plan.due.map((d) => [d.number, d.why]));
    const waiting = deferred.map((d) => ({ number: d.number, why: why.get(d.number) ?? '' }));
    reportWaiting(summary, waiting, backingOff, { sent: tally.sent, limit: inputs.sweepBudget });
  }
  for (const { pr, error, warning } of failures) {
    if (warning) runtime.annotate({ level: 'warning', message: plainLine(warning) });
    reportFailure(error, summary, targets.length > 1 ? `PR #${pr.number}` : 'Pilot readiness');
  }
  // Fail closed in every mode: a status that could not be written leaves an earlier one standing.
  for (const outcome of outcomes.filter((o) => o.statusNotWritten)) {
    runtime.annotate({ level: 'error', message: plainLine(outcome.statusNotWritten!), title: 'Commit status not written' });
    summary.push(`### ⛔ PR #${outcome.number}: the commit status was not written\n\n${escapeMarkdown(outcome.statusNotWritten!)}\n`);
  }
  for (const outcome of outcomes.filter((o) => o.untrusted)) {
    runtime.annotate({ level: 'error', message: plainLine(outcome.untrusted!), title: 'The gate cannot vouch for this pull request' });
  }
  // A merge queue's commit is not a pull request's head: nothing is attested there.
  if (inputs.attest && !targets.some((t) => t.queued)) {
    try {
      await attestReady(outcomes, base, actionsAttestSigner(inputs.token));
    } catch (error) {
      reportFailure(error, summary, 'Readiness attestation');
    }
  }
  failIfNeeded(outcomes, decision, inputs, unchanged);
}

/**
 * What a sweep did not judge, so that nobody takes it for judged: the pull requests deferred for the
 * budget (a warning: the next sweep takes them first) and those backing off after failed tries (their
 * `error` status stands, so the step fails as it did when they were tried), in the log and the summary.
 */
function reportWaiting(
  summary: string[],
  deferred: DeferredPullRequest[],
  backingOff: BackingOffPullRequest[],
  budget: { sent: number; limit: number },
): void {
  const text = renderSweepWaiting(deferred, backingOff, budget);
  if (text) summary.push(`${summary.length > 0 ? '---\n\n' : ''}${text}`);
  for (const line of [...deferredLines(deferred, budget), ...backingOffLines(backingOff)]) runtime.runnerLog.info(line);
  if (deferred.length > 0)
    runtime.annotate({
      level: 'warning',
      message: plainLine(
        `pilot-readiness: ${deferred.map((d) => `#${d.number}`).join(', ')} not judged in this sweep: its request budget (sweep-budget: ${budget.limit}) was spent after ${budget.sent} requests; the next sweep takes them first, and their earlier statuses stand until then`,
      ),
    });
  if (backingOff.length > 0)
    runtime.fail(
      plainLine(
        `pilot-readiness: ${backingOff.map((b) => `#${b.number}`).join(', ')} could not be verified at the last try and keep their error status; the sweep tries again after a back-off, or at once on a push or a review (see the job summary)`,
      ),
    );
}

/** The sweep's line for the pull requests it left alone: nothing about them changed, and their time has not come. */
function unchangedSummary(unchanged: UnchangedPullRequest[], due: number): string {
  const list = unchanged
    .map((u) => `#${u.number} ${u.decision}${u.next ? ` (until ${escapeMarkdown(formatInstant(u.next))})` : ''}`)
    .join(', ');
  return `${due > 0 ? '---\n\n' : ''}Unchanged since their last evaluation, not read again: ${list}.\n`;
}

export async function run(): Promise<void> {
  const summary: string[] = [];
  try {
    const inputs = readInputs();
    const base = readRunnerContext(process.env, process.cwd());
    const tally: RequestTally = { sent: 0 };
    const gh = createGitHubClient(inputs.token, { baseUrl: base.apiUrl, log: runtime.runnerLog, tally, ...clientTuning(process.env) });
    const readers = readersOf(inputs, base, tally);
    if (inputs.mode === 'portfolio') await runPortfolioMode(gh, base, inputs, summary, readers);
    else if (inputs.mode === 'deployment') await runDeploymentMode(gh, base, inputs, summary, readers.policyReader);
    else await runGate(gh, base, inputs, summary, tally, readers);
  } catch (error) {
    // Fail closed: whatever could not be verified fails the step, with advice rather than a stack trace.
    reportFailure(error, summary, 'Pilot readiness');
  } finally {
    // setFailed only sets the exit code: the summary is written whatever happened.
    if (summary.length > 0) await runtime.writeSummary(withinSummaryLimit(summary.join('\n')));
  }
}
