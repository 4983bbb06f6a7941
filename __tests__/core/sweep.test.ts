// The sweep's record: written into a status link, read back exactly or not at all, and the reasons a
// pull request is due, one row each.
import { describe, expect, it } from 'vitest';
import {
  backingOff,
  backoffDelay,
  backoffOf,
  failedTries,
  lastJudged,
  linkWithBackoff,
  sweepOrder,
  urgency,
  nextBackoff,
  dueReason,
  earliestChange,
  inputsDigest,
  linkWithRecord,
  recordOf,
  type RecordedStatus,
  waiverEnds,
  evidenceEnds,
  nextTimeChange,
} from '../../src/core/sweep.js';
import type { CriterionResult, WaiverResult } from '../../src/core/types.js';

const RUN = 'https://github.com/acme/models/actions/runs/42';
const INPUTS = inputsDigest({
  settings: 's',
  headSha: 'c'.repeat(40),
  baseSha: 'b'.repeat(40),
  policy: 'p|p',
  draft: false,
  freshness: 'f',
});
const NOW = new Date('2026-12-01T12:00:00Z');

describe('the record in a status link', () => {
  it('is written in the fragment and read back', () => {
    const link = linkWithRecord(RUN, { next: '2026-12-02T00:00:00.000Z', inputs: INPUTS });
    expect(link).toBe(`${RUN}#pilot-readiness=v1;next=2026-12-02T00:00:00.000Z;inputs=${INPUTS}`);
    expect(recordOf(link)).toEqual({ next: '2026-12-02T00:00:00.000Z', inputs: INPUTS });
    expect(recordOf(linkWithRecord(`${RUN}#old`, { next: null, inputs: INPUTS }))).toEqual({ next: null, inputs: INPUTS });
  });

  it.each([
    ['no fragment', RUN],
    ['another version', `${RUN}#pilot-readiness=v2;next=none;inputs=${INPUTS}`],
    ['a short digest', `${RUN}#pilot-readiness=v1;next=none;inputs=abc`],
    ['a word for an instant', `${RUN}#pilot-readiness=v1;next=soon;inputs=${INPUTS}`],
    ['an impossible date', `${RUN}#pilot-readiness=v1;next=2026-13-45T99:00:00Z;inputs=${INPUTS}`],
    ['something after it', `${RUN}#pilot-readiness=v1;next=none;inputs=${INPUTS}&x=1`],
  ])('reads as none with %s', (_, link) => {
    expect(recordOf(link)).toBeNull();
  });

  it('keeps every input in the digest', () => {
    const base = { settings: 's', headSha: 'c'.repeat(40), baseSha: 'b'.repeat(40), policy: 'p|p', draft: false, freshness: 'f' };
    const digests = new Set([
      inputsDigest(base),
      inputsDigest({ ...base, settings: 't' }),
      inputsDigest({ ...base, headSha: 'd'.repeat(40) }),
      inputsDigest({ ...base, baseSha: 'e'.repeat(40) }),
      // The policy read at the base branch's tip, which the base commit trails.
      inputsDigest({ ...base, policy: 'q|p' }),
      inputsDigest({ ...base, policy: 'p|q' }),
      inputsDigest({ ...base, draft: true }),
      inputsDigest({ ...base, freshness: 'g' }),
    ]);
    expect(digests.size).toBe(8);
  });

  it('wakes for the end of a waiver in force (the day after it expires), not for one that is expired, awaiting approval or past', () => {
    // As the engine reports them: only a waiver in force carries its end (see __tests__/waivers).
    const waiver = (expires: string, status: WaiverResult['status'], endsAt?: string): WaiverResult => ({
      criterion: 'OPS-4',
      reason: 'on-call rota starts next month',
      expires,
      approved_by: 'maria-ops',
      status,
      ...(endsAt ? { ends_at: endsAt } : {}),
      location: null,
    });
    const now = new Date('2026-12-01T12:00:00Z');
    const report = {
      waivers: [
        waiver('2026-12-05', 'in_force', '2026-12-06T00:00:00.000Z'),
        waiver('2026-12-03', 'awaiting_approval'),
        waiver('2026-11-30', 'in_force', '2026-12-01T00:00:00.000Z'),
        waiver('2026-12-09', 'in_force', 'not an instant'),
        waiver('2026-12-02', 'expired'),
        // A status that says in force without an end (a hand-written report): nothing to wake for.
        waiver('2026-12-04', 'in_force'),
      ],
    };
    expect(waiverEnds(report, now)).toEqual(['2026-12-06T00:00:00.000Z']);
    expect(waiverEnds({}, now)).toEqual([]);
    // A ready report (next_change_at null) with a waiver in force: the record's next is the waiver's end.
    expect(earliestChange([null, ...waiverEnds(report, now)])).toBe('2026-12-06T00:00:00.000Z');
    expect(nextTimeChange([{ ...report, next_change_at: null, criteria: [] }], now)).toBe('2026-12-06T00:00:00.000Z');
  });

  it('wakes just after the evidence of a met criterion goes stale, not for a past instant or a criterion without one', () => {
    const criterion = (id: string, validUntil?: string): CriterionResult => ({
      id,
      gate: 'data',
      title: id,
      required: true,
      status: 'met',
      reason: 'evidence checked',
      problems: [],
      location: null,
      ...(validUntil ? { valid_until: validUntil } : {}),
    });
    const now = new Date('2026-12-01T12:00:00Z');
    const report = {
      criteria: [
        criterion('DR-2', '2026-12-06T00:00:00.000Z'),
        criterion('DR-3'),
        criterion('SEC-1', '2026-11-30T00:00:00.000Z'),
        criterion('SEC-2', 'soon'),
      ],
    };
    expect(evidenceEnds(report, now)).toEqual(['2026-12-06T00:00:00.001Z']);
    expect(evidenceEnds({ criteria: [] }, now)).toEqual([]);
    // With a review window closing sooner, and a waiver ending later, in another report: the earliest.
    expect(
      nextTimeChange(
        [
          { ...report, next_change_at: null, waivers: [] },
          { criteria: [], next_change_at: '2026-12-03T00:00:00Z', waivers: [] },
        ],
        now,
      ),
    ).toBe('2026-12-03T00:00:00.000Z');
    expect(nextTimeChange([{ ...report, next_change_at: null }], now)).toBe('2026-12-06T00:00:00.001Z');
    expect(nextTimeChange([{ criteria: [], next_change_at: null }], now)).toBeNull();
  });

  it('takes the earliest next change of several reports', () => {
    expect(earliestChange([null, '2026-12-03T00:00:00Z', '2026-12-02T06:00:00Z', undefined])).toBe('2026-12-02T06:00:00.000Z');
    expect(earliestChange([null, undefined])).toBeNull();
  });
});

