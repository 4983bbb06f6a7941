import { describe, expect, it } from 'vitest';
import type { OnObjection, PrFacts } from '../../src/core/types.js';
import { H, OLD, OWNER, factsWith, manifestWith, messages, policyWith, request, review, role, signoffs } from './builders.js';

const manifest = manifestWith({ reviewers: { legal: ['lena', 'lars'] } });
const objection = review('lena', 'CHANGES_REQUESTED', 2 * H);
const REASON = 'residual risk accepted by the claims board (RISK-12)';

function run(reviews: PrFacts['reviews'], onObjection: OnObjection = 'block', extra: { risk?: 'low' | 'high' } = {}) {
  const policy = policyWith({ legal: { on_objection: onObjection, required_for: ['medium', 'high'] } });
  const m = extra.risk ? manifestWith({ ...manifest, pilot: { name: 'claims-triage', risk: extra.risk } }) : manifest;
  const result = signoffs({ policy, manifest: m, facts: factsWith({ review_requests: [request('lena', H)], reviews }) });
  return { result, legal: role(result, 'legal'), warnings: messages(result.warnings) };
}

describe('objections', () => {
  it('block with on_objection: block until the member approves, the review is dismissed or the owner overrides', () => {
    const { legal, result } = run([objection]);
    expect(legal).toMatchObject({ status: 'objected', blocking: true });
    expect(legal.hint).toBe(
      'lena requested changes; this blocks until they approve, the review is dismissed, or the owner approves the head commit with `/override legal: <reason>`',
    );
    expect(result.overrides).toEqual([]);
  });

  it('only advise with on_objection: advise: a warning, and the role counts as consulted', () => {
    const { legal, warnings } = run([objection], 'advise');
    expect(legal).toMatchObject({
      status: 'objected',
      blocking: false,
      hint: 'lena requested changes; legal only advises, so the objection does not block',
    });
    expect(warnings).toEqual(['legal: lena requested changes; legal only advises (on_objection: advise), so this does not block']);
  });

  it('do not block for a role the risk tier does not require (reported as a warning)', () => {
    const { legal, warnings } = run([objection], 'block', { risk: 'low' });
    expect(legal).toMatchObject({ status: 'objected', required: false, blocking: false });
    expect(warnings).toEqual(['legal: lena requested changes; legal is not required for low-risk pilots, so this does not block']);
  });

  it('name every objector', () => {
    const { legal } = run([objection, review('lars', 'CHANGES_REQUESTED', 3 * H)]);
    expect(legal.hint).toMatch(/^lena or lars requested changes; /);
  });
});

