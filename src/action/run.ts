// Composition root of the Action: inputs → GitHub adapters → core → reporters → exit status.
// Every failure to verify something fails the run (fail closed) with a message saying how to fix it.
import * as core from '@actions/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, formatFinding } from '../core/errors.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { annotate } from './annotations.js';
import { clientTuning, createGitHubClient, type GitHubClient } from '../adapters/github/client.js';
import { GitHubAccessError, GitHubApiError } from '../adapters/github/errors.js';
import { listOpenPullRequests } from '../adapters/github/pulls.js';
import { personalTokenLogin } from '../adapters/github/identity.js';
import { evaluatePullRequest, markUnverified, type PullRequestRef, type PullRequestOutcome, type TreeCache } from '../flow/gate-pull-request.js';
import type { Decision, Report } from '../core/types.js';
import { renderFailureMarkdown, renderMarkdown } from '../report/markdown.js';
import { plainLine } from '../report/plain.js';
import { escapeMarkdown } from '../report/escape.js';
import { buildPortfolio, renderPortfolioMarkdown, worstDecision } from '../core/portfolio.js';
import { worstOf } from '../core/decide.js';
import { runPortfolio } from '../flow/portfolio/run.js';

export interface ActionContext {
  /** The login whose comments are ours when it is a person's token; asked of GitHub at most once a run. */
  commentAuthor: () => Promise<string | undefined>;
  eventName: string;
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  apiUrl: string | undefined;
  serverUrl: string;
  runUrl: string | null;
  tempDir: string;
  now: Date;
  /** GITHUB_WORKFLOW_REF: owner/repo/path@ref of the workflow file that runs this job (null when unset). */
  workflowRef: string | null;
  /** Trees read in this run, shared by the pull requests of a sweep (they mostly share a base). */
  trees: TreeCache;
  /** The client for org/team members when members-token is given (least privilege). */
  members?: GitHubClient;
}

/** The runner's log for every line that may quote an API answer or the pull request: control characters and `::` defused. */
const RUNNER_LOG = { info: (m: string) => core.info(plainLine(m)), warning: (m: string) => core.warning(plainLine(m)), debug: (m: string) => core.debug(plainLine(m)) };

function readContext(): Omit<ActionContext, 'commentAuthor' | 'trees'> {
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  const repository = process.env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw new InputError('GITHUB_REPOSITORY is not set to owner/repo: run pilot-readiness as a step of a GitHub Actions workflow');
  let payload: Record<string, unknown> = {};
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`cannot read the event payload at GITHUB_EVENT_PATH (${(error as Error).message})`);
    }
  }
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = process.env.GITHUB_RUN_ID;
  return {
    eventName,
    payload,
    owner,
    repo,
    apiUrl: process.env.GITHUB_API_URL,
    serverUrl,
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : null,
    tempDir: process.env.RUNNER_TEMP ?? process.cwd(),
    now: new Date(),
    workflowRef: process.env.GITHUB_WORKFLOW_REF || null,
  };
}

const PR_ACTIONS = new Set(['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited', 'converted_to_draft', 'review_requested', 'review_request_removed']);
const REVIEW_ACTIONS = new Set(['submitted', 'edited', 'dismissed']);

/** The pull requests this run evaluates: the event's one, or every open one for a sweep. */
async function pullRequestsFor(gh: GitHubClient, ctx: ActionContext): Promise<PullRequestRef[] | string> {
  if (ctx.eventName === 'schedule' || ctx.eventName === 'workflow_dispatch') {
    return listOpenPullRequests(gh, { owner: ctx.owner, repo: ctx.repo });
  }
  const action = String(ctx.payload.action ?? '');
  const pr = ctx.payload.pull_request as Record<string, unknown> | undefined;
  if (!pr) return `the ${ctx.eventName} event has no pull_request in its payload`;
  const isReview = ctx.eventName === 'pull_request_review';
  if (action && !(isReview ? REVIEW_ACTIONS : PR_ACTIONS).has(action)) return `nothing to evaluate for ${ctx.eventName}.${action}`;
  if (pr.state === 'closed') return 'the pull request is closed';
  const head = pr.head as { sha: string; ref?: string; repo?: { full_name?: string } | null };
  const base = pr.base as { sha: string; ref: string; repo?: { full_name?: string } };
  return [
    {
      number: Number(pr.number),
      headSha: head.sha,
      baseSha: base.sha,
      baseRef: base.ref,
      // A head repository that is gone (null) was a deleted fork; listOpenPullRequests says the same.
      fork: (head.repo?.full_name ?? '').toLowerCase() !== (base.repo?.full_name ?? `${ctx.owner}/${ctx.repo}`).toLowerCase(),
    },
  ];
}

