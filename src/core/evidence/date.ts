// `date` evidence: the report is dated, not in the future, and no older than the policy allows for the tier.
import { formatSpan, parseDuration } from '../duration.js';
import { parseInstant } from '../instant.js';
import { PLACEHOLDERS } from '../placeholders.js';
import { forTier, mergePerTier, perTierText, reporter, type EvidenceKind } from './types.js';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD (UTC midnight) or a date-time with a zone; null when it is not a real date (see parseInstant). */
export function parseEvidenceDate(text: string): Date | null {
  const parsed = parseInstant(text);
  return parsed.ok ? new Date(parsed.ms) : null;
}

/** The finding's message for an evidence date that is not one. */
const notADate = (text: string, reason: string): string => `date "${text}" is ${reason}`;

const MESSAGES = {
  needed: 'the policy asks for a date and the entry states none',
  'not-a-date': 'the date is not a real date, or a date-time without a zone',
  future: 'the date is after the evaluation',
  'too-old': "the evidence is older than the policy's max_age for the pilot's tier",
} as const;
const report = reporter('date', MESSAGES);

export const dateEvidence: EvidenceKind = {
  meta: {
    name: 'date',
    docs: "When the evidence was produced: a real date, not in the future, within the tier's max_age.",
    messages: MESSAGES,
  },
  compareLayer(p, c, ops) {
    if (p.date && c.date) ops.bound(ops.at('date', 'max_age'), p.date.max_age, c.date.max_age, 'max_age');
  },
  mergeLayer(merged, child) {
    if (child.date) merged.date = { max_age: mergePerTier(merged.date?.max_age, child.date.max_age)! };
  },
  applies: (criterion) => criterion.evidence.date !== undefined,
  // A date is judged from the manifest alone: no file of the repository takes part.
  reads: () => [],
  readsContents: () => false,
  // A date the manifest states must be one, whether or not the policy asks for a date there.
  validateEntry(entry, ctx) {
    if (typeof entry.date !== 'string') return [];
    const parsed = parseInstant(entry.date);
    return parsed.ok ? [] : [report('not-a-date', `evidence.${ctx.id}.${notADate(entry.date, parsed.reason)}`, ctx.locate(['date']))];
  },
  placeholders: (entry) => [
    {
      path: ['date'],
      value: entry.date,
      placeholder: PLACEHOLDERS.date,
      replacement: 'the date the evidence was produced, such as 2026-11-20',
    },
  ],
  describe(criterion, show, tier) {
    if (!criterion.evidence.date) return [];
    const age = perTierText(criterion.evidence.date.max_age, show, tier);
    return [age ? `date: no older than ${age}` : 'date: when the evidence was produced'];
  },
  starter: (criterion) => (criterion.evidence.date ? `date: ${PLACEHOLDERS.date}` : null),
  check(ctx) {
    const at = ctx.locate(['date']);
    if (ctx.entry.date === undefined) {
      return [report('needed', `${ctx.criterion.id} needs the date the evidence was produced: add \`date: YYYY-MM-DD\``, ctx.locate([]))];
    }
    const parsed = parseInstant(ctx.entry.date);
    if (!parsed.ok) return [report('not-a-date', notADate(ctx.entry.date, parsed.reason), at)];
    const age = ctx.now.getTime() - parsed.ms;
    if (age < 0) {
      return [report('future', `date ${ctx.entry.date} is in the future; evidence is dated when it was produced`, at)];
    }
    const limitText = forTier(ctx.criterion.evidence.date?.max_age, ctx.tier);
    const limit = limitText === undefined ? null : parseDuration(limitText);
    if (limit !== null && age > limit) {
      const days = Math.floor(age / DAY_MS);
      return [
        report(
          'too-old',
          `evidence dated ${ctx.entry.date} is ${days} days old; the policy accepts at most ${limitText} for ${ctx.tier} risk (${formatSpan(age - limit)} too old): renew it`,
          at,
        ),
      ];
    }
    // Passes up to the instant its age reaches the limit (it is "at most" the limit), stale after.
    if (limit !== null) ctx.validUntil(parsed.ms + limit);
    return [];
  },
};
