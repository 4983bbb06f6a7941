// The contract every evidence kind implements: a small, pure check that returns problems with
// the manifest location each one is about.
import {
  RISK_TIERS,
  type CriterionPolicy,
  type DataPath,
  type EvidenceEntry,
  type EvidenceRequirements,
  type Finding,
  type PerTier,
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

/**
 * One kind of evidence, as one module: when it applies, how it is checked (findings at the manifest's
 * lines), how `explain` words what the policy asks, what `init` writes as a starter value, and how a
 * policy layer may change what it asks (compare: tighten or loosen; merge: the effective value).
 */
export interface EvidenceKind {
  kind: Exclude<keyof EvidenceRequirements, 'signoff'>;
  /** True when the policy asks this criterion for this kind of evidence. */
  applies(criterion: CriterionPolicy): boolean;
  check(ctx: EvidenceContext): Finding[];
  /**
   * Every repository path `check` may stat or read for this entry at one commit (a folder stands for
   * everything under it), whether or not the policy asks this kind of the criterion: a pilot is
   * gated by a pull request that changes any of them (governance.ts, pilotReads).
   */
  reads(entry: Readonly<Record<string, unknown>>, ctx: ReadsContext): string[];
  /**
   * What the policy asks, in words, one line each with no line break ([] when it asks nothing of this
   * kind); with a tier, only that tier's limits (init), else every tier's (explain).
   */
  describe(criterion: CriterionPolicy, show: Show, tier?: RiskTier): string[];
  /** A starter manifest's value for this kind, as a YAML flow entry (`date: YYYY-MM-DD`); null when the policy asks nothing of it. */
  starter(criterion: CriterionPolicy): string | null;
  /** Compares what a parent and a child policy ask of this kind, when both ask something of it. */
  compareLayer(parent: EvidenceRequirements, child: EvidenceRequirements, ops: LayerComparison): void;
  /** Writes into `merged` (a copy of the parent's requirements) this kind's value once the layer `child` states it. */
  mergeLayer(merged: EvidenceRequirements, child: Partial<EvidenceRequirements>): void;
}

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
