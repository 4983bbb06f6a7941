// The gate as a job, for any front door: the pull requests an event names (or a sweep finds due)
// through gatePullRequest, then what the runner is told: outputs, annotations, the summary's parts
// and whether the step fails. The Action's run.ts maps the result to the runner; a server would too.
import type { GitHubClient, RequestTally } from '../adapters/github/client.js';
import { worstOf } from '../core/decide.js';
import { holdingBack } from '../core/deployment.js';
import { InputError, messageOf } from '../core/errors.js';
import { TOOL_VERSION } from '../core/evaluate.js';
import type { Decision, Report } from '../core/types.js';
import { reportAnnotations } from '../report/annotations.js';
import {
  mergeQueueSummary,
  NOTHING_GATED_SUMMARY,
  pullRequestSummary,
  statusNotWrittenSummary,
  unchangedSummary,
} from '../report/gate-summary.js';
import { plainLine } from '../report/plain.js';
import { renderSarif } from '../report/sarif.js';
import {
  backingOffLines,
  deferredLines,
  renderSweepWaiting,
  type BackingOffPullRequest,
  type DeferredPullRequest,
} from '../report/sweep.js';
import { type AttestationPorts, attestMerge, attestReady, type MergedPullRequest } from './attest.js';
import { type GateContext, gatePullRequest, markUnverified, type PullRequestOutcome, refuseQueuedCommit } from './gate-pull-request.js';
import type { GateSettings, PullRequestRef } from './ports.js';
import { type RunRecorder, type RunResult, settled } from './run-result.js';
import { planSweep, type UnchangedPullRequest } from './sweep.js';

/** What the gate job reads beyond the gate's settings: whether to attest, and a sweep's request budget. */
export interface GateJobSettings extends GateSettings {
  attest: boolean;
  sweepBudget: number;
}

/**
 * Which pull requests the event asks about: a merged one (attested when asked), a sweep of the open
 * ones, or those the event names (a string says why none; an unidentified merge queue group why it
 * cannot be judged).
 */
export type GateTrigger =
  | { kind: 'merged'; merged: MergedPullRequest }
  | { kind: 'sweep' }
  | { kind: 'event'; targets: PullRequestRef[] | string | { sha: string | null; reason: string } };

export interface GatePorts {
  gh: GitHubClient;
  /** The gate's context without the run's tree cache (the job makes one). */
  context: Omit<GateContext, 'trees'> & { serverUrl: string };
  /** Requests sent by every client of the run, for a sweep's budget. */
  tally: RequestTally;
  /** Where attestations are written and who signs them; the report and SARIF files are written there too. */
  attestation: AttestationPorts;
}

interface Failure {
  pr: PullRequestRef;
  error: unknown;
  warning: string | null;
}

/** The gate job: never throws; whatever it cannot verify fails the step. */
export function runGateJob(ports: GatePorts, settings: GateJobSettings, trigger: GateTrigger): Promise<RunResult> {
  return settled((run) => gate(ports, settings, trigger, run));
}