function writeOutputs(outcomes: PullRequestOutcome[], reportPath: string | null): { decision: Decision; reports: Report[] } {
  const reports = outcomes.flatMap((o) => o.reports);
  const decision = worstOf(outcomes.map((o) => o.decision));
  const met = reports.reduce((n, r) => n + r.score.met, 0);
  const required = reports.reduce((n, r) => n + r.score.required, 0);
  const blocking = [...new Set(reports.flatMap((r) => (r.decision === 'blocked' ? r.blocking : r.waiting_on)))];
  core.setOutput('decision', decision);
  core.setOutput('ready', String(decision === 'ready'));
  core.setOutput('score', `${met}/${required}`);
  core.setOutput('blocking', blocking.join(','));
  core.setOutput('report', reportPath ?? '');
  return { decision, reports };
}

function writeReportFile(ctx: ActionContext, reports: Report[]): string | null {
  if (reports.length === 0) return null;
  const path = join(ctx.tempDir, 'pilot-readiness-report.json');
  const body = reports.length === 1 ? reports[0] : { reports };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

/** A failure as the run reports it: error annotations (at their locations), the failure line and the summary text. */
function reportFailure(error: unknown, summary: string[], what: string): string {
  let message: string;
  if (error instanceof InputError) {
    for (const finding of error.findings) {
      core.error(plainLine(finding.message), finding.location ? { file: finding.location.file, startLine: finding.location.line, startColumn: finding.location.column } : {});
    }
    message = error.findings.map(formatFinding).join('; ');
    summary.push(renderFailureMarkdown(what, error.findings));
    core.setFailed(plainLine(`pilot-readiness: ${message}`));
  } else if (error instanceof GitHubAccessError || error instanceof GitHubApiError) {
    message = error.message;
    summary.push(renderFailureMarkdown(what, message));
    core.setFailed(plainLine(`pilot-readiness: ${message}`));
  } else {
    message = error instanceof Error ? error.message : String(error);
    if (error instanceof Error && error.stack) core.debug(error.stack);
    summary.push(renderFailureMarkdown(what, message, { unexpected: true }));
    core.setFailed(plainLine(`pilot-readiness failed unexpectedly: ${message}`));
  }
  return message;
}

/** GitHub refuses a step summary over 1 MiB (a sweep of hundreds of PRs can get there): cut it, and say where the rest is. */
const SUMMARY_LIMIT = 1_000_000;
export function withinSummaryLimit(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= SUMMARY_LIMIT) return text;
  const note = '\n…the summary is cut here (GitHub keeps 1 MiB); every report is in the JSON file named by the `report` output.\n';
  let cut = Buffer.from(text, 'utf8').subarray(0, SUMMARY_LIMIT - Buffer.byteLength(note)).toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  return `${cut.slice(0, cut.lastIndexOf('\n') + 1)}${note}`;
}

function failureLine(report: Report): string {
  const name = report.pilot?.name ?? report.manifest.path;
  if (report.decision === 'blocked') return `${name}: blocked by ${report.blocking.join(', ') || (report.errors.length > 0 ? 'an invalid manifest' : 'the policy')}`;
  return `${name}: waiting on ${report.waiting_on.join(', ') || 'sign-offs'}`;
}

