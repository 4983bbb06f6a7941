// Every evidence kind the engine checks, in the order problems are reported.
import { dateEvidence } from './date.js';
import { fileEvidence } from './file.js';
import { linkEvidence } from './link.js';
import { metricsEvidence } from './metrics.js';
import type { EvidenceRequirements } from '../types.js';
import type { EvidenceKind } from './types.js';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [fileEvidence, dateEvidence, metricsEvidence, linkEvidence];

/** Every key a criterion's evidence may hold: the kinds above, then a role's sign-off (checked with the sign-offs). */
export const EVIDENCE_KEYS: ReadonlyArray<keyof EvidenceRequirements> = [...EVIDENCE_KINDS.map((k) => k.meta.name), 'signoff'];

export { countLettersAndDigits, judgeNotApplicable, MIN_NOT_APPLICABLE_LENGTH, notApplicableProblem } from './not-applicable.js';

export { asReported } from './types.js';
export type { EvidenceContext, EvidenceKind, LayerComparison, ReadsContext } from './types.js';
