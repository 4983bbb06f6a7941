// Words and symbols for statuses, shared by every report format.
import type { CriterionStatus, Decision, OwnerStatus, RoleStatus, WaiverStatus } from '../core/types.js';
import { formatSpan } from '../core/duration.js';
import { silenceAt } from '../core/signoff/reminder.js';
import { formatInstant as coreFormatInstant } from '../core/instant.js';
import type { Headline, Tally } from '../core/story.js';
import type { GovernanceChange, RoleResult } from '../core/types.js';
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

/** The verdict in one line: the count story, then what it waits for or what blocks it. */
export function headline(h: Headline): string {
  const retiring = h.retirement;
  if (retiring)
    return `${retiring.summary}; ${retiring.approved ? 'approved by the owner on the base branch' : `waiting on ${retiring.needs.join(', ')} (owner on the base branch)`}`;
  const score = countStory(h.tally);
  if (h.decision === 'ready') return `${score}; every role consulted; the accountable owner approved`;
  if (h.decision === 'blocked') return `${score}; blocked by ${h.blocked_by.join(', ') || 'invalid input'}`;
  return `${score}; waiting on ${h.waiting_on.join(', ') || 'sign-offs'}`;
}

export const WAIVER_WORD: Record<WaiverStatus, string> = {
  in_force: 'in force',
  awaiting_approval: 'awaiting approval',
  expired: 'expired',
  not_needed: 'not needed',
  invalid: 'invalid',
};
