// What a sweep left unjudged, for the job summary and the log: the pull requests it deferred because
// its request budget was spent, and those backing off after failed tries, so that nobody takes their
// standing statuses for this run's judgement.
import { escapeMarkdown } from './escape.js';
import { formatInstant } from './labels.js';

export interface DeferredPullRequest {
  number: number;
  /** Why it was due (it still is). */
  why: string;
}

export interface BackingOffPullRequest {
  number: number;
  /** When the sweep tries again. */
  retry: string;
  /** Tries in a row that failed. */
  attempt: number;
  /** Why the last one failed: the description of the gate's own `error` status. */
  reason: string;
}

const failedTries = (n: number) => (n === 1 ? '1 failed try' : `${n} failed tries in a row`);

/** One line per deferred pull request, for the log (plain words: the log sanitises them). */
export function deferredLines(deferred: readonly DeferredPullRequest[], budget: { sent: number; limit: number }): string[] {
  return deferred.map(
    (d) =>
      `#${d.number} deferred to the next sweep, not judged (due: ${d.why}): the request budget of ${budget.limit} was spent after ${budget.sent} requests`,
  );
}

/** One line per pull request backing off, for the log. */
export function backingOffLines(backingOff: readonly BackingOffPullRequest[]): string[] {
  return backingOff.map(
    (b) =>
      `#${b.number} not read (${failedTries(b.attempt)}: ${b.reason}); next try after ${formatInstant(b.retry)}, or at once on a push or a review`,
  );
}

/** The summary's section on both; '' when the sweep left nothing unjudged. */
export function renderSweepWaiting(
  deferred: readonly DeferredPullRequest[],
  backingOff: readonly BackingOffPullRequest[],
  budget: { sent: number; limit: number },
): string {
  const parts: string[] = [];
  if (deferred.length > 0) {
    const list = deferred.map((d) => `- #${d.number}: due because ${escapeMarkdown(d.why)}`).join('\n');
    parts.push(
      `### ⏭️ Deferred to the next sweep, not judged in this run\n\nThe request budget (\`sweep-budget\`: ${budget.limit}) was spent after ${budget.sent} requests. Their earlier statuses stand until the next sweep, which takes them first.\n\n${list}\n`,
    );
  }
  if (backingOff.length > 0) {
    const list = backingOff
      .map(
        (b) =>
          `- #${b.number}: next try after ${escapeMarkdown(formatInstant(b.retry))} (${failedTries(b.attempt)}): ${escapeMarkdown(b.reason)}`,
      )
      .join('\n');
    parts.push(
      `### ⏳ Backing off after failed tries, not read in this run\n\nTheir \`error\` status stands (not mergeable). A push, a review or a change of the gate's settings ends the wait at once.\n\n${list}\n`,
    );
  }
  return parts.join('\n');
}
