// Applies a layer (a policy with `extends`) to its parent's effective policy. Mappings merge key by
// key, gates and criteria merge by id, every other value the layer states replaces the parent's, and
// a per-tier map changes only the tiers it names. Whether the result is stricter is compare.ts's job.
import { EVIDENCE_KINDS, mergePerTier } from '../evidence/index.js';
import { didYouMean } from '../suggest.js';
import type {
  CriterionPolicy,
  EvidenceRequirements,
  Finding,
  GatePolicy,
  Policy,
  PolicyLayer,
  ReviewerRolePolicy,
  SourceLocation,
} from '../types.js';
import type { PolicyPath } from './paths.js';

export interface MergeContext {
  /** How messages name the parent: `default`, `policies/org.yml`, owner/repo/path@ref. */
  parentName: string;
  /** Where a setting is in the layer's file. */
  locate(path: PolicyPath): SourceLocation | null;
}

export interface MergeResult {
  policy: Policy;
  /** New roles, gates or criteria the layer leaves incomplete, and criteria listed under the wrong gate. */
  problems: Finding[];
}

type LayerCriterion = Partial<CriterionPolicy> & { id: string };
type LayerGate = NonNullable<PolicyLayer['gates']>[number];

const NEW_ROLE_KEYS = ['window', 'on_silence', 'on_objection'] as const;
const NEW_GATE_KEYS = ['title', 'criteria'] as const;
const NEW_CRITERION_KEYS = ['title', 'description', 'required_for', 'allow_not_applicable', 'evidence'] as const;
const REPLACED_CRITERION_KEYS = ['title', 'description', 'required_for', 'allow_not_applicable', 'waivable', 'waiver_approvers'] as const;

const clone = <T>(value: T): T => structuredClone(value);

/** `a, b and c` */
function words(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function mergeEvidence(parent: EvidenceRequirements, child: Partial<EvidenceRequirements>): EvidenceRequirements {
  const merged = clone(parent);
  // Each kind merges its own settings (src/core/evidence/<kind>.ts); a role's sign-off replaces.
  for (const kind of EVIDENCE_KINDS) kind.mergeLayer(merged, child);
  if (child.signoff !== undefined) merged.signoff = child.signoff;
  return merged;
}

export { mergePerTier };

function mergeCriterion(parent: CriterionPolicy, child: LayerCriterion): CriterionPolicy {
  const merged = clone(parent);
  for (const key of REPLACED_CRITERION_KEYS) {
    if (child[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = clone(child[key]);
  }
  if (child.evidence) merged.evidence = mergeEvidence(parent.evidence, child.evidence);
  if (child.references) merged.references = { ...parent.references, ...clone(child.references) };
  return merged;
}

/** Merges `layer` over `parent` (an effective policy); never changes either. */
export function mergeLayer(parent: Policy, layer: PolicyLayer, ctx: MergeContext): MergeResult {
  const problems: Finding[] = [];
  const policy = clone(parent);
  const { parentName } = ctx;
  if (layer.name !== undefined) policy.name = layer.name;
  if (layer.description !== undefined) policy.description = layer.description;
  if (layer.invalidate_on_push !== undefined) policy.invalidate_on_push = layer.invalidate_on_push;
  if (layer.governed_paths !== undefined) policy.governed_paths = clone(layer.governed_paths);
  if (layer.branches !== undefined) policy.branches = clone(layer.branches);
  if (layer.max_waiver !== undefined) policy.max_waiver = layer.max_waiver;
  if (layer.max_waiver_total !== undefined) policy.max_waiver_total = layer.max_waiver_total;
  if (layer.tier_confirmed_by !== undefined) policy.tier_confirmed_by = layer.tier_confirmed_by;
  if (layer.thresholds_confirmed_by !== undefined) policy.thresholds_confirmed_by = layer.thresholds_confirmed_by;
  if (layer.policy_owners !== undefined) policy.policy_owners = clone(layer.policy_owners);

  const parentRoles = Object.keys(parent.roles);
  for (const [name, role] of Object.entries(layer.roles ?? {})) {
    const existing = policy.roles[name];
    if (existing) {
      policy.roles[name] = { ...existing, ...clone(role) } as ReviewerRolePolicy;
      continue;
    }
    const missing = NEW_ROLE_KEYS.filter((key) => (role as Partial<ReviewerRolePolicy>)[key] === undefined);
    if (missing.length > 0) {
      problems.push({
        message: `roles.${name} is a new role (${parentName} has no role ${name}).${didYouMean(name, parentRoles)} A new role needs window, on_silence and on_objection: add ${words(missing)}`,
        location: ctx.locate(['roles', name]),
      });
      continue;
    }
    policy.roles[name] = clone(role) as ReviewerRolePolicy;
  }

  // Where each criterion lives, so a layer cannot tighten one under another gate by mistake.
  const home = new Map<string, string>();
  for (const gate of policy.gates) for (const criterion of gate.criteria) home.set(criterion.id, gate.id);
  const parentIds = [...home.keys()];

  const addCriterion = (gate: GatePolicy, child: LayerCriterion): void => {
    const missing = NEW_CRITERION_KEYS.filter((key) => child[key] === undefined);
    if (missing.length > 0) {
      problems.push({
        message: `${child.id} is a new criterion (${parentName} has no criterion ${child.id}).${didYouMean(child.id, parentIds)} A new criterion needs ${words([...NEW_CRITERION_KEYS])}: add ${words(missing)}`,
        location: ctx.locate(['criteria', child.id, 'id']),
      });
      return;
    }
    gate.criteria.push(clone(child) as CriterionPolicy);
    home.set(child.id, gate.id);
  };

  const tighten = (gate: GatePolicy, child: LayerCriterion): void => {
    const where = home.get(child.id);
    if (where === undefined) return addCriterion(gate, child);
    if (where !== gate.id) {
      problems.push({
        message: `${child.id} belongs to gate ${where} in ${parentName}: list it under the gate with id ${where} to tighten it (a criterion cannot move between gates)`,
        location: ctx.locate(['criteria', child.id, 'id']),
      });
      return;
    }
    const index = gate.criteria.findIndex((criterion) => criterion.id === child.id);
    gate.criteria[index] = mergeCriterion(gate.criteria[index]!, child);
  };

  const parentGates = parent.gates.map((gate) => gate.id);
  for (const child of layer.gates ?? []) {
    const existing = policy.gates.find((gate) => gate.id === child.id);
    if (existing) {
      if (child.title !== undefined) existing.title = child.title;
      if (child.description !== undefined) existing.description = child.description;
      if (child.stage !== undefined) existing.stage = child.stage;
      for (const criterion of child.criteria ?? []) tighten(existing, criterion);
      continue;
    }
    const missing = NEW_GATE_KEYS.filter((key) => child[key] === undefined);
    if (missing.length > 0) {
      problems.push({
        message: `gates.${child.id} is a new gate (${parentName} has no gate ${child.id}).${didYouMean(child.id, parentGates)} A new gate needs title and criteria: add ${words(missing)}`,
        location: ctx.locate(['gates', child.id, 'id']),
      });
      continue;
    }
    const gate = newGate(child);
    for (const criterion of child.criteria ?? []) tighten(gate, criterion);
    if (gate.criteria.length > 0) policy.gates.push(gate);
  }
  return { policy, problems };
}

function newGate(child: LayerGate): GatePolicy {
  const gate: GatePolicy = { id: child.id, title: child.title!, criteria: [] };
  if (child.description !== undefined) gate.description = child.description;
  if (child.stage !== undefined) gate.stage = child.stage;
  return gate;
}
