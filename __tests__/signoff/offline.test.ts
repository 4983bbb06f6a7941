import { describe, expect, it } from 'vitest';
import { OFFLINE_HINT } from '../../src/core/signoff/index.js';
import { manifestWith, policyWith, role, signoffs } from './builders.js';

describe('offline (no PR facts)', () => {
  const policy = policyWith({
    legal: {},
    security: { members: ['acme/appsec', 'sam'], on_silence: 'consent' },
    privacy: {},
  });
  const manifest = manifestWith({ reviewers: { legal: ['lena', 'acme/legal'] } });
  const result = signoffs({ policy, manifest, facts: null });

  it('lists every role with its configured members, not_requested, evaluated on the pull request', () => {
    expect(role(result, 'legal')).toEqual({
      role: 'legal',
      title: 'legal',
      status: 'not_requested',
      required: true,
      blocking: false,
      members: ['lena', 'acme/legal'],
      members_from: 'manifest',
      resolved_members: ['lena'],
      window: '14d',
      on_silence: 'block',
      on_objection: 'block',
      started_at: null,
      deadline: null,
      time_left_ms: null,
      reviews: [],
      hint: OFFLINE_HINT,
      location: { file: 'pilot-readiness.yml', line: 7, column: 3 },
    });
    expect(OFFLINE_HINT).toBe('evaluated on the pull request (no PR facts given)');
    expect(role(result, 'security')).toMatchObject({
      status: 'not_requested',
      blocking: false,
      members_from: 'policy',
      resolved_members: ['sam'],
    });
  });

  it('still blocks on a required role nobody fills', () => {
    expect(role(result, 'privacy')).toMatchObject({ status: 'not_requested', blocking: true, members_from: 'none' });
  });

  it('has no deadline to wait for, no overrides and no approvals', () => {
    expect(result).toMatchObject({ next_change_at: null, overrides: [], approvedRoles: [], errors: [], warnings: [] });
    expect(result.owner.status).toBe('awaiting');
  });
});
