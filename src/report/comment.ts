// A pull request's sticky comment: each gated pilot's report, then the review of a change to the
// policy file, one part after another under a rule. The short body (for a comment over GitHub's
// 65,536 characters) tells each report compactly and the policy review in full.
import type { PolicyReview } from '../core/policy-review.js';
import type { Report } from '../core/types.js';
import { renderMarkdown } from './markdown.js';
import { renderPolicyReview } from './policy-review.js';

/** Between two parts of one comment: a thematic break on a line of its own. */
const RULE = '\n---\n\n';

export interface PullRequestComment {
  body: string;
  shortBody: string;
  /** The policy review as the job summary shows it after the reports; null when the pull request leaves the policy alone. */
  policyNote: string | null;
}

export function renderPullRequestComment(
  reports: readonly Report[],
  review: PolicyReview | null,
  options: { serverUrl?: string } = {},
): PullRequestComment {
  const links = options.serverUrl ? { serverUrl: options.serverUrl } : {};
  const policyNote = review ? `${RULE}${renderPolicyReview(review)}` : null;
  const tell = (compact: boolean) =>
    reports.map((r) => renderMarkdown(r, compact ? { ...links, compact } : links)).join(RULE) + (policyNote ?? '');
  return { body: tell(false), shortBody: tell(true), policyNote };
}
