import { describe, expect, it } from 'vitest';
import { BUNDLED_POLICIES, loadBundledPolicy } from '../../src/core/bundled.js';
import { loadPolicy } from '../../src/core/policy.js';
import { validatorFor } from '../support/schemas.js';
import { InputError } from '../../src/core/errors.js';
import { RISK_TIERS } from '../../src/core/types.js';

const loaded = loadPolicy(BUNDLED_POLICIES.default!, 'default');
const policy = loaded.policy;
const production = policy.gates.filter((g) => (g.stage ?? 'production') === 'production');

describe('the bundled default policy', () => {
  it('validates against its own schema', () => {
    const validate = validatorFor('policy');
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has five production gates with exactly 23 criteria, plus the pre-pilot data-readiness gate', () => {
    expect(production.map((g) => g.title)).toEqual([
      'Security clearance',
      'Compliance validation',
      'Business metrics defined',
      'Operational readiness',
      'Explainability',
    ]);
    expect(production.flatMap((g) => g.criteria)).toHaveLength(23);
    const data = policy.gates.filter((g) => g.stage === 'pre-pilot');
    expect(data.map((g) => g.id)).toEqual(['data-readiness']);
    expect(data[0]!.criteria.map((c) => c.id)).toEqual(['DR-1', 'DR-2', 'DR-3', 'DR-4', 'DR-5', 'DR-6', 'DR-7']);
  });

  it('scales the production criteria by tier: 11 low, 20 medium, 23 high', () => {
    const count = (tier: string) => production.flatMap((g) => g.criteria).filter((c) => c.required_for.includes(tier as never)).length;
    expect(RISK_TIERS.map(count)).toEqual([11, 20, 23]);
  });

  it('sets numeric minimums for completeness, accuracy and consistency in the quality baseline', () => {
    const dr2 = policy.gates[0]!.criteria.find((c) => c.id === 'DR-2')!;
    expect(Object.keys(dr2.evidence.metrics ?? {})).toEqual(expect.arrayContaining(['completeness', 'accuracy', 'consistency']));
    for (const name of ['completeness', 'accuracy', 'consistency']) expect(typeof dr2.evidence.metrics![name]!.min).toBe('number');
  });

  it('maps every production criterion to NIST AI RMF subcategories', () => {
    for (const c of production.flatMap((g) => g.criteria)) {
      expect(c.references?.nist_ai_rmf?.length, c.id).toBeGreaterThan(0);
    }
  });

  it('has legal 14d and security 7d, both with silence as consent', () => {
    expect(policy.roles.legal).toMatchObject({ window: '14d', on_silence: 'consent' });
    expect(policy.roles.security).toMatchObject({ window: '7d', on_silence: 'consent' });
  });

  it('is pre-parsed at build time into exactly what the engine makes of its text', () => {
    const prebuilt = loadBundledPolicy('default');
    expect(JSON.parse(JSON.stringify(prebuilt.policy))).toEqual(JSON.parse(JSON.stringify(policy)));
    expect(prebuilt.sha256).toBe(loaded.sha256);
    expect(prebuilt.text).toBe(loaded.text);
  });

  it('records a sha256 of the text it was loaded from', () => {
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('policy checks beyond the schema', () => {
  const base = (criteria: string, extra = '') =>
    `version: 1\n${extra}roles:\n  owner: { accountable: true }\n  legal: { window: 14d, on_silence: consent, on_objection: block }\ngates:\n  - id: g\n    title: G\n    criteria:\n${criteria}`;
  const criterion = (id: string, evidence: string) =>
    `      - id: ${id}\n        title: T\n        description: D\n        required_for: [high]\n        allow_not_applicable: false\n        evidence: ${evidence}\n`;
  const messages = (text: string) => {
    try {
      loadPolicy(text, 'p.yml');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).findings.map((f) => `${f.location?.line}:${f.location?.column} ${f.message}`);
    }
    return [];
  };

  it('accepts a minimal valid policy', () => {
    expect(messages(base(criterion('A-1', '{ file: {} }')))).toEqual([]);
  });
  it('refuses a link pattern that is not a regular expression', () => {
    expect(messages(base(criterion('A-1', "{ link: { pattern: '([' } }")))).toEqual([
      '14:38 link pattern is not a valid regular expression: Invalid regular expression: /([/: Unterminated character class',
    ]);
  });
  it('refuses min above max', () => {
    expect(messages(base(criterion('A-1', '{ metrics: { x: { min: 0.9, max: 0.5 } } }')))).toEqual([
      '14:35 metric x has min 0.9 above max 0.5 for low risk: nothing could pass',
    ]);
  });
  it('refuses governed invalidation without governed paths', () => {
    expect(messages(base(criterion('A-1', '{ file: {} }'), 'invalidate_on_push: governed\n'))).toEqual([
      '2:21 invalidate_on_push: governed needs governed_paths (globs of the files whose change makes approvals stale)',
    ]);
  });
  it('refuses a sign-off by an unknown role, with a did-you-mean', () => {
    expect(messages(base(criterion('A-1', '{ signoff: legl }')))).toEqual([
      '14:30 A-1 asks for sign-off by role "legl", which the policy does not define. Did you mean "legal"? Add it under roles.',
    ]);
  });
});
