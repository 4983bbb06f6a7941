// The contract every evidence kind implements, whole: what it is, what its policy settings and its
// manifest entries may hold, what it reads, a small pure check that returns problems (each with a
// message id and the manifest location it is about), and how init, explain, governance and layering see it.
import type { ParsedYaml } from '../yaml.js';
import {
  RISK_TIERS,
  type CriterionPolicy,
  type DataPath,
  type EvidenceEntry,
  type EvidenceRequirements,
  type Finding,
  type GovernanceApproval,
  type GovernanceChange,
  type PerTier,
  type Policy,
  type RepoFiles,
  type RiskTier,
  type SourceLocation,
} from '../types.js';

export interface EvidenceContext {
  criterion: CriterionPolicy;
  entry: EvidenceEntry;
  tier: RiskTier;
  now: Date;
  /** Repository-relative folder of the manifest ('' at the root). */
  manifestDir: string;
  files: RepoFiles;
  /** Location of a node under this criterion's evidence entry, e.g. ['date'] or ['metrics', 'accuracy']. */
  locate(path: DataPath): SourceLocation;
  /**
   * Says the evidence passes only up to an instant (ms since the epoch; stale right after): a dated
   * entry under a max_age. The criterion reports the earliest as `valid_until`; a sweep wakes after it.
   */
  validUntil(ms: number): void;
}

/**
 * What an evidence kind is told when it says which paths an entry reads at one commit. The entry is
 * the manifest's data as written, not yet schema-checked: a kind reads only what it can make sense of.
 */
export interface ReadsContext {
  /** Repository-relative folder of the manifest ('' at the root). */
  manifestDir: string;
  /** The trusted policy's criterion the entry answers; undefined when the policy has none by that id. */
  criterion: CriterionPolicy | undefined;
  /**
   * A file's text at the commit, for a kind whose reads depend on contents (a dvc.yaml names the
   * metrics files): null when the engine would read nothing there (no regular file, or no text);
   * undefined when it has not been read yet (the caller reads it and asks again).
   */
  text(repoPath: string): string | null | undefined;
}

/** Renders a value the policy states (a path, a metric name) as text; the caller's renderer decides how (explain sanitises it). */
export type Show = (value: unknown) => string;

/**
 * How a layer's evidence requirement is judged against its parent's, for one criterion: the kind
 * reports each difference through these, at paths under the criterion's `evidence` (layering/compare.ts
 * turns them into located tightenings and loosenings).
 */
export interface LayerComparison {
  /** The parent policy's name, for messages. */
  parent: string;
  /** A path under this criterion's evidence, e.g. at('metrics', 'accuracy', 'min'). */
  at(...rest: string[]): readonly string[];
  tighten(path: readonly string[], message: string): void;
  /** `at`: where the loosening is shown when `path` no longer exists in the child. */
  loosen(path: readonly string[], message: string, advice: string, at?: readonly string[]): void;
  /** A bound that may only get stricter: a max_age may shorten, a minimum rise, a maximum fall. */
  bound(
    path: readonly string[],
    parent: PerTier<string | number> | undefined,
    child: PerTier<string | number> | undefined,
    kind: 'max_age' | 'minimum' | 'maximum',
  ): void;
}

/** The key a kind has under a criterion's evidence, in the policy and in a manifest's entry. */
export type EvidenceKindName = Exclude<keyof EvidenceRequirements, 'signoff'>;

/** What a kind is, for people and tools (ESLint's rule meta): its key, one line of docs, and every message id it reports. */
export interface EvidenceKindMeta {
  name: EvidenceKindName;
  docs: string;
  /** Each id the kind reports (a finding's messageId is `<name>/<id>`), with when it is reported. */
  messages: Readonly<Record<string, string>>;
}

/** Where a setting under one criterion's `evidence` is in the policy: at('metrics', 'accuracy'); null when it cannot be told. */
export type EvidenceLocator = (...path: string[]) => SourceLocation | null;

