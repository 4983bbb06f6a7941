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
  /** The earliest deadline of a pending role: when time alone can next change a status. */
  next_change_at: string | null;
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
  for (const role of roles) {
    if (role.status !== 'pending' || role.deadline === null) continue;
    const deadline = Date.parse(role.deadline);
    if (next === null || deadline < next) next = deadline;
  }

  return {
    roles,
    owner: owner.result,
    overrides: applied,
    approvedRoles: roles.filter((role) => role.status === 'approved').map((role) => role.role),
    errors: membership.errors,
    warnings,
    next_change_at: next === null ? null : new Date(next).toISOString(),
  };
}
