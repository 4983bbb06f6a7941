// What the deployment mode and the attestations read from the runner: the commit a deploy job ships,
// the attestation bundle given, and the merged pull request a `closed` event names. The decisions
// are the flow's (src/flow/deployment-job.ts, src/flow/attest.ts).
import { readFileSync } from 'node:fs';
import { InputError, messageOf } from '../core/errors.js';
import type { MergedPullRequest } from '../flow/attest.js';
import type { RunnerContext } from './event.js';

/** The commit a deploy job ships: the input, else the deployment's, else the triggering run's head, else GITHUB_SHA. */
export function deploymentSha(given: string, ctx: RunnerContext, githubSha: string | undefined): string {
  if (given) return given;
  const payload = ctx.payload as { deployment?: { sha?: unknown }; workflow_run?: { head_sha?: unknown } };
  const fromEvent =
    ctx.eventName === 'deployment' || ctx.eventName === 'deployment_status' || ctx.eventName === 'deployment_protection_rule'
      ? payload.deployment?.sha
      : ctx.eventName === 'workflow_run'
        ? payload.workflow_run?.head_sha
        : undefined;
  if (typeof fromEvent === 'string' && fromEvent) return fromEvent;
  if (githubSha) return githubSha;
  throw new InputError(
    "mode: deployment needs the commit being deployed: pass the input sha (the workflow's github.sha, or the deployment's sha)",
  );
}

export function readBundle(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`input attestation: cannot read ${path} as JSON (${messageOf(error)})`);
  }
}

/** A pull_request `closed` event of a merged pull request: its number, head and merge commit; null otherwise. */
export function mergedPullRequest(ctx: RunnerContext): MergedPullRequest | null {
  if (ctx.eventName !== 'pull_request' && ctx.eventName !== 'pull_request_target') return null;
  const pr = ctx.payload.pull_request as
    | { number?: unknown; merged?: unknown; merge_commit_sha?: unknown; head?: { sha?: unknown } }
    | undefined;
  if (ctx.payload.action !== 'closed' || pr?.merged !== true) return null;
  if (typeof pr.merge_commit_sha !== 'string' || typeof pr.head?.sha !== 'string' || typeof pr.number !== 'number') return null;
  return { number: pr.number, headSha: pr.head.sha, mergeSha: pr.merge_commit_sha };
}
