// A scheduled (or manual) sweep of every open pull request that costs nothing when nothing is due: one
// query lists them with what their decisions depend on and the gate's own status on each head; only
// those whose record is missing, not the gate's own, stale, past its instant or for other inputs are
// gated again (see src/core/sweep.ts for the record and what "inputs" means), a standing success first
// and then the longest waiting, and those whose last try failed only once their back-off is over.
import type { GitHubClient } from '../adapters/github/client.js';
import { readOpenPullRequests, viewerLogin } from '../adapters/github/open-pulls.js';
import { backingOff, dueReason, failedTries, inputsDigest, lastJudged, recordOf, sweepOrder, urgency } from '../core/sweep.js';
import type { Decision } from '../core/types.js';
import type { BackingOffPullRequest } from '../report/sweep.js';
import { settingsKey } from './gate-pull-request.js';
import type { GateSettings, PullRequestRef } from './ports.js';
import { policyPathIn, policySpec } from './trusted-policy.js';

/** A pull request the sweep left alone: its recorded decision stands. */
export interface UnchangedPullRequest {
  number: number;
  decision: Decision;
  /** When time alone next changes it, as recorded; null: never. */
  next: string | null;
}

/** A due pull request, as the sweep gates it: `sweep` carries what a failed try records (markUnverified). */
export type DuePullRequest = PullRequestRef & { why: string; sweep: NonNullable<PullRequestRef['sweep']> };

export interface SweepPlan {
  /** The pull requests to gate again, each with why: a standing success first, then the never judged, then the least recently judged (sweepOrder). */
  due: DuePullRequest[];
  unchanged: UnchangedPullRequest[];
  /** Those whose last try failed (their status is `error`), left alone until their back-off is over. */
  backingOff: BackingOffPullRequest[];
}

const DECISION: Record<string, Decision> = { success: 'ready', pending: 'pending', failure: 'blocked' };

/** Which open pull requests are due: one query per 100 open pull requests, and one for the token's login. */
export async function planSweep(
  gh: GitHubClient,
  ctx: { owner: string; repo: string; now: Date },
  inputs: GateSettings,
): Promise<SweepPlan> {
  // The policy's blobs where the gate reads it, as the gate records them (see SweepInputs.policy).
  const policyPath = policyPathIn(policySpec(inputs.policy), ctx);
  const [open, viewer] = await Promise.all([
    readOpenPullRequests(gh, { owner: ctx.owner, repo: ctx.repo, statusContext: inputs.statusContext, policyPath }),
    viewerLogin(gh),
  ]);
  const settings = settingsKey(inputs);
  const plan: SweepPlan = { due: [], unchanged: [], backingOff: [] };
  const due: Array<DuePullRequest & { urgency: number; judged: number | null }> = [];
  for (const pr of open) {
    const inputsNow = inputsDigest({
      settings,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      policy: pr.policyBlobs,
      draft: pr.draft,
      freshness: pr.freshness,
    });
    const expected = { inputs: inputsNow, viewer, now: ctx.now };
    const backoff = backingOff(pr.status, expected);
    if (backoff) {
      plan.backingOff.push({ number: pr.number, retry: backoff.retry, attempt: backoff.attempt, reason: pr.status?.description ?? '' });
      continue;
    }
    const why = dueReason(pr.status, expected);
    const decision = pr.status ? DECISION[pr.status.state] : undefined;
    if (why === null && pr.status && decision) {
      plan.unchanged.push({ number: pr.number, decision, next: recordOf(pr.status.targetUrl)?.next ?? null });
      continue;
    }
    due.push({
      number: pr.number,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      baseRef: pr.baseRef,
      fork: pr.fork,
      why: why ?? 'its status is not a decision',
      sweep: { inputs: inputsNow, failedTries: failedTries(pr.status, viewer) },
      urgency: urgency(pr.status, ctx.now),
      judged: lastJudged(pr.status, viewer),
    });
  }
  plan.due = sweepOrder(due).map(({ urgency: _, judged: __, ...ref }) => ref);
  return plan;
}
