// The comparison kinds of the settings table: which way a value may move under a child policy, and the
// words for each move. A kind judges two values and reports through a Judging (setting.ts).
import { parseDuration } from '../duration.js';
import { branchMatches, isBranchGlob } from '../branches.js';
import { RISK_TIERS, type PerTier, type RiskTier } from '../types.js';
import type { Judging } from './setting.js';

/** Judges a parent's and a child's value of one setting. */
export type Compare<V> = (parent: V | undefined, child: V | undefined, judging: Judging) => void;
type Strings = readonly string[];

const quoted = (list: Strings): string => list.map((item) => `"${item}"`).join(', ');
export const plain = (list: Strings): string => list.join(', ');
const lower = (list: Strings): Set<string> => new Set(list.map((item) => item.toLowerCase()));
/** Items of `list` not in `other`, comparing logins and team slugs case-insensitively when `fold`. */
function without(list: Strings, other: Strings, fold = false): string[] {
  const seen = fold ? lower(other) : new Set(other);
  return list.filter((item) => !seen.has(fold ? item.toLowerCase() : item));
}

/** Cosmetic text (titles, descriptions, references): neither tightens nor loosens. */
export const unjudged: Compare<unknown> = () => {};

/**
 * A setting whose absence means something of its own (no waivers, anyone, the base owner alone):
 * `added` and `removed` word its appearing and disappearing, `both` judges two stated values.
 */
export function optional<V>(cases: {
  both?: (parent: V, child: V, judging: Judging) => void;
  added?: (child: V, judging: Judging) => void;
  removed?: (parent: V, judging: Judging) => void;
}): Compare<V> {
  return (p, c, s) => {
    if (p === undefined && c === undefined) return;
    if (p === undefined) cases.added?.(c!, s);
    else if (c === undefined) cases.removed?.(p, s);
    else cases.both?.(p, c, s);
  };
}

/** One of a few values in order, the later ones stricter (never → governed → any, consent → block). */
export const ordered =
  (order: Strings): Compare<string> =>
  (p, c, s) => {
    const [a, b] = [order.indexOf(p!), order.indexOf(c!)];
    if (b > a) s.tighten(`${c} is stricter than ${p} in ${s.parent}`);
    if (b < a) s.loosen(`${c} is weaker than ${p} in ${s.parent}`);
  };

/** A boolean whose stricter value is `strict`. */
export const flag =
  (strict: boolean): Compare<boolean> =>
  (p, c, s) => {
    if (p === c) return;
    if (c === strict) s.tighten(`${c} is stricter than ${p} in ${s.parent}`);
    else s.loosen(`${c} is weaker than ${p} in ${s.parent}`);
  };

/** Two stated durations, of which the `stricter` one tightens (a window may lengthen, max_waiver shorten). */
export const duration =
  (stricter: 'shorter' | 'longer') =>
  (p: string, c: string, s: Judging): void => {
    const [a, b] = [parseDuration(p)!, parseDuration(c)!];
    if (b < a) report(s, stricter === 'shorter', `${c} is shorter than ${p} in ${s.parent}`);
    if (b > a) report(s, stricter === 'longer', `${c} is longer than ${p} in ${s.parent}`);
  };
const report = (s: Judging, tightens: boolean, message: string): void => (tightens ? s.tighten(message) : s.loosen(message));

/** A stated value that may not change at all (a gate's stage, a criterion's sign-off role). */
export const fixed: Compare<string> = (p, c, s) => {
  if (p !== undefined && c !== undefined && p !== c) s.loosen(`${c} differs from ${p} in ${s.parent}`);
};

/** A list that may only grow (governed_paths, required_for): a dropped item loosens, an added one tightens. */
export const mayGrow =
  (options: { quote?: boolean } = {}): Compare<Strings> =>
  (p, c, s) => {
    const show = options.quote ? quoted : plain;
    const dropped = without(p!, c!);
    const added = without(c!, p!);
    if (dropped.length > 0)
      s.loosen(`drops ${show(dropped)}, which ${s.parent} ${s.path.at(-1) === 'required_for' ? 'requires' : 'lists'}`);
    if (added.length > 0) s.tighten(`adds ${show(added)}`);
  };