/** What a kind is told when it checks the effective policy's requirement of one criterion. */
export interface PolicyValidation {
  at: EvidenceLocator;
  /** Every criterion id of the policy, for settings that name another criterion. */
  criterionIds: ReadonlySet<string>;
}

/** What a kind is told when it checks one manifest entry before any criterion is evaluated. */
export interface EntryValidation {
  /** The entry's criterion id, as the manifest writes it (the policy may have none by that id). */
  id: string;
  /** Repository-relative folder of the manifest ('' at the root). */
  manifestDir: string;
  /** Location of a node under the entry, e.g. ['file', 0]. */
  locate(path: DataPath): SourceLocation;
}

/** A value `init` writes for a person to replace, where a kind's entry holds it. */
export interface PlaceholderUse {
  /** Under the entry, e.g. ['date'] or ['metrics', 'accuracy']. */
  path: DataPath;
  /** What the entry holds there (a finding only when it is still `placeholder`). */
  value: unknown;
  placeholder: string;
  /** What to write instead, in words. */
  replacement: string;
}

/** What a kind is told when it judges what a pull request changes about one criterion's evidence (governance.ts). */
export interface EvidenceGovernance {
  criterion: CriterionPolicy;
  /** The base manifest's `evidence` as parsed (unchecked: any shape), and the head's. */
  baseEvidence: unknown;
  headEvidence: Readonly<Record<string, EvidenceEntry>>;
  /** True when the pull request changed a file that criterion's evidence used in this evaluation. */
  usedChanged(criterionId: string): boolean;
  /** Who must approve a change of what decides the evaluation: the base owner, and the thresholds_confirmed_by role. */
  thresholdApprovals(): GovernanceApproval[];
  parsed: ParsedYaml;
}

/**
 * One kind of evidence, whole in one module, as an ESLint rule is: what it is (`meta`), what its
 * policy settings may hold (`validateLayer`, `validatePolicy`), what a manifest entry may name
 * (`validatePaths`, `validateEntry`), what it reads (`reads`, `readsContents`), how it is checked
 * (findings at the manifest's lines, each with a message id), the values `init` writes for it
 * (`placeholders`, `starter`), how `explain` words it (`describe`, `explain`), what a pull request
 * may not change about it alone (`governance`), and how a policy layer may change what it asks
 * (compare: tighten or loosen; merge: the effective value). The engine, the policy loader and the
 * renderers loop over EVIDENCE_KINDS and never name a kind.
 */
