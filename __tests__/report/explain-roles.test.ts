// `pilot-readiness explain --roles`: each reviewer role's window, silence and objection rules,
// reminder and when silence waits for it, as the effective policy sets them (defaults named).
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/core/policy.js';
import { explainRoles } from '../../src/report/explain.js';

const policy = (roles: string) =>
  loadPolicy(
    `version: 1\nroles:\n  owner: { accountable: true }\n${roles}gates:\n  - id: g\n    title: G\n    criteria:\n      - { id: C-1, title: T, description: D, required_for: [high], allow_not_applicable: true, evidence: { link: {} } }\n`,
    'policy.yml',
  ).policy;

describe('explain --roles', () => {
  it('names the defaults: a 2d reminder, and silence waiting for it on high-risk pilots', () => {
    expect(explainRoles(policy('  legal: { title: Legal, window: 14d, on_silence: consent, on_objection: block }\n'))).toBe(
      [
        'legal · Legal  [required for low, medium, high]',
        '  window: 14d · on silence: consent · on objection: block',
        '  reminder: one comment 2d before the deadline (the default), mentioning the role',
        '  silence counts as consent only after the reminder was sent for high (the default); a late reminder moves consent to its sending plus the notice',
        '',
      ].join('\n'),
    );
  });

  it('shows a role without reminders, and one whose silence blocks (no consent rule to show)', () => {
    const text = explainRoles(
      policy(
        '  legal: { window: 14d, on_silence: consent, on_objection: block, remind: false, consent_requires_reminder: false, required_for: [high] }\n' +
          '  security: { window: 7d, on_silence: block, on_objection: advise, remind: 3d }\n',
      ),
    );
    expect(text).toBe(
      [
        'legal  [required for high]',
        '  window: 14d · on silence: consent · on objection: block',
        '  reminder: none (remind: false)',
        '  silence counts as consent at the deadline, reminded or not',
        '',
        'security  [required for low, medium, high]',
        '  window: 7d · on silence: block · on objection: advise',
        '  reminder: one comment 3d before the deadline, mentioning the role',
        '',
      ].join('\n'),
    );
  });
});