describe('a pull request is due', () => {
  const ours = (over: Partial<RecordedStatus> = {}, next: string | null = '2026-12-02T00:00:00.000Z'): RecordedStatus => ({
    state: 'pending',
    targetUrl: linkWithRecord(RUN, { next, inputs: INPUTS }),
    createdAt: '2026-12-01T11:00:00Z',
    creator: { login: 'github-actions[bot]', bot: true },
    ...over,
  });
  const expected: { inputs: string; viewer: string | null; now: Date } = { inputs: INPUTS, viewer: null, now: NOW };

  it.each<[string, RecordedStatus | null | undefined, typeof expected, string | null]>([
    ['nothing is due', ours(), expected, null],
    ['nothing is due, and time never changes it', ours({}, null), expected, null],
    ['its status could not be read', undefined, expected, 'its status could not be read'],
    ['it has no status', null, expected, 'it has no status of the gate yet'],
    [
      'a person wrote it while the login is unknown',
      ours({ creator: { login: 'dev-lin', bot: false } }),
      expected,
      'its status was not written by the gate',
    ],
    ['a bot wrote it while the login is a person’s', ours(), { ...expected, viewer: 'dana-ops' }, 'its status was not written by the gate'],
    ['its writer is gone', ours({ creator: null }), expected, 'its status was not written by the gate'],
    ['it is an error', ours({ state: 'error' }), expected, 'its status is error'],
    ['it carries no record', ours({ targetUrl: RUN }), expected, 'its status carries no record'],
    ['its inputs changed', ours(), { ...expected, inputs: 'f'.repeat(32) }, 'its inputs changed'],
    ['its record is a day old', ours({ createdAt: '2026-11-30T12:00:00Z' }), expected, 'its record is more than a day old'],
    [
      'its record claims to come from the future',
      ours({ createdAt: '2026-12-01T13:00:00Z' }),
      expected,
      'its record is more than a day old',
    ],
    ['its time came', ours({}, '2026-12-01T12:00:00.000Z'), expected, 'time changed its decision at 2026-12-01T12:00:00.000Z'],
  ])('%s', (_, status, given, reason) => {
    expect(dueReason(status, given)).toBe(reason);
  });

  it("counts a person's status when it is the token's own login", () => {
    expect(dueReason(ours({ creator: { login: 'Dana-Ops', bot: false } }), { ...expected, viewer: 'dana-ops' })).toBeNull();
  });
});

