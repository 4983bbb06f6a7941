// What a pull request that edits the policy file lets through on its own (policyVerdict) and the
// status its own pull request carries when it touches no pilot (policyChangeStatus): decided in the
// core, so that every front door judges a policy change alike.
import { describe, expect, it } from 'vitest';
import { type PolicyReview, policyChangeStatus, policyVerdict } from '../../src/core/policy-review.js';
import type { PolicyChange } from '../../src/core/layering/index.js';
import type { Finding } from '../../src/core/types.js';

const finding = (message: string): Finding => ({ message, location: { file: 'policy.yml', line: 3, column: 5 } });
const change = (message: string): PolicyChange => ({ ...finding(message), setting: 'roles.legal.window' });
const valid = (tightens: number, loosens: number, approval?: { owners: string[]; approvedBy: string | null }): PolicyReview => ({
  path: 'policy.yml',
  valid: true,
  deleted: false,
  comparison: {
    tightenings: Array.from({ length: tightens }, (_, i) => change(`tightens ${i}`)),
    loosenings: Array.from({ length: loosens }, (_, i) => change(`loosens ${i}`)),
    changes: [],
  },
  ...(approval ? { approval } : {}),
});

const ROWS: Array<[string, PolicyReview, ReturnType<typeof policyChangeStatus>]> = [
  [
    'invalid: nothing passes',
    { path: 'policy.yml', valid: false, errors: [finding('no roles'), finding('bad window')] },
    { decision: 'blocked', description: 'policy change invalid: 2 problem(s)' },
  ],
  ['a tightening alone passes', valid(2, 0), { decision: 'ready', description: 'policy change valid: tightens 2, loosens 0' }],
  [
    'a loosening with no policy owner named cannot pass',
    valid(0, 1, { owners: [], approvedBy: null }),
    { decision: 'blocked', description: 'policy change valid: tightens 0, loosens 1 · no policy owner may approve' },
  ],
  [
    'a loosening without an approval record at all cannot pass',
    valid(1, 1),
    { decision: 'blocked', description: 'policy change valid: tightens 1, loosens 1 · no policy owner may approve' },
  ],
  [
    'a loosening waits for an owner of the base policy',
    valid(0, 1, { owners: ['ann', 'acme/policy'], approvedBy: null }),
    { decision: 'pending', description: 'policy change valid: tightens 0, loosens 1 · awaiting a policy owner' },
  ],
  [
    'a loosening an owner approved passes',
    valid(0, 2, { owners: ['ann'], approvedBy: 'ann' }),
    { decision: 'ready', description: 'policy change valid: tightens 0, loosens 2' },
  ],
];

describe('a policy change on its own', () => {
  it.each(ROWS)('%s', (_name, review, expected) => {
    expect(policyChangeStatus(review)).toEqual(expected);
    expect(policyVerdict(review)).toBe(expected.decision);
  });
});
