// What a scheduled sweep remembers between runs, and whether a pull request is due: the gate writes a
// record into the link of its own commit status (when time alone next changes the decision, and a
// digest of the inputs it judged), and a sweep evaluates a pull request again only when that record is
// missing, unreadable, not the gate's own, older than a day, past its instant, or for other inputs.
// A pull request the gate could not verify gets an `error` status whose record says when to try
// again (a back-off), so that pull requests that fail every time cannot take a sweep's whole run.
import { sha256 } from './hash.js';
import type { Report } from './types.js';

/** What the gate recorded the last time it judged a pull request's head. */
export interface SweepRecord {
  /** The instant when time alone changes the decision (report.next_change_at, the earliest); null: never. */
  next: string | null;
  /** Digest of the inputs judged (see inputsDigest). */
  inputs: string;
}

/**
 * What a decision depends on that a sweep can see without reading the pull request in full. Comments
 * are not among them: no comment changes a decision (sign-offs are reviews). Files are covered by the
 * head and base commits, a policy read from the repository by its blobs (`policy`: it is read at the
 * base branch's tip, which the base commit trails), and the gate's own settings (policy input,
 * manifest pattern, mode...) and version by `settings`.
 */
export interface SweepInputs {
  /** The gate's settings and version, as one string (a change of workflow or version re-evaluates every PR). */
  settings: string;
  headSha: string;
  baseSha: string;
  draft: boolean;
  /**
   * The trusted policy file's blobs where the gate reads it (the base branch's tip, and the default
   * branch's, which says which bases are gated); '' when the policy does not live in the repository.
   */
  policy: string;
  /** The review state as fetchFreshness reads it: head, review count and latest states, dismissals, request events. */
  freshness: string;
}

export function inputsDigest(inputs: SweepInputs): string {
  return sha256(
    JSON.stringify(['v2', inputs.settings, inputs.headSha, inputs.baseSha, inputs.policy, inputs.draft, inputs.freshness]),
  ).slice(0, 32);
}

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?Z';
const FRAGMENT = new RegExp(`#pilot-readiness=v1;next=(none|${ISO});inputs=([0-9a-f]{32})$`);

/** A link carrying the record in its fragment: the page it points to is unchanged. */
export function linkWithRecord(url: string, record: SweepRecord): string {
  const at = url.indexOf('#');
  return `${at < 0 ? url : url.slice(0, at)}#pilot-readiness=v1;next=${record.next ?? 'none'};inputs=${record.inputs}`;
}

/** The record a status link carries; null when it carries none or one that does not read exactly. */
export function recordOf(targetUrl: string | null | undefined): SweepRecord | null {
  const match = FRAGMENT.exec(targetUrl ?? '');
  if (!match) return null;
  const next = match[1] === 'none' ? null : (match[1] ?? null);
  if (next !== null && Number.isNaN(Date.parse(next))) return null;
  return { next, inputs: match[2] ?? '' };
}

/**
 * When a report's waivers in force end (the day after `expires`, 00:00 UTC, as the waiver rules
 * count it): time alone then changes even a ready decision, so a sweep must wake for it rather than
 * wait for its record to age out. Only instants after `now`.
 */
export function waiverEnds(report: Pick<Report, 'waivers'>, now: Date): string[] {
  const ends: string[] = [];
  for (const waiver of report.waivers ?? []) {
    // The engine says when each waiver in force ends (src/core/waivers.ts has the rule).
    const end = waiver.status === 'in_force' && waiver.ends_at ? Date.parse(waiver.ends_at) : Number.NaN;
    if (Number.isFinite(end) && end > now.getTime()) ends.push(new Date(end).toISOString());
  }
  return ends;
}

/**
 * The instants after `now` when a criterion's evidence goes stale by time alone (just after each
 * valid_until): a ready or pending report changes then, so a sweep must wake for it rather than wait
 * for its record to age out.
 */
export function evidenceEnds(report: Pick<Report, 'criteria'>, now: Date): string[] {
  const ends: string[] = [];
  for (const criterion of report.criteria ?? []) {
    const last = criterion.valid_until ? Date.parse(criterion.valid_until) : Number.NaN;
    if (Number.isFinite(last) && last + 1 > now.getTime()) ends.push(new Date(last + 1).toISOString());
  }
  return ends;
}

/** The earliest instant among the reports' next_change_at; null when none changes by time alone. */
export function earliestChange(instants: ReadonlyArray<string | null | undefined>): string | null {
  let best: number | null = null;
  for (const instant of instants) {
    const t = instant ? Date.parse(instant) : Number.NaN;
    if (!Number.isNaN(t) && (best === null || t < best)) best = t;
  }
  return best === null ? null : new Date(best).toISOString();
}

