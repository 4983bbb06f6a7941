import { describe, expect, it } from 'vitest';
import type { OnSilence, PrFacts } from '../../src/core/types.js';
import { reviewWindow } from '../../src/core/signoff/window.js';
import { validatorFor } from '../support/schemas.js';
import { D, H, M, S, T0, factsWith, iso, manifestWith, policyWith, request, review, role, signoffs } from './builders.js';

// legal: lena, 14d window; asked one hour after ready_at, so the window runs from T0+1h to T0+1h+14d.
const manifest = manifestWith({ reviewers: { legal: ['lena', 'acme/legal'] } });
const START = H;
const DEADLINE = H + 14 * D;
const policyWhere = (on_silence: OnSilence) => policyWith({ legal: { on_silence } });

function legalAt(now: number, options: { silence?: OnSilence; facts?: Partial<PrFacts> } = {}) {
  const facts = factsWith({ teams: { 'acme/legal': ['lars'] }, review_requests: [request('lena', START)], ...options.facts });
  const result = signoffs({ policy: policyWhere(options.silence ?? 'block'), manifest, facts, now });
  return { legal: role(result, 'legal'), result };
}

describe('the review window', () => {
  it('is pending while open, with its deadline, the time left and a hint', () => {
    const { legal, result } = legalAt(START + D);
    expect(legal).toMatchObject({
      status: 'pending',
      blocking: false,
      started_at: '2026-03-02T10:00:00.000Z',
      deadline: '2026-03-16T10:00:00.000Z',
      time_left_ms: 13 * D,
    });
    expect(legal.hint).toBe('waiting for lena or acme/legal to review: 13d left (until Mon 16 Mar 2026 10:00 UTC); silence then blocks');
    expect(result.next_change_at).toBe('2026-03-16T10:00:00.000Z');
  });

  it('starts at ready_at when the request came earlier', () => {
    const { legal } = legalAt(D, { facts: { review_requests: [request('lena', -3 * D)] } });
    expect(legal.started_at).toBe(iso(0));
    expect(legal.deadline).toBe(iso(14 * D));
  });

  it('starts at the first request that names the role (a member login or one of its teams)', () => {
    const requests = [request('mallory', 10 * H), request('acme/legal', 3 * H), request('lena', 5 * H), request('acme/other', 2 * H)];
    const { legal } = legalAt(D, { facts: { review_requests: requests } });
    expect(legal.started_at).toBe(iso(3 * H));
  });

  it('is still open one millisecond before the deadline', () => {
    const { legal } = legalAt(DEADLINE - 1);
    expect(legal).toMatchObject({ status: 'pending', time_left_ms: 1 });
  });

  it('is closed at exactly the deadline: silence blocks (lapsed) or consents', () => {
    const lapsed = legalAt(DEADLINE).legal;
    expect(lapsed).toMatchObject({ status: 'lapsed', blocking: true, time_left_ms: null, deadline: iso(DEADLINE) });
    expect(lapsed.hint).toBe(
      'no review within 14d of Mon 2 Mar 2026 10:00 UTC and silence blocks (on_silence: block): ask lena or acme/legal to review; an approval still counts',
    );
    const consented = legalAt(DEADLINE, { silence: 'consent' }).legal;
    expect(consented).toMatchObject({ status: 'consented', blocking: false, time_left_ms: null });
    expect(consented.hint).toBe('no review within 14d of Mon 2 Mar 2026 10:00 UTC: silence counts as consent');
  });

  it('counts an approval one second before the deadline, looked at long after', () => {
    const { legal } = legalAt(DEADLINE + 30 * D, { facts: { reviews: [review('lena', 'APPROVED', DEADLINE - S)] } });
    expect(legal).toMatchObject({ status: 'approved', blocking: false, deadline: iso(DEADLINE), time_left_ms: null });
  });

  it('counts an approval one second after the deadline: a lapsed role becomes approved', () => {
    expect(legalAt(DEADLINE + S).legal.status).toBe('lapsed');
    const reviews = [review('lars', 'APPROVED', DEADLINE + S)];
    expect(legalAt(DEADLINE + S, { facts: { reviews } }).legal).toMatchObject({ status: 'approved', blocking: false });
  });

  it('counts an objection one second after the deadline under consent: it turns consent into an objection', () => {
    expect(legalAt(DEADLINE + S, { silence: 'consent' }).legal.status).toBe('consented');
    const reviews = [review('lena', 'CHANGES_REQUESTED', DEADLINE + S)];
    expect(legalAt(DEADLINE + S, { silence: 'consent', facts: { reviews } }).legal).toMatchObject({ status: 'objected', blocking: true });
  });

  it('is not_requested while nobody has asked the role, with whom to ask', () => {
    const { legal, result } = legalAt(30 * D, { facts: { review_requests: [request('mallory', H)] } });
    expect(legal).toMatchObject({ status: 'not_requested', blocking: false, started_at: null, deadline: null, time_left_ms: null });
    expect(legal.hint).toBe('request a review from lena or acme/legal');
    expect(result.next_change_at).toBeNull();
  });

  it('starts no window in a draft, even when asked', () => {
    for (const draft of [
      { draft: true, ready_at: null },
      { draft: true, ready_at: iso(0) },
      { draft: false, ready_at: null },
    ]) {
      const { legal } = legalAt(30 * D, { facts: draft });
      expect(legal).toMatchObject({ status: 'not_requested', blocking: false, started_at: null });
      expect(legal.hint).toBe("the pull request is a draft: mark it ready for review to start legal's 14d window");
    }
  });

  it('takes next_change_at from the earliest deadline of a pending role', () => {
    const policy = policyWith({ legal: {}, security: { window: '72h', members: ['sam'] }, privacy: { window: '1h', members: ['pia'] } });
    const facts = factsWith({
      review_requests: [request('lena', H), request('sam', 2 * H), request('pia', 0)],
      reviews: [review('pia', 'APPROVED', 30 * 60 * S)],
    });
    const result = signoffs({ policy, manifest: manifestWith(), facts, now: 3 * H });
    expect(result.roles.map((r) => [r.role, r.status])).toEqual([
      ['legal', 'pending'],
      ['security', 'pending'],
      ['privacy', 'approved'],
    ]);
    expect(result.next_change_at).toBe(iso(2 * H + 72 * H));
  });

  it('mentions a criterion that needs the role explicitly while it is only pending or consented', () => {
    const facts = { teams: { 'acme/legal': ['lars'] }, review_requests: [request('lena', START)] };
    const pending = signoffs({
      policy: policyWhere('consent'),
      manifest,
      facts: factsWith(facts),
      signoffCriteria: { 'legal-review': 'legal' },
    });
    expect(role(pending, 'legal').hint).toBe(
      "waiting for lena or acme/legal to review: 13d 1h left (until Mon 16 Mar 2026 10:00 UTC); silence then counts as consent; criterion legal-review needs legal's explicit approval (silence and overrides do not count)",
    );
    const consented = signoffs({
      policy: policyWhere('consent'),
      manifest,
      facts: factsWith(facts),
      now: DEADLINE,
      signoffCriteria: { 'legal-review': 'legal' },
    });
    expect(role(consented, 'legal').status).toBe('consented');
    expect(consented.approvedRoles).toEqual([]);
    const approved = signoffs({
      manifest,
      facts: factsWith({ ...facts, reviews: [review('lena', 'APPROVED', 2 * H)] }),
      signoffCriteria: { 'legal-review': 'legal' },
    });
    expect(role(approved, 'legal').hint).toBe('approved by lena');
    expect(approved.approvedRoles).toEqual(['legal']);
  });

  it('warns about a criterion that needs a sign-off from a role the policy does not define', () => {
    const result = signoffs({ manifest, signoffCriteria: { 'legal-review': 'legl' } });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'criterion legal-review needs a sign-off from role legl, which the policy does not define; did you mean legal?',
    ]);
  });

  it('fails closed on a window that is not a duration', () => {
    const policy = policyWith({ legal: { window: 'two weeks' } });
    const result = signoffs({ policy, manifest, facts: factsWith({ teams: { 'acme/legal': [] }, review_requests: [request('lena', H)] }) });
    expect(role(result, 'legal')).toMatchObject({
      status: 'pending',
      blocking: true,
      deadline: null,
      hint: 'the policy\'s window "two weeks" for legal is not a duration such as 14d, 72h or 2w; fix the policy',
    });
    expect(result.next_change_at).toBeNull();
  });
});

