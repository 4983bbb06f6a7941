// The reminder comment: one per pilot, role and window, posted before the window closes. Its hidden
// marker records what it was sent for, so that it is never sent twice. The mentions are the one text
// of the gate that is not escaped; they come from trusted data only (see mentionsFor).
import { formatInstant } from '../core/instant.js';
import type { Report, RoleResult, SentReminder } from '../core/types.js';
import { codeSpan as code, escapeMarkdown } from './escape.js';

const MARKER = /^<!-- pilot-readiness-reminder pilot=([^\s]+) role=([^\s]+) deadline=([^\s]+) -->/;

/** A GitHub login or an org/team slug, as the policy schema accepts them: the only texts mentioned. */
const PRINCIPAL = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$/;

/** The hidden first line; names are percent-encoded so none can end the HTML comment or add a field. */
export function reminderMarker(pilot: string, role: string, deadline: string): string {
  return `<!-- pilot-readiness-reminder pilot=${encodeURIComponent(pilot)} role=${encodeURIComponent(role)} deadline=${new Date(Date.parse(deadline)).toISOString()} -->`;
}

/** What a comment's marker says it was sent for, or null when the body does not start with one. */
export function readReminderMarker(body: string): Omit<SentReminder, 'at'> | null {
  const match = MARKER.exec(body.replace(/\r\n/g, '\n'));
  if (!match) return null;
  try {
    const [pilot, role, deadline] = [match[1]!, match[2]!, match[3]!].map(decodeURIComponent) as [string, string, string];
    if (Number.isNaN(Date.parse(deadline))) return null;
    return { pilot, role, deadline };
  } catch {
    return null;
  }
}

/**
 * Whom the reminder mentions: the role's members, only when they come from trusted data: the
 * policy, or a manifest judged against the base branch's (the pull request cannot change who is
 * reminded without the approvals a governance change needs). A new pilot's reviewers come from the
 * pull request alone: they were asked for a review, and are named (escaped) but not mentioned.
 */
export function mentionsFor(report: Report, role: RoleResult): { mentions: string[]; named: string[] } {
  const trusted = role.members_from === 'policy' || report.governance_changes !== undefined;
  const mentions = trusted ? role.members.filter((member) => PRINCIPAL.test(member)) : [];
  return { mentions, named: role.members.filter((member) => !mentions.includes(member)) };
}

/** The reminder's body for a role whose reminder is due, at `now` (its consent instant if sent now). */
export function renderReminder(report: Report, role: RoleResult, now: Date): string | null {
  const reminder = role.reminder;
  if (!reminder || report.pilot === null) return null;
  const pilot = report.pilot.name;
  const deadline = Date.parse(reminder.deadline);
  const notice = deadline - Date.parse(reminder.due_at);
  const { mentions, named } = mentionsFor(report, role);
  const who = [...mentions.map((m) => `@${m}`), ...named.map((n) => code(n, { table: false }))].join(' ');
  const title =
    role.title === role.role ? code(role.role, { table: false }) : `${escapeMarkdown(role.title)} (${code(role.role, { table: false })})`;
  let outcome: string;
  if (role.on_silence === 'block') {
    outcome = `Silence will block this pull request at ${formatInstant(deadline)} (on_silence: block).`;
  } else {
    // Sent now: consent at the later of the deadline and now plus the notice (see planReminder).
    const consentAt = reminder.required ? Math.max(deadline, now.getTime() + notice) : deadline;
    outcome = `Silence will count as consent at ${formatInstant(consentAt)}.`;
  }
  const closes = deadline > now.getTime() ? `closes at ${formatInstant(deadline)}` : `closed at ${formatInstant(deadline)}`;
  return [
    reminderMarker(pilot, role.role, reminder.deadline),
    `⏰ **Reminder** for ${who || 'the role'}: the ${title} review window for pilot ${code(pilot, { table: false })} ${closes}.`,
    '',
    `${outcome} Approve the pull request, or request changes, before then. This is the only reminder for this window.`,
  ].join('\n');
}
