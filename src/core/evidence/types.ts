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
}

/** Renders a value the policy states (a path, a metric name) as text; the caller's renderer decides how (explain sanitises it). */
export type Show = (value: unknown) => string;

/**
 * One kind of evidence, as one module: when it applies, how it is checked (findings at the manifest's
 * lines), how `explain` words what the policy asks, and what `init` writes as a starter value.
 * How layers tighten or loosen it is in src/core/layering/ (compare.ts, merge.ts).
 */
export interface EvidenceKind {
  kind: Exclude<keyof EvidenceRequirements, 'signoff'>;
  /** True when the policy asks this criterion for this kind of evidence. */
  applies(criterion: CriterionPolicy): boolean;
  check(ctx: EvidenceContext): Finding[];
  /**
   * What the policy asks, in words, one line each with no line break ([] when it asks nothing of this
   * kind); with a tier, only that tier's limits (init), else every tier's (explain).
   */
  describe(criterion: CriterionPolicy, show: Show, tier?: RiskTier): string[];
  /** A starter manifest's value for this kind, as a YAML flow entry (`date: YYYY-MM-DD`); null when the policy asks nothing of it. */
  starter(criterion: CriterionPolicy): string | null;
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