describe('a failed try backs off', () => {
  const MINUTE = 60_000;
  it.each([
    [1, 15],
    [2, 30],
    [3, 60],
    [4, 120],
    [6, 480],
    [7, 960],
    [8, 1440],
    [40, 1440],
    [999, 1440],
  ])('after try %i in a row: %i minutes', (attempt, minutes) => {
    expect(backoffDelay(attempt)).toBe(minutes * MINUTE);
  });

  it('records the next try, counted on from the tries before it', () => {
    expect(nextBackoff(0, INPUTS, NOW)).toEqual({ retry: '2026-12-01T12:15:00.000Z', attempt: 1, inputs: INPUTS });
    expect(nextBackoff(3, INPUTS, NOW)).toEqual({ retry: '2026-12-01T14:00:00.000Z', attempt: 4, inputs: INPUTS });
    const link = linkWithBackoff(`${RUN}#old`, nextBackoff(1, INPUTS, NOW));
    expect(link).toBe(`${RUN}#pilot-readiness=v1;retry=2026-12-01T12:30:00.000Z;attempt=2;inputs=${INPUTS}`);
    expect(backoffOf(link)).toEqual({ retry: '2026-12-01T12:30:00.000Z', attempt: 2, inputs: INPUTS });
    // Never read as a decision's record, nor a decision's record as a back-off.
    expect(recordOf(link)).toBeNull();
    expect(backoffOf(linkWithRecord(RUN, { next: null, inputs: INPUTS }))).toBeNull();
  });

  it.each([
    ['attempt 0', `${RUN}#pilot-readiness=v1;retry=2026-12-01T12:15:00Z;attempt=0;inputs=${INPUTS}`],
    ['a four-digit attempt', `${RUN}#pilot-readiness=v1;retry=2026-12-01T12:15:00Z;attempt=1000;inputs=${INPUTS}`],
    ['a word for an instant', `${RUN}#pilot-readiness=v1;retry=later;attempt=1;inputs=${INPUTS}`],
    ['an impossible date', `${RUN}#pilot-readiness=v1;retry=2026-13-45T99:00:00Z;attempt=1;inputs=${INPUTS}`],
    ['something after it', `${RUN}#pilot-readiness=v1;retry=2026-12-01T12:15:00Z;attempt=1;inputs=${INPUTS}&x=1`],
  ])('reads no back-off from %s', (_, link) => {
    expect(backoffOf(link)).toBeNull();
  });

  const failed = (over: Partial<RecordedStatus> = {}, retry = '2026-12-01T12:30:00.000Z', attempt = 2): RecordedStatus => ({
    state: 'error',
    targetUrl: linkWithBackoff(RUN, { retry, attempt, inputs: INPUTS }),
    createdAt: '2026-12-01T11:55:00Z',
    creator: { login: 'github-actions[bot]', bot: true },
    ...over,
  });
  const expected = { inputs: INPUTS, viewer: null as string | null, now: NOW };

  it('is honoured on the gate’s own error status, for the same inputs, until its instant', () => {
    expect(backingOff(failed(), expected)).toEqual({ retry: '2026-12-01T12:30:00.000Z', attempt: 2, inputs: INPUTS });
    expect(dueReason(failed(), expected)).toBe('its wait after try 2 failed is over');
  });

  it.each<[string, RecordedStatus | null | undefined, typeof expected, string]>([
    ['on a success status, under the gate’s own name', failed({ state: 'success' }), expected, 'its status carries no record'],
    ['on a failure status', failed({ state: 'failure' }), expected, 'its status carries no record'],
    [
      'by a person while the login is unknown',
      failed({ creator: { login: 'dev-lin', bot: false } }),
      expected,
      'its status was not written by the gate',
    ],
    ['by a bot while the login is a person’s', failed(), { ...expected, viewer: 'dana-ops' }, 'its status was not written by the gate'],
    ['for other inputs (a push, a review)', failed(), { ...expected, inputs: 'f'.repeat(32) }, 'its inputs changed since try 2 failed'],
    ['past its instant', failed({}, '2026-12-01T12:00:00.000Z'), expected, 'its wait after try 2 failed is over'],
    [
      'written more than a day ago, whatever its instant',
      failed({ createdAt: '2026-11-30T11:00:00Z' }, '2099-01-01T00:00:00.000Z'),
      expected,
      'its record is more than a day old',
    ],
    ['written in the future', failed({ createdAt: '2026-12-01T13:00:00Z' }), expected, 'its record is more than a day old'],
    ['with no status', null, expected, 'it has no status of the gate yet'],
    ['with a status that could not be read', undefined, expected, 'its status could not be read'],
  ])('is not honoured %s: the pull request is due', (_, status, given, reason) => {
    expect(backingOff(status, given)).toBeNull();
    expect(dueReason(status, given)).toBe(reason);
  });

  it('counts the tries before from the gate’s own error status only', () => {
    expect(failedTries(failed(), null)).toBe(2);
    expect(failedTries(failed({ creator: { login: 'dev-lin', bot: false } }), null)).toBe(0);
    expect(failedTries(failed({ state: 'success' }), null)).toBe(0);
    expect(failedTries(null, null)).toBe(0);
  });
});

