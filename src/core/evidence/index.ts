// Every evidence kind the engine checks, in the order problems are reported.
import { dateEvidence } from './date.js';
import { fileEvidence } from './file.js';
import { linkEvidence } from './link.js';
import { metricsEvidence } from './metrics.js';
import type { EvidenceKind } from './types.js';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [fileEvidence, dateEvidence, metricsEvidence, linkEvidence];

export { countLettersAndDigits, MIN_NOT_APPLICABLE_LENGTH, notApplicableProblem } from './not-applicable.js';

export type { EvidenceContext, EvidenceKind } from './types.js';

