// What a policy tightens and what it loosens against another: the rules of layering, one setting at a
// time, each finding named by its setting and placed in the child's file. Cosmetic text (titles,
// descriptions, references, units) is neither.
import { parseDuration } from '../duration.js';
import { EVIDENCE_KEYS, EVIDENCE_KINDS, type LayerComparison } from '../evidence/index.js';
import { branchMatches, isBranchGlob } from '../branches.js';
import { criteriaById } from '../policy.js';
import {
  RISK_TIERS,
  type CriterionPolicy,
  type EvidenceRequirements,
  type Finding,
  type InvalidateOnPush,
  type OwnerRolePolicy,
  type PerTier,
  type Policy,
  type ReviewerRolePolicy,
  type RiskTier,
  type SourceLocation,
} from '../types.js';
import { DEFAULT_REMIND, consentRequiresReminder, remindLead } from '../signoff/reminder.js';
import { settingLabel, type PolicyPath } from './paths.js';

/** One difference: `setting` is its name (roles.legal.window), `message` starts with it. */
export interface PolicyChange extends Finding {
  setting: string;
}

export interface Comparison {
  tightenings: PolicyChange[];
  loosenings: PolicyChange[];
  /**
   * Changes that neither tighten nor loosen what the parent requires: `policy_owners` named over a
   * parent that names no one (they govern changes to the child itself). Listed, never refused.
   */
  changes: PolicyChange[];
}

export interface CompareOptions {
  /** How messages name the parent. */
  parentName: string;
  /** Add what a child may do to each loosening (layering); `policy diff` leaves it out. Default true. */
  advice?: boolean;
}

const PUSH_ORDER: Record<InvalidateOnPush, number> = { never: 0, governed: 1, any: 2 };

const quoted = (list: readonly string[]): string => list.map((item) => `"${item}"`).join(', ');
const plain = (list: readonly string[]): string => list.join(', ');
const lower = (list: readonly string[]): Set<string> => new Set(list.map((item) => item.toLowerCase()));
/** Items of `list` not in `other`, comparing logins and team slugs case-insensitively when `fold`. */
function without(list: readonly string[], other: readonly string[], fold = false): string[] {
  const seen = fold ? lower(other) : new Set(other);
  return list.filter((item) => !seen.has(fold ? item.toLowerCase() : item));
}

function perTierText(value: PerTier<string | number>): string {
  if (typeof value !== 'object') return String(value);
  return RISK_TIERS.filter((tier) => value[tier] !== undefined)
    .map((tier) => `${tier} ${String(value[tier])}`)
    .join(', ');
}
const atTier = <T>(value: PerTier<T> | undefined, tier: RiskTier): T | undefined =>
  value === undefined || typeof value !== 'object' || value === null
    ? (value as T | undefined)
    : (value as Partial<Record<RiskTier, T>>)[tier];

/** How a per-tier setting is read and which way is stricter. */
interface Bound {
  value: (text: string | number) => number;
  stricter: 'lower' | 'higher';
  /** `max_age`, `minimum`, `maximum`: the noun in "sets no …". */
  noun: string;
  words: { stricter: string; weaker: string };
  advice: string;
}

const MAX_AGE: Bound = {
  value: (text) => parseDuration(String(text)) ?? Number.POSITIVE_INFINITY,
  stricter: 'lower',
  noun: 'limit',
  words: { stricter: 'shorter than', weaker: 'longer than' },
  advice: 'a child policy may only shorten max_age',
};
const MINIMUM: Bound = {
  value: Number,
  stricter: 'higher',
  noun: 'minimum',
  words: { stricter: 'above', weaker: 'below' },
  advice: 'a child policy may only raise minimums',
};
const MAXIMUM: Bound = {
  value: Number,
  stricter: 'lower',
  noun: 'maximum',
  words: { stricter: 'below', weaker: 'above' },
  advice: 'a child policy may only lower maximums',
};
const BOUNDS: Record<'max_age' | 'minimum' | 'maximum', Bound> = { max_age: MAX_AGE, minimum: MINIMUM, maximum: MAXIMUM };