/**
 * When time alone next changes any of the reports, the instant a sweep's record wakes for: a review
 * window or reminder (next_change_at), a waiver's end, or evidence going stale, even for a ready
 * decision. Null when nothing changes by time alone.
 */
export function nextTimeChange(reports: ReadonlyArray<Pick<Report, 'next_change_at' | 'waivers' | 'criteria'>>, now: Date): string | null {
  return earliestChange(reports.flatMap((r) => [r.next_change_at, ...waiverEnds(r, now), ...evidenceEnds(r, now)]));
}

/** The gate's status on a head, as a sweep reads it. */
export interface RecordedStatus {
  state: string;
  targetUrl: string | null;
  /** Set by GitHub when the status was written. */
  createdAt: string;
  creator: { login: string; bot: boolean } | null;
}

/**
 * A record is trusted for a day at most: its instant covers review windows, reminders, waivers' ends
 * and evidence going stale; the day is the safety net for whatever its inputs digest does not cover,
 * so every pull request is judged again at least once a day whatever its record says.
 */
export const RECORD_MAX_AGE_MS = 24 * 3600_000;

/**
 * Whether a status is the gate's own: written by the token's login when it is known (`viewer`),
 * else by a bot account (GITHUB_TOKEN and App tokens write as bots; a person never counts then).
 */
export function writtenByGate(creator: RecordedStatus['creator'], viewer: string | null): boolean {
  if (creator === null) return false;
  return viewer !== null ? creator.login.toLowerCase() === viewer.toLowerCase() : creator.bot;
}

/** Whether a status was written less than a day ago (and not in the future, give or take clocks 5 minutes apart): its record is trusted only then. */
function writtenWithinADay(status: RecordedStatus, now: Date): boolean {
  const written = Date.parse(status.createdAt);
  return !Number.isNaN(written) && now.getTime() - written < RECORD_MAX_AGE_MS && written <= now.getTime() + 5 * 60_000;
}

/**
 * Why a pull request must be evaluated again, or null when its record says nothing is due. Fail closed:
 * anything that cannot be read or verified means evaluate. `viewer` is the token's login when known;
 * without it, only a bot account's status counts (a person cannot write as a bot).
 */
export function dueReason(
  status: RecordedStatus | null | undefined,
  expected: { inputs: string; viewer: string | null; now: Date },
): string | null {
  if (status === undefined) return 'its status could not be read';
  if (status === null) return 'it has no status of the gate yet';
  if (!writtenByGate(status.creator, expected.viewer)) return 'its status was not written by the gate';
  const backoff = ownBackoff(status, expected.viewer);
  if (backoff !== null) {
    if (backoff.inputs !== expected.inputs) return `its inputs changed since try ${backoff.attempt} failed`;
    if (!writtenWithinADay(status, expected.now)) return 'its record is more than a day old';
    return `its wait after try ${backoff.attempt} failed is over`;
  }
  if (!['success', 'pending', 'failure'].includes(status.state)) return `its status is ${status.state}`;
  const record = recordOf(status.targetUrl);
  if (record === null) return 'its status carries no record';
  if (record.inputs !== expected.inputs) return 'its inputs changed';
  if (!writtenWithinADay(status, expected.now)) return 'its record is more than a day old';
  if (record.next !== null && Date.parse(record.next) <= expected.now.getTime()) return `time changed its decision at ${record.next}`;
  return null;
}

/**
 * What the gate records on the `error` status of a pull request it could not verify, in a sweep: the
 * next try, how many tries in a row failed, and the inputs they failed on. It can only delay the next
 * read of a pull request whose status is already `error` (never mergeable); a push, a review or any
 * other change of the inputs ends it at once.
 */
export interface BackoffRecord {
  /** The instant from which the sweep tries again. */
  retry: string;
  /** Tries in a row that failed, this one included (1 for the first). */
  attempt: number;
  /** Digest of the inputs the tries failed on (see inputsDigest). */
  inputs: string;
}

const FIRST_BACKOFF_MS = 15 * 60_000;
/** The longest wait: the daily safety net, so even a pull request that always fails is tried once a day. */
const MAX_BACKOFF_MS = RECORD_MAX_AGE_MS;
const MAX_ATTEMPT = 999;

/** How long the sweep waits after the `attempt`-th failed try in a row: 15 min, 30 min, 1 h, 2 h … at most a day. */
export function backoffDelay(attempt: number): number {
  // 2^7 × 15 min is past a day already: the exponent is capped before it can overflow.
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.min(Math.max(attempt, 1) - 1, 7), MAX_BACKOFF_MS);
}

