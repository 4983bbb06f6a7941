// `date` evidence: the report is dated, not in the future, and no older than the policy allows for the tier.
import { formatSpan, parseDuration } from '../duration.js';
import { forTier, type EvidenceKind } from './types.js';

const DAY_MS = 86_400_000;

/** Parses YYYY-MM-DD (UTC midnight) or an ISO date-time; null when it is not a real date. */
export function parseEvidenceDate(text: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const value = new Date(Date.UTC(year, month - 1, date));
    return value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === date ? value : null;
  }
  const value = new Date(text.replace(' ', 'T'));
  return Number.isNaN(value.getTime()) ? null : value;
}

export const dateEvidence: EvidenceKind = {
  kind: 'date',
  applies: (criterion) => criterion.evidence.date !== undefined,
  check(ctx) {
    const at = ctx.locate(['date']);
    if (ctx.entry.date === undefined) {
      return [{ message: `${ctx.criterion.id} needs the date the evidence was produced: add \`date: YYYY-MM-DD\``, location: ctx.locate([]) }];
    }
    const date = parseEvidenceDate(ctx.entry.date);
    if (!date) return [{ message: `date "${ctx.entry.date}" is not a real calendar date`, location: at }];
    const age = ctx.now.getTime() - date.getTime();
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
    return [];
  },
};
