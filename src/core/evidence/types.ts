// The contract every evidence kind implements: a small, pure check that returns problems with
// the manifest location each one is about.
import type { CriterionPolicy, DataPath, EvidenceEntry, Finding, RepoFiles, RiskTier, SourceLocation } from '../types.js';

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

export interface EvidenceKind {
  kind: 'file' | 'date' | 'metrics' | 'link';
  /** True when the policy asks this criterion for this kind of evidence. */
  applies(criterion: CriterionPolicy): boolean;
  check(ctx: EvidenceContext): Finding[];
}

/** A per-tier value resolved for one tier; undefined when the policy sets none for it. */
export function forTier<T extends string | number>(value: T | Partial<Record<string, T>> | undefined, tier: RiskTier): T | undefined {
  if (value === undefined || typeof value !== 'object') return value;
  return value[tier];
}
