// What the runner says about this job: the repository, the event and its payload, the run's link and
// the clock, read from the environment once, and the pull requests the event asks the gate to judge.
import { readFileSync } from 'node:fs';
import type { GitHubClient } from '../adapters/github/client.js';
import { listOpenPullRequests } from '../adapters/github/pulls.js';
import { InputError } from '../core/errors.js';
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
      throw new InputError(`cannot read the event payload at GITHUB_EVENT_PATH (${(error as Error).message})`);
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

/** The pull requests this run evaluates: the event's one, or every open one for a sweep; a string says why none. */
export async function pullRequestsFor(gh: GitHubClient, ctx: RunnerContext): Promise<PullRequestRef[] | string> {
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
