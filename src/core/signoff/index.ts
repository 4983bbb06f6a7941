// The decision-rights rules: who must review, whether they have, and whether the accountable owner decided.
import type { DataPath, Finding, Manifest, Override, Policy, PrFacts, RoleResult, SourceLocation } from '../types.js';
import { didYouMean, loginKey } from './identity.js';
import { resolveMembers } from './members.js';
import { collectOverrides } from './override.js';
import { type OwnerSignoff, evaluateOwner } from './owner.js';
import { sortReviews } from './reviews.js';
import { evaluateRole } from './role.js';
import { approvalStaleness } from './staleness.js';

export { OFFLINE_HINT } from './role.js';
export { OFFLINE_OWNER } from './owner.js';

export interface SignoffInput {
  policy: Policy;
  /** Already schema-validated. */
  manifest: Manifest;
  /** Location of a manifest node, e.g. ['reviewers', 'legal', 0] or ['owner']. */
  locate: (path: DataPath) => SourceLocation | null;
  /** null: an offline check without PR facts. */
  facts: PrFacts | null;
  now: Date;
  /** Ids of criteria whose evidence needs `signoff: ROLE`, mapped to ROLE. */
  signoffCriteria: Record<string, string>;
}

export interface SignoffResult {
  /** One per reviewer role in the policy (every role except `owner`), in policy order. */
  roles: RoleResult[];
  owner: OwnerSignoff;
  /** Overrides that lifted a blocking objection. */
  overrides: Override[];
  /** Roles whose status is `approved`: an explicit counted approval and no objection. */
  approvedRoles: string[];
  /** Input errors at manifest locations, e.g. reviewers named for a role with fixed members. */
  errors: Finding[];
  /** E.g. an advisory objection, an invalidated (stale) approval, an override without a reason. */
  warnings: Finding[];
  /**
   * When time alone can next change a status: the earliest deadline of a pending role (or, for a
   * reminder sent late, the instant its silence counts as consent) or reminder due.
   */
  next_change_at: string | null;
  /**
   * The earliest instant a reminder not yet sent is due, whatever the decision (possibly already
   * past: a due reminder that could not be posted is retried by every run); null when none.
   */
  next_reminder_at?: string | null;
}

export function evaluateSignoffs(input: SignoffInput): SignoffResult {
  const { policy, manifest, facts, locate } = input;
  const now = input.now.getTime();
  const membership = resolveMembers(policy, manifest, facts, locate);
  const reviews = facts ? sortReviews(facts.reviews) : [];
  const owner = evaluateOwner(policy, manifest, facts, locate, reviews);
  const warnings: Finding[] = [...membership.warnings];
  const roleNames = membership.roles.map((role) => role.role);

  // Reviewers who belong to no role (and are not an owner) are shown in every role as not counted.
  const insiders = new Set<string>([loginKey(manifest.owner)]);
  if (facts?.base_manifest) insiders.add(loginKey(facts.base_manifest.owner));
  for (const role of membership.roles) for (const login of role.resolved) insiders.add(loginKey(login));
  const isOutsider = (login: string): boolean => !insiders.has(loginKey(login));

  const overrides =
    owner.result.status === 'invalid' || owner.approvals.length === 0
      ? { byRole: new Map<string, Override>(), warnings: [] }
      : collectOverrides(manifest.owner, owner.approvals, roleNames);
  warnings.push(...overrides.warnings);

  const criteriaByRole = new Map<string, string[]>();
  for (const [criterion, role] of Object.entries(input.signoffCriteria).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!roleNames.includes(role)) {
      const guess = didYouMean(role, roleNames);
      warnings.push({
        message: `criterion ${criterion} needs a sign-off from role ${role}, which the policy does not define${guess ? `; did you mean ${guess}?` : ''}`,
        location: null,
      });
      continue;
    }
    criteriaByRole.set(role, [...(criteriaByRole.get(role) ?? []), criterion]);
  }

  const stale = facts ? approvalStaleness(policy, facts) : () => null;
  const applied: Override[] = [];
  const roles = membership.roles.map((members) => {
    const evaluation = evaluateRole({
      members,
      risk: manifest.pilot.risk,
      pilot: manifest.pilot.name,
      facts,
      now,
      reviews,
      isOutsider,
      stale,
      override: overrides.byRole.get(members.role),
      signoffCriteria: criteriaByRole.get(members.role) ?? [],
    });
    warnings.push(...evaluation.warnings);
    if (evaluation.applied) applied.push(evaluation.applied);
    return evaluation.result;
  });

  let next: number | null = null;
  let reminder: number | null = null;
  for (const role of roles) {
    const r = role.reminder;
    if (r && (r.state === 'scheduled' || r.state === 'due')) {
      const due = Date.parse(r.due_at);
      if (reminder === null || due < reminder) reminder = due;
    }
    // A pending role's status changes at its deadline, or (a reminder sent late) when silence counts.
    if (role.status !== 'pending' || role.time_left_ms === null) continue;
    const at = now + role.time_left_ms;
    if (next === null || at < next) next = at;
  }
  if (reminder !== null && (next === null || reminder < next)) next = reminder;

  return {
    roles,
    owner: owner.result,
    overrides: applied,
    approvedRoles: roles.filter((role) => role.status === 'approved').map((role) => role.role),
    errors: membership.errors,
    warnings,
    next_change_at: next === null ? null : new Date(next).toISOString(),
    next_reminder_at: reminder === null ? null : new Date(reminder).toISOString(),
  };
}
