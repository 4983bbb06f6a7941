// Reminders on a pull request: which were already sent (read from the gate's own comments, with the
// pull request's facts), which are due, and posting each due one once.
import type { GitHubClient } from '../adapters/github/client.js';
import { postComment } from '../adapters/github/comment.js';
import type { BotComment } from '../adapters/github/pull-request.js';
import type { PrFacts, Report, RoleResult, SentReminder } from '../core/types.js';
import { readReminderMarker, renderReminder } from '../report/reminder.js';

/** A reminder marker found in a comment, with whether it counts as sent by the gate (see readReminders). */
export interface FoundReminder extends SentReminder {
  author: string;
  counted: boolean;
}

/**
 * Every reminder marker in the comments read with the pull request's facts, read once, each marked
 * `counted` when it is a reminder the gate sent: in a comment GitHub marks as the token's own
 * (viewerDidAuthor) and as a bot's (GITHUB_TOKEN or a GitHub App). A marker in anyone else's comment
 * (the pull request's author pasting one, another app, a bot's comment kept by the sticky report's
 * "any bot" fallback) does not count, and neither does a person's own comment: with a person's token
 * (`verify` run by the author), their pasted marker would be "the token's own". So a gate run with a
 * person's token never lets a reminder count (fail closed). Sent at GitHub's creation instant of the
 * comment, never a time its body claims; a comment whose instant does not read is left out.
 */
export function readReminders(botComments: readonly BotComment[]): FoundReminder[] {
  const found: FoundReminder[] = [];
  for (const comment of botComments) {
    const marker = readReminderMarker(comment.body);
    if (marker && !Number.isNaN(Date.parse(comment.createdAt)))
      found.push({ ...marker, at: comment.createdAt, author: comment.author, counted: comment.byViewer && comment.bot });
  }
  return found;
}

/** The reminders the gate sent among those found (the counted ones), as the evaluation takes them. */
function sentAmong(found: readonly FoundReminder[]): SentReminder[] {
  return found.filter((r) => r.counted).map(({ pilot, role, deadline, at }) => ({ pilot, role, deadline, at }));
}

/** The reminders the gate sent (see readReminders), as the evaluation takes them. */
export function sentReminders(botComments: readonly BotComment[]): SentReminder[] {
  return sentAmong(readReminders(botComments));
}

/**
 * The facts with the reminders already sent added (the counted ones, see readReminders): how the pull
 * request gate and the deploy-time gate judge silence.
 */
export function withSentReminders(facts: PrFacts, found: readonly FoundReminder[]): PrFacts {
  const sent = sentAmong(found);
  return sent.length > 0 ? { ...facts, reminders: [...(facts.reminders ?? []), ...sent] } : facts;
}

/** Every role whose reminder is due now, over the pull request's reports. */
export function dueReminders(reports: readonly Report[]): Array<{ report: Report; role: RoleResult }> {
  const due: Array<{ report: Report; role: RoleResult }> = [];
  for (const report of reports) for (const role of report.roles) if (role.reminder?.state === 'due') due.push({ report, role });
  return due;
}

/**
 * Posts one comment per due reminder; returns those posted (with GitHub's creation instant). A refused
 * write is a warning: a role whose silence needs the reminder stays pending, and the next run retries.
 */
export async function sendReminders(
  gh: GitHubClient,
  pr: { owner: string; repo: string; number: number },
  reports: readonly Report[],
  now: Date,
  warnings: string[],
): Promise<SentReminder[]> {
  const sent: SentReminder[] = [];
  for (const { report, role } of dueReminders(reports)) {
    const body = renderReminder(report, role, now);
    const pilot = report.pilot?.name;
    if (body === null || pilot === undefined || !role.reminder) continue;
    const posted = await postComment(gh, { ...pr, body });
    // Counted as the next read would count it (sentReminders): only a bot's, never a person token's.
    if (posted.ok && posted.bot) {
      sent.push({ pilot, role: role.role, deadline: role.reminder.deadline, at: posted.createdAt });
      continue;
    }
    if (posted.ok) {
      warnings.push(
        `the reminder for ${role.role} on ${pilot} was posted with a person's token, and a person's reminder never counts (anyone can paste one): run the gate with GITHUB_TOKEN or a GitHub App's token for silence after a reminder to count`,
      );
      continue;
    }
    const effect = role.reminder.required
      ? `${role.role} stays pending until it is posted (silence counts as consent only after the reminder)`
      : 'silence still counts as the policy says at the deadline';
    warnings.push(`the reminder for ${role.role} on ${pilot} was not posted: ${posted.warning}; ${effect}; the next run retries`);
  }
  return sent;
}
