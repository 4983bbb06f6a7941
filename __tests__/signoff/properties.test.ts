import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/core/decide.js';
import { evaluateSignoffs } from '../../src/core/signoff/index.js';
import type { InvalidateOnPush, OnObjection, OnSilence, PrFacts, ReviewState, RiskTier } from '../../src/core/types.js';
import { AUTHOR, D, H, HEAD, MID, OLD, OWNER, T0, iso, locator, manifestWith, policyWith } from './builders.js';

// Random pull requests over a small cast, so that members, teams, authors, bots, owners and ties meet often.
const REVIEWERS = ['lena', 'lars', 'sam', 'ada', 'pia', OWNER, 'oscar', AUTHOR, 'ci[bot]', 'mallory'];
const REQUESTED = ['lena', 'lars', 'sam', 'pia', 'acme/legal', 'acme/appsec', 'mallory'];
const STATES: ReviewState[] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED'];
const BODIES = ['', 'LGTM', '/override legal: accepted by the board', '/override security', '/override privacy: residual risk accepted'];
const offset = fc.integer({ min: -2, max: 20 * 24 }).map((hours) => hours * H);

const role = fc.record({
  window: fc.constantFrom('1h', '72h', '14d'),
  on_silence: fc.constantFrom<OnSilence>('consent', 'block'),
  on_objection: fc.constantFrom<OnObjection>('block', 'advise'),
  required_for: fc.option(fc.subarray<RiskTier>(['low', 'medium', 'high']), { nil: undefined }),
});

const reviewShape = fc.record({
  author: fc.constantFrom(...REVIEWERS),
  state: fc.constantFrom(...STATES),
  at: offset,
  commit: fc.constantFrom(HEAD, HEAD, MID, OLD),
  body: fc.constantFrom(...BODIES),
});