/**
 * Who may approve, as a list that may only narrow (members, allowed owners, waiver approvers, policy
 * owners): an added login, team or role loosens, a dropped one tightens. `dropped` words the drop
 * (null: nothing to say); a login or team compares case-insensitively when `fold`.
 */
export function mayNarrow(words: {
  fold?: boolean;
  added: (added: Strings, s: Judging) => string;
  dropped?: (dropped: Strings, p: Strings, c: Strings, s: Judging) => string | null;
}): (p: Strings, c: Strings, s: Judging) => void {
  return (p, c, s) => {
    const added = without(c, p, words.fold);
    const dropped = without(p, c, words.fold);
    if (added.length > 0) s.loosen(words.added(added, s), s.advice('added'));
    const drop = words.dropped ? words.dropped(dropped, p, c, s) : dropped.length > 0 ? `drops ${plain(dropped)}` : null;
    if (drop !== null) s.tighten(drop);
  };
}

/**
 * The base branches whose pull requests may pass: a child may drop branches (or narrow a glob to
 * names it matches), never add one. Absent means the repository's default branch, whose name a
 * policy cannot know, so a child that lists any branch under a parent that lists none is a loosening
 * (the branches to gate beyond the default one are listed at the root of the chain).
 */
export const branches: Compare<Strings> = optional<Strings>({
  added: (c, s) =>
    c.length === 0
      ? s.tighten(`gates no branch (${s.parent} gates the repository's default branch)`)
      : s.loosen(`lists ${quoted(c)}, where ${s.parent} gates only the repository's default branch`),
  removed: (p, s) => s.loosen(`is removed: the repository's default branch would be gated instead of ${quoted(p)} in ${s.parent}`),
  both: (p, c, s) => {
    // A name the parent's glob matches adds nothing; a glob counts only as the very glob the parent lists.
    const added = c.filter((entry) => !p.includes(entry) && (isBranchGlob(entry) || !branchMatches(p, entry)));
    const dropped = p.filter((entry) => !c.includes(entry));
    if (added.length > 0) s.loosen(`adds ${quoted(added)}, which ${s.parent} does not gate`);
    if (dropped.length > 0) s.tighten(`drops ${quoted(dropped)}`);
  },
});

/**
 * Who may approve a loosening of the policy. Over a parent that names no one, a child's owners
 * govern changes to the child alone: a loosening of the parent stays refused whoever approves it,
 * so naming them loosens nothing the parent requires (an organisation policy over default can say
 * who approves its own changes). Where the parent names owners, more owners are more people who
 * could let a loosening through: a child may drop some, never add one.
 */
export const policyOwners: Compare<Strings> = (p, c, s) => {
  if (p === undefined || p.length === 0) {
    if (c !== undefined && c.length > 0) s.change(`names ${plain(c)} to approve changes to this policy (${s.parent} names no one)`);
  } else if (c !== undefined) {
    mayNarrow({ fold: true, added: (added) => `adds ${plain(added)}, who could then approve a loosening` })(p, c, s);
  } else s.tighten(`is removed: no one may approve a loosening (${s.parent} names ${plain(p)})`);
};

/** How long before a role's deadline it is reminded (null: never), and how the policy words it. */
export interface Notice {
  lead: number | null;
  text: string;
}

/** A longer reminder lead gives reviewers more notice before silence decides: stricter. */
export const notice: Compare<Notice> = (p, c, s) => {
  if (p!.lead === c!.lead) return;
  const [a, b] = [p!.lead, c!.lead];
  if (b !== null && (a === null || b > a)) s.tighten(`${c!.text} gives more notice than ${p!.text} in ${s.parent}`);
  else s.loosen(`${c!.text} gives less notice than ${p!.text} in ${s.parent}`);
};

