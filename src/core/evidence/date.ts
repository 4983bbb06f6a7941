// `date` evidence: the report is dated, not in the future, and no older than the policy allows for the tier.
import { formatSpan, parseDuration } from '../duration.js';
import { parseInstant } from '../instant.js';
import type { DataPath, Finding, Manifest, SourceLocation } from '../types.js';
import { PLACEHOLDERS } from '../placeholders.js';
import { forTier, mergePerTier, perTierText, type EvidenceKind } from './types.js';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD (UTC midnight) or a date-time with a zone; null when it is not a real date (see parseInstant). */
export function parseEvidenceDate(text: string): Date | null {
  const parsed = parseInstant(text);
  return parsed.ok ? new Date(parsed.ms) : null;
}

/** The finding's message for an evidence date that is not one. */
const notADate = (text: string, reason: string): string => `date "${text}" is ${reason}`;

/**
 * Every evidence `date` of the manifest that is not a real date or a date-time with a zone, at its
 * line, whether or not the policy asks for a date for that criterion: a date the manifest states
 * must be one.
 */
export function evidenceDateFindings(manifest: Manifest, locate: (path: DataPath) => SourceLocation): Finding[] {
  const findings: Finding[] = [];
  for (const [id, entry] of Object.entries(manifest.evidence ?? {})) {
    if (typeof entry?.date !== 'string') continue;
    const parsed = parseInstant(entry.date);
    if (!parsed.ok)
      findings.push({ message: `evidence.${id}.${notADate(entry.date, parsed.reason)}`, location: locate(['evidence', id, 'date']) });
  }
  return findings;
}

export const dateEvidence: EvidenceKind = {
  kind: 'date',
  compareLayer(p, c, ops) {
    if (p.date && c.date) ops.bound(ops.at('date', 'max_age'), p.date.max_age, c.date.max_age, 'max_age');
  },
  mergeLayer(merged, child) {
    if (child.date) merged.date = { max_age: mergePerTier(merged.date?.max_age, child.date.max_age)! };
  },
  applies: (criterion) => criterion.evidence.date !== undefined,
  // A date is judged from the manifest alone: no file of the repository takes part.
  reads: () => [],
  describe(criterion, show, tier) {
    if (!criterion.evidence.date) return [];
    const age = perTierText(criterion.evidence.date.max_age, show, tier);
    return [age ? `date: no older than ${age}` : 'date: when the evidence was produced'];
  },
  starter: (criterion) => (criterion.evidence.date ? `date: ${PLACEHOLDERS.date}` : null),
  check(ctx) {
    const at = ctx.locate(['date']);
    if (ctx.entry.date === undefined) {
      return [
        { message: `${ctx.criterion.id} needs the date the evidence was produced: add \`date: YYYY-MM-DD\``, location: ctx.locate([]) },
      ];
    }
    const parsed = parseInstant(ctx.entry.date);
    if (!parsed.ok) return [{ message: notADate(ctx.entry.date, parsed.reason), location: at }];
    const age = ctx.now.getTime() - parsed.ms;
    if (age < 0) {
      return [{ message: `date ${ctx.entry.date} is in the future; evidence is dated when it was produced`, location: at }];
    }
    const limitText = forTier(ctx.criterion.evidence.date?.max_age, ctx.tier);
    const limit = limitText === undefined ? null : parseDuration(limitText);
    if (limit !== null && age > limit) {
      const days = Math.floor(age / DAY_MS);
      return [
        {
          message: `evidence dated ${ctx.entry.date} is ${days} days old; the policy accepts at most ${limitText} for ${ctx.tier} risk (${formatSpan(age - limit)} too old): renew it`,
          location: at,
        },
      ];
    }
    // Passes up to the instant its age reaches the limit (it is "at most" the limit), stale after.
    if (limit !== null) ctx.validUntil(parsed.ms + limit);
    return [];
  },
};
