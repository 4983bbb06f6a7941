// Words and symbols for statuses, shared by every report format.
import type { CriterionStatus, Decision, OwnerStatus, RoleStatus, WaiverStatus } from '../core/types.js';
import { formatSpan } from '../core/duration.js';
import type { GovernanceChange, Report, RoleResult } from '../core/types.js';
import { toText } from './plain.js';

export const CRITERION_SYMBOL: Record<CriterionStatus, string> = {
  met: '✓',
  failed: '✗',
  missing: '○',
  not_applicable: '–',
  awaiting_signoff: '⧗',
  not_required: '·',
  waived: '≈',
};

export const CRITERION_WORD: Record<CriterionStatus, string> = {
  met: 'met',
  failed: 'failed',
  missing: 'missing',
  not_applicable: 'not applicable',
  awaiting_signoff: 'awaiting sign-off',
  not_required: 'not required',
  waived: 'waived',
};

export const DECISION_WORD: Record<Decision, string> = { ready: 'READY', pending: 'PENDING', blocked: 'BLOCKED' };

export const ROLE_WORD: Record<RoleStatus, string> = {
  approved: 'approved',
  objected: 'objected',
  consented: 'consented (silence after the window)',
  lapsed: 'lapsed (window closed without review)',
  pending: 'pending',
  not_requested: 'not requested',
};

export const OWNER_WORD: Record<OwnerStatus, string> = { approved: 'approved', awaiting: 'awaiting approval', invalid: 'invalid' };

/** "pending · 9d 4h left (deadline 2026-12-01 10:00 UTC)" and similar. */
export function roleState(role: RoleResult): string {
  let text = ROLE_WORD[role.status];
  if (role.status === 'pending' && role.time_left_ms !== null && role.deadline) {
    text += ` · ${formatSpan(role.time_left_ms)} left (until ${formatInstant(role.deadline)})`;
  }
  if (role.status === 'objected' && !role.blocking) text += ' · not blocking';
  return text;
}

export function formatInstant(iso: string): string {
  const text = toText(iso); // a replayed or hand-written report may hold anything here
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** One line saying where the decision stands. */
/** Who a governance change needs, each with whether they have approved: plain words (escape them for Markdown). */
export function governanceNeeds(change: GovernanceChange): string {
  if (change.needs.length === 0) return 'needs no further approval';
  return change.needs
    .map((need) => {
      const who = need.as === 'base_owner' ? `${need.who} (owner on the base branch)` : need.as === 'owner' ? `${need.who} (new owner)` : `role ${need.who}`;
      return `${who}: ${need.status === 'approved' ? 'approved' : 'awaiting approval'}`;
    })
    .join('; ');
}

export function headline(report: Report): string {
  const retiring = report.governance_changes?.find((change) => change.kind === 'retired');
  if (retiring) return `${retiring.summary}; ${retiring.approved ? 'approved by the owner on the base branch' : `waiting on ${retiring.needs.map((n) => n.who).join(', ')} (owner on the base branch)`}`;
  const waived = report.score.waived ? `, ${report.score.waived} waived` : '';
  const score = `${report.score.met}/${report.score.required} criteria met${waived}`;
  if (report.decision === 'ready') return `${score}; every role consulted; the accountable owner approved`;
  if (report.decision === 'blocked') return `${score}; blocked by ${report.blocking.join(', ') || 'invalid input'}`;
  return `${score}; waiting on ${report.waiting_on.join(', ') || 'sign-offs'}`;
}

/** `20/23` or, with waivers, `20/23 (+2 waived)`: a gate's count as every format shows it. */
export function gateCount(gate: { met: number; required: number; waived?: number }): string {
  return `${gate.met}/${gate.required}${gate.waived ? ` (+${gate.waived} waived)` : ''}`;
}

export const WAIVER_WORD: Record<WaiverStatus, string> = {
  in_force: 'in force',
  awaiting_approval: 'awaiting approval',
  expired: 'expired',
  not_needed: 'not needed',
  invalid: 'invalid',
}