/** The removal of `reviewer`'s review request, `offset` after T0. */
const removal = (reviewer: string, offset: number): PrFacts['review_requests'][number] => ({ ...request(reviewer, offset), removed: true });

describe('removed review requests', () => {
  const legal = (
    now: number,
    review_requests: PrFacts['review_requests'],
    options: { silence?: OnSilence; facts?: Partial<PrFacts> } = {},
  ) => legalAt(now, { ...options, facts: { review_requests, ...options.facts } }).legal;

  it('end the window when the only request is removed a minute later: the role is not requested, long after the deadline too', () => {
    for (const silence of ['block', 'consent'] as const) {
      const role = legal(DEADLINE + 30 * D, [request('lena', START), removal('lena', START + M)], { silence });
      expect(role).toMatchObject({ status: 'not_requested', blocking: false, started_at: null, deadline: null, time_left_ms: null });
      expect(role.hint).toBe('request a review from lena or acme/legal');
    }
  });

  it('end the window of a team request that is removed', () => {
    const role = legal(DEADLINE + D, [request('acme/legal', START), removal('acme/legal', START + M)], { silence: 'consent' });
    expect(role).toMatchObject({ status: 'not_requested', started_at: null });
  });

  it('a request after the removal starts a full new window from that request', () => {
    const again = 20 * D;
    const requests = [request('lena', START), removal('lena', START + M), request('lena', again)];
    expect(legal(again + D, requests)).toMatchObject({
      status: 'pending',
      started_at: iso(again),
      deadline: iso(again + 14 * D),
      time_left_ms: 13 * D,
    });
    expect(legal(again + 14 * D, requests, { silence: 'consent' })).toMatchObject({ status: 'consented', started_at: iso(again) });
    // Asking the team instead starts it just the same.
    expect(legal(again + D, [...requests.slice(0, 2), request('acme/legal', again)])).toMatchObject({
      status: 'pending',
      started_at: iso(again),
    });
  });

  it('leave the window as it was while another member or team of the role is still requested', () => {
    const requests = [request('lena', START), request('acme/legal', START + D), removal('lena', START + 2 * D)];
    expect(legal(START + 3 * D, requests)).toMatchObject({ status: 'pending', started_at: iso(START), deadline: iso(DEADLINE) });
    expect(legal(DEADLINE, requests, { silence: 'consent' })).toMatchObject({ status: 'consented', started_at: iso(START) });
    // The other way round: the team removed, lena still asked.
    const team = [request('lena', START), request('acme/legal', START + D), removal('acme/legal', START + 2 * D)];
    expect(legal(START + 3 * D, team)).toMatchObject({ status: 'pending', started_at: iso(START) });
    // A member of a team of the role, asked by name, keeps the role asked too.
    const member = [request('acme/legal', START), request('lars', START + D), removal('acme/legal', START + 2 * D)];
    expect(legal(START + 3 * D, member)).toMatchObject({ status: 'pending', started_at: iso(START) });
  });

  it('a request while another of the role is requested does not move the start; the last removal ends it', () => {
    const requests = [
      request('lena', START),
      request('acme/legal', START + D),
      removal('lena', START + 2 * D),
      request('lena', START + 3 * D),
    ];
    expect(legal(START + 4 * D, requests)).toMatchObject({ started_at: iso(START) });
    const all = [...requests, removal('lena', START + 5 * D), removal('acme/legal', START + 6 * D)];
    expect(legal(START + 7 * D, all)).toMatchObject({ status: 'not_requested', started_at: null });
    expect(legal(START + 8 * D, [...all, request('acme/legal', START + 8 * D)])).toMatchObject({
      status: 'pending',
      started_at: iso(START + 8 * D),
    });
  });

  it('count a removal of someone not requested, or not of the role, for nothing', () => {
    expect(legal(START + D, [removal('acme/legal', 0), request('lena', START), removal('acme/legal', START + M)])).toMatchObject({
      started_at: iso(START),
    });
    expect(legal(START + D, [request('lena', START), request('mallory', START), removal('mallory', START + M)])).toMatchObject({
      started_at: iso(START),
    });
    expect(legal(START + D, [removal('lena', START)])).toMatchObject({ status: 'not_requested' });
  });

  it('match logins and teams without regard to case', () => {
    expect(legal(DEADLINE + D, [request('Lena', START), removal('lena', START + M)])).toMatchObject({ status: 'not_requested' });
    expect(legal(DEADLINE + D, [request('ACME/Legal', START), removal('acme/legal', START + M)])).toMatchObject({
      status: 'not_requested',
    });
  });

  it('removed before the pull request was ready, and asked again: the window starts at the later of the two', () => {
    expect(legal(D, [request('lena', -3 * D), removal('lena', -2 * D)])).toMatchObject({ status: 'not_requested' });
    expect(legal(D, [request('lena', -3 * D), removal('lena', -2 * D), request('lena', -D)])).toMatchObject({
      status: 'pending',
      started_at: iso(0),
    });
  });

  it('do not touch an approval: a reviewer whose request was removed may still approve', () => {
    const role = legal(DEADLINE + D, [request('lena', START), removal('lena', START + M)], {
      facts: { reviews: [review('lena', 'APPROVED', 2 * H)] },
    });
    expect(role).toMatchObject({ status: 'approved', blocking: false, started_at: null });
  });

  it('give the same window whatever order the facts list the events in', () => {
    const requests = [
      request('lena', START),
      request('acme/legal', START + D),
      removal('lena', START + 2 * D),
      removal('acme/legal', START + 3 * D),
      request('lars', 5 * D),
    ];
    const expected = legal(6 * D, requests);
    expect(expected).toMatchObject({ status: 'pending', started_at: iso(5 * D) });
    for (const order of [[...requests].reverse(), [requests[3], requests[0], requests[4], requests[2], requests[1]]]) {
      expect(legal(6 * D, order as PrFacts['review_requests'])).toEqual(expected);
    }
  });

  describe('at the same instant (GitHub gives seconds: the order within one is unknown)', () => {
    const namesLegal = (reviewer: string) => ['lena', 'lars', 'acme/legal'].includes(reviewer.toLowerCase());
    const windowOf = (review_requests: PrFacts['review_requests']) =>
      reviewWindow(factsWith({ review_requests }), '14d', namesLegal, T0 + 30 * D);

    it('a reviewer both requested and removed counts as removed', () => {
      expect(windowOf([request('lena', H), removal('lena', H)])).toEqual({ kind: 'not_requested' });
      expect(windowOf([removal('lena', H), request('lena', H)])).toEqual({ kind: 'not_requested' });
      // Asked before, then removed and asked in the same second: removed.
      expect(windowOf([request('lena', H), request('lena', 2 * H), removal('lena', 2 * H)])).toEqual({ kind: 'not_requested' });
    });

    it('swapping the one requested reviewer for another starts a new window (the latest start any order allows)', () => {
      expect(windowOf([request('lena', H), removal('lena', 2 * H), request('lars', 2 * H)])).toEqual({
        kind: 'closed',
        start: T0 + 2 * H,
        deadline: T0 + 2 * H + 14 * D,
      });
      expect(windowOf([request('lena', H), request('lars', 2 * H), removal('lena', 2 * H)])).toEqual({
        kind: 'closed',
        start: T0 + 2 * H,
        deadline: T0 + 2 * H + 14 * D,
      });
    });

    it('a removal that leaves another of the role requested (from before) moves nothing', () => {
      expect(windowOf([request('lena', H), request('lars', H), removal('lena', 2 * H), request('acme/legal', 2 * H)])).toEqual({
        kind: 'closed',
        start: T0 + H,
        deadline: T0 + H + 14 * D,
      });
    });
  });

  it('facts without removals keep their window: the first request that names the role', () => {
    const requests = [request('mallory', 10 * H), request('acme/legal', 3 * H), request('lena', 5 * H), request('acme/legal', 7 * H)];
    expect(legal(D, requests)).toMatchObject({ started_at: iso(3 * H) });
  });

  it('are valid facts (removed: true), and older facts without the flag stay valid', () => {
    const validate = validatorFor('facts');
    expect(validate(factsWith({ review_requests: [request('lena', H), removal('lena', 2 * H)] })), JSON.stringify(validate.errors)).toBe(
      true,
    );
    expect(validate(factsWith({ review_requests: [request('lena', H)] }))).toBe(true);
    expect(validate(factsWith({ review_requests: [{ ...request('lena', H), removed: false } as never] }))).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual(['/review_requests/0/removed must be equal to constant']);
  });
});