/** Tiers for which a per-tier switch is on, and that may only be turned on: `on` and `off` word each move. */
export const tiersOn =
  (words: { on: (tiers: Strings, s: Judging) => string; off: (tiers: Strings, s: Judging) => string }): Compare<Strings> =>
  (p, c, s) => {
    const on = without(c!, p!);
    const off = without(p!, c!);
    if (on.length > 0) s.tighten(words.on(on, s));
    if (off.length > 0) s.loosen(words.off(off, s));
  };

// ---------------------------------------------------------------- per-tier bounds (evidence kinds)

/** How a per-tier setting is read and which way is stricter. */
interface Bound {
  value: (text: string | number) => number;
  stricter: 'lower' | 'higher';
  /** `max_age`, `minimum`, `maximum`: the noun in "sets no …". */
  noun: string;
  words: { stricter: string; weaker: string };
  advice: string;
}

export const BOUNDS: Record<'max_age' | 'minimum' | 'maximum', Bound> = {
  max_age: {
    value: (text) => parseDuration(String(text)) ?? Number.POSITIVE_INFINITY,
    stricter: 'lower',
    noun: 'limit',
    words: { stricter: 'shorter than', weaker: 'longer than' },
    advice: 'a child policy may only shorten max_age',
  },
  minimum: {
    value: Number,
    stricter: 'higher',
    noun: 'minimum',
    words: { stricter: 'above', weaker: 'below' },
    advice: 'a child policy may only raise minimums',
  },
  maximum: {
    value: Number,
    stricter: 'lower',
    noun: 'maximum',
    words: { stricter: 'below', weaker: 'above' },
    advice: 'a child policy may only lower maximums',
  },
};

type Limit = string | number;

function perTierText(value: PerTier<Limit>): string {
  if (typeof value !== 'object') return String(value);
  return RISK_TIERS.filter((tier) => value[tier] !== undefined)
    .map((tier) => `${tier} ${String(value[tier])}`)
    .join(', ');
}
const atTier = (value: PerTier<Limit>, tier: RiskTier): Limit | undefined => (typeof value === 'object' ? value[tier] : value);

/** One tier's limit (or the one limit of every tier). */
function oneBound(bound: Bound, pv: Limit | undefined, cv: Limit | undefined, s: Judging): void {
  if (pv === undefined && cv === undefined) return;
  if (pv === undefined) return s.tighten(`${cv} is a new ${bound.noun} (${s.parent} sets none)`);
  if (cv === undefined) return s.loosen(`sets no ${bound.noun}, where ${s.parent} sets ${pv}`, bound.advice);
  const [a, b] = [bound.value(pv), bound.value(cv)];
  if (a === b) return;
  const stricter = bound.stricter === 'lower' ? b < a : b > a;
  if (stricter) s.tighten(`${cv} is ${bound.words.stricter} ${pv} in ${s.parent}`);
  else s.loosen(`${cv} is ${bound.words.weaker} ${pv} in ${s.parent}`, bound.advice);
}

/** A per-tier limit (max_age, min, max) that may only get stricter: one finding for two single values, else one per tier. */
export const perTierBound = (bound: Bound): Compare<PerTier<Limit>> =>
  optional<PerTier<Limit>>({
    added: (c, s) => s.tighten(`${perTierText(c)} is a new ${bound.noun} (${s.parent} sets none)`),
    removed: (p, s) => s.loosen(`is removed (${s.parent} sets ${perTierText(p)})`, bound.advice, s.path.slice(0, -1)),
    both: (p, c, s) => {
      if (typeof p !== 'object' && typeof c !== 'object') return oneBound(bound, p, c, s);
      for (const tier of RISK_TIERS) oneBound(bound, atTier(p, tier), atTier(c, tier), s.at([...s.path, tier]));
    },
  });
