// A loaded policy as the engine reads it: its criteria by id and its reviewer roles, computed once per
// policy object. Apart from policy.ts (loading and checking a policy), so that evaluating a manifest
// against a bundled policy loads no policy validator.
import type { CriterionPolicy, GatePolicy, Policy, ReviewerRolePolicy } from './types.js';

export interface CriterionEntry {
  gate: GatePolicy;
  criterion: CriterionPolicy;
}

/** Reviewer roles: every role but the accountable owner. */
export function reviewerRoles(policy: Policy): Array<[string, ReviewerRolePolicy]> {
  return Object.entries(policy.roles).filter(([name]) => name !== 'owner') as Array<[string, ReviewerRolePolicy]>;
}

// Policies are never mutated once loaded; every manifest evaluated against one reuses its index.
const indexes = new WeakMap<Policy, ReadonlyMap<string, CriterionEntry>>();

/** Every criterion by id, in policy order (computed once per policy object). */
export function criteriaById(policy: Policy): ReadonlyMap<string, CriterionEntry> {
  let map = indexes.get(policy);
  if (!map) {
    const index = new Map<string, CriterionEntry>();
    for (const gate of policy.gates) for (const criterion of gate.criteria) index.set(criterion.id, { gate, criterion });
    indexes.set(policy, index);
    map = index;
  }
  return map;
}
