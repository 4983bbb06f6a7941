// What a row of the settings table is (settings.ts), and what its comparison and merge are handed:
// compare.ts and merge.ts walk the table and give each row these, so a row never walks a policy itself.
import type { Finding, Policy, SourceLocation } from '../types.js';
import type { PolicyPath } from './paths.js';

/** The object a setting is a key of: the policy, a role, a gate, a criterion or a criterion's evidence. */
export type Holder = object;

/** How one setting of one role, gate or criterion is reported, once its comparison kind has judged it. */
export interface Judging {
  /** How messages name the parent. */
  parent: string;
  /** The setting's path, with the role's name, gate's or criterion's id: ['roles', 'legal', 'window']. */
  path: PolicyPath;
  /** The role's name, or the gate's or criterion's id, the setting belongs to ('' at the top). */
  name: string;
  /** Both policies whole, for a setting judged against others (what a new role could approve). */
  policies: { parent: Policy; child: Policy };
  /** The row's advice for a loosening; `which` picks one where the row words several. */
  advice(which?: string): string;
  tighten(message: string, at?: PolicyPath): void;
  /** `at`: where the loosening is shown when the setting no longer exists in the child. */
  loosen(message: string, advice?: string, at?: PolicyPath): void;
  /** Neither tightens nor loosens what the parent requires: listed, never refused. */
  change(message: string): void;
  /** The same reporting for another setting: a tier of this one, an evidence kind's own setting. */
  at(path: PolicyPath): Judging;
  /** Compares the rows under `pattern` (as the table writes it: ['roles', '*']) for one role, gate or criterion at `path`. */
  within(pattern: PolicyPath, path: PolicyPath, parent: Holder, child: Holder): void;
}

/** What a merge is handed besides the values: where to report, and the walk into the rows under a setting. */
export interface Merging {
  /** How messages name the parent: `default`, `policies/org.yml`, owner/repo/path@ref. */
  parentName: string;
  /** Where a setting is in the layer's file. */
  locate(path: PolicyPath): SourceLocation | null;
  /** New roles, gates or criteria the layer leaves incomplete, and criteria listed under the wrong gate. */
  problems: Finding[];
  /** The gate that holds each criterion of the merged policy so far, so a layer cannot move one by mistake. */
  home: Map<string, string>;
  /** The parent's criterion ids, for "did you mean". */
  parentCriteria: readonly string[];
  /** The keys a new role, gate or criterion under `pattern` must state, in the table's order. */
  required(pattern: PolicyPath): string[];
  /** Merges the layer's values of the rows under `pattern` into `into` (a copy the merge may change). */
  within(pattern: PolicyPath, into: Holder, layer: Holder): void;
}

/**
 * How a layer's value combines with its parent's: `replace` (what the layer states replaces, a list
 * included), `keys` (a mapping merged key by key), `none` (merged by another row: a criterion under its
 * gate), or a function for the structural rows (roles by name, gates and criteria by id, evidence by kind).
 * A function is called only when the layer states the setting.
 */
type MergeRule = 'replace' | 'keys' | 'none' | ((into: Record<string, unknown>, value: unknown, merging: Merging) => void);

/**
 * One setting of a policy. Method syntax for `read` and `compare` keeps a row of one value type a row
 * of the table (whose values are unknown until read).
 */
export interface Setting<V = unknown> {
  /** Where it is: `*` stands for any reviewer role's name, or any gate's or criterion's id. */
  path: PolicyPath;
  /** Its value when a policy does not state it (invalidate_on_push: any); undefined when absence means something of its own. */
  absent?: V;
  /** How its value is read from its holder, when it is not simply the key's value. */
  read?(holder: Holder): V | undefined;
  /** The comparison kind: what tightens, what loosens, in which words. */
  compare(parent: V | undefined, child: V | undefined, judging: Judging): void;
  merge: MergeRule;
  /** What a child policy may do instead, added to each loosening; several, by case, where one setting loosens in several ways. */
  advice?: string | Readonly<Record<string, string>>;
  /** A new role, gate or criterion must state it. */
  required?: boolean;
}
