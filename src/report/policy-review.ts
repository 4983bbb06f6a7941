// The review of a pull request that changes the trusted policy file itself (core/policy-review.ts),
// as Markdown: invalid (and why, at the lines of the proposed version), or what it tightens and
// loosens against the base branch. Shown in the sticky comment and the job summary. The proposed
// policy is the pull request's text: its messages quote its values, and its locations name its file,
// so every one is escaped.
import type { PolicyReview } from '../core/policy-review.js';
import type { Finding } from '../core/types.js';
import { codeSpan, escapeMessage, markdownWhere } from './escape.js';

/** One finding as a list item: its message, then `file:line:column` in the pull request's version. */
function item(finding: Finding): string {
  return `- ${escapeMessage(finding.message, { table: false })}${markdownWhere(finding.location, { table: false })}`;
}

export function renderPolicyReview(review: PolicyReview): string {
  const out = [`## ${review.valid ? '📝' : '🔴'} Policy change: ${codeSpan(review.path, { table: false })}`, ''];
  if (!review.valid) {
    out.push('The proposed policy is **invalid**; pilots are still judged by the base branch version. Fix:', '');
    for (const error of review.errors) out.push(item(error));
  } else {
    const { tightenings, loosenings } = review.comparison;
    out.push(
      tightenings.length + loosenings.length === 0
        ? 'The proposed policy is valid and changes no rule (wording or order only).'
        : `The proposed policy is valid. Against the base branch it **tightens ${tightenings.length}** and **loosens ${loosenings.length}** setting${tightenings.length + loosenings.length === 1 ? '' : 's'}; pilots are judged by the new rules once it is merged.`,
    );
    if (loosenings.length > 0) {
      const approval = review.approval;
      const verdict =
        approval === undefined || approval.owners.length === 0
          ? '**This change loosens the policy and cannot pass here:** the base policy names no `policy_owners` who could approve a loosening.'
          : approval.approvedBy !== null
            ? `Approved by ${codeSpan(approval.approvedBy, { table: false })}, an owner of the policy (\`policy_owners\`).`
            : `**A loosening needs the approval of an owner of the policy** (\`policy_owners\`: ${approval.owners.map((o) => codeSpan(o, { table: false })).join(', ')}) of the head commit.`;
      out.push('', verdict, '', '**Loosens** (review these with care):', '', ...loosenings.map(item));
    }
    if (tightenings.length > 0) out.push('', '**Tightens:**', '', ...tightenings.map(item));
  }
  return `${out.join('\n')}\n`;
}
