// Every evidence kind the engine checks, in the order problems are reported.
import { dateEvidence } from './date.js';
import { fileEvidence } from './file.js';
import { linkEvidence } from './link.js';
import { metricsEvidence } from './metrics.js';
import type { EvidenceKind } from './types.js';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [fileEvidence, dateEvidence, metricsEvidence, linkEvidence];

/** Shortest justification a `not_applicable` entry needs: a reason, not a shrug. */
export const MIN_NOT_APPLICABLE_LENGTH = 20;

export type { EvidenceContext, EvidenceKind } from './types.js';

