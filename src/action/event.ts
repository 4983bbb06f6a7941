// What the runner says about this job: the repository, the event and its payload, the run's link and
// the clock, read from the environment once, and the pull requests the event asks the gate to judge.
import { readFileSync } from 'node:fs';
import { InputError, messageOf } from '../core/errors.js';
import type { PullRequestRef } from '../flow/ports.js';

export interface RunnerContext {
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
}

export function readRunnerContext(env: Record<string, string | undefined>, cwd: string): RunnerContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo)
    throw new InputError('GITHUB_REPOSITORY is not set to owner/repo: run pilot-readiness as a step of a GitHub Actions workflow');
  let payload: Record<string, unknown> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`cannot read the event payload at GITHUB_EVENT_PATH (${messageOf(error)})`);
    }
  }
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = env.GITHUB_RUN_ID;
  return {
    eventName,
    payload,
    owner,
    repo,
    apiUrl: env.GITHUB_API_URL,
    serverUrl,
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : null,
    tempDir: env.RUNNER_TEMP ?? cwd,
    now: new Date(),
    workflowRef: env.GITHUB_WORKFLOW_REF || null,
  };
}

const PR_ACTIONS = new Set([
  'opened',
  'synchronize',
  'reopened',
  'ready_for_review',
  'edited',
  'converted_to_draft',
  'review_requested',
  'review_request_removed',
]);
const REVIEW_ACTIONS = new Set(['submitted', 'edited', 'dismissed']);

/**
 * A merge_group run whose pull request cannot be told from the payload: the queue's commit (when the
 * payload names one) gets a failure, never a success, since nothing about it can be verified.
 */
export interface UnidentifiedGroup {
  sha: string | null;
  reason: string;
}

const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const BRANCH_REF = /^refs\/heads\/(.+)$/;

/**
 * The pull request a merge queue's group was made for. GitHub names the group's branch
 * gh-readonly-queue/<base branch>/pr-<number>-<sha>: the number is the one place the payload names
 * the pull request. Anything else (another shape, another base branch) is refused, never guessed.
 */
export function mergeGroupTarget(payload: Record<string, unknown>): PullRequestRef | UnidentifiedGroup | string {
  const action = String(payload.action ?? '');
  if (action && action !== 'checks_requested') return `nothing to evaluate for merge_group.${action}`;
  const group = (payload.merge_group ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof group[key] === 'string' ? (group[key] as string) : '');
  const headSha = text('head_sha').toLowerCase();
  const baseSha = text('base_sha').toLowerCase();
  if (!COMMIT_SHA.test(headSha)) return { sha: null, reason: 'the merge_group payload names no head_sha, so there is no commit to judge' };
  const baseRef = BRANCH_REF.exec(text('base_ref'))?.[1];
  const prefix = `refs/heads/gh-readonly-queue/${baseRef}/pr-`;
  const number =
    baseRef && text('head_ref').startsWith(prefix)
      ? /^([1-9][0-9]{0,9})-[0-9a-f]{40,64}$/.exec(text('head_ref').slice(prefix.length))?.[1]
      : undefined;
  if (!baseRef || number === undefined) {
    return {
      sha: headSha,
      reason: `the merge queue's head_ref ${JSON.stringify(text('head_ref'))} is not gh-readonly-queue/<base branch>/pr-<number>-<sha> for base_ref ${JSON.stringify(text('base_ref'))}, so the pull request it holds cannot be known`,
    };
  }
  if (!COMMIT_SHA.test(baseSha))
    return { sha: headSha, reason: 'the merge_group payload names no base_sha, so the trusted policy cannot be read' };
  return { number: Number(number), headSha, baseSha, baseRef, fork: false, queued: true };
}

/**
 * The pull requests this run evaluates: the event's one, or the one a merge queue's group holds; a
 * string says why none, an UnidentifiedGroup why a group cannot be judged. A sweep (schedule,
 * workflow_dispatch) picks its pull requests with planSweep (src/flow/sweep.ts) instead.
 */
export function pullRequestsFor(ctx: RunnerContext): PullRequestRef[] | string | UnidentifiedGroup {
  if (ctx.eventName === 'merge_group') {
    const target = mergeGroupTarget(ctx.payload);
    return typeof target === 'string' || 'reason' in target ? target : [target];
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