describe("the owner's override", () => {
  it('lifts a blocking objection when the owner approves the head with `/override ROLE: reason`; the status stays objected', () => {
    const override = review(OWNER, 'APPROVED', 3 * H, { body: `Read the legal memo.\r\n/override legal: ${REASON}  \nThanks` });
    const { legal, result, warnings } = run([objection, override]);
    expect(legal).toMatchObject({ status: 'objected', blocking: false, hint: `lena requested changes; overridden by olivia: ${REASON}` });
    expect(result.overrides).toEqual([{ role: 'legal', by: OWNER, reason: REASON, review_id: override.id, at: override.at }]);
    expect(warnings).toEqual([]);
    expect(result.owner.status).toBe('approved');
  });

  it('does not count without a reason, and says so', () => {
    for (const body of ['/override legal', '/override legal:', '/override legal:    ']) {
      const override = review(OWNER, 'APPROVED', 3 * H, { body });
      const { legal, result, warnings } = run([objection, override]);
      expect(legal.blocking).toBe(true);
      expect(result.overrides).toEqual([]);
      expect(warnings).toEqual([
        `olivia's /override legal (review ${override.id}) gives no reason, so it does not count; write \`/override legal: <reason>\``,
      ]);
    }
  });

  it('does not count in an approval of an older commit', () => {
    const { legal, result } = run([objection, review(OWNER, 'APPROVED', 3 * H, { commit: OLD, body: `/override legal: ${REASON}` })]);
    expect(legal.blocking).toBe(true);
    expect(result.overrides).toEqual([]);
  });

  it('does not count in a comment, nor from anyone but the owner', () => {
    const comment = review(OWNER, 'COMMENTED', 3 * H, { body: `/override legal: ${REASON}` });
    const stranger = review('mallory', 'APPROVED', 3 * H, { body: `/override legal: ${REASON}` });
    const { legal, result } = run([objection, comment, stranger]);
    expect(legal.blocking).toBe(true);
    expect(result.overrides).toEqual([]);
  });

  it('does not cover an objection made after it', () => {
    const override = review(OWNER, 'APPROVED', 3 * H, { body: `/override legal: ${REASON}` });
    const { legal, result, warnings } = run([objection, override, review('lars', 'CHANGES_REQUESTED', 4 * H)]);
    expect(legal.blocking).toBe(true);
    expect(result.overrides).toEqual([]);
    expect(warnings).toEqual([
      `legal: olivia's /override legal (review ${override.id}) predates the latest objection, so it does not cover it; override again`,
    ]);
  });

  it('lapses when the owner later requests changes', () => {
    const override = review(OWNER, 'APPROVED', 3 * H, { body: `/override legal: ${REASON}` });
    const { legal } = run([objection, override, review(OWNER, 'CHANGES_REQUESTED', 4 * H)]);
    expect(legal.blocking).toBe(true);
  });

  it('has no effect, with a warning, on a role without a blocking objection', () => {
    const override = review(OWNER, 'APPROVED', 3 * H, { body: `/override legal: ${REASON}` });
    const { legal, result, warnings } = run([override]);
    expect(legal.status).toBe('pending');
    expect(result.overrides).toEqual([]);
    expect(warnings).toEqual([`legal: olivia's /override legal (review ${override.id}) has no effect: it has no blocking objection`]);
  });

  it('does not count where the review does not show it as a plain line, and says where it is', () => {
    const hidden = review(OWNER, 'APPROVED', 3 * H, { body: `Looks fine.\n\n<!--\n/override legal: ${REASON}\n-->` });
    const { legal, result, warnings } = run([objection, hidden]);
    expect(legal).toMatchObject({ status: 'objected', blocking: true });
    expect(result.overrides).toEqual([]);
    expect(warnings).toEqual([
      `\`/override legal\` in review ${hidden.id} does not count: it is inside an HTML comment; write it as a plain paragraph line`,
    ]);
  });

  it('counts the plain line of a review that also quotes one, and warns about the quoted one', () => {
    const body = `> /override legal: because lars said so\n\n/override legal: ${REASON}`;
    const override = review(OWNER, 'APPROVED', 3 * H, { body });
    const { legal, result, warnings } = run([objection, override]);
    expect(legal.blocking).toBe(false);
    expect(result.overrides).toEqual([{ role: 'legal', by: OWNER, reason: REASON, review_id: override.id, at: override.at }]);
    expect(warnings).toEqual([
      `\`/override legal\` in review ${override.id} does not count: it is inside a block quote; write it as a plain paragraph line`,
    ]);
  });

  it('warns about a role the policy does not define', () => {
    const override = review(OWNER, 'APPROVED', 3 * H, { body: `/override legl: ${REASON}` });
    const { legal, warnings } = run([objection, override]);
    expect(legal.blocking).toBe(true);
    expect(warnings).toEqual([`olivia's /override legl (review ${override.id}) names no reviewer role; did you mean legal?`]);
  });
});

describe('a dismissed objection', () => {
  it('no longer blocks', () => {
    const dismissed = { ...objection, state: 'DISMISSED' as const };
    const { legal } = run([dismissed]);
    expect(legal).toMatchObject({ status: 'pending', blocking: false });
  });
});
