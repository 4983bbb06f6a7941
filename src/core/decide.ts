// The decision: criteria, sign-offs and input errors → ready | pending | blocked, with what blocks, what is awaited and why.
import { formatSpan } from './duration.js';
import type { SignoffResult } from './signoff/index.js';
import type { CriterionStatus, Decision } from './types.js';

export interface DecisionInput {
  criteria: Array<{ id: string; required: boolean; status: CriterionStatus }>;
  signoffs: SignoffResult;
  /** Count of input errors (invalid manifest, sign-off errors etc.): any error blocks. */
  errors: number;
  /** Governance changes still awaiting their approvals, one sentence each: the decision waits for them. */
  governance?: string[];
}

export interface DecisionResult {
  decision: Decision;
  /** Criterion ids, role names and `owner` that block. */
  blocking: string[];
  /** Criterion ids, role names and `owner` still awaited (listed whatever the decision; empty when ready). */
  waiting_on: string[];
  /** For a pending decision: the earliest instant at which time alone can change a role's status. */
  next_change_at: string | null;
  /** Short sentences: why blocked, what a pending decision waits on, or why ready. */
  reasons: string[];
}

/**
 * blocked: input errors, a required criterion missing or failed, an invalid owner, or a blocking required role.
 * pending: otherwise, while a required criterion awaits its sign-off, a required role is pending or not yet
 * requested, or the owner has not approved. ready: otherwise. Roles the risk tier does not require never
 * block or hold the decision.
 */
export function decide(input: DecisionInput): DecisionResult {
  const blocking: string[] = [];
  const waiting: string[] = [];
  const blockedBecause: string[] = [];
  const waitingBecause: string[] = [];

  if (input.errors > 0) {
    // What blocks must never be an empty list: name the manifest, as an invalid one does.
    blocking.push('manifest');
    blockedBecause.push(`${input.errors} input error${input.errors === 1 ? '' : 's'} must be fixed first`);
  }

  for (const criterion of input.criteria) {
    if (!criterion.required) continue;
    if (criterion.status === 'missing') {
      blocking.push(criterion.id);
      blockedBecause.push(`criterion ${criterion.id} has no evidence`);
    } else if (criterion.status === 'failed') {
      blocking.push(criterion.id);
      blockedBecause.push(`criterion ${criterion.id} fails its evidence checks`);
    } else if (criterion.status === 'awaiting_signoff') {
      waiting.push(criterion.id);
      waitingBecause.push(`criterion ${criterion.id} awaits an explicit sign-off`);
    }
  }

  for (const role of input.signoffs.roles) {
    if (!role.required) continue;
    if (role.blocking) {
      blocking.push(role.role);
      blockedBecause.push(
        role.status === 'lapsed'
          ? `role ${role.role} gave no review within its ${role.window} window, and silence blocks`
          : role.status === 'objected'
            ? `role ${role.role} objected: ${role.hint}`
            : `role ${role.role} blocks: ${role.hint}`,
      );
    } else if (role.status === 'pending') {
      waiting.push(role.role);
      const reminder = role.reminder;
      waitingBecause.push(
        reminder?.required && (reminder.consent_at === null || reminder.consent_at !== reminder.deadline) && role.time_left_ms === null
          ? `role ${role.role} is pending: ${role.hint}`
          : reminder?.consent_at && reminder.consent_at !== reminder.deadline && role.time_left_ms !== null
            ? `role ${role.role} has ${formatSpan(role.time_left_ms)} left to review (reminder sent ${reminder.sent_at} after it was due; silence counts as consent from ${reminder.consent_at})`
            : role.time_left_ms !== null && role.deadline !== null
              ? `role ${role.role} has ${formatSpan(role.time_left_ms)} left to review (until ${role.deadline})`
              : `role ${role.role} has not reviewed yet`,
      );
    } else if (role.status === 'not_requested') {
      waiting.push(role.role);
      waitingBecause.push(`role ${role.role} has not been asked: ${role.hint}`);
    }
  }

  const owner = input.signoffs.owner;
  if (owner.status === 'invalid') {
    blocking.push('owner');
    blockedBecause.push(`the accountable owner is invalid: ${owner.reason}`);
  } else if (owner.status === 'awaiting') {
    waiting.push('owner');
    waitingBecause.push(`the accountable owner has not decided: ${owner.reason}`);
  }

  if (input.governance && input.governance.length > 0) {
    waiting.push('governance');
    waitingBecause.push(...input.governance);
  }

  if (input.errors > 0 || blocking.length > 0) {
    return { decision: 'blocked', blocking, waiting_on: waiting, next_change_at: null, reasons: blockedBecause };
  }
  if (waiting.length > 0) {
    return { decision: 'pending', blocking, waiting_on: waiting, next_change_at: input.signoffs.next_change_at, reasons: waitingBecause };
  }
  return {
    decision: 'ready',
    blocking,
    waiting_on: waiting,
    next_change_at: null,
    reasons: [
      'every required criterion is met or not applicable, every required role approved, consented by silence, only advised or was overridden, and the accountable owner approved the head commit',
    ],
  };
}

/** How far each decision is from ready: the order in which several pilots' decisions combine. */
export const DECISION_SEVERITY: Readonly<Record<Decision, number>> = { ready: 0, pending: 1, blocked: 2 };

/** The worst of several decisions (ready when there is none). */
export function worstOf(decisions: Iterable<Decision>): Decision {
  let worst: Decision = 'ready';
  for (const decision of decisions) if (DECISION_SEVERITY[decision] > DECISION_SEVERITY[worst]) worst = decision;
  return worst;
}
