// One reviewer role's status: filled or not, its members' verdicts, its window, silence and objections.
import { formatSpan } from '../duration.js';
import { formatInstant } from '../instant.js';
import type { Finding, Override, PrFacts, RiskTier, RoleResult } from '../types.js';
import { TEAM_PERMISSION, isBot, isTeam, oneOf, sameLogin } from './identity.js';
import type { RoleMembers } from './members.js';
import { type Review, type StaleCheck, compareTimes, judgeRoleReviews } from './reviews.js';
import { consentRequiresReminder, planReminder } from './reminder.js';
import { reviewWindow } from './window.js';

export const OFFLINE_HINT = 'evaluated on the pull request (no PR facts given)';

export interface RoleContext {
  members: RoleMembers;
  risk: RiskTier;
  /** The pilot's name: reminders are recorded per pilot, role and window. */
  pilot: string;
  facts: PrFacts | null;
  now: number;
  /** All reviews of the PR, sorted with compareReviews. */
  reviews: readonly Review[];
  isOutsider: (login: string) => boolean;
  stale: StaleCheck;
  /** The owner's latest valid override of this role, if any. */
  override: Override | undefined;
  /** Ids of criteria met only by this role's explicit approval. */
  signoffCriteria: readonly string[];
}

export interface RoleEvaluation {
  result: RoleResult;
  warnings: Finding[];
  /** The override that lifted this role's blocking objection. */
  applied: Override | null;
}

export function evaluateRole(context: RoleContext): RoleEvaluation {
  const { members: m, facts } = context;
  const rules = m.policy;
  const role = m.role;
  const required = rules.required_for === undefined || rules.required_for.includes(context.risk);
  const warnings: Finding[] = [];
  const warn = (message: string): void => {
    warnings.push({ message: `${role}: ${message}`, location: m.location });
  };
  const result: RoleResult = {
    role,
    title: rules.title ?? role,
    status: 'not_requested',
    required,
    blocking: false,
    members: m.configured,
    members_from: m.from,
    resolved_members: m.resolved,
    window: rules.window,
    on_silence: rules.on_silence,
    on_objection: rules.on_objection,
    started_at: null,
    deadline: null,
    time_left_ms: null,
    reviews: [],
    hint: '',
    location: m.location,
  };
  const finish = (hint: string, applied: Override | null = null): RoleEvaluation => {
    result.hint = withSignoffNote(hint, result, context.signoffCriteria);
    return { result, warnings, applied };
  };

  if (m.configured.length === 0) {
    result.blocking = required;
    return finish(
      required
        ? `nobody fills role ${role}, which is required for ${context.risk}-risk pilots: ${howToFill(m)}`
        : `role ${role} is optional for ${context.risk}-risk pilots and nobody fills it; ${howToFill(m)} to consult it`,
    );
  }
  if (facts === null) return finish(OFFLINE_HINT);

  const judged = judgeRoleReviews({
    role,
    reviews: context.reviews,
    members: m.resolved,
    author: facts.author,
    isOutsider: context.isOutsider,
    unresolvedTeams: m.unresolvedTeams,
    stale: context.stale,
  });
  result.reviews = judged.verdicts;
  for (const { review, reason } of judged.stale) {
    warn(`${review.author}'s approval no longer counts (${reason}); ask ${review.author} to approve again`);
  }

  if (m.unresolvedTeams.length > 0) {
    const text = `could not resolve team ${m.unresolvedTeams.join(', ')}, so who may review for ${role} is unknown; ${TEAM_PERMISSION}`;
    result.blocking = required;
    if (!required) warn(text);
    // Fail closed: whatever the known members did, the role blocks until the team can be read.
    decideStatus(context, facts, judged, result, warn);
    return finish(text);
  }

  const eligible = m.resolved.filter((login) => !sameLogin(login, facts.author) && !isBot(login));
  if (eligible.length === 0) {
    result.blocking = required;
    const barred = [...m.resolved, ...m.excluded];
    const who =
      barred.length > 0
        ? `only ${oneOf(barred)}, who may not review for ${role} (the accountable owner and the PR author never count for a role, nor do bots)`
        : 'no one';
    const verb = m.configured.length === 1 ? 'resolves' : 'resolve';
    return finish(`nobody who may review fills role ${role}: ${oneOf(m.configured)} ${verb} to ${who}; ${howToFill(m)}`);
  }

  const decided = decideStatus(context, facts, judged, result, warn);
  return finish(decided.hint, decided.applied);
}