/** Compares `child` with `parent`; every finding is placed by `locateChild` in the child's file. */
export function comparePolicies(
  parent: Policy,
  child: Policy,
  locateChild: (path: PolicyPath) => SourceLocation | null,
  options: CompareOptions,
): Comparison {
  const result: Comparison = { tightenings: [], loosenings: [], changes: [] };
  const P = options.parentName;
  const advise = options.advice !== false;
  const tighten = (path: PolicyPath, message: string, at: PolicyPath = path): void => {
    result.tightenings.push({ setting: settingLabel(path), message: `${settingLabel(path)} ${message}`, location: locateChild(at) });
  };
  const change = (path: PolicyPath, message: string): void => {
    result.changes.push({ setting: settingLabel(path), message: `${settingLabel(path)} ${message}`, location: locateChild(path) });
  };
  const loosen = (path: PolicyPath, message: string, advice: string, at: PolicyPath = path): void => {
    result.loosenings.push({
      setting: settingLabel(path),
      message: `${settingLabel(path)} ${message}${advise ? `: ${advice}` : ''}`,
      location: locateChild(at),
    });
  };

  /** A per-tier limit (max_age, min, max): one finding for two single values, else one per tier. */
  const compareBound = (
    path: PolicyPath,
    p: PerTier<string | number> | undefined,
    c: PerTier<string | number> | undefined,
    bound: Bound,
  ): void => {
    if (p === undefined && c === undefined) return;
    if (p === undefined) return tighten(path, `${perTierText(c!)} is a new ${bound.noun} (${P} sets none)`);
    if (c === undefined) return loosen(path, `is removed (${P} sets ${perTierText(p)})`, bound.advice, path.slice(0, -1));
    const one = (at: PolicyPath, pv: string | number | undefined, cv: string | number | undefined): void => {
      if (pv === undefined && cv === undefined) return;
      if (pv === undefined) return tighten(at, `${cv} is a new ${bound.noun} (${P} sets none)`);
      if (cv === undefined) return loosen(at, `sets no ${bound.noun}, where ${P} sets ${pv}`, bound.advice);
      const [a, b] = [bound.value(pv), bound.value(cv)];
      if (a === b) return;
      const stricter = bound.stricter === 'lower' ? b < a : b > a;
      if (stricter) tighten(at, `${cv} is ${bound.words.stricter} ${pv} in ${P}`);
      else loosen(at, `${cv} is ${bound.words.weaker} ${pv} in ${P}`, bound.advice);
    };
    if (typeof p !== 'object' && typeof c !== 'object') return one(path, p, c);
    for (const tier of RISK_TIERS) one([...path, tier], atTier(p, tier), atTier(c, tier));
  };

  /** A list that may only grow (members, required_for, governed_paths). */
  const mayGrow = (
    path: PolicyPath,
    p: readonly string[],
    c: readonly string[],
    what: { advice: string; fold?: boolean; quote?: boolean },
  ): void => {
    const show = what.quote ? quoted : plain;
    const dropped = without(p, c, what.fold);
    const added = without(c, p, what.fold);
    if (dropped.length > 0)
      loosen(path, `drops ${show(dropped)}, which ${P} ${path[path.length - 1] === 'required_for' ? 'requires' : 'lists'}`, what.advice);
    if (added.length > 0) tighten(path, `adds ${show(added)}`);
  };

  /** A boolean whose stricter value is `strict`. */
  const flag = (path: PolicyPath, p: boolean, c: boolean, strict: boolean, advice: string): void => {
    if (p === c) return;
    if (c === strict) tighten(path, `${c} is stricter than ${p} in ${P}`);
    else loosen(path, `${c} is weaker than ${p} in ${P}`, advice);
  };

  // ------------------------------------------------------------ top level
  const pushP = parent.invalidate_on_push ?? 'any';
  const pushC = child.invalidate_on_push ?? 'any';
  if (PUSH_ORDER[pushC] > PUSH_ORDER[pushP]) tighten(['invalidate_on_push'], `${pushC} is stricter than ${pushP} in ${P}`);
  if (PUSH_ORDER[pushC] < PUSH_ORDER[pushP]) {
    loosen(
      ['invalidate_on_push'],
      `${pushC} is weaker than ${pushP} in ${P}`,
      'a child policy may only move it towards any (never → governed → any)',
    );
  }
  mayGrow(['governed_paths'], parent.governed_paths ?? [], child.governed_paths ?? [], {
    advice: 'a child policy may only add governed paths',
    quote: true,
  });

  compareBranches(parent.branches, child.branches, { tighten, loosen, parentName: P });

  // Who confirms a lowered risk tier: adding a confirming role tightens; dropping or replacing it
  // changes who may approve the change, which counts as loosening.
  const tierP = parent.tier_confirmed_by;
  const tierC = child.tier_confirmed_by;
  if (tierP === undefined && tierC !== undefined)
    tighten(['tier_confirmed_by'], `${tierC} must now confirm a lowered risk tier (${P} asks the base owner alone)`);
  else if (tierP !== undefined && tierC === undefined)
    loosen(
      ['tier_confirmed_by'],
      `is removed: ${tierP} no longer confirms a lowered risk tier`,
      'a child policy may not drop the role that confirms risk tiers',
    );
  else if (tierP !== undefined && tierC !== undefined && tierP !== tierC)
    loosen(
      ['tier_confirmed_by'],
      `${tierC} replaces ${tierP} as the role that confirms a lowered risk tier`,
      'a child policy may not change who confirms risk tiers',
    );

  // Who confirms a threshold changed with its evaluation: the same rule as for a lowered tier.
  const thrP = parent.thresholds_confirmed_by;
  const thrC = child.thresholds_confirmed_by;
  if (thrP === undefined && thrC !== undefined)
    tighten(
      ['thresholds_confirmed_by'],
      `${thrC} must now confirm a threshold changed with its evaluation (${P} asks the base owner alone)`,
    );
  else if (thrP !== undefined && thrC !== thrP)
    loosen(
      ['thresholds_confirmed_by'],
      thrC === undefined ? `is removed: ${thrP} no longer confirms a threshold changed with its evaluation` : `${thrC} replaces ${thrP}`,
      'a child policy may not drop or change the role that confirms thresholds',
    );

  // Who may approve a loosening of the policy. Over a parent that names no one, a child's owners
  // govern changes to the child alone: a loosening of the parent stays refused whoever approves it,
  // so naming them loosens nothing the parent requires (an organisation policy over default can say
  // who approves its own changes). Where the parent names owners, more owners are more people who
  // could let a loosening through: a child may drop some, never add one.
  const ownersP = parent.policy_owners;
  const ownersC = child.policy_owners;
  if (ownersP === undefined || ownersP.length === 0) {
    if (ownersC !== undefined && ownersC.length > 0)
      change(['policy_owners'], `names ${ownersC.join(', ')} to approve changes to this policy (${P} names no one)`);
  } else if (ownersC !== undefined) {
    const added = ownersC.filter((o) => !ownersP.some((p) => p.toLowerCase() === o.toLowerCase()));
    const dropped = ownersP.filter((p) => !ownersC.some((o) => o.toLowerCase() === p.toLowerCase()));
    if (added.length > 0)
      loosen(
        ['policy_owners'],
        `adds ${added.join(', ')}, who could then approve a loosening`,
        'a child policy may remove policy owners, not add them',
      );
    if (dropped.length > 0) tighten(['policy_owners'], `drops ${dropped.join(', ')}`);
  } else tighten(['policy_owners'], `is removed: no one may approve a loosening (${P} names ${ownersP.join(', ')})`);

  const waiverP = parent.max_waiver;
  const waiverC = child.max_waiver;
  if (waiverP === undefined && waiverC !== undefined) {
    loosen(
      ['max_waiver'],
      `${waiverC} allows waivers, which ${P} does not (it sets no max_waiver)`,
      'a child policy may not allow waivers its parent forbids',
    );
  } else if (waiverP !== undefined && waiverC === undefined) {
    tighten(['max_waiver'], `is removed: no waiver is accepted (${P} accepts waivers of up to ${waiverP})`, []);
  } else if (waiverP !== undefined && waiverC !== undefined) {
    const [a, b] = [parseDuration(waiverP)!, parseDuration(waiverC)!];
    if (b < a) tighten(['max_waiver'], `${waiverC} is shorter than ${waiverP} in ${P}`);
    if (b > a) loosen(['max_waiver'], `${waiverC} is longer than ${waiverP} in ${P}`, 'a child policy may only shorten max_waiver');
  }

  // The cap across renewals: absent means none, so setting it tightens and removing it loosens.
  const totalP = parent.max_waiver_total;
  const totalC = child.max_waiver_total;
  if (totalP === undefined && totalC !== undefined) {
    tighten(['max_waiver_total'], `${totalC} caps how long a criterion stays waived across renewals, which ${P} does not`);
  } else if (totalP !== undefined && totalC === undefined) {
    loosen(
      ['max_waiver_total'],
      `is removed: a criterion could stay waived renewal after renewal (${P} caps it at ${totalP})`,
      'a child policy may not remove the cap on waivers across renewals',
      [],
    );
  } else if (totalP !== undefined && totalC !== undefined) {
    const [a, b] = [parseDuration(totalP)!, parseDuration(totalC)!];
    if (b < a) tighten(['max_waiver_total'], `${totalC} is shorter than ${totalP} in ${P}`);
    if (b > a)
      loosen(['max_waiver_total'], `${totalC} is longer than ${totalP} in ${P}`, 'a child policy may only shorten max_waiver_total');
  }

  // ------------------------------------------------------------ roles
  const parentCriteria = criteriaById(parent);
  const childCriteria = criteriaById(child);
  for (const [name, role] of Object.entries(parent.roles)) {
    const mine = child.roles[name];
    if (!mine) {
      loosen(['roles', name], `is removed (${P} defines it)`, 'a child policy may not remove roles', ['roles']);
      continue;
    }
    if (name === 'owner') compareOwner(role as OwnerRolePolicy, mine as OwnerRolePolicy);
    else compareReviewer(name, role as ReviewerRolePolicy, mine as ReviewerRolePolicy);
  }
  for (const name of Object.keys(child.roles)) if (!parent.roles[name]) compareNewRole(name);

  /**
   * A new reviewer role tightens only while it can approve nothing the parent's policy decides: its
   * members may be anyone the manifest names, so a role that can stand in for another is a loosening.
   * It can when a criterion the parent has asks for its sign-off, when it confirms a lowered risk tier,
   * or when a waiver could name it (`max_waiver` set and a waivable criterion whose waiver_approvers
   * do not exclude it). A new criterion that asks for the new role only adds a requirement.
   */
  function compareNewRole(name: string): void {
    const powers: string[] = [];
    const signs = [...childCriteria.values()]
      .filter(({ criterion }) => criterion.evidence.signoff === name && parentCriteria.has(criterion.id))
      .map(({ criterion }) => criterion.id);
    if (signs.length > 0)
      powers.push(`its approval would meet the sign-off of ${plain(signs)}, which ${P} asks of another role or of none`);
    if (child.tier_confirmed_by === name) powers.push('it would confirm a lowered risk tier (tier_confirmed_by)');
    if (child.thresholds_confirmed_by === name)
      powers.push('it would confirm a threshold changed with its evaluation (thresholds_confirmed_by)');
    const waivable =
      child.max_waiver === undefined
        ? []
        : [...childCriteria.values()]
            .filter(
              ({ criterion }) =>
                criterion.waivable === true && (criterion.waiver_approvers === undefined || criterion.waiver_approvers.includes(name)),
            )
            .map(({ criterion }) => criterion.id);
    if (waivable.length > 0) powers.push(`a waiver of ${plain(waivable)} could name it in approved_by`);
    if (powers.length === 0) return tighten(['roles', name], 'is a new reviewer role');
    loosen(
      ['roles', name],
      `is a new reviewer role that could approve what ${P} leaves to its own roles: ${powers.join('; ')}`,
      "a child policy may add a role only where it approves nothing its parent decides: limit waiver_approvers on every waivable criterion to the parent's roles, and ask for its sign-off only in new criteria",
    );
  }

  function compareOwner(p: OwnerRolePolicy, c: OwnerRolePolicy): void {
    const path = ['roles', 'owner', 'allowed'];
    if (p.allowed === undefined && c.allowed !== undefined)
      tighten(path, `limits the accountable owner to ${plain(c.allowed)} (${P} allows anyone)`);
    else if (p.allowed !== undefined && c.allowed === undefined) {
      loosen(
        path,
        `is removed, so anyone could be the accountable owner (${P} allows only ${plain(p.allowed)})`,
        'a child policy may only narrow roles.owner.allowed',
        ['roles', 'owner'],
      );
    } else if (p.allowed !== undefined && c.allowed !== undefined) {
      const extra = without(c.allowed, p.allowed, true);
      const dropped = without(p.allowed, c.allowed, true);
      if (extra.length > 0)
        loosen(path, `adds ${plain(extra)}, which ${P} does not allow`, 'a child policy may only narrow the allowed owners');
      if (dropped.length > 0) tighten(path, `drops ${plain(dropped)}`);
    }
    flag(
      ['roles', 'owner', 'allow_self'],
      p.allow_self === true,
      c.allow_self === true,
      false,
      'a child policy may only turn allow_self off',
    );
  }

  function compareReviewer(name: string, p: ReviewerRolePolicy, c: ReviewerRolePolicy): void {
    const at = (key: string): PolicyPath => ['roles', name, key];
    const [windowP, windowC] = [parseDuration(p.window)!, parseDuration(c.window)!];
    if (windowC < windowP)
      loosen(at('window'), `${c.window} is shorter than ${p.window} in ${P}`, 'a child policy may only lengthen windows');
    if (windowC > windowP) tighten(at('window'), `${c.window} is longer than ${p.window} in ${P}`);
    if (p.on_silence !== c.on_silence) {
      if (c.on_silence === 'block') tighten(at('on_silence'), `block is stricter than consent in ${P}`);
      else loosen(at('on_silence'), `consent is weaker than block in ${P}`, 'a child policy may only turn consent into block');
    }
    if (p.on_objection !== c.on_objection) {
      if (c.on_objection === 'block') tighten(at('on_objection'), `block is stricter than advise in ${P}`);
      else loosen(at('on_objection'), `advise is weaker than block in ${P}`, 'a child policy may only turn advise into block');
    }
    // Members are who may approve for the role: more of them is a loosening, fewer a tightening.
    if (p.members === undefined && c.members !== undefined)
      tighten(at('members'), `fixes the members to ${plain(c.members)} (${P} lets the manifest name them)`);
    else if (p.members !== undefined && c.members === undefined) {
      loosen(
        at('members'),
        `is removed, so the manifest would name the reviewers (${P} fixes them to ${plain(p.members)})`,
        'a child policy may remove members from a role, not open it to whoever the manifest names',
        ['roles', name],
      );
    } else if (p.members !== undefined && c.members !== undefined) {
      const added = without(c.members, p.members, true);
      const dropped = without(p.members, c.members, true);
      if (added.length > 0) {
        loosen(
          at('members'),
          `adds ${plain(added)}, whom ${P} does not let approve for ${name}`,
          'a child policy may remove members from a role, not add them: more people could then approve for it',
        );
      }
      // Every member gone: nobody can approve for the role, so whatever needs it blocks (stricter still).
      if (c.members.length === 0)
        tighten(
          at('members'),
          `drops every member (${plain(p.members)}): nobody can approve for ${name}, so what needs its approval blocks`,
        );
      else if (dropped.length > 0) tighten(at('members'), `drops ${plain(dropped)}`);
    }
    // No required_for means every tier.
    mayGrow(at('required_for'), p.required_for ?? RISK_TIERS, c.required_for ?? RISK_TIERS, {
      advice: 'a child policy may only add tiers',
    });
    // A longer reminder lead gives reviewers more notice before silence decides: stricter.
    const [leadP, leadC] = [remindLead(p), remindLead(c)];
    const leadText = (rules: ReviewerRolePolicy): string =>
      rules.remind === false ? 'false (no reminder)' : (rules.remind ?? DEFAULT_REMIND);
    if (leadP !== leadC) {
      if (leadC !== null && (leadP === null || leadC > leadP))
        tighten(at('remind'), `${leadText(c)} gives more notice than ${leadText(p)} in ${P}`);
      else
        loosen(
          at('remind'),
          `${leadText(c)} gives less notice than ${leadText(p)} in ${P}`,
          'a child policy may only lengthen remind or turn it on',
        );
    }
    // Waiting for the reminder before silence counts as consent is stricter, tier by tier.
    const on = RISK_TIERS.filter((tier) => !consentRequiresReminder(p, tier) && consentRequiresReminder(c, tier));
    const off = RISK_TIERS.filter((tier) => consentRequiresReminder(p, tier) && !consentRequiresReminder(c, tier));
    if (on.length > 0)
      tighten(at('consent_requires_reminder'), `silence counts as consent only after the reminder for ${plain(on)} (not so in ${P})`);
    if (off.length > 0)
      loosen(
        at('consent_requires_reminder'),
        `silence would count as consent without a reminder for ${plain(off)} (${P} requires one)`,
        'a child policy may only turn consent_requires_reminder on',
      );
  }

  // ------------------------------------------------------------ gates and criteria
  for (const gate of parent.gates) {
    const mine = child.gates.find((g) => g.id === gate.id);
    const [stageP, stageC] = [gate.stage ?? 'production', mine?.stage ?? 'production'];
    if (mine && stageP !== stageC)
      loosen(
        ['gates', gate.id, 'stage'],
        `${stageC} differs from ${stageP} in ${P}`,
        'a child policy may not move a gate to another stage',
      );
  }
  for (const [id, { gate, criterion }] of parentCriteria) {
    const mine = childCriteria.get(id);
    if (!mine)
      loosen(['criteria', id], `is removed (${P} has it in gate ${gate.id})`, 'a child policy may not remove criteria', ['gates', gate.id]);
    else compareCriterion(id, criterion, mine.criterion);
  }
  for (const [id, { gate }] of childCriteria) {
    if (parentCriteria.has(id)) continue;
    const isNewGate = !parent.gates.some((g) => g.id === gate.id);
    tighten(['criteria', id], `is a new criterion in ${isNewGate ? 'the new gate' : 'gate'} ${gate.id}`);
  }

  function compareCriterion(id: string, p: CriterionPolicy, c: CriterionPolicy): void {
    const at = (...rest: string[]): PolicyPath => ['criteria', id, ...rest];
    mayGrow(at('required_for'), p.required_for, c.required_for, { advice: 'a child policy may only add tiers' });
    flag(
      at('allow_not_applicable'),
      p.allow_not_applicable,
      c.allow_not_applicable,
      false,
      'a child policy may only forbid not_applicable',
    );
    flag(at('waivable'), p.waivable === true, c.waivable === true, false, 'a child policy may only make a criterion unwaivable');
    compareWaiverApprovers(id, p.waiver_approvers, c.waiver_approvers);
    compareEvidence(id, p.evidence, c.evidence);
  }

  /** Who may approve a waiver of the criterion (absent: any reviewer role): fewer roles tighten, more loosen. */
  function compareWaiverApprovers(id: string, p: readonly string[] | undefined, c: readonly string[] | undefined): void {
    const path: PolicyPath = ['criteria', id, 'waiver_approvers'];
    const advice = 'a child policy may only remove roles from waiver_approvers';
    if (p === undefined && c === undefined) return;
    if (p === undefined)
      return tighten(path, `limits who may approve a waiver of ${id} to ${plain(c!)} (${P} lets any reviewer role approve one)`);
    if (c === undefined)
      return loosen(path, `is removed, so any reviewer role could approve a waiver of ${id} (${P} allows only ${plain(p)})`, advice, [
        'criteria',
        id,
      ]);
    const added = without(c, p);
    const dropped = without(p, c);
    if (added.length > 0) loosen(path, `adds ${plain(added)}, which ${P} does not let approve a waiver of ${id}`, advice);
    if (dropped.length > 0) tighten(path, `drops ${plain(dropped)}`);
  }

  function compareEvidence(id: string, p: EvidenceRequirements, c: EvidenceRequirements): void {
    const at = (...rest: string[]): PolicyPath => ['criteria', id, 'evidence', ...rest];
    for (const kind of EVIDENCE_KEYS) {
      if (p[kind] === undefined && c[kind] !== undefined) {
        tighten(
          at(kind),
          kind === 'signoff'
            ? `${c.signoff} is a new evidence requirement (an explicit approval by that role)`
            : 'is a new evidence requirement',
        );
      }
      if (p[kind] !== undefined && c[kind] === undefined) {
        loosen(at(kind), `is removed (${P} asks for ${kind} evidence)`, 'a child policy may only add evidence kinds', at());
      }
    }
    // Each kind judges its own settings (src/core/evidence/<kind>.ts); a role's sign-off is judged here.
    const ops: LayerComparison = {
      parent: P,
      at,
      tighten: (path, message) => tighten(path, message),
      loosen: (path, message, advice, shownAt) => loosen(path, message, advice, shownAt ?? path),
      bound: (path, parentValue, childValue, kind) => compareBound(path, parentValue, childValue, BOUNDS[kind]),
    };
    for (const kind of EVIDENCE_KINDS) kind.compareLayer(p, c, ops);
    if (p.signoff !== undefined && c.signoff !== undefined && p.signoff !== c.signoff) {
      loosen(
        at('signoff'),
        `${c.signoff} differs from ${p.signoff} in ${P}`,
        'a child policy may only add a sign-off where its parent has none, never change it',
      );
    }
  }

  return {
    tightenings: result.tightenings.sort(byPlace),
    loosenings: result.loosenings.sort(byPlace),
    changes: result.changes.sort(byPlace),
  };
}