/**
 * Portfolio mode (a scheduled workflow in the organisation's .github repository): reads every pilot
 * of the organisation, writes one summary and one JSON file, sets no status and no comment. It fails
 * the job only when a rate limit stopped it or when nothing could be read, never for a decision.
 */
async function runPortfolioMode(gh: GitHubClient, ctx: Omit<ActionContext, 'commentAuthor' | 'trees'>, inputs: ActionInputs, summary: string[]): Promise<void> {
  const org = inputs.organization || ctx.owner;
  const run = await runPortfolio(gh, {
    org,
    policy: inputs.policy,
    manifest: inputs.manifest,
    now: ctx.now,
    serverUrl: ctx.serverUrl,
    log: RUNNER_LOG,
    ...(inputs.repositories.length > 0 ? { repositories: inputs.repositories } : {}),
    ...(inputs.shard ? { shard: inputs.shard } : {}),
  });
  const portfolio = buildPortfolio(run.inputs, ctx.now, { repositories: run.repositories.total, shard: inputs.shard, incomplete: run.incomplete });
  const path = join(ctx.tempDir, 'pilot-readiness-portfolio.json');
  writeFileSync(path, `${JSON.stringify(portfolio, null, 2)}\n`);
  // The file is written even for a partial run: a merge job can still show what was read.
  core.setOutput('report', path);
  summary.push(renderPortfolioMarkdown(portfolio));
  const unread = run.inputs.filter((i) => i.error).length;
  if (unread > 0) core.warning(`pilot-readiness: ${unread} pilot(s), pull request(s) or repositories of ${org} could not be read; each counts as blocked (see the job summary)`);
  const shard = inputs.shard ? ` (shard ${inputs.shard.index}/${inputs.shard.count})` : '';
  if (run.incomplete) {
    core.setFailed(`pilot-readiness: the portfolio of ${org}${shard} is incomplete: ${run.incomplete}`);
  } else if (run.repositories.listed === 0 || (run.repositories.total > 0 && run.repositories.failed === run.repositories.total)) {
    core.setFailed(
      `pilot-readiness: no repository of ${org}${shard} could be read. GITHUB_TOKEN may see only the repository running the workflow: pass a GitHub App installation token for the organisation (Contents and Pull requests: read) as github-token`,
    );
  } else {
    const pilots = portfolio.pilots;
    core.setOutput('decision', worstDecision(portfolio));
    core.setOutput('score', `${pilots.reduce((n, p) => n + p.score.met, 0)}/${pilots.reduce((n, p) => n + p.score.required, 0)}`);
  }
}

