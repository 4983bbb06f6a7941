// The review of a pull request that changes the trusted policy file itself, as data: invalid (and
// why, at the lines of the proposed version), or what it tightens and loosens against the base
// branch, and who may approve a loosening. What it lets through is decided here; report/policy-review.ts renders it.
import type { Comparison } from './layering/index.js';
import type { Decision, Finding } from './types.js';

/** What a pull request that changes the trusted policy file does to it: invalid, or what it tightens and loosens. */
export type PolicyReview =
  | { path: string; valid: false; errors: Finding[] }
  | {
      path: string;
      valid: true;
      deleted: boolean;
      comparison: Comparison;
      /**
       * For a change that loosens: who may approve it (the base policy's policy_owners; empty when it
       * names none, and then the change cannot pass) and who has.
       */
      approval?: { owners: string[]; approvedBy: string | null };
    };

/**
 * What a policy change alone lets through: an invalid one nothing; one that loosens, only with the
 * approval of an owner of the base policy (policy_owners), and nothing when it names none.
 */
export function policyVerdict(review: PolicyReview): Decision {
  if (!review.valid) return 'blocked';
  if (review.comparison.loosenings.length === 0) return 'ready';
  const approval = review.approval;
  if (!approval || approval.owners.length === 0) return 'blocked';
  return approval.approvedBy !== null ? 'ready' : 'pending';
}

/** The status of the policy's own pull request when it touches no pilot: the verdict and its one-line description. */
export function policyChangeStatus(review: PolicyReview): { decision: Decision; description: string } {
  const counts = review.valid
    ? `tightens ${review.comparison.tightenings.length}, loosens ${review.comparison.loosenings.length}`
    : `${review.errors.length} problem(s)`;
  const decision = policyVerdict(review);
  const awaiting =
    decision === 'pending' ? ' · awaiting a policy owner' : decision === 'blocked' && review.valid ? ' · no policy owner may approve' : '';
  return { decision, description: `policy change ${review.valid ? 'valid' : 'invalid'}: ${counts}${awaiting}` };
}