/** In file order: by file, line and column (a stable sort keeps the rule order within a node). */
function byPlace(a: Finding, b: Finding): number {
  const [x, y] = [a.location, b.location];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}

/**
 * The base branches whose pull requests may pass: a child may drop branches (or narrow a glob to
 * names it matches), never add one. Absent means the repository's default branch, whose name a
 * policy cannot know, so a child that lists any branch under a parent that lists none is a loosening
 * (the branches to gate beyond the default one are listed at the root of the chain).
 */
function compareBranches(
  p: readonly string[] | undefined,
  c: readonly string[] | undefined,
  out: {
    tighten: (path: PolicyPath, message: string) => void;
    loosen: (path: PolicyPath, message: string, advice: string) => void;
    parentName: string;
  },
): void {
  const path: PolicyPath = ['branches'];
  const P = out.parentName;
  const advice = 'a child policy may only drop branches its parent lists; list every gated branch in the root policy of the chain';
  if (p === undefined && c === undefined) return;
  if (p === undefined) {
    if (c!.length === 0) return out.tighten(path, `gates no branch (${P} gates the repository's default branch)`);
    return out.loosen(path, `lists ${quoted(c!)}, where ${P} gates only the repository's default branch`, advice);
  }
  if (c === undefined)
    return out.loosen(path, `is removed: the repository's default branch would be gated instead of ${quoted(p)} in ${P}`, advice);
  // A name the parent's glob matches adds nothing; a glob counts only as the very glob the parent lists.
  const added = c.filter((entry) => !p.includes(entry) && (isBranchGlob(entry) || !branchMatches(p, entry)));
  const dropped = p.filter((entry) => !c.includes(entry));
  if (added.length > 0) out.loosen(path, `adds ${quoted(added)}, which ${P} does not gate`, advice);
  if (dropped.length > 0) out.tighten(path, `drops ${quoted(dropped)}`);
}