/** Sets status, window fields and blocking from the verdicts and the window; returns the hint. */
function decideStatus(
  context: RoleContext,
  facts: PrFacts,
  judged: ReturnType<typeof judgeRoleReviews>,
  result: RoleResult,
  warn: (message: string) => void,
): { hint: string; applied: Override | null } {
  const { members: m, now } = context;
  const role = m.role;
  const required = result.required;
  const who = oneOf(m.configured);

  const namesRole = (reviewer: string): boolean =>
    isTeam(reviewer) ? m.teams.some((team) => sameLogin(team, reviewer)) : m.resolved.some((login) => sameLogin(login, reviewer));
  const window = reviewWindow(facts, result.window, namesRole, now);
  if (window.kind === 'open' || window.kind === 'closed') {
    result.started_at = new Date(window.start).toISOString();
    result.deadline = new Date(window.deadline).toISOString();
  }
  const reminder =
    window.kind === 'open' || window.kind === 'closed'
      ? planReminder({
          rules: m.policy,
          tier: context.risk,
          pilot: context.pilot,
          role,
          start: window.start,
          deadline: window.deadline,
          now,
          sent: facts.reminders ?? [],
        })
      : null;

  if (judged.objections.length > 0) {
    result.status = 'objected';
    const objectors = oneOf(judged.objections.map((review) => review.author));
    const override = context.override;
    if (result.on_objection === 'advise') {
      warn(`${objectors} requested changes; ${role} only advises (on_objection: advise), so this does not block`);
      noEffect(override, warn, 'its objections only advise');
      return { hint: `${objectors} requested changes; ${role} only advises, so the objection does not block`, applied: null };
    }
    if (!required) {
      warn(`${objectors} requested changes; ${role} is not required for ${context.risk}-risk pilots, so this does not block`);
      noEffect(override, warn, `it is not required for ${context.risk}-risk pilots`);
      return {
        hint: `${objectors} requested changes; ${role} is not required for ${context.risk}-risk pilots, so the objection does not block`,
        applied: null,
      };
    }
    if (override && judged.objections.every((review) => compareTimes(review.at, override.at) <= 0)) {
      return { hint: `${objectors} requested changes; overridden by ${override.by}: ${override.reason}`, applied: override };
    }
    result.blocking = true;
    if (override)
      warn(
        `${override.by}'s /override ${role} (review ${override.review_id}) predates the latest objection, so it does not cover it; override again`,
      );
    return {
      hint: `${objectors} requested changes; this blocks until they approve, the review is dismissed, or the owner approves the head commit with \`/override ${role}: <reason>\``,
      applied: null,
    };
  }
  noEffect(context.override, warn, 'it has no blocking objection');

  if (judged.approvals.length > 0) {
    result.status = 'approved';
    return { hint: `approved by ${oneOf(judged.approvals.map((review) => review.author))}`, applied: null };
  }

  switch (window.kind) {
    case 'draft':
      return { hint: `the pull request is a draft: mark it ready for review to start ${role}'s ${result.window} window`, applied: null };
    case 'not_requested':
      return { hint: `request a review from ${who}`, applied: null };
    case 'bad_window':
      result.status = 'pending';
      result.blocking = required;
      return {
        hint: `the policy's window "${result.window}" for ${role} is not a duration such as 14d, 72h or 2w; fix the policy`,
        applied: null,
      };
    case 'closed':
      if (reminder) result.reminder = reminder;
      if (result.on_silence === 'consent') {
        // Fail closed when the policy requires a reminder it never sends (a policy check refuses that too).
        if (!reminder && consentRequiresReminder(m.policy, context.risk)) {
          result.status = 'pending';
          return {
            hint: `no review within ${result.window} of ${formatInstant(window.start)}, but silence counts as consent only after a reminder and the policy sends none (remind: false); ask ${who} to review`,
            applied: null,
          };
        }
        const consentAt = !reminder ? window.deadline : reminder.consent_at === null ? null : Date.parse(reminder.consent_at);
        if (consentAt === null || now < consentAt) {
          // consent_requires_reminder: the window closed, but silence does not count yet (fail closed).
          result.status = 'pending';
          if (consentAt === null) {
            return {
              hint: `no review within ${result.window} of ${formatInstant(window.start)}, but silence counts as consent only after a reminder (consent_requires_reminder) and no reminder could be sent (due ${formatInstant(Date.parse(reminder!.due_at))}); the next run posts it, or ask ${who} to review`,
              applied: null,
            };
          }
          result.time_left_ms = consentAt - now;
          return {
            hint: `reminder sent ${formatInstant(Date.parse(reminder!.sent_at!))}, after it was due; silence counts as consent from ${formatInstant(consentAt)} (the full notice the policy gives)`,
            applied: null,
          };
        }
        result.status = 'consented';
        const note = reminder?.sent_at ? ` (reminder sent ${formatInstant(Date.parse(reminder.sent_at))})` : '';
        return {
          hint: `no review within ${result.window} of ${formatInstant(window.start)}${note}: silence counts as consent`,
          applied: null,
        };
      }
      result.status = 'lapsed';
      result.blocking = required;
      return {
        hint: `no review within ${result.window} of ${formatInstant(window.start)} and silence blocks (on_silence: block): ask ${who} to review; an approval still counts`,
        applied: null,
      };
    case 'open': {
      result.status = 'pending';
      const left = window.deadline - now;
      result.time_left_ms = left;
      let after = result.on_silence === 'consent' ? 'silence then counts as consent' : 'silence then blocks';
      if (reminder) {
        result.reminder = reminder;
        const consentAt = reminder.consent_at === null ? null : Date.parse(reminder.consent_at);
        if (reminder.required && consentAt === null)
          after += ` once the reminder (due ${formatInstant(Date.parse(reminder.due_at))}) is sent`;
        else if (consentAt !== null && consentAt > window.deadline) {
          after += ` from ${formatInstant(consentAt)}`;
          // Time left counts to when silence takes effect, as every renderer shows it (silenceAt).
          result.time_left_ms = consentAt - now;
        }
        after += reminder.sent_at
          ? `; reminder sent ${formatInstant(Date.parse(reminder.sent_at))}`
          : `; reminder due ${formatInstant(Date.parse(reminder.due_at))}`;
      }
      return {
        hint: `waiting for ${who} to review: ${formatSpan(left)} left (until ${formatInstant(window.deadline)}); ${after}`,
        applied: null,
      };
    }
  }
}

function noEffect(override: Override | undefined, warn: (message: string) => void, why: string): void {
  if (override) warn(`${override.by}'s /override ${override.role} (review ${override.review_id}) has no effect: ${why}`);
}

function howToFill(m: RoleMembers): string {
  return m.from === 'policy'
    ? `set roles.${m.role}.members in the policy`
    : `add reviewers.${m.role} (GitHub logins or org/team slugs) to the manifest, or set roles.${m.role}.members in the policy`;
}

function withSignoffNote(hint: string, result: RoleResult, criteria: readonly string[]): string {
  if (criteria.length === 0 || result.status === 'approved') return hint;
  const which = criteria.length === 1 ? `criterion ${criteria[0]} needs` : `criteria ${criteria.join(', ')} need`;
  return `${hint}; ${which} ${result.role}'s explicit approval (silence and overrides do not count)`;
}
