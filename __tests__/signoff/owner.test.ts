import { describe, expect, it } from 'vitest';
import { OFFLINE_OWNER } from '../../src/core/signoff/index.js';
import type { OwnerRolePolicy, PrFacts } from '../../src/core/types.js';
import { AUTHOR, H, OLD, OWNER, factsWith, manifestWith, policyWith, review, signoffs } from './builders.js';

const OWNER_AT = { file: 'pilot-readiness.yml', line: 5, column: 8 };

function ownerOf(owner: string, options: { rules?: Partial<OwnerRolePolicy>; facts?: Partial<PrFacts> | null; invalidate?: 'never' } = {}) {
  const policy = policyWith(
    { legal: {} },
    { owner: options.rules ?? {}, ...(options.invalidate ? { invalidate_on_push: options.invalidate } : {}) },
  );
  const facts = options.facts === null ? null : factsWith(options.facts ?? {});
  return signoffs({ policy, manifest: manifestWith({ owner }), facts }).owner;
}

describe('the owner must be exactly one GitHub login', () => {
  it.each([
    ['acme/ml-leads', 'owner: acme/ml-leads is a team; the accountable owner must be exactly one person: write one GitHub login'],
    ['olivia, oscar', 'owner: "olivia, oscar" names more than one person; the accountable owner must be exactly one GitHub login'],
    ['olivia oscar', 'owner: "olivia oscar" names more than one person; the accountable owner must be exactly one GitHub login'],
    ['[olivia]', 'owner: "[olivia]" names more than one person; the accountable owner must be exactly one GitHub login'],
    ['@olivia', 'owner: "@olivia" is not a GitHub login; write it without the @'],
    ['olivia--x', 'owner: "olivia--x" is not a GitHub login (letters, digits and single hyphens, at most 39 characters)'],
    ['', 'owner: no one is named; write exactly one GitHub login'],
  ])('%j is invalid', (owner, reason) => {
    expect(ownerOf(owner)).toEqual({ login: null, status: 'invalid', reason, location: OWNER_AT });
    // The structure is checked offline too.
    expect(ownerOf(owner, { facts: null }).status).toBe('invalid');
  });
});

describe('who may be the owner', () => {
  it('not the PR author unless the policy sets allow_self', () => {
    expect(ownerOf(AUTHOR)).toEqual({
      login: AUTHOR,
      status: 'invalid',
      reason:
        'owner: dev opened this pull request and may not be its accountable owner (the policy does not set roles.owner.allow_self); name someone else',
      location: OWNER_AT,
    });
  });

  it('the PR author with allow_self: true decides by making the pull request ready (GitHub cannot record their approval)', () => {
    expect(ownerOf(AUTHOR, { rules: { allow_self: true } })).toMatchObject({
      status: 'approved',
      reason:
        'dev opened this pull request and marked it ready for review at def5678; the policy lets the owner be the author (allow_self), so that is their decision',
    });
    expect(ownerOf(AUTHOR, { rules: { allow_self: true }, facts: { draft: true, ready_at: null } })).toMatchObject({
      status: 'awaiting',
      reason: `awaiting dev's approval of the head commit def5678 (GitHub does not let the author approve their own pull request)`,
    });
  });

  it('someone listed in roles.owner.allowed, directly or through a team', () => {
    const rules = { allowed: ['oscar', 'acme/leads'] };
    expect(ownerOf('Oscar', { rules }).status).toBe('awaiting');
    expect(ownerOf(OWNER, { rules, facts: { teams: { 'acme/leads': ['olivia'] } } }).status).toBe('awaiting');
    expect(ownerOf(OWNER, { rules, facts: { teams: { 'acme/leads': ['oscar'] } } })).toEqual({
      login: OWNER,
      status: 'invalid',
      reason: "owner: olivia may not be the accountable owner; the policy's roles.owner.allowed lists oscar, acme/leads",
      location: OWNER_AT,
    });
  });

  it('fails closed when an allowed team cannot be resolved', () => {
    expect(ownerOf(OWNER, { rules: { allowed: ['acme/leads'] } }).reason).toBe(
      'owner: cannot check that olivia is in acme/leads (roles.owner.allowed): the team could not be resolved; the token needs read access to organization members (fine-grained token: Members read; classic: read:org)',
    );
  });

  it('offline, an allowed team is checked on the pull request', () => {
    expect(ownerOf(OWNER, { rules: { allowed: ['acme/leads'] }, facts: null })).toEqual({
      login: OWNER,
      status: 'awaiting',
      reason: "olivia's membership of acme/leads (roles.owner.allowed) is checked on the pull request, as is the owner's approval",
      location: OWNER_AT,
    });
    expect(ownerOf(OWNER, { rules: { allowed: ['oscar'] }, facts: null }).status).toBe('invalid');
  });

  it('offline, a structurally valid owner awaits the pull request', () => {
    expect(ownerOf(OWNER, { facts: null })).toEqual({ login: OWNER, status: 'awaiting', reason: OFFLINE_OWNER, location: OWNER_AT });
    expect(OFFLINE_OWNER).toBe("the owner's approval is checked on the pull request");
  });
});

