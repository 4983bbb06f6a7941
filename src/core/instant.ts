// The one reader of dates and date-times in the core: evidence dates, waiver expiry days, --now and
// replayed instants. Strict where JS Date is lenient: 2026-02-30 is refused instead of rolling into
// March, hour 24 is refused, and a date-time must say which zone it is in, because a zone-less one
// would be read in the machine's local time zone and the decision would depend on where it runs.
// A plain date (YYYY-MM-DD) is the start of that day in UTC.

export type InstantResult = { ok: true; ms: number } | { ok: false; reason: string };

const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 (with ISO 8601's optional seconds and colon-less offsets, which the manifest schema has
// always accepted): date, T or a space, HH:MM[:SS[.fraction]], then Z or ±HH:MM / ±HHMM.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** How the text should look; the reason given for anything that is not a date or a date-time. */
export const INSTANT_FORMS = 'not a date (YYYY-MM-DD, such as 2026-11-20) or a date-time with a time zone (such as 2026-11-20T12:00:00Z)';
export const MISSING_ZONE = 'a date-time without a time zone: add Z or an offset such as +02:00';

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysIn = (year: number, month: number): number => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** Days from 1970-01-01 to the given proleptic Gregorian date (no Date: years below 100 stay as written). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The reason a year-month-day is not a calendar date, or null when it is one. */
function calendarProblem(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `not a real calendar date: there is no month ${String(month).padStart(2, '0')}`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `not a real calendar date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  return null;
}

/** YYYY-MM-DD only, as the start of that day in UTC. */
export function parseCalendarDate(text: string): InstantResult {
  const match = DATE.exec(text);
  if (!match) {
    if (DATE_TIME.test(text)) return { ok: false, reason: 'a date-time, not a day: write the day alone, as YYYY-MM-DD' };
    return { ok: false, reason: 'not a date: write it as YYYY-MM-DD, such as 2026-11-20' };
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const problem = calendarProblem(year, month, day);
  return problem ? { ok: false, reason: problem } : { ok: true, ms: daysFromCivil(year, month, day) * DAY_MS };
}

/**
 * A plain date (the start of that day in UTC) or a date-time with a zone, as milliseconds since the
 * epoch. Fractions of a second beyond milliseconds are cut, not rounded. Leap seconds (:60) are refused.
 */
export function parseInstant(text: string): InstantResult {
  if (DATE.test(text)) return parseCalendarDate(text);
  const match = DATE_TIME.exec(text);
  if (!match) return { ok: false, reason: INSTANT_FORMS };
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const calendar = calendarProblem(year!, month!, day!);
  if (calendar) return { ok: false, reason: calendar };
  if (hour! > 23) return { ok: false, reason: `not a real time of day: there is no hour ${match[4]} (hours run from 00 to 23)` };
  if (minute! > 59) return { ok: false, reason: `not a real time of day: there is no minute ${match[5]} (minutes run from 00 to 59)` };
  if (second > 59)
    return {
      ok: false,
      reason: `not a real time of day: there is no second ${match[6]} (seconds run from 00 to 59; leap seconds are not accepted)`,
    };
  const zone = match[8];
  if (zone === undefined) return { ok: false, reason: MISSING_ZONE };
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [, sign, hh, mm] = OFFSET.exec(zone)!;
    if (Number(hh) > 23 || Number(mm) > 59)
      return { ok: false, reason: `not a real time zone offset: ${zone} (offsets run from -23:59 to +23:59)` };
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  }
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  const ms = daysFromCivil(year!, month!, day!) * DAY_MS + ((hour! * 60 + minute! - offsetMinutes) * 60 + second) * 1000 + millis;
  return { ok: true, ms };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The one way every report writes an instant for people: "Fri 27 Nov 2026 14:10 UTC", in UTC whatever
 * the machine's zone or locale, with the weekday (when a window closes matters by the working day).
 * Accepts milliseconds or an ISO date-time; anything else (a hand-edited report) is shown as it is.
 */
export function formatInstant(value: number | string): string {
  // Read as strictly as any instant: a zone-less date-time is shown as written, never in local time.
  const read = typeof value === 'number' ? null : parseInstant(value);
  const ms = read === null ? value : read.ok ? read.ms : Number.NaN;
  if (!Number.isFinite(ms)) return String(value);
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}
