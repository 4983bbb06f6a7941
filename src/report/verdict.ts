// The verdict story (core/story.ts) in Markdown: two lines under the comment's title, what holds the
// pull request in words an owner understands, then the next step with the person to act. Plain
// sentences the tool writes; every value in them is escaped or code. Nothing is decided here.
import { formatSpan } from '../core/duration.js';
import type { Actor, Hold, Step, Story } from '../core/story.js';
import { codeSpan, escapeMarkdown as esc, escapeMessage } from './escape.js';
import { countStory, formatInstant } from './labels.js';

const code = (value: unknown): string => codeSpan(value, { table: false });
const message = (value: unknown): string => escapeMessage(value, { table: false });
const logins = (values: readonly string[]): string => values.map((v) => code(v)).join(', ');
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** Named people, else anyone of their role ("a legal reviewer"), else `fallback`. */
function reviewers(who: Actor, fallback: string): string {
  if (who.as !== 'people') return fallback;
  if (who.logins.length > 0) return logins(who.logins);
  return who.role !== undefined ? `a ${esc(who.role)} reviewer` : fallback;
}

/** An approver of the head commit as the sentence names them. */
function approver(who: Actor): string {
  if (who.as === 'role') return `a member of ${esc(who.role)}`;
  if (who.as === 'owner') return who.login !== null ? code(who.login) : 'the accountable owner';
  if (who.as === 'people') return logins(who.logins);
  return 'the author';
}

function blockedHold(hold: Hold): string {
  switch (hold.what) {
    case 'objection':
      return `Blocked by ${esc(hold.role)}: ${hold.by.length > 0 ? logins(hold.by) : 'a reviewer'} requested changes`;
    case 'lapsed':
      return `Blocked by ${esc(hold.role)}: its ${esc(hold.window)} window closed without a review, and its silence blocks`;
    case 'role':
      return `Blocked by ${esc(hold.role)}: ${message(hold.hint)}`;
    case 'owner_invalid':
      return `Blocked: no valid accountable owner (${message(hold.reason)})`;
    case 'criteria':
      return `Blocked: ${hold.open} of ${hold.required} required criteria ${plural(hold.open, 'is', 'are')} not met, in ${hold.gates.map((g) => esc(g)).join(', ')}`;
    case 'blocked':
      return `Blocked by ${esc(hold.by.join(', ') || 'the policy')}`;
    default:
      return '';
  }
}

function pendingHold(hold: Hold): string {
  switch (hold.what) {
    case 'governance': {
      const summary = esc(hold.summary);
      const awaiting = hold.awaiting.map((a) => (a.as === 'role' ? `the ${esc(a.role)} role` : approver(a))).join(' and ');
      return `${summary.charAt(0).toUpperCase()}${summary.slice(1)}: awaiting ${awaiting}`;
    }
    case 'window': {
      const who = hold.who.length > 0 ? ` (${logins(hold.who)})` : '';
      const after = hold.on_silence === 'consent' ? 'counts as consent' : 'blocks';
      return `Waiting on ${esc(hold.role)}${who}: ${formatSpan(hold.left_ms)} left; silence ${after} on ${esc(formatInstant(hold.silence_at))}`;
    }
    case 'role':
      return `Waiting on ${esc(hold.role)}: ${message(hold.hint)}`;
    case 'not_requested':
      return `${esc(hold.role)} has not been asked to review`;
    case 'waiver':
      return `The waiver of **${esc(hold.criterion)}** awaits the ${esc(hold.role)} role`;
    case 'signoff':
      return `**${esc(hold.criterion)}** awaits ${esc(hold.role ?? 'its')} sign-off`;
    case 'owner_approval':
      return `Waiting on the accountable owner ${approver({ as: 'owner', login: hold.login })} to approve the head commit`;
    case 'waiting':
      return `Waiting on ${esc(hold.on.join(', ') || 'sign-offs')}`;
    default:
      return '';
  }
}

function step(next: Step): string {
  switch (next.what) {
    case 're_review':
      return `${reviewers(next.who, 'a reviewer')} re-reviews, or the owner ${approver(next.override.owner)} approves with ${code(next.override.command)}`;
    case 'review':
      return `${reviewers(next.who, 'a reviewer')} reviews; an approval still counts`;
    case 'name_owner':
      return 'the author names one valid accountable owner in the manifest';
    case 'provide_evidence':
      return `the author provides the evidence listed under *What is missing*, in ${code(next.file)}`;
    case 'approve_waiver':
      return `${approver(next.who)} approves the head commit to put the waiver of **${esc(next.criterion)}** in force`;
    case 'renew_waiver':
      return `the author provides the evidence for **${esc(next.criterion)}** or renews its waiver, which expired on ${esc(next.expired)}`;
    case 'see_role':
      return `see ${esc(next.role)} under the decision rights`;
    case 'request_review':
      return `request a review from ${logins(next.reviewers) || `the ${esc(next.role)} role`} (this starts its ${esc(next.window)} window)`;
    case 'approve_head':
      return `${next.who.map(approver).join(' and ')} approve${next.who.length === 1 ? 's' : ''} the head commit`;
    case 'review_sooner':
      return `${reviewers(next.who, 'a reviewer')} may review sooner`;
    default:
      return '';
  }
}

/** The renewal a ready pilot must plan, as a sentence after its next step. */
function renewal(story: Story): string {
  const merge = story.next.find((s) => s.what === 'merge');
  const renew = merge?.what === 'merge' ? merge.renewal : null;
  if (!renew) return '';
  return ` The evidence of ${renew.criteria.map((id) => `**${esc(id)}**`).join(', ')} passes until ${esc(formatInstant(renew.by))}: renew it before then, or the pilot stops being ready.`;
}

/** The two lines of the verdict (one when a blocked pilot has no step to name). */
export function renderVerdict(story: Story): string[] {
  const first = story.holds[0];
  if (first?.what === 'input') {
    const n = first.problems;
    return [
      `**Blocked: the manifest has ${n} ${plural(n, 'problem', 'problems')} to fix before anything else is judged.**`,
      `Next: the author fixes ${plural(n, 'it', 'them')} in ${code(first.file)} (listed below).`,
    ];
  }
  if (first?.what === 'retirement') {
    const { retirement } = first;
    if (retirement.approved)
      return [
        `**Ready: ${esc(retirement.summary)}, approved by the owner on the base branch.**`,
        'Next: nothing; merge when you are ready.',
      ];
    return [
      `**Pending: ${esc(retirement.summary)}.**`,
      `Next: ${logins(retirement.awaiting)} (owner on the base branch) approves the head commit.`,
    ];
  }
  if (story.decision === 'blocked') {
    const next = story.next.map(step);
    return [`**${story.holds.map(blockedHold).join('. ')}.**`, next.length > 0 ? `Next: ${next.join('; or ')}.` : ''].filter(
      (l) => l !== '',
    );
  }
  if (story.decision === 'pending') {
    const next = story.next.map(step).join('; ');
    const quiet = story.next.some(byAuthor) ? '' : ' Nothing for the author to do.';
    return [`**${story.holds.map(pendingHold).join('. ')}.**`, `Next: ${next || 'see the decision rights below'}.${quiet}`];
  }
  return [
    `**Ready: ${countStory(story.headline.tally)}; the owner ${approver(story.headline.owner)} approved; every required role consulted.**`,
    `Next: nothing; merge when you are ready.${renewal(story)}`,
  ];
}

const byAuthor = (s: Step): boolean => !Array.isArray(s.who) && s.who.as === 'author';