describe("the owner's approval of the head commit is the decision", () => {
  it('approved on the head commit', () => {
    expect(ownerOf(OWNER, { facts: { reviews: [review(OWNER, 'APPROVED', H)] } })).toEqual({
      login: OWNER,
      status: 'approved',
      reason: 'olivia approved the head commit def5678',
      location: OWNER_AT,
    });
  });

  it('an approval of an older commit does not count, even under invalidate_on_push: never', () => {
    const facts = { reviews: [review(OWNER, 'APPROVED', H, { commit: OLD })] };
    for (const invalidate of [undefined, 'never'] as const) {
      expect(ownerOf(OWNER, { facts, ...(invalidate ? { invalidate } : {}) })).toMatchObject({
        status: 'awaiting',
        reason: 'olivia approved abc1234, but the head is now def5678; olivia must approve the head commit',
      });
    }
  });

  it('awaiting without an approval, and after a later request for changes', () => {
    expect(ownerOf(OWNER).reason).toBe("awaiting olivia's approval of the head commit def5678");
    const reviews = [review(OWNER, 'APPROVED', H), review(OWNER, 'CHANGES_REQUESTED', 2 * H)];
    expect(ownerOf(OWNER, { facts: { reviews } })).toMatchObject({
      status: 'awaiting',
      reason: "olivia requested changes; awaiting olivia's approval of the head commit def5678",
    });
  });

  it('a dismissed approval does not count', () => {
    expect(ownerOf(OWNER, { facts: { reviews: [review(OWNER, 'DISMISSED', H)] } }).status).toBe('awaiting');
  });
});

describe('a hand-over of ownership needs the base owner too', () => {
  const handOver = { base_manifest: { owner: 'oscar' } };

  it('awaits the base owner after the new owner approved', () => {
    const owner = ownerOf(OWNER, { facts: { ...handOver, reviews: [review(OWNER, 'APPROVED', H)] } });
    expect(owner).toEqual({
      login: OWNER,
      status: 'awaiting',
      reason: 'oscar (the owner on the base branch) must also approve the head commit def5678 to hand ownership over to olivia',
      location: OWNER_AT,
      base_owner: { login: 'oscar', status: 'awaiting' },
    });
  });

  it('awaits the new owner after the base owner approved', () => {
    const owner = ownerOf(OWNER, { facts: { ...handOver, reviews: [review('oscar', 'APPROVED', H)] } });
    expect(owner).toMatchObject({ status: 'awaiting', base_owner: { login: 'oscar', status: 'approved' } });
    expect(owner.reason).toBe("awaiting olivia's approval of the head commit def5678");
  });

  it('is approved when both approved the head', () => {
    const owner = ownerOf(OWNER, { facts: { ...handOver, reviews: [review('oscar', 'APPROVED', H), review(OWNER, 'APPROVED', 2 * H)] } });
    expect(owner).toMatchObject({
      status: 'approved',
      reason: 'olivia approved the head commit def5678, and oscar (the owner on the base branch) approved the hand-over',
      base_owner: { login: 'oscar', status: 'approved' },
    });
  });

  it("does not accept the base owner's approval of an older commit", () => {
    const owner = ownerOf(OWNER, {
      facts: { ...handOver, reviews: [review('oscar', 'APPROVED', H, { commit: OLD }), review(OWNER, 'APPROVED', 2 * H)] },
    });
    expect(owner).toMatchObject({ status: 'awaiting', base_owner: { login: 'oscar', status: 'awaiting' } });
  });

  it('explains the way out when the base owner opened the hand-over', () => {
    const owner = ownerOf(OWNER, { facts: { author: 'oscar', ...handOver, reviews: [review(OWNER, 'APPROVED', 2 * H)] } });
    expect(owner.reason).toBe(
      'oscar (the owner on the base branch) must also approve the head commit def5678 to hand ownership over to olivia; GitHub does not let oscar approve their own pull request, so have olivia or someone else open the hand-over',
    );
  });

  it('is no hand-over when the base owner is the same person, or there was no manifest on the base', () => {
    expect(ownerOf(OWNER, { facts: { base_manifest: { owner: 'Olivia' } } })).not.toHaveProperty('base_owner');
    expect(ownerOf(OWNER, { facts: { base_manifest: null } })).not.toHaveProperty('base_owner');
  });
});
