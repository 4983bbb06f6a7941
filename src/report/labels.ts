// Words and symbols for statuses, shared by every report format.
import type { CriterionStatus, Decision, OwnerStatus, RoleStatus, WaiverStatus } from '../core/types.js';
import { formatSpan } from '../core/duration.js';
import { silenceAt } from '../core/signoff/reminder.js';
import { formatInstant as coreFormatInstant } from '../core/instant.js';
import type { CriterionResult, GovernanceChange, Report, RoleResult } from '../core/types.js';
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
    text += ` · ${formatSpan(role.time_left_ms)} left (until ${formatInstant(silenceAt(role)!)})`;
  }
  if (role.status === 'objected' && !role.blocking) text += ' · not blocking';
  return text;
}

/** Every instant a report shows, through the core's one formatter ("Fri 27 Nov 2026 14:10 UTC"). */
/**
 * The criteria whose dated evidence goes stale first, and the last instant it passes (their
 * valid_until); null when no met criterion's evidence ages. What a ready pilot must renew, and when.
 */
export function firstRenewal(report: Pick<Report, 'criteria'>): { ids: string[]; at: string } | null {
  let first: number | null = null;
  let ids: string[] = [];
  for (const c of report.criteria) {
    const at = c.valid_until ? Date.parse(c.valid_until) : Number.NaN;
    if (!Number.isFinite(at)) continue;
    if (first === null || at < first) {
      first = at;
      ids = [c.id];
    } else if (at === first) ids.push(c.id);
  }
  return first === null ? null : { ids, at: new Date(first).toISOString() };
}

export function formatInstant(iso: unknown): string {
  // A replayed or hand-written report may hold anything here.
  return coreFormatInstant(toText(iso));
}

/** Who a governance change needs, each with whether they have approved: plain words (escape them for Markdown). */
export function governanceNeeds(change: GovernanceChange): string {
  if (change.needs.length === 0) return 'needs no further approval';
  return change.needs
    .map((need) => {
      const who =
        need.as === 'base_owner'
          ? `${need.who} (owner on the base branch)`
          : need.as === 'owner'
            ? `${need.who} (new owner)`
            : `role ${need.who}`;
      return `${who}: ${need.status === 'approved' ? 'approved' : 'awaiting approval'}`;
    })
    .join('; ');
}

/** The required criteria of a report (or of a part of it), counted one way everywhere. */
export interface Tally {
  required: number;
  /** Met with evidence (not counting not_applicable). */
  met: number;
  /** Justified as not applicable where the policy allows it. */
  not_applicable: number;
  waived: number;
  /** Missing or failed. */
  open: number;
  /** Awaiting a role's sign-off. */
  pending: number;
}

export function tally(report: Report, which: (criterion: CriterionResult) => boolean = () => true): Tally {
  const t: Tally = { required: 0, met: 0, not_applicable: 0, waived: 0, open: 0, pending: 0 };
  for (const c of report.criteria) {
    if (!c.required || !which(c)) continue;
    t.required++;
    if (c.status === 'met') t.met++;
    else if (c.status === 'not_applicable') t.not_applicable++;
    else if (c.status === 'waived') t.waived++;
    else if (c.status === 'awaiting_signoff') t.pending++;
    else t.open++;
  }
  return t;
}

/**
 * The one count story every format tells: "29 met + 1 not applicable of 30 required", then what is
 * not met ("; 2 missing or failed") and what awaits a sign-off. The parts always add up to required.
 */
export function countStory(t: Tally): string {
  if (t.required === 0) return 'none required';
  const parts = [
    `${t.met} met`,
    ...(t.not_applicable > 0 ? [`${t.not_applicable} not applicable`] : []),
    ...(t.waived > 0 ? [`${t.waived} waived`] : []),
  ];
  const rest = [...(t.open > 0 ? [`${t.open} missing or failed`] : []), ...(t.pending > 0 ? [`${t.pending} awaiting sign-off`] : [])];
  return `${parts.join(' + ')} of ${t.required} required${rest.length > 0 ? `; ${rest.join(', ')}` : ''}`;
}

export function headline(report: Report): string {
  const retiring = report.governance_changes?.find((change) => change.kind === 'retired');
  if (retiring)
    return `${retiring.summary}; ${retiring.approved ? 'approved by the owner on the base branch' : `waiting on ${retiring.needs.map((n) => n.who).join(', ')} (owner on the base branch)`}`;
  const score = countStory(tally(report));
  if (report.decision === 'ready') return `${score}; every role consulted; the accountable owner approved`;
  if (report.decision === 'blocked') return `${score}; blocked by ${report.blocking.join(', ') || 'invalid input'}`;
  return `${score}; waiting on ${report.waiting_on.join(', ') || 'sign-offs'}`;
}

export const WAIVER_WORD: Record<WaiverStatus, string> = {
  in_force: 'in force',
  awaiting_approval: 'awaiting approval',
  expired: 'expired',
  not_needed: 'not needed',
  invalid: 'invalid',
};