/** The record of a failed try: the one before it failed `failedBefore` times in a row. */
export function nextBackoff(failedBefore: number, inputs: string, now: Date): BackoffRecord {
  const attempt = Math.min(failedBefore + 1, MAX_ATTEMPT);
  return { retry: new Date(now.getTime() + backoffDelay(attempt)).toISOString(), attempt, inputs };
}

const BACKOFF_FRAGMENT = new RegExp(`#pilot-readiness=v1;retry=(${ISO});attempt=([1-9]\\d{0,2});inputs=([0-9a-f]{32})$`);

/** A link carrying a back-off record in its fragment (never read as a decision's record: see recordOf). */
export function linkWithBackoff(url: string, record: BackoffRecord): string {
  const at = url.indexOf('#');
  return `${at < 0 ? url : url.slice(0, at)}#pilot-readiness=v1;retry=${record.retry};attempt=${record.attempt};inputs=${record.inputs}`;
}

/** The back-off record a status link carries; null when it carries none or one that does not read exactly. */
export function backoffOf(targetUrl: string | null | undefined): BackoffRecord | null {
  const match = BACKOFF_FRAGMENT.exec(targetUrl ?? '');
  if (!match || Number.isNaN(Date.parse(match[1] ?? ''))) return null;
  return { retry: match[1] ?? '', attempt: Number(match[2]), inputs: match[3] ?? '' };
}

/** A back-off record the gate itself wrote on an `error` status, or null: a record anyone else wrote, or on another state, counts for nothing. */
function ownBackoff(status: RecordedStatus | null | undefined, viewer: string | null): BackoffRecord | null {
  if (status?.state !== 'error' || !writtenByGate(status.creator, viewer)) return null;
  return backoffOf(status.targetUrl);
}

/**
 * The back-off a sweep honours for a pull request, or null when it is due as usual (dueReason says
 * why). Honoured only on an `error` status (already not mergeable) that the gate wrote, for the inputs
 * as they are now, written less than a day ago, while its retry instant is ahead: so it can delay a
 * read, never turn anything green.
 */
export function backingOff(
  status: RecordedStatus | null | undefined,
  expected: { inputs: string; viewer: string | null; now: Date },
): BackoffRecord | null {
  const record = ownBackoff(status, expected.viewer);
  if (!status || record === null || record.inputs !== expected.inputs || !writtenWithinADay(status, expected.now)) return null;
  return Date.parse(record.retry) > expected.now.getTime() ? record : null;
}

/**
 * How many tries in a row failed before this one, as the gate's own back-off record on the head says
 * (0 without one): a pull request that fails again waits twice as long. A push starts again from 0
 * (statuses belong to a commit); a review does not, so a review ends a wait but not the escalation.
 */
export function failedTries(status: RecordedStatus | null | undefined, viewer: string | null): number {
  return ownBackoff(status, viewer)?.attempt ?? 0;
}

/**
 * When the gate last judged a pull request, for the sweep's round robin (the longest waiting first):
 * its own status's instant, or null (first of all) when it has none, or only someone else's.
 */
export function lastJudged(status: RecordedStatus | null | undefined, viewer: string | null): number | null {
  if (!status || !writtenByGate(status.creator, viewer)) return null;
  const written = Date.parse(status.createdAt);
  return Number.isNaN(written) ? null : written;
}

/**
 * How urgently a due pull request must be judged again, lowest first. A standing `success` is the one
 * status that lets a merge through, so it goes before everything else: first one whose record says
 * time has changed it (an expired waiver, stale evidence; only a ready report earns such a record, so
 * nobody can open pull requests that take this place), then any other (its record is stale, or its
 * inputs changed). Anyone can open pull requests, forks too, and those never judged come next: a
 * budget they exhaust defers only statuses that let nothing through.
 */
export function urgency(status: RecordedStatus | null | undefined, now: Date): 0 | 1 | 2 {
  if (status?.state !== 'success') return 2;
  const next = recordOf(status.targetUrl)?.next;
  return next != null && Date.parse(next) <= now.getTime() ? 0 : 1;
}

/**
 * The due pull requests in the order a sweep takes them: by urgency, then the never judged, then the
 * least recently judged; stable otherwise.
 */
export function sweepOrder<T extends { urgency: number; judged: number | null }>(due: readonly T[]): T[] {
  return [...due].sort(
    (a, b) => a.urgency - b.urgency || (a.judged ?? Number.NEGATIVE_INFINITY) - (b.judged ?? Number.NEGATIVE_INFINITY) || 0,
  );
}