async function gate(ports: GatePorts, settings: GateJobSettings, trigger: GateTrigger, run: RunRecorder): Promise<void> {
  const { gh, context: base, tally } = ports;
  const ctx: GateContext = { ...base, trees: new Map() };
  // The merge of a pull request: nothing to gate any more, but its readiness is attested when asked.
  if (trigger.kind === 'merged') {
    const reader = base.policyReader ? { policyReader: base.policyReader } : {};
    await attestMerge(
      gh,
      ports.attestation,
      { policy: settings.policy, manifest: settings.manifest, now: base.now, ...reader },
      trigger.merged,
      run,
    );
    return;
  }
  const plan = trigger.kind === 'sweep' ? await planSweep(gh, base, settings) : null;
  const targets = plan ? plan.due : trigger.kind === 'event' ? trigger.targets : [];
  if (typeof targets === 'string') {
    run.annotate({ level: 'notice', message: `pilot-readiness: ${targets}; nothing to do.` });
    return;
  }
  if (!Array.isArray(targets)) {
    // A merge queue's group the gate cannot tie to a pull request: fail closed, on its commit too.
    const warning = targets.sha ? await refuseQueuedCommit(gh, ctx, settings, targets.sha, targets.reason) : null;
    if (warning) run.annotate({ level: 'warning', message: plainLine(warning) });
    throw new InputError(targets.reason);
  }
  const queued = targets.find((t) => t.queued);
  if (queued) run.summarise(mergeQueueSummary(queued, settings.statusContext));
  const budget = plan ? { tally, limit: settings.sweepBudget } : undefined;
  const { outcomes, failures, deferred } = await gateAll(gh, ctx, settings, targets, budget);
  const reports = outcomes.flatMap((o) => o.reports);
  const reportPath =
    reports.length > 0
      ? ports.attestation.artifacts.writeJson('pilot-readiness-report.json', reports.length === 1 ? reports[0] : { reports })
      : null;
  // Every problem of every report as SARIF 2.1.0, for code scanning (github/codeql-action/upload-sarif).
  const sarifPath =
    reports.length > 0 ? ports.attestation.artifacts.writeJson('pilot-readiness.sarif', renderSarif(reports, null, TOOL_VERSION)) : null;
  // Outputs describe a complete run only: a consumer must not read `ready` off a partial one (a pull
  // request that could not be verified, now or at its last try, or one deferred to the next sweep).
  const unchanged = plan?.unchanged ?? [];
  const backingOff = plan?.backingOff ?? [];
  const decision = failures.length === 0 && backingOff.length === 0 ? decide(outcomes, unchanged) : null;
  if (decision !== null && deferred.length === 0) writeOutputs(run, decision, reports, reportPath, sarifPath);
  for (const annotation of reportAnnotations(reports)) run.annotate(annotation);
  const repository = `${base.owner}/${base.repo}`;
  for (const outcome of outcomes) {
    for (const warning of outcome.warnings) run.annotate({ level: 'warning', message: plainLine(warning) });
    for (const error of outcome.errors)
      run.annotate({ level: 'error', message: plainLine(error.message), title: 'Policy change', location: error.location });
    const links = { serverUrl: base.serverUrl, repository, sweep: outcomes.length > 1, first: run.result.summary.length === 0 };
    for (const part of pullRequestSummary(outcome, links)) run.summarise(part);
  }
  if (unchanged.length > 0) run.summarise(unchangedSummary(unchanged, plan?.due.length ?? 0));
  else if (outcomes.length === 0 && failures.length === 0 && deferred.length === 0 && backingOff.length === 0)
    run.summarise(NOTHING_GATED_SUMMARY);
  if (plan) {
    const why = new Map(plan.due.map((d) => [d.number, d.why]));
    const waiting = deferred.map((d) => ({ number: d.number, why: why.get(d.number) ?? '' }));
    reportWaiting(run, waiting, backingOff, { sent: tally.sent, limit: settings.sweepBudget });
  }
  for (const { pr, error, warning } of failures) {
    if (warning) run.annotate({ level: 'warning', message: plainLine(warning) });
    run.failWith(error, targets.length > 1 ? `PR #${pr.number}` : 'Pilot readiness');
  }
  // Fail closed in every mode: a status that could not be written leaves an earlier one standing.
  for (const outcome of outcomes) {
    if (!outcome.statusNotWritten) continue;
    run.annotate({ level: 'error', message: plainLine(outcome.statusNotWritten), title: 'Commit status not written' });
    run.summarise(statusNotWrittenSummary(outcome.number, outcome.statusNotWritten));
  }
  for (const outcome of outcomes) {
    if (outcome.untrusted)
      run.annotate({ level: 'error', message: plainLine(outcome.untrusted), title: 'The gate cannot vouch for this pull request' });
  }
  // A merge queue's commit is not a pull request's head: nothing is attested there.
  if (settings.attest && !targets.some((t) => t.queued)) {
    try {
      await attestReady(outcomes, ports.attestation, run);
    } catch (error) {
      run.failWith(error, 'Readiness attestation');
    }
  }
  const failure = stepFailure(outcomes, decision, settings, unchanged);
  if (failure) run.fail(failure);
}

/** A budget for a sweep: the requests sent so far (every client of the run) and the most it may start new pull requests within. */
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
  settings: GateSettings,
  targets: PullRequestRef[],
  budget?: RequestBudget,
): Promise<{ outcomes: PullRequestOutcome[]; failures: Failure[]; deferred: PullRequestRef[] }> {
  const outcomes: PullRequestOutcome[] = [];
  const failures: Failure[] = [];
  for (const [index, pr] of targets.entries()) {
    if (budget && index > 0 && budget.tally.sent >= budget.limit) return { outcomes, failures, deferred: targets.slice(index) };
    try {
      outcomes.push(await gatePullRequest(gh, ctx, settings, pr));
    } catch (error) {
      failures.push({ pr, error, warning: await markUnverified(gh, ctx, settings, pr, messageOf(error), error) });
    }
  }
  return { outcomes, failures, deferred: [] };
}

