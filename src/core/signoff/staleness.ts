// When a push invalidates an approval: invalidate_on_push any | governed | never.
import { Minimatch } from 'minimatch';
import type { Policy, PrFacts } from '../types.js';
import { shortSha } from './identity.js';
import type { Review, StaleCheck } from './reviews.js';

/** The owner's approval is the deployment decision: it counts only for the head commit, whatever the policy says. */
export function headOnly(facts: PrFacts): StaleCheck {
  return (review) => (sameSha(review.commit, facts.head_sha) ? null : staleText(review, facts));
}

/** The policy's rule for reviewer approvals. */
export function approvalStaleness(policy: Policy, facts: PrFacts): StaleCheck {
  const mode = policy.invalidate_on_push ?? 'any';
  if (mode === 'never') return () => null;
  if (mode === 'any') return headOnly(facts);

  const globs = (policy.governed_paths ?? []).map((glob) => new Minimatch(glob, { dot: true }));
  const governed = (file: string): boolean => globs.some((glob) => glob.match(file));
  const headIndex = facts.commits.findIndex((commit) => sameSha(commit.sha, facts.head_sha));

  return (review: Review) => {
    if (sameSha(review.commit, facts.head_sha)) return null;
    const index = facts.commits.findIndex((commit) => sameSha(commit.sha, review.commit));
    if (index < 0) return `${staleText(review, facts)} (${shortSha(review.commit)} is no longer a commit of this pull request)`;
    // Facts that do not place the head after the reviewed commit cannot show what changed: fail closed.
    if (headIndex <= index) return staleText(review, facts);
    const later = facts.commits.slice(index + 1, headIndex + 1);
    for (const commit of later) {
      if (commit.files === undefined) {
        return `${staleText(review, facts)} (the files changed by ${shortSha(commit.sha)} are unknown, so it counts as governed)`;
      }
      const file = commit.files.find(governed);
      if (file !== undefined) return `${staleText(review, facts)} (${shortSha(commit.sha)} changed governed file ${file})`;
    }
    return null;
  };
}

function staleText(review: Review, facts: PrFacts): string {
  return `stale: approved ${shortSha(review.commit)}, head is ${shortSha(facts.head_sha)}`;
}

function sameSha(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
