import { describe, expect, it } from 'vitest';
import { type DecisionInput, decide } from '../src/core/decide.js';
import type { SignoffResult } from '../src/core/signoff/index.js';
import type { CriterionStatus, RoleResult } from '../src/core/types.js';
import { D, H, OWNER, factsWith, manifestWith, policyWith, request, review, signoffs } from './signoff/builders.js';

function roleResult(partial: Partial<RoleResult> & Pick<RoleResult, 'role'>): RoleResult {
  return {
    title: partial.role,
    status: 'approved',
    required: true,
    blocking: false,
    members: ['lena'],
    members_from: 'manifest',
    resolved_members: ['lena'],
    window: '14d',
    on_silence: 'block',
    on_objection: 'block',
    started_at: null,
    deadline: null,
    time_left_ms: null,
    reviews: [],
    hint: 'approved by lena',
    location: null,
    ...partial,
  };
}

const APPROVED_OWNER: SignoffResult['owner'] = {
  login: OWNER,
  status: 'approved',
  reason: 'olivia approved the head commit def5678',
  location: null,
};

function signoffsWith(partial: Partial<SignoffResult> = {}): SignoffResult {
  return {
    roles: [roleResult({ role: 'legal' })],
    owner: APPROVED_OWNER,
    overrides: [],
    approvedRoles: ['legal'],
    errors: [],
    warnings: [],
    next_change_at: null,
    ...partial,
  };
}

const criterion = (id: string, status: CriterionStatus, required = true) => ({ id, required, status });
const MET = [criterion('model-card', 'met'), criterion('dpia', 'not_applicable')];

function input(partial: Partial<DecisionInput> = {}): DecisionInput {
  return { criteria: MET, signoffs: signoffsWith(), errors: 0, ...partial };
}

