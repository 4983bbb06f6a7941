// The structural rows of the settings table: roles by name, gates and criteria by id, a criterion's
// evidence by kind. Each compares and merges its items and hands every item's own settings back to the
// table (Judging.within, Merging.within), so that a setting is a row, wherever it sits.
import { EVIDENCE_KEYS, EVIDENCE_KINDS, type LayerComparison } from '../evidence/index.js';
import { criteriaById, type CriterionEntry } from '../criteria.js';
import { didYouMean } from '../suggest.js';
import type { CriterionPolicy, EvidenceRequirements, GatePolicy, Policy, PolicyLayer } from '../types.js';
import { BOUNDS, perTierBound, plain, type Compare } from './comparisons.js';
import type { PolicyPath } from './paths.js';
import type { Holder, Judging, Merging } from './setting.js';

type Roles = Policy['roles'];
type LayerGate = NonNullable<PolicyLayer['gates']>[number];
type LayerCriterion = Partial<CriterionPolicy> & { id: string };
type Criteria = ReadonlyMap<string, CriterionEntry>;

/** The table's rows for the items of one collection: the owner's and a reviewer role's differ. */
const rolePattern = (name: string): PolicyPath => ['roles', name === 'owner' ? 'owner' : '*'];

/** `a, b and c` */
function words(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

// ---------------------------------------------------------------- compare

/** Roles by name: a role removed loosens; a new reviewer role tightens only while it can approve nothing the parent decides. */
export const compareRoles: Compare<Roles> = (p, c, s) => {
  for (const [name, role] of Object.entries(p!)) {
    const mine = c![name];
    if (!mine) s.at(['roles', name]).loosen(`is removed (${s.parent} defines it)`, s.advice('removed'), ['roles']);
    else s.within(rolePattern(name), ['roles', name], role, mine);
  }
  for (const name of Object.keys(c!)) if (!p![name]) compareNewRole(name, s);
};

/**
 * A new reviewer role tightens only while it can approve nothing the parent's policy decides: its
 * members may be anyone the manifest names, so a role that can stand in for another is a loosening.
 * It can when a criterion the parent has asks for its sign-off, when it confirms a lowered risk tier,
 * or when a waiver could name it (`max_waiver` set and a waivable criterion whose waiver_approvers
 * do not exclude it). A new criterion that asks for the new role only adds a requirement.
 */
function compareNewRole(name: string, s: Judging): void {
  const { parent, child } = s.policies;
  const powers: string[] = [];
  const parentCriteria = criteriaById(parent);
  const childCriteria = [...criteriaById(child).values()].map((entry) => entry.criterion);
  const signs = childCriteria.filter((criterion) => criterion.evidence.signoff === name && parentCriteria.has(criterion.id));
  if (signs.length > 0)
    powers.push(
      `its approval would meet the sign-off of ${plain(signs.map((criterion) => criterion.id))}, which ${s.parent} asks of another role or of none`,
    );
  if (child.tier_confirmed_by === name) powers.push('it would confirm a lowered risk tier (tier_confirmed_by)');
  if (child.thresholds_confirmed_by === name)
    powers.push('it would confirm a threshold changed with its evaluation (thresholds_confirmed_by)');
  const waivable =
    child.max_waiver === undefined
      ? []
      : childCriteria.filter(
          (criterion) =>
            criterion.waivable === true && (criterion.waiver_approvers === undefined || criterion.waiver_approvers.includes(name)),
        );
  if (waivable.length > 0) powers.push(`a waiver of ${plain(waivable.map((criterion) => criterion.id))} could name it in approved_by`);
  const role = s.at(['roles', name]);
  if (powers.length === 0) return role.tighten('is a new reviewer role');
  role.loosen(
    `is a new reviewer role that could approve what ${s.parent} leaves to its own roles: ${powers.join('; ')}`,
    s.advice('new role'),
  );
}

/** Gates by id: a gate both policies have compares its own settings; its criteria are compared by id. */
export const compareGates: Compare<readonly GatePolicy[]> = (p, c, s) => {
  for (const gate of p!) {
    const mine = c!.find((g) => g.id === gate.id);
    if (mine) s.within(['gates', '*'], ['gates', gate.id], gate, mine);
  }
};

/** Criteria by id, whatever their gate: a criterion removed loosens, a new one tightens. */
export const compareCriteria: Compare<Criteria> = (p, c, s) => {
  for (const [id, { gate, criterion }] of p!) {
    const mine = c!.get(id);
    if (!mine) s.at(['criteria', id]).loosen(`is removed (${s.parent} has it in gate ${gate.id})`, s.advice('removed'), ['gates', gate.id]);
    else s.within(['criteria', '*'], ['criteria', id], criterion, mine.criterion);
  }
  for (const [id, { gate }] of c!) {
    if (p!.has(id)) continue;
    const isNewGate = !s.policies.parent.gates.some((g) => g.id === gate.id);
    s.at(['criteria', id]).tighten(`is a new criterion in ${isNewGate ? 'the new gate' : 'gate'} ${gate.id}`);
  }
};

/**
 * A criterion's evidence: a kind added tightens, a kind removed loosens; each kind then judges its own
 * settings (src/core/evidence/<kind>.ts), and the rows under `evidence` (a role's sign-off) come last.
 */
export const compareEvidence: Compare<EvidenceRequirements> = (p, c, s) => {
  for (const kind of EVIDENCE_KEYS) {
    if (p![kind] === undefined && c![kind] !== undefined) {
      s.at([...s.path, kind]).tighten(
        kind === 'signoff'
          ? `${c!.signoff} is a new evidence requirement (an explicit approval by that role)`
          : 'is a new evidence requirement',
      );
    }
    if (p![kind] !== undefined && c![kind] === undefined)
      s.at([...s.path, kind]).loosen(`is removed (${s.parent} asks for ${kind} evidence)`, s.advice('removed'), s.path);
  }
  const ops: LayerComparison = {
    parent: s.parent,
    at: (...rest) => [...s.path, ...rest],
    tighten: (path, message) => s.at(path).tighten(message),
    loosen: (path, message, advice, shownAt) => s.at(path).loosen(message, advice, shownAt ?? path),
    bound: (path, parentValue, childValue, kind) => perTierBound(BOUNDS[kind])(parentValue, childValue, s.at(path)),
  };
  for (const kind of EVIDENCE_KINDS) kind.compareLayer(p!, c!, ops);
  s.within(['criteria', '*', 'evidence'], s.path, p!, c!);
};

// ---------------------------------------------------------------- merge

const clone = <T>(value: T): T => structuredClone(value);
/** Does a layer's role, gate or criterion state this setting? */
const states = (item: Holder, key: string): boolean => (item as Record<string, unknown>)[key] !== undefined;

/**
 * Roles by name: a role the parent has takes each setting the layer states; a new one must be a
 * complete reviewer role (window, on_silence, on_objection), with a "did you mean" for a near miss.
 */
export function mergeRoles(into: Record<string, unknown>, value: unknown, m: Merging): void {
  const roles = into.roles as Record<string, Record<string, unknown>>;
  const parentRoles = Object.keys(roles);
  const needs = m.required(['roles', '*']);
  for (const [name, role] of Object.entries(value as Record<string, Holder>)) {
    const existing = roles[name];
    if (existing) {
      m.within(rolePattern(name), existing, role);
      continue;
    }
    const missing = needs.filter((key) => !states(role, key));
    if (missing.length > 0) {
      m.problems.push({
        message: `roles.${name} is a new role (${m.parentName} has no role ${name}).${didYouMean(name, parentRoles)} A new role needs ${words(needs)}: add ${words(missing)}`,
        location: m.locate(['roles', name]),
      });
      continue;
    }
    roles[name] = clone(role) as Record<string, unknown>;
  }
}

/** Gates by id: a gate the parent has takes each setting the layer states; a new one needs a title and criteria. */
export function mergeGates(into: Record<string, unknown>, value: unknown, m: Merging): void {
  const gates = into.gates as GatePolicy[];
  const parentGates = gates.map((gate) => gate.id);
  const needs = m.required(['gates', '*']);
  for (const child of value as LayerGate[]) {
    const existing = gates.find((gate) => gate.id === child.id);
    if (existing) {
      m.within(['gates', '*'], existing, child);
      continue;
    }
    const missing = needs.filter((key) => !states(child, key));
    if (missing.length > 0) {
      m.problems.push({
        message: `gates.${child.id} is a new gate (${m.parentName} has no gate ${child.id}).${didYouMean(child.id, parentGates)} A new gate needs ${words(needs)}: add ${words(missing)}`,
        location: m.locate(['gates', child.id, 'id']),
      });
      continue;
    }
    const gate = newGate(child);
    m.within(['gates', '*'], gate, child);
    if (gate.criteria.length > 0) gates.push(gate);
  }
}

function newGate(child: LayerGate): GatePolicy {
  const gate: GatePolicy = { id: child.id, title: child.title!, criteria: [] };
  if (child.description !== undefined) gate.description = child.description;
  if (child.stage !== undefined) gate.stage = child.stage;
  return gate;
}

/**
 * A gate's criteria, by id: a criterion the parent has must be tightened under the gate that holds it,
 * and then takes each setting the layer states; a new one must be complete and joins this gate.
 */
export function mergeCriteria(into: Record<string, unknown>, value: unknown, m: Merging): void {
  const list = into.criteria as CriterionPolicy[];
  const gateId = (into as { id?: string }).id ?? '';
  const needs = m.required(['criteria', '*']);
  for (const child of value as LayerCriterion[]) {
    const where = m.home.get(child.id);
    if (where === undefined) addCriterion(list, gateId, child, needs, m);
    else if (where !== gateId) {
      m.problems.push({
        message: `${child.id} belongs to gate ${where} in ${m.parentName}: list it under the gate with id ${where} to tighten it (a criterion cannot move between gates)`,
        location: m.locate(['criteria', child.id, 'id']),
      });
    } else {
      const criterion = list.find((entry) => entry.id === child.id)!;
      m.within(['criteria', '*'], criterion, child);
    }
  }
}

function addCriterion(list: CriterionPolicy[], gateId: string, child: LayerCriterion, needs: readonly string[], m: Merging): void {
  const missing = needs.filter((key) => !states(child, key));
  if (missing.length > 0) {
    m.problems.push({
      message: `${child.id} is a new criterion (${m.parentName} has no criterion ${child.id}).${didYouMean(child.id, m.parentCriteria)} A new criterion needs ${words(needs)}: add ${words(missing)}`,
      location: m.locate(['criteria', child.id, 'id']),
    });
    return;
  }
  list.push(clone(child) as CriterionPolicy);
  m.home.set(child.id, gateId);
}

/** A criterion's evidence: each kind merges its own settings (src/core/evidence/<kind>.ts), then the rows under `evidence`. */
export function mergeEvidence(into: Record<string, unknown>, value: unknown, m: Merging): void {
  const merged = into.evidence as EvidenceRequirements;
  const child = value as Partial<EvidenceRequirements>;
  for (const kind of EVIDENCE_KINDS) kind.mergeLayer(merged, child);
  m.within(['criteria', '*', 'evidence'], merged, child);
}
