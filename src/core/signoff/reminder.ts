// A role's reminder: one comment per window, `remind` before the deadline, and whether silence may
// count as consent without it (consent_requires_reminder). Which reminders were sent is an input (the
// bot's own comments), so the rule stays pure and a report replays with the reminders it saw.
import { parseDuration } from '../duration.js';
import type { ReviewerRolePolicy, RiskTier, RoleReminder, RoleResult, SentReminder } from '../types.js';

/** How long before the deadline a role is reminded when the policy does not say. */
export const DEFAULT_REMIND = '2d';

/** The reminder's lead in milliseconds, or null when the role is never reminded (`remind: false`). */
export function remindLead(rules: Pick<ReviewerRolePolicy, 'remind'>): number | null {
  if (rules.remind === false) return null;
  return parseDuration(rules.remind ?? DEFAULT_REMIND);
}

/** Does silence need the reminder first, for this tier? The default: for high-risk pilots only. */
export function consentRequiresReminder(rules: Pick<ReviewerRolePolicy, 'consent_requires_reminder'>, tier: RiskTier): boolean {
  const setting = rules.consent_requires_reminder;
  if (typeof setting === 'boolean') return setting;
  return setting?.[tier] ?? tier === 'high';
}

export interface ReminderInput {
  rules: ReviewerRolePolicy;
  tier: RiskTier;
  pilot: string;
  role: string;
  /** The window, in epoch milliseconds. */
  start: number;
  deadline: number;
  now: number;
  sent: readonly SentReminder[];
}

/**
 * The reminder of one window, or null when the role is not reminded. A reminder found for another
 * deadline belongs to an earlier window (the role was asked again) and does not count for this one.
 *
 * A reminder sent late (after it was due: no run happened in time, or a comment write was refused)
 * still gives the reviewer the whole notice: when it is required, silence counts as consent at the
 * later of the deadline and its sending plus the notice (deadline - due). So a reviewer is never
 * told "silence counts as consent" with less warning than the policy promises.
 */
export function planReminder(input: ReminderInput): RoleReminder | null {
  const lead = remindLead(input.rules);
  if (lead === null) return null;
  const { start, deadline, now } = input;
  const due = Math.max(start, deadline - lead);
  const notice = deadline - due;
  let sentAt: number | null = null;
  for (const record of input.sent) {
    if (record.pilot !== input.pilot || record.role !== input.role || Date.parse(record.deadline) !== deadline) continue;
    const at = Date.parse(record.at);
    if (Number.isNaN(at)) continue;
    if (sentAt === null || at < sentAt) sentAt = at;
  }
  const consent = input.rules.on_silence === 'consent';
  const required = consent && consentRequiresReminder(input.rules, input.tier);
  const consentAt = !consent ? null : !required ? deadline : sentAt === null ? null : Math.max(deadline, sentAt + notice);
  const state =
    sentAt !== null ? 'sent' : now < due ? 'scheduled' : now < deadline || required ? 'due' : ('missed' as RoleReminder['state']);
  return {
    state,
    due_at: new Date(due).toISOString(),
    sent_at: sentAt === null ? null : new Date(sentAt).toISOString(),
    deadline: new Date(deadline).toISOString(),
    required,
    consent_at: consentAt === null ? null : new Date(consentAt).toISOString(),
  };
}

/**
 * When a pending role's silence takes effect: its deadline, or for a reminder sent late the later
 * consent it moved to. Every renderer names this one instant, so the headline, the status and the
 * rights table never disagree (a late reminder's deadline is already past; consent is not).
 */
export function silenceAt(role: Pick<RoleResult, 'deadline' | 'reminder'>): string | null {
  if (role.deadline === null) return null;
  const consent = role.reminder?.consent_at;
  return consent && Date.parse(consent) > Date.parse(role.deadline) ? consent : role.deadline;
}