describe('decide', () => {
  it('is ready when every required criterion, role and the owner are done', () => {
    expect(decide(input())).toEqual({
      decision: 'ready',
      blocking: [],
      waiting_on: [],
      next_change_at: null,
      reasons: [
        'every required criterion is met or not applicable, every required role approved, consented by silence, only advised or was overridden, and the accountable owner approved the head commit',
      ],
    });
  });

  it('counts consented, advisory and overridden roles as done', () => {
    const roles = [
      roleResult({ role: 'legal', status: 'consented' }),
      roleResult({ role: 'privacy', status: 'objected', on_objection: 'advise' }),
      roleResult({ role: 'security', status: 'objected', blocking: false }),
    ];
    expect(decide(input({ signoffs: signoffsWith({ roles }) })).decision).toBe('ready');
  });

  it('is blocked by input errors', () => {
    expect(decide(input({ errors: 2 }))).toEqual({
      decision: 'blocked',
      blocking: ['manifest'],
      waiting_on: [],
      next_change_at: null,
      reasons: ['2 input errors must be fixed first'],
    });
    expect(decide(input({ errors: 1 })).reasons).toEqual(['1 input error must be fixed first']);
  });

  it.each([
    ['missing', 'criterion model-card has no evidence'],
    ['failed', 'criterion model-card fails its evidence checks'],
  ] as const)('is blocked by a required criterion that is %s', (status, reason) => {
    expect(decide(input({ criteria: [criterion('model-card', status)] }))).toMatchObject({
      decision: 'blocked',
      blocking: ['model-card'],
      reasons: [reason],
    });
  });

  it('ignores criteria the tier does not require', () => {
    expect(
      decide(input({ criteria: [...MET, criterion('bias-audit', 'missing', false), criterion('pentest', 'not_required', false)] }))
        .decision,
    ).toBe('ready');
  });

  it('is blocked by an invalid owner', () => {
    const owner = { login: null, status: 'invalid' as const, reason: 'owner: acme/leads is a team', location: null };
    expect(decide(input({ signoffs: signoffsWith({ owner }) }))).toMatchObject({
      decision: 'blocked',
      blocking: ['owner'],
      reasons: ['the accountable owner is invalid: owner: acme/leads is a team'],
    });
  });

  it.each([
    [
      roleResult({ role: 'legal', status: 'lapsed', blocking: true }),
      'role legal gave no review within its 14d window, and silence blocks',
    ],
    [
      roleResult({ role: 'legal', status: 'objected', blocking: true, hint: 'lena requested changes' }),
      'role legal objected: lena requested changes',
    ],
    [
      roleResult({ role: 'legal', status: 'not_requested', blocking: true, hint: 'nobody fills role legal' }),
      'role legal blocks: nobody fills role legal',
    ],
    [
      roleResult({ role: 'legal', status: 'pending', blocking: true, hint: 'could not resolve team acme/legal' }),
      'role legal blocks: could not resolve team acme/legal',
    ],
  ])('is blocked by a blocking required role (%#)', (legal, reason) => {
    expect(decide(input({ signoffs: signoffsWith({ roles: [legal] }) }))).toMatchObject({
      decision: 'blocked',
      blocking: ['legal'],
      reasons: [reason],
    });
  });

  it('is pending on a required criterion awaiting its sign-off', () => {
    expect(decide(input({ criteria: [criterion('legal-review', 'awaiting_signoff')] }))).toEqual({
      decision: 'pending',
      blocking: [],
      waiting_on: ['legal-review'],
      next_change_at: null,
      reasons: ['criterion legal-review awaits an explicit sign-off'],
    });
  });

  it('is pending on a required role still in its window, with next_change_at from the sign-offs', () => {
    const legal = roleResult({ role: 'legal', status: 'pending', deadline: '2026-03-16T10:00:00.000Z', time_left_ms: 3 * D + 4 * H });
    expect(decide(input({ signoffs: signoffsWith({ roles: [legal], next_change_at: '2026-03-16T10:00:00.000Z' }) }))).toEqual({
      decision: 'pending',
      blocking: [],
      waiting_on: ['legal'],
      next_change_at: '2026-03-16T10:00:00.000Z',
      reasons: ['role legal has 3d 4h left to review (until 2026-03-16T10:00:00.000Z)'],
    });
  });

  it('is pending on a required role not yet asked', () => {
    const legal = roleResult({ role: 'legal', status: 'not_requested', hint: 'request a review from lena' });
    expect(decide(input({ signoffs: signoffsWith({ roles: [legal] }) }))).toMatchObject({
      decision: 'pending',
      waiting_on: ['legal'],
      reasons: ['role legal has not been asked: request a review from lena'],
    });
  });

  it('is pending on the owner', () => {
    const owner = {
      login: OWNER,
      status: 'awaiting' as const,
      reason: "awaiting olivia's approval of the head commit def5678",
      location: null,
    };
    expect(decide(input({ signoffs: signoffsWith({ owner }) }))).toMatchObject({
      decision: 'pending',
      waiting_on: ['owner'],
      reasons: ["the accountable owner has not decided: awaiting olivia's approval of the head commit def5678"],
    });
  });

  it('never lets a role the tier does not require block or hold the decision', () => {
    const roles = [
      roleResult({ role: 'legal' }),
      roleResult({ role: 'privacy', required: false, status: 'lapsed', blocking: true }),
      roleResult({ role: 'ethics', required: false, status: 'pending', deadline: '2026-03-16T10:00:00.000Z', time_left_ms: D }),
      roleResult({ role: 'security', required: false, status: 'not_requested' }),
    ];
    expect(decide(input({ signoffs: signoffsWith({ roles }) }))).toMatchObject({ decision: 'ready', blocking: [], waiting_on: [] });
  });

  it('lists everything that blocks, and what would still be awaited, with next_change_at only when pending', () => {
    const roles = [
      roleResult({ role: 'legal', status: 'lapsed', blocking: true }),
      roleResult({ role: 'security', status: 'pending', deadline: '2026-03-05T10:00:00.000Z', time_left_ms: H }),
    ];
    const owner = { login: null, status: 'invalid' as const, reason: 'owner: acme/leads is a team', location: null };
    const result = decide({
      criteria: [criterion('model-card', 'missing'), criterion('legal-review', 'awaiting_signoff')],
      signoffs: signoffsWith({ roles, owner, next_change_at: '2026-03-05T10:00:00.000Z' }),
      errors: 1,
    });
    expect(result).toEqual({
      decision: 'blocked',
      blocking: ['manifest', 'model-card', 'legal', 'owner'],
      waiting_on: ['legal-review', 'security'],
      next_change_at: null,
      reasons: [
        '1 input error must be fixed first',
        'criterion model-card has no evidence',
        'role legal gave no review within its 14d window, and silence blocks',
        'the accountable owner is invalid: owner: acme/leads is a team',
      ],
    });
  });
});

describe('decide with evaluated sign-offs', () => {
  const policy = policyWith({ legal: {}, security: { members: ['sam'], window: '72h', on_silence: 'consent' } });
  const manifest = manifestWith({ reviewers: { legal: ['lena'] } });
  const requests = [request('lena', H), request('sam', H)];

  it('goes from pending to ready as the reviews and the owner arrive', () => {
    const early = signoffs({ policy, manifest, facts: factsWith({ review_requests: requests }) });
    expect(decide({ criteria: MET, signoffs: early, errors: 0 })).toMatchObject({
      decision: 'pending',
      waiting_on: ['legal', 'security', 'owner'],
      next_change_at: new Date(Date.parse('2026-03-02T10:00:00.000Z') + 72 * H).toISOString(),
    });
    const reviews = [review('lena', 'APPROVED', 2 * H), review(OWNER, 'APPROVED', 5 * D)];
    const later = signoffs({ policy, manifest, facts: factsWith({ review_requests: requests, reviews }), now: 5 * D });
    expect(decide({ criteria: MET, signoffs: later, errors: 0 })).toMatchObject({ decision: 'ready', blocking: [], waiting_on: [] });
  });
});
