// The deploy-time verdict and its pure rules: which pull request a commit's list may vouch for it,
// the sign-offs as they stood at the merge, and how a report that is not ready reads.
import type { PrFacts, Report } from './types.js';

export interface DeploymentVerdict {
  sha: string;
  /** ready only when a merged pull request produced the commit and its pilots were ready at merge and still are. */
  decision: 'ready' | 'blocked';
  pullRequest: { number: number; mergedAt: string; headSha: string; baseSha: string } | null;
  /** Why the commit may not be deployed, one sentence each; [] when ready. */
  reasons: string[];
  /** What the gate set aside or noticed (claims it refused, warnings of the read). */
  notes: string[];
  /** Each gated pilot judged at the merge instant, then at the deployment instant. */
  atMerge: Report[];
  atDeploy: Report[];
  /** The attestation's check, when one was given. */
  attestation: { verified: boolean; problems: string[] } | null;
}

/** A pull request as GitHub lists it for a commit (associatedPullRequests): a claim, checked by refusal(), not a fact. */
export interface ListedPullRequest {
  number: number;
  baseRepository: string | null;
  merged: boolean;
  mergedAt: string | null;
  mergeCommit: string | null;
}

/** Why a pull request GitHub lists for the commit does not vouch for it; null when it claims to have merged as it. */
export function refusal(pr: ListedPullRequest, repository: string, sha: string): string | null {
  if ((pr.baseRepository ?? '').toLowerCase() !== repository.toLowerCase())
    return `#${pr.number} of ${pr.baseRepository ?? 'an unknown repository'} is not a pull request of ${repository}`;
  if (!pr.merged || !pr.mergedAt) return `#${pr.number} holds this commit but is not merged`;
  if (pr.mergeCommit !== sha)
    return `#${pr.number} contains this commit but merged as ${pr.mergeCommit?.slice(0, 12) ?? 'no commit'}: deploy its merge commit`;
  return null;
}

/** How a verdict names a pilot: its name, or its manifest's path when the manifest has none. */
export function nameOf(report: Report): string {
  return report.pilot?.name ?? report.manifest.path;
}

/** What holds a report back: the criteria and roles that block it, or those it waits on. */
export function holdingBack(report: Pick<Report, 'decision' | 'blocking' | 'waiting_on'>): string[] {
  return report.decision === 'blocked' ? report.blocking : report.waiting_on;
}

export function notReady(report: Report): string {
  const what = holdingBack(report);
  return `${report.decision}${what.length > 0 ? ` (${what.join(', ')})` : report.errors.length > 0 ? ' (an invalid manifest)' : ''}`;
}

/**
 * The facts as they stood at the merge: reviews, review requests and reminders after it count for
 * nothing. A reminder posted after the merge cannot make the silence before it count (consent comes at
 * the later of the deadline and the reminder plus its notice, and the merge is already past).
 */
export function factsAtMerge(facts: PrFacts, mergedAt: string): PrFacts {
  const until = Date.parse(mergedAt);
  return {
    ...facts,
    reviews: facts.reviews.filter((r) => Date.parse(r.at) <= until),
    review_requests: facts.review_requests.filter((r) => Date.parse(r.at) <= until),
    ...(facts.reminders ? { reminders: facts.reminders.filter((r) => Date.parse(r.at) <= until) } : {}),
  };
}

/**
 * The roles of a report judged at the merge that were pending for want of a reminder: their window had
 * closed by `mergedAt`, and their silence counts only after the gate's reminder, of which none counted.
 */
export function awaitingReminder(report: Report, mergedAt: string): string[] {
  const until = Date.parse(mergedAt);
  return report.roles
    .filter(
      (r) =>
        r.status === 'pending' && r.reminder?.required === true && r.reminder.sent_at === null && Date.parse(r.reminder.deadline) <= until,
    )
    .map((r) => r.role);
}
