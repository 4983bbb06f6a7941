import { describe, expect, it } from 'vitest';
import { AUTHOR, H, OWNER, factsWith, manifestWith, policyWith, request, review, role, signoffs } from './builders.js';

// lena and lars fill legal; legal was asked an hour after ready_at, so its 14d window is open.
const manifest = manifestWith({ reviewers: { legal: ['lena', 'lars', AUTHOR] } });
const asked = [request('lena', H)];
const legalWith = (reviews: ReturnType<typeof review>[], extra: Parameters<typeof factsWith>[0] = {}) =>
  role(signoffs({ manifest, facts: factsWith({ review_requests: asked, reviews, ...extra }) }), 'legal');

describe('reviews that never count', () => {
  it("the PR author's approval, even when the author is listed as a member", () => {
    const own = review(AUTHOR, 'APPROVED', 2 * H);
    const legal = legalWith([own]);
    expect(legal.status).toBe('pending');
    expect(legal.reviews).toEqual([
      {
        id: own.id,
        author: AUTHOR,
        state: 'APPROVED',
        at: own.at,
        commit: own.commit,
        counted: false,
        not_counted_because: 'the PR author cannot review their own pull request',
      },
    ]);
  });

  it("a non-member's approval", () => {
    const outsider = review('mallory', 'APPROVED', 2 * H);
    const legal = legalWith([outsider]);
    expect(legal.status).toBe('pending');
    expect(legal.reviews).toEqual([
      expect.objectContaining({ author: 'mallory', counted: false, not_counted_because: 'not a member of legal' }),
    ]);
  });

  it("a bot's approval", () => {
    const bot = review('release-bot[bot]', 'APPROVED', 2 * H);
    const legal = legalWith([bot]);
    expect(legal.status).toBe('pending');
    expect(legal.reviews).toEqual([
      expect.objectContaining({ author: 'release-bot[bot]', counted: false, not_counted_because: 'reviews by bots do not count' }),
    ]);
  });

  it("a member of another role is not listed under this one; the owner's reviews are not listed either", () => {
    const policy = policyWith({ legal: {}, security: { members: ['sam'] } });
    const facts = factsWith({ reviews: [review('sam', 'APPROVED', H), review(OWNER, 'APPROVED', H)] });
    const result = signoffs({ policy, manifest, facts });
    expect(role(result, 'legal').reviews).toEqual([]);
    expect(role(result, 'security')).toMatchObject({
      status: 'approved',
      reviews: [expect.objectContaining({ author: 'sam', counted: true })],
    });
  });

  it('a dismissed objection: the role is as if it had not been made', () => {
    const dismissed = review('lena', 'DISMISSED', 2 * H);
    const legal = legalWith([dismissed]);
    expect(legal).toMatchObject({ status: 'pending', blocking: false });
    expect(legal.reviews).toEqual([expect.objectContaining({ id: dismissed.id, counted: false, not_counted_because: 'dismissed' })]);
  });

  it("a dismissed review falls back to the member's previous counted review", () => {
    const approval = review('lena', 'APPROVED', 2 * H);
    const legal = legalWith([approval, review('lena', 'DISMISSED', 3 * H)]);
    expect(legal).toMatchObject({ status: 'approved', hint: 'approved by lena' });
    expect(legal.reviews.map((verdict) => [verdict.state, verdict.counted])).toEqual([
      ['APPROVED', true],
      ['DISMISSED', false],
    ]);
  });
});

describe("a member's standing is their latest APPROVED or CHANGES_REQUESTED review", () => {
  it('a COMMENTED review after an approval does not cancel it (and is not listed)', () => {
    const legal = legalWith([review('lena', 'APPROVED', 2 * H), review('lena', 'COMMENTED', 3 * H, { body: 'one more thought' })]);
    expect(legal.status).toBe('approved');
    expect(legal.reviews.map((verdict) => verdict.state)).toEqual(['APPROVED']);
  });

  it('a COMMENTED review after an objection does not cancel it either', () => {
    const legal = legalWith([review('lena', 'CHANGES_REQUESTED', 2 * H), review('lena', 'COMMENTED', 3 * H)]);
    expect(legal).toMatchObject({ status: 'objected', blocking: true });
  });

  it('a member approving after objecting withdraws the objection', () => {
    const objection = review('lena', 'CHANGES_REQUESTED', 2 * H);
    const approval = review('lena', 'APPROVED', 3 * H);
    const legal = legalWith([approval, objection]);
    expect(legal).toMatchObject({ status: 'approved', blocking: false });
    expect(legal.reviews).toEqual([
      expect.objectContaining({
        id: objection.id,
        counted: false,
        not_counted_because: `superseded by lena's later review ${approval.id}`,
      }),
      expect.objectContaining({ id: approval.id, counted: true }),
    ]);
  });

  it('a member objecting after approving', () => {
    const legal = legalWith([review('lena', 'APPROVED', 2 * H), review('lena', 'CHANGES_REQUESTED', 3 * H)]);
    expect(legal).toMatchObject({ status: 'objected', blocking: true });
  });

  it("one member's objection outweighs another member's approval", () => {
    const legal = legalWith([review('lena', 'APPROVED', 2 * H), review('lars', 'CHANGES_REQUESTED', 2 * H)]);
    expect(legal).toMatchObject({ status: 'objected', blocking: true });
    expect(legal.reviews.every((verdict) => verdict.counted)).toBe(true);
  });

  it('reviews at the same instant are ordered by id', () => {
    const later = legalWith([review('lena', 'APPROVED', 2 * H, { id: 8 }), review('lena', 'CHANGES_REQUESTED', 2 * H, { id: 7 })]);
    expect(later.status).toBe('approved');
    const earlier = legalWith([review('lena', 'APPROVED', 2 * H, { id: 7 }), review('lena', 'CHANGES_REQUESTED', 2 * H, { id: 8 })]);
    expect(earlier.status).toBe('objected');
  });

  it('logins are compared without regard to case', () => {
    expect(legalWith([review('LENA', 'APPROVED', 2 * H)]).status).toBe('approved');
  });

  it('an approval counts before any review request and in a draft: it is explicit input', () => {
    const unasked = role(signoffs({ manifest, facts: factsWith({ reviews: [review('lena', 'APPROVED', H)] }) }), 'legal');
    expect(unasked).toMatchObject({ status: 'approved', started_at: null, deadline: null });
    const draft = role(
      signoffs({ manifest, facts: factsWith({ draft: true, ready_at: null, reviews: [review('lars', 'APPROVED', H)] }) }),
      'legal',
    );
    expect(draft.status).toBe('approved');
  });

  it('an objection counts before any review request and in a draft', () => {
    const draft = role(
      signoffs({ manifest, facts: factsWith({ draft: true, ready_at: null, reviews: [review('lars', 'CHANGES_REQUESTED', H)] }) }),
      'legal',
    );
    expect(draft).toMatchObject({ status: 'objected', blocking: true });
  });
});