export interface EvidenceKind {
  meta: EvidenceKindMeta;
  /** True when the policy asks this criterion for this kind of evidence. */
  applies(criterion: CriterionPolicy): boolean;
  /** What one policy file gets wrong about this kind on its own (a pattern that does not compile), before any layering. */
  validateLayer?(evidence: Partial<EvidenceRequirements>, at: EvidenceLocator): Finding[];
  /** What the effective policy asks of this kind that nothing could meet or that names what is not there. */
  validatePolicy?(criterion: CriterionPolicy, ctx: PolicyValidation): Finding[];
  /**
   * A path the entry names that leaves the repository: an attempt, not a mistake in the evidence, so
   * the whole manifest is refused, whatever the policy asks. Every entry's paths are reported before
   * any entry's `validateEntry` findings.
   */
  validatePaths?(entry: EvidenceEntry, ctx: EntryValidation): Finding[];
  /** A value the entry states that is not one of this kind (a date that is no date), whatever the policy asks. */
  validateEntry?(entry: EvidenceEntry, ctx: EntryValidation): Finding[];
  check(ctx: EvidenceContext): Finding[];
  /**
   * Every repository path `check` may stat or read for this entry at one commit (a folder stands for
   * everything under it), whether or not the policy asks this kind of the criterion: a pilot is
   * gated by a pull request that changes any of them (governance.ts, pilotReads).
   */
  reads(entry: Readonly<Record<string, unknown>>, ctx: ReadsContext): string[];
  /**
   * The files an entry names literally as its own (a `file:` path without a pattern), as repository
   * paths: a new pilot naming a base pilot's file carries that pilot's history on (governance.ts).
   */
  identifies?(entry: Readonly<Record<string, unknown>>, manifestDir: string): string[];
  /** True when `check` may read file contents for this entry (not only stat paths): the flow then reads them beforehand. */
  readsContents(entry: EvidenceEntry, criterion: CriterionPolicy): boolean;
  /** The values `init` writes into this kind's part of an entry (raw parsed data, before schema checks). */
  placeholders?(entry: Readonly<Record<string, unknown>>): PlaceholderUse[];
  /**
   * What the policy asks, in words, one line each with no line break ([] when it asks nothing of this
   * kind); with a tier, only that tier's limits (init), else every tier's (explain).
   */
  describe(criterion: CriterionPolicy, show: Show, tier?: RiskTier): string[];
  /** Notes `explain` prints after the evidence lines: other ways to give it, who confirms what ([] for none). */
  explain?(criterion: CriterionPolicy, policy: Policy, show: Show): string[];
  /** What a pull request changes about this criterion's evidence that needs approvals beyond the evidence (a threshold fixed before its evaluation). */
  governance?(ctx: EvidenceGovernance): GovernanceChange[];
  /** A starter manifest's value for this kind, as a YAML flow entry (`date: YYYY-MM-DD`); null when the policy asks nothing of it. */
  starter(criterion: CriterionPolicy): string | null;
  /** Compares what a parent and a child policy ask of this kind, when both ask something of it. */
  compareLayer(parent: EvidenceRequirements, child: EvidenceRequirements, ops: LayerComparison): void;
  /** Writes into `merged` (a copy of the parent's requirements) this kind's value once the layer `child` states it. */
  mergeLayer(merged: EvidenceRequirements, child: Partial<EvidenceRequirements>): void;
}

/**
 * A finding reporter for one kind: `report('missing', message, location)` gives the finding the id
 * `<name>/missing`; the ids are the keys of the kind's `messages`, so a typo does not compile.
 */
export function reporter<Id extends string>(name: EvidenceKindName, _messages: Readonly<Record<Id, string>>) {
  return (id: Id, message: string, location: SourceLocation | null): Finding => ({ message, location, messageId: `${name}/${id}` });
}

/**
 * A finding as reports, errors and JSON show it: `{ message, location, messageId }`, the id only where
 * a kind reported one, and always in that key order, so a JSON report reads the same whichever way a
 * kind built its finding (SARIF gives each id its own rule).
 */
export const asReported = ({ message, location, messageId }: Finding): Finding =>
  messageId === undefined ? { message, location } : { message, location, messageId };

/** A per-tier value after a layer: a scalar replaces; a map changes only the tiers it names. */
export function mergePerTier<T extends string | number>(
  parent: PerTier<T> | undefined,
  child: PerTier<T> | undefined,
): PerTier<T> | undefined {
  if (child === undefined) return parent;
  if (typeof child !== 'object') return child;
  const base: Partial<Record<string, T>> =
    parent === undefined ? {} : typeof parent === 'object' ? { ...parent } : Object.fromEntries(RISK_TIERS.map((tier) => [tier, parent]));
  return { ...base, ...child } as PerTier<T>;
}

/** A per-tier value in words: `high 30d, medium 90d`, or the one value for every tier; with a tier, its value alone. */
export function perTierText<T>(value: PerTier<T> | undefined, show: Show, tier?: RiskTier): string {
  if (value === undefined) return '';
  if (typeof value !== 'object' || value === null) return show(value);
  if (tier !== undefined) {
    const own = (value as Record<string, T>)[tier];
    return own === undefined ? '' : show(own);
  }
  return RISK_TIERS.filter((t) => (value as Record<string, T>)[t] !== undefined)
    .map((t) => `${t} ${show((value as Record<string, T>)[t])}`)
    .join(', ');
}

/** A per-tier value resolved for one tier; undefined when the policy sets none for it. */
export function forTier<T extends string | number>(value: T | Partial<Record<string, T>> | undefined, tier: RiskTier): T | undefined {
  if (value === undefined || typeof value !== 'object') return value;
  return value[tier];
}