export async function run(): Promise<void> {
  const summary: string[] = [];
  try {
    const inputs: ActionInputs = readInputs();
    const base = readContext();
    const gh = createGitHubClient(inputs.token, { baseUrl: base.apiUrl, log: RUNNER_LOG, ...clientTuning(process.env) });
    if (inputs.mode === 'portfolio') return await runPortfolioMode(gh, base, inputs, summary);
    let author: Promise<string | undefined> | null = null;
    const members = inputs.membersToken
      ? createGitHubClient(inputs.membersToken, { baseUrl: base.apiUrl, log: RUNNER_LOG, ...clientTuning(process.env) })
      : undefined;
    const ctx: ActionContext = { ...base, trees: new Map(), commentAuthor: () => (author ??= personalTokenLogin(gh)), ...(members ? { members } : {}) };
    const targets = await pullRequestsFor(gh, ctx);
    if (typeof targets === 'string') {
      core.notice(`pilot-readiness: ${targets}; nothing to do.`);
      return;
    }
    const outcomes: PullRequestOutcome[] = [];
    const failures: Array<{ pr: PullRequestRef; error: unknown; warning: string | null }> = [];
    for (const pr of targets) {
      // One pull request that cannot be verified neither stops a sweep of the others nor keeps its
      // earlier status: it gets an error status, and the run fails at the end.
      try {
        const outcome = await evaluatePullRequest(gh, ctx, inputs, pr);
        if (outcome) outcomes.push(outcome);
      } catch (error) {
        const reason = error instanceof InputError ? error.findings.map(formatFinding).join('; ') : error instanceof Error ? error.message : String(error);
        failures.push({ pr, error, warning: await markUnverified(gh, ctx, inputs, pr, reason) });
      }
    }
    const reports = outcomes.flatMap((o) => o.reports);
    const reportPath = writeReportFile(ctx, reports);
    // Outputs describe a complete run only: a consumer must not read `ready` off a partial one.
    const decision = failures.length === 0 ? writeOutputs(outcomes, reportPath).decision : null;
    annotate(reports);
    for (const outcome of outcomes) {
      for (const warning of outcome.warnings) core.warning(plainLine(warning));
      for (const error of outcome.errors) core.error(plainLine(error.message), error.location ? { title: 'Policy change', file: error.location.file, startLine: error.location.line, startColumn: error.location.column } : { title: 'Policy change' });
      if (outcome.reports.length > 0) summary.push(outcome.reports.map((r) => renderMarkdown(r, { level: 3 })).join('\n'));
      // A policy change's review is Markdown; a PR that touches no pilot gets one line.
      if (outcome.note) summary.push(outcome.note.startsWith('\n') || outcome.note.startsWith('#') ? outcome.note : `#### PR #${outcome.number}: ${escapeMarkdown(outcome.note)}\n`);
    }
    if (outcomes.length === 0 && failures.length === 0) summary.push('No open pull request touches a pilot manifest.\n');
    for (const { pr, error, warning } of failures) {
      if (warning) core.warning(plainLine(warning));
      reportFailure(error, summary, targets.length > 1 ? `PR #${pr.number}` : 'Pilot readiness');
    }
    // Fail closed in every mode: a status that could not be written leaves an earlier one standing.
    const unwritten = outcomes.filter((o) => o.statusNotWritten);
    for (const outcome of unwritten) {
      core.error(plainLine(outcome.statusNotWritten!), { title: 'Commit status not written' });
      summary.push(`### ⛔ PR #${outcome.number}: the commit status was not written\n\n${escapeMarkdown(outcome.statusNotWritten!)}\n`);
    }
    const untrusted = outcomes.filter((o) => o.untrusted);
    for (const outcome of untrusted) core.error(plainLine(outcome.untrusted!), { title: 'The gate cannot vouch for this pull request' });
    const policyErrors = outcomes.flatMap((o) => o.errors);
    if (untrusted.length > 0) {
      core.setFailed(plainLine(`pilot-readiness: ${untrusted.map((o) => `#${o.number}`).join(', ')} changes the gate's own workflow file; see the annotations`));
    } else if (unwritten.length > 0) {
      core.setFailed(`pilot-readiness: the commit status of ${unwritten.map((o) => `#${o.number}`).join(', ')} could not be written; an earlier status may still stand (see the annotations)`);
    } else if (policyErrors.length > 0) core.setFailed(`pilot-readiness: the proposed policy is invalid (${policyErrors.length} problem(s)); see the annotations`);
    else if (inputs.mode === 'gate' && decision !== null && decision !== 'ready') {
      // A pilot's report, or a policy change that loosens without a policy owner's approval.
      const lines = [...reports.filter((r) => r.decision !== 'ready').map(failureLine), ...outcomes.filter((o) => o.reports.length === 0 && o.decision !== 'ready').map((o) => `#${o.number}: the policy change needs a policy owner's approval`)];
      core.setFailed(plainLine(`pilot-readiness: ${decision}. ${lines.join('; ')}`));
    }
  } catch (error) {
    // Fail closed: whatever could not be verified fails the step, with advice rather than a stack trace.
    reportFailure(error, summary, 'Pilot readiness');
  } finally {
    // setFailed only sets the exit code: the summary is written whatever happened.
    if (summary.length > 0 && process.env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.addRaw(withinSummaryLimit(summary.join('\n'))).write();
      } catch (error) {
        core.warning(`could not write the job summary: ${(error as Error).message}`);
      }
    }
  }
}