describe('the order a sweep takes due pull requests in', () => {
  const status = (createdAt: string, login = 'github-actions[bot]'): RecordedStatus => ({
    state: 'success',
    targetUrl: RUN,
    createdAt,
    creator: { login, bot: login.endsWith('[bot]') },
  });

  it('knows when the gate last judged a pull request, and only from its own status', () => {
    expect(lastJudged(status('2026-12-01T10:00:00Z'), null)).toBe(Date.parse('2026-12-01T10:00:00Z'));
    expect(lastJudged(status('2026-12-01T10:00:00Z', 'dev-lin'), null)).toBeNull();
    expect(lastJudged(status('yesterday'), null)).toBeNull();
    expect(lastJudged(null, null)).toBeNull();
  });

  it('puts the never judged first, then the least recently judged, and keeps the listing order among equals', () => {
    const due = [
      { n: 1, urgency: 2, judged: 300 },
      { n: 2, urgency: 2, judged: null },
      { n: 3, urgency: 2, judged: 100 },
      { n: 4, urgency: 2, judged: null },
      { n: 5, urgency: 2, judged: 100 },
    ];
    expect(sweepOrder(due).map((d) => d.n)).toEqual([2, 4, 3, 5, 1]);
  });

  it('puts a standing success before the never judged: one time has changed first, then any other', () => {
    const due = [
      { n: 1, urgency: 2, judged: null },
      { n: 2, urgency: 1, judged: 300 },
      { n: 3, urgency: 2, judged: 100 },
      { n: 4, urgency: 0, judged: 400 },
      { n: 5, urgency: 1, judged: 200 },
    ];
    expect(sweepOrder(due).map((d) => d.n)).toEqual([4, 5, 2, 1, 3]);
  });

  it.each([
    [
      'a success whose record says time changed it',
      'success',
      `${RUN}#pilot-readiness=v1;next=2026-12-01T11:00:00.000Z;inputs=${INPUTS}`,
      0,
    ],
    [
      'a success whose instant is still ahead (due for its inputs or its age)',
      'success',
      `${RUN}#pilot-readiness=v1;next=2026-12-02T00:00:00.000Z;inputs=${INPUTS}`,
      1,
    ],
    ['a success that never changes by time alone', 'success', `${RUN}#pilot-readiness=v1;next=none;inputs=${INPUTS}`, 1],
    ['a success with no record (someone else wrote it, or an older gate)', 'success', RUN, 1],
    [
      'a pending whose time came (nothing it lets through)',
      'pending',
      `${RUN}#pilot-readiness=v1;next=2026-12-01T11:00:00.000Z;inputs=${INPUTS}`,
      2,
    ],
    ['a failure', 'failure', RUN, 2],
    ['an error', 'error', RUN, 2],
  ])('ranks %s at %i', (_, state, targetUrl, rank) => {
    expect(
      urgency({ state, targetUrl, createdAt: '2026-12-01T10:00:00Z', creator: { login: 'github-actions[bot]', bot: true } }, NOW),
    ).toBe(rank);
  });

  it('ranks no status, or one that could not be read, with the rest', () => {
    expect(urgency(null, NOW)).toBe(2);
    expect(urgency(undefined, NOW)).toBe(2);
  });
});