const scenario = fc.record({
  legal: role,
  security: role,
  privacy: role,
  legalReviewers: fc.subarray(['lena', 'lars', 'acme/legal']),
  privacyReviewers: fc.option(fc.subarray(['pia', 'ada']), { nil: undefined }),
  invalidate: fc.constantFrom<InvalidateOnPush>('any', 'governed', 'never'),
  legalTeamKnown: fc.boolean(),
  risk: fc.constantFrom<RiskTier>('low', 'medium', 'high'),
  ownerAllowed: fc.option(fc.constantFrom(['olivia'], ['acme/leads'], ['oscar']), { nil: undefined, freq: 2 }),
  draft: fc.constantFrom(false, false, false, true),
  readyAt: fc.option(fc.integer({ min: -D, max: 3 * D }), { nil: null, freq: 5 }),
  midFilesKnown: fc.boolean(),
  requests: fc.array(fc.record({ reviewer: fc.constantFrom(...REQUESTED), at: offset }), { maxLength: 6 }),
  reviews: fc.array(reviewShape, { maxLength: 8 }),
  /** The owner deciding (often with an override) makes ready and overridden outcomes common. */
  ownerApproval: fc.option(fc.record({ at: offset, body: fc.constantFrom(...BODIES) }), { nil: undefined, freq: 2 }),
  baseOwner: fc.constantFrom<PrFacts['base_manifest'] | undefined>(undefined, null, { owner: OWNER }, { owner: 'oscar' }),
  now: fc.integer({ min: -D, max: 40 * D }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario, extra: { reviews?: PrFacts['reviews']; requests?: PrFacts['review_requests'] } = {}) {
  const policy = policyWith(
    {
      legal: s.legal,
      security: { ...s.security, members: ['sam', 'acme/appsec'] },
      privacy: s.privacy,
    },
    { invalidate_on_push: s.invalidate, governed_paths: ['models/**'], owner: s.ownerAllowed ? { allowed: [...s.ownerAllowed] } : {} },
  );
  const reviewers: Record<string, string[]> = { legal: s.legalReviewers };
  if (s.privacyReviewers) reviewers.privacy = s.privacyReviewers;
  const manifest = manifestWith({ pilot: { name: 'claims-triage', risk: s.risk }, reviewers });
  const teams: Record<string, string[]> = { 'acme/appsec': ['sam', 'ada'], 'acme/leads': [OWNER] };
  if (s.legalTeamKnown) teams['acme/legal'] = ['lena', 'ada'];
  const facts: PrFacts = {
    version: 1,
    repository: 'acme/claims',
    number: 7,
    author: AUTHOR,
    head_sha: HEAD,
    base_ref: 'main',
    draft: s.draft,
    ready_at: s.readyAt === null ? null : iso(s.readyAt),
    commits: [
      { sha: OLD, at: iso(-2 * D), files: ['models/m.onnx'] },
      s.midFilesKnown ? { sha: MID, at: iso(-D), files: ['README.md'] } : { sha: MID, at: iso(-D) },
      { sha: HEAD, at: iso(-H), files: ['models/m.onnx'] },
    ],
    review_requests: extra.requests ?? s.requests.map((r) => ({ reviewer: r.reviewer, at: iso(r.at) })),
    reviews:
      extra.reviews ??
      [...s.reviews, ...(s.ownerApproval ? [{ ...s.ownerApproval, author: OWNER, state: 'APPROVED' as const, commit: HEAD }] : [])].map(
        (r, index) => ({
          id: index % 2 === 0 ? index : `PRR_${index}`,
          author: r.author,
          state: r.state,
          at: iso(r.at),
          commit: r.commit,
          ...(r.body ? { body: r.body } : {}),
        }),
      ),
    teams,
    ...(s.baseOwner !== undefined ? { base_manifest: s.baseOwner } : {}),
  };
  return { policy, manifest, facts };
}

function evaluateAt(s: Scenario, now: number, extra: Parameters<typeof build>[1] = {}) {
  const { policy, manifest, facts } = build(s, extra);
  return evaluateSignoffs({
    policy,
    manifest,
    locate: locator(manifest),
    facts,
    now: new Date(T0 + now),
    signoffCriteria: { 'legal-review': 'legal' },
  });
}

const CRITERIA = [
  { id: 'model-card', required: true, status: 'met' as const },
  { id: 'bias-audit', required: false, status: 'missing' as const },
];

describe('properties of the sign-off rules', () => {
  it('moving now forward never turns an approved or consented role into pending (nor changes it at all)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 30 * D }), (s, later) => {
        const before = evaluateAt(s, s.now);
        const after = evaluateAt(s, s.now + later);
        before.roles.forEach((r, index) => {
          if (r.status !== 'approved' && r.status !== 'consented') return;
          const next = after.roles[index];
          expect(next?.status).not.toBe('pending');
          expect(next?.status).toBe(r.status);
        });
      }),
    );
  });

  it("adding a non-member's review never changes the decision", () => {
    fc.assert(
      fc.property(scenario, reviewShape, fc.integer({ min: 1, max: 99 }), (s, extra, n) => {
        const { facts } = build(s);
        const outsider = {
          id: `PRR_outsider_${n}`,
          author: `outsider-${n}`,
          state: extra.state,
          at: iso(extra.at),
          commit: extra.commit,
          body: extra.body,
        };
        const without = decide({ criteria: CRITERIA, signoffs: evaluateAt(s, s.now), errors: 0 });
        const withIt = decide({ criteria: CRITERIA, signoffs: evaluateAt(s, s.now, { reviews: [...facts.reviews, outsider] }), errors: 0 });
        expect(withIt).toEqual(without);
      }),
    );
  });

  it('the decision (and every sign-off) never depends on the order of the reviews or of the review requests', () => {
    const shuffled = scenario.chain((s) => {
      const { facts } = build(s);
      return fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray(facts.reviews, { minLength: facts.reviews.length, maxLength: facts.reviews.length }),
        fc.shuffledSubarray(facts.review_requests, { minLength: facts.review_requests.length, maxLength: facts.review_requests.length }),
      );
    });
    fc.assert(
      fc.property(shuffled, ([s, reviews, requests]) => {
        const original = evaluateAt(s, s.now);
        const reordered = evaluateAt(s, s.now, { reviews, requests });
        expect(reordered).toEqual(original);
        expect(decide({ criteria: CRITERIA, signoffs: reordered, errors: 0 })).toEqual(
          decide({ criteria: CRITERIA, signoffs: original, errors: 0 }),
        );
      }),
    );
  });

  it('a blocking role is always a required one, and next_change_at is the earliest pending deadline', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = evaluateAt(s, s.now);
        for (const r of result.roles) if (r.blocking) expect(r.required).toBe(true);
        const deadlines = result.roles
          .filter((r) => r.status === 'pending' && r.deadline !== null)
          .map((r) => Date.parse(r.deadline ?? ''));
        expect(result.next_change_at).toBe(deadlines.length > 0 ? new Date(Math.min(...deadlines)).toISOString() : null);
        for (const r of result.roles) {
          if (r.status === 'pending' && r.deadline !== null) expect(r.time_left_ms).toBe(Date.parse(r.deadline) - (T0 + s.now));
          else expect(r.time_left_ms).toBeNull();
        }
      }),
    );
  });
});