/** The run's decision: a sweep's covers the pull requests it left alone too, whose recorded decisions stand. */
export function decide(outcomes: readonly PullRequestOutcome[], unchanged: readonly UnchangedPullRequest[] = []): Decision {
  return worstOf([...outcomes.map((o) => o.decision), ...unchanged.map((u) => u.decision)]);
}

/** The outputs of a complete run (a consumer must not read `ready` off a partial one). */
function writeOutputs(run: RunRecorder, decision: Decision, reports: Report[], reportPath: string | null, sarifPath: string | null): void {
  // met or justified not applicable, over required: the compact form of the reports' count story.
  const met = reports.reduce((n, r) => n + r.score.met + (r.score.not_applicable ?? 0), 0);
  const required = reports.reduce((n, r) => n + r.score.required, 0);
  run.output('decision', decision);
  run.output('ready', String(decision === 'ready'));
  run.output('score', `${met}/${required}`);
  run.output('blocking', [...new Set(reports.flatMap(holdingBack))].join(','));
  run.output('report', reportPath ?? '');
  run.output('sarif', sarifPath ?? '');
}

function failureLine(report: Report): string {
  const name = report.pilot?.name ?? report.manifest.path;
  if (report.decision === 'blocked')
    return `${name}: blocked by ${report.blocking.join(', ') || (report.errors.length > 0 ? 'an invalid manifest' : 'the policy')}`;
  return `${name}: waiting on ${report.waiting_on.join(', ') || 'sign-offs'}`;
}

/** The step's verdict, most serious first: a gate walked around, a status not written, an invalid policy, then the decision; null passes. */
export function stepFailure(
  outcomes: readonly PullRequestOutcome[],
  decision: Decision | null,
  settings: Pick<GateSettings, 'mode'>,
  unchanged: readonly UnchangedPullRequest[] = [],
): string | null {
  const untrusted = outcomes.filter((o) => o.untrusted);
  const unwritten = outcomes.filter((o) => o.statusNotWritten);
  const policyErrors = outcomes.flatMap((o) => o.errors);
  if (untrusted.length > 0)
    return plainLine(
      `pilot-readiness: ${untrusted.map((o) => `#${o.number}`).join(', ')} changes the gate's own workflow file; see the annotations`,
    );
  if (unwritten.length > 0)
    return `pilot-readiness: the commit status of ${unwritten.map((o) => `#${o.number}`).join(', ')} could not be written; an earlier status may still stand (see the annotations)`;
  if (policyErrors.length > 0)
    return `pilot-readiness: the proposed policy is invalid (${policyErrors.length} problem(s)); see the annotations`;
  if (settings.mode !== 'gate' || decision === null || decision === 'ready') return null;
  // A pilot's report, or a policy change that loosens without a policy owner's approval.
  const lines = [
    ...outcomes
      .flatMap((o) => o.reports)
      .filter((r) => r.decision !== 'ready')
      .map(failureLine),
    ...outcomes
      .filter((o) => o.reports.length === 0 && o.decision !== 'ready')
      .map((o) => `#${o.number}: the policy change needs a policy owner's approval`),
    ...unchanged.filter((u) => u.decision !== 'ready').map((u) => `#${u.number}: still ${u.decision}, unchanged since its last evaluation`),
  ];
  return plainLine(`pilot-readiness: ${decision}. ${lines.join('; ')}`);
}

/**
 * What a sweep did not judge, so that nobody takes it for judged: the pull requests deferred for the
 * budget (a warning: the next sweep takes them first) and those backing off after failed tries (their
 * `error` status stands, so the step fails as it did when they were tried), in the log and the summary.
 */
function reportWaiting(
  run: RunRecorder,
  deferred: DeferredPullRequest[],
  backingOff: BackingOffPullRequest[],
  budget: { sent: number; limit: number },
): void {
  const text = renderSweepWaiting(deferred, backingOff, budget);
  if (text) run.summarise(`${run.result.summary.length > 0 ? '---\n\n' : ''}${text}`);
  for (const line of [...deferredLines(deferred, budget), ...backingOffLines(backingOff)]) run.info(line);
  if (deferred.length > 0)
    run.annotate({
      level: 'warning',
      message: plainLine(
        `pilot-readiness: ${deferred.map((d) => `#${d.number}`).join(', ')} not judged in this sweep: its request budget (sweep-budget: ${budget.limit}) was spent after ${budget.sent} requests; the next sweep takes them first, and their earlier statuses stand until then`,
      ),
    });
  if (backingOff.length > 0)
    run.fail(
      plainLine(
        `pilot-readiness: ${backingOff.map((b) => `#${b.number}`).join(', ')} could not be verified at the last try and keep their error status; the sweep tries again after a back-off, or at once on a push or a review (see the job summary)`,
      ),
    );
}
