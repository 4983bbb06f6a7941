// Waivers that expire: allowed only where the policy says, for at most max_waiver, in force only after
// the named role's explicit approval, a warning while they hold and an error once they have expired.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { replay } from '../../src/core/replay.js';
import type { PrFacts, RepoPathKind, Report } from '../../src/core/types.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const HEAD = 'abcdef1234567890abcdef1234567890abcdef12';
const M = 'ml/pilot-readiness.yml';

// consent_requires_reminder: false: silence counts at the deadline without a reminder (these rows are about waivers).
const POLICY_TEXT = `version: 1
max_waiver: 90d
roles:
  owner: { accountable: true }
  legal: { window: 14d, on_silence: consent, on_objection: block, consent_requires_reminder: false }
  security: { window: 7d, on_silence: consent, on_objection: block, consent_requires_reminder: false }
gates:
  - id: security
    title: Security clearance
    criteria:
      - id: SEC-1
        title: Penetration test
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        waivable: true
        evidence: { file: {}, date: { max_age: 365d } }
      - id: SEC-2
        title: Access review
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence: { file: {} }
`;
const POLICY = loadPolicy(POLICY_TEXT, 'waiver-policy.yml');
const FILES: Record<string, RepoPathKind> = { 'ml/reports/access.md': 'file', 'ml/reports/pentest.md': 'file' };
const files = { stat: (path: string) => FILES[path] ?? ('missing' as const) };

const REASON = 'Pen test booked for 2027-01-10; the pilot serves internal users only until then.';
/** The waiver's lines: its key on line 12, reason 13, expires 14, approved_by 15. */
function manifest(
  waiver: { id?: string; reason?: string; expires?: string; approved_by?: string } = {},
  evidence = '  SEC-2: { file: reports/access.md }\n',
) {
  const { id = 'SEC-1', reason = REASON, expires = '2027-01-31', approved_by = 'security' } = waiver;
  return `version: 1\npilot:\n  name: claims\n  risk: high\nowner: maria\nreviewers:\n  legal: [lee]\n  security: [kim]\nevidence:\n${evidence}waivers:\n  ${id}:\n    reason: ${reason}\n    expires: ${expires}\n    approved_by: ${approved_by}\n`;
}

const approve = (author: string, id: number) => ({ id, author, state: 'APPROVED' as const, at: '2026-11-18T10:00:00Z', commit: HEAD });
/** legal and security asked on 1 November: legal's 14 days have closed in silence by NOW. */
function facts(reviews: PrFacts['reviews']): PrFacts {
  return {
    version: 1,
    repository: 'acme/ml',
    number: 7,
    author: 'dev',
    head_sha: HEAD,
    base_ref: 'main',
    draft: false,
    ready_at: '2026-11-01T09:00:00Z',
    commits: [{ sha: HEAD, at: '2026-11-01T08:00:00Z' }],
    review_requests: [
      { reviewer: 'lee', at: '2026-11-01T09:00:00Z' },
      { reviewer: 'kim', at: '2026-11-01T09:00:00Z' },
    ],
    reviews,
    teams: {},
  };
}
const APPROVED = facts([approve('maria', 1), approve('kim', 2)]);

function run(text: string, options: { facts?: PrFacts | null; now?: Date; policy?: typeof POLICY } = {}): Report {
  return evaluate({
    manifest: { path: M, text },
    policy: options.policy ?? POLICY,
    files,
    facts: options.facts ?? null,
    now: options.now ?? NOW,
  });
}
const sec1 = (report: Report) => report.criteria.find((c) => c.id === 'SEC-1')!;
const at = (line: number, column: number) => ({ file: M, line, column });

describe('a waiver before it expires', () => {
  it('approved by its role: the criterion is waived, counted apart from met, and shown as a warning', () => {
    const report = run(manifest(), { facts: APPROVED });
    expect(sec1(report)).toMatchObject({
      status: 'waived',
      required: true,
      reason: `waived until 2027-01-31, approved by the security role: ${REASON}`,
      problems: [],
      location: at(12, 3),
    });
    expect(report.score).toEqual({ met: 1, not_applicable: 0, required: 2, waived: 1 });
    expect(report.gates).toEqual([
      { id: 'security', title: 'Security clearance', stage: 'production', met: 1, not_applicable: 0, required: 2, waived: 1 },
    ]);
    expect(report.warnings).toEqual([
      { message: `SEC-1 is waived until 2027-01-31, approved by the security role: ${REASON}`, location: at(12, 3) },
    ]);
    expect(report.errors).toEqual([]);
    expect(report.waivers).toEqual([
      {
        criterion: 'SEC-1',
        reason: REASON,
        expires: '2027-01-31',
        approved_by: 'security',
        status: 'in_force',
        // It holds through its expires day (UTC): a ready report changes by time alone then.
        ends_at: '2027-02-01T00:00:00.000Z',
        location: at(12, 3),
      },
    ]);
    expect(report.decision).toBe('ready');
    expect(report.reasons).toContain('SEC-1 is waived until 2027-01-31; after that day its evidence is needed');
  });

  /** security asked only on 18 November: its window is still open at NOW. */
  const securityAskedLate = (reviews: PrFacts['reviews']): PrFacts => ({
    ...facts(reviews),
    review_requests: [
      { reviewer: 'lee', at: '2026-11-01T09:00:00Z' },
      { reviewer: 'kim', at: '2026-11-18T09:00:00Z' },
    ],
  });

  it('not yet approved: the criterion counts as if it had no waiver, and says what the waiver awaits', () => {
    const report = run(manifest(), { facts: securityAskedLate([approve('maria', 1)]) });
    expect(report.roles.find((r) => r.role === 'security')!.status).toBe('pending');
    expect(sec1(report)).toMatchObject({
      status: 'missing',
      reason: 'no evidence: add evidence.SEC-1 with file, date (its waiver awaits an explicit approval from the security role)',
    });
    expect(report.warnings).toContainEqual({
      message: 'the waiver for SEC-1 awaits an explicit approval from the security role; until then SEC-1 counts as if it had no waiver',
      location: at(12, 3),
    });
    expect(report.score).toEqual({ met: 1, not_applicable: 0, required: 2, waived: 0 });
    expect(report.waivers?.[0]?.status).toBe('awaiting_approval');
    expect(report.decision).toBe('blocked');
    expect(report.blocking).toContain('SEC-1');
  });

  it('silence is not approval: a role that consented by silence does not put a waiver in force', () => {
    const report = run(manifest({ approved_by: 'legal' }), { facts: APPROVED });
    expect(report.roles.find((r) => r.role === 'legal')!.status).toBe('consented');
    expect(sec1(report).status).toBe('missing');
    expect(report.waivers?.[0]?.status).toBe('awaiting_approval');
  });

  it('is still in force on its last day, until midnight UTC', () => {
    expect(sec1(run(manifest(), { facts: APPROVED, now: new Date('2027-01-31T23:59:59Z') })).status).toBe('waived');
  });

  it('is not needed where the evidence is met: the criterion is met, and a warning says to remove the waiver', () => {
    const report = run(manifest({}, '  SEC-1: { file: reports/pentest.md, date: 2026-10-01 }\n  SEC-2: { file: reports/access.md }\n'), {
      facts: APPROVED,
    });
    expect(sec1(report).status).toBe('met');
    expect(report.warnings).toEqual([{ message: 'the waiver for SEC-1 is not needed: SEC-1 is met; remove it', location: at(13, 3) }]);
    expect(report.score).toEqual({ met: 2, not_applicable: 0, required: 2, waived: 0 });
  });

  it('its end is the next moment time alone changes a pending decision', () => {
    const report = run(manifest({ expires: '2026-11-21' }), { facts: facts([approve('kim', 2)]) });
    expect(report.decision).toBe('pending'); // the owner has not approved
    expect(report.next_change_at).toBe('2026-11-22T00:00:00.000Z');
  });
});

describe('a waiver after it expires', () => {
  it('the criterion evaluates as without it, and the expired waiver is an error at its line', () => {
    const report = run(manifest(), { facts: APPROVED, now: new Date('2027-02-01T00:00:00Z') });
    expect(sec1(report)).toMatchObject({ status: 'missing', reason: 'no evidence: add evidence.SEC-1 with file, date' });
    expect(report.errors).toEqual([
      {
        message:
          "waiver for SEC-1 expired on 2027-01-31: provide the evidence, or renew the waiver with a new date and the security role's approval",
        location: at(12, 3),
      },
    ]);
    expect(report.waivers?.[0]?.status).toBe('expired');
    expect(report.decision).toBe('blocked');
  });
});

describe('waivers the policy does not accept: input errors at their line', () => {
  const NO_WAIVERS = loadPolicy(POLICY_TEXT.replace('max_waiver: 90d\n', '').replace('        waivable: true\n', ''), 'strict-policy.yml');
  it.each([
    [
      'beyond max_waiver',
      manifest({ expires: '2027-02-19' }),
      POLICY,
      "14:14 the waiver for SEC-1 expires on 2027-02-19, more than 90d (the policy's max_waiver) from now: the latest date allowed is 2027-02-18",
    ],
    [
      'a criterion that is not waivable',
      manifest({ id: 'SEC-2' }),
      POLICY,
      '12:3 SEC-2 cannot be waived: the policy (waiver-policy.yml) does not mark it waivable; provide the evidence instead',
    ],
    [
      'a policy without max_waiver',
      manifest(),
      NO_WAIVERS,
      '12:3 SEC-1 cannot be waived: the policy (strict-policy.yml) accepts no waivers (it sets no max_waiver); provide the evidence instead',
    ],
    [
      'a reason too short',
      manifest({ reason: 'later' }),
      POLICY,
      '13:13 the waiver reason for SEC-1 is too short (5 letters or digits); say why in at least 20',
    ],
    [
      'an unknown role',
      manifest({ approved_by: 'securty' }),
      POLICY,
      '15:18 waivers.SEC-1.approved_by "securty" is not a reviewer role of the policy. Did you mean "security"? Name one of: legal, security.',
    ],
    [
      'the owner, who is not a reviewer role',
      manifest({ approved_by: 'owner' }),
      POLICY,
      '15:18 waivers.SEC-1.approved_by "owner" is not a reviewer role of the policy. Name one of: legal, security.',
    ],
    [
      'a date that is not one',
      manifest({ expires: '2027-02-30' }),
      POLICY,
      '14:14 waivers.SEC-1.expires "2027-02-30" is not a real calendar date: February 2027 has 28 days',
    ],
    [
      'a date-time instead of a day',
      manifest({ expires: '2027-01-31T00:00:00Z' }),
      POLICY,
      '14:14 waivers.SEC-1.expires "2027-01-31T00:00:00Z" is a date-time, not a day: write the day alone, as YYYY-MM-DD',
    ],
    [
      'an unknown criterion',
      manifest({ id: 'SEC-9' }),
      POLICY,
      '12:3 waiver for unknown criterion "SEC-9": the policy (waiver-policy.yml) has no such criterion. Did you mean "SEC-1"? Run `pilot-readiness explain` to list them.',
    ],
  ])('%s', (_name, text, policy, expected) => {
    const report = run(text, { facts: APPROVED, policy });
    expect(report.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message}`)).toEqual([expected]);
    expect(report.decision).toBe('blocked');
    expect(report.waivers?.[0]?.status).toBe('invalid');
    expect(report.criteria.some((c) => c.status === 'waived')).toBe(false);
  });

  it('a waiver missing a key is a schema error', () => {
    const report = run(manifest().replace('    approved_by: security\n', ''));
    expect(report.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message}`)).toEqual([
      '13:5 waivers.SEC-1 is missing the required key "approved_by"',
    ]);
  });
});

describe('reports with waivers', () => {
  it('a manifest without waivers keeps the report shape it always had', () => {
    const report = run(manifest().slice(0, manifest().indexOf('waivers:')), { facts: APPROVED });
    expect(report.score).toEqual({ met: 1, not_applicable: 0, required: 2 });
    expect('waivers' in report).toBe(false);
    expect(report.gates[0]).not.toHaveProperty('waived');
  });

  it('the terminal shows the waived criterion and counts it apart', () => {
    const text = renderText(run(manifest(), { facts: APPROVED }));
    expect(text).toContain('Decision: READY · 1 met + 1 waived of 2 required; every role consulted; the accountable owner approved');
    expect(text).toContain('Security clearance  1 met + 1 waived of 2 required');
    expect(text).toContain(
      `  ≈ SEC-1  Penetration test — waived\n      ${M}:12:3: waived until 2027-01-31, approved by the security role: ${REASON}`,
    );
  });

  it('markdown lists the waivers in a table, and what the awaited role should do', () => {
    const ready = renderMarkdown(run(manifest(), { facts: APPROVED }));
    expect(ready).toContain('| ✅ | Security clearance | 1 met + 1 waived of 2 required |');
    expect(ready).toContain(
      `### Waivers\n\n| Criterion | Until | Approved by | State | Reason |\n| --- | --- | --- | --- | --- |\n| **SEC-1** | 2027-01-31 | security | in force | ${REASON} · \`pilot-readiness.yml:12:3\` |`,
    );
    expect(ready).toContain('| ≈ | **SEC-1** Penetration test | security | waived |');
    expect(ready).not.toContain('## Warnings');
    const waiting = renderMarkdown(run(manifest(), { facts: facts([approve('maria', 1)]) }));
    expect(waiting).toContain('| **SEC-1** | 2027-01-31 | security | awaiting approval |');
    expect(waiting).toContain('a member of security approves the head commit to put the waiver of **SEC-1** in force');
  });

  it('a replay reaches the same decision', () => {
    const report = run(manifest(), { facts: APPROVED });
    const outcome = replay(JSON.stringify(report), 'r.json');
    expect(outcome.same).toBe(true);
    expect(outcome.report.waivers).toEqual(report.waivers);
  });
});

describe('waiver_approvers: the roles that may approve a waiver of a criterion', () => {
  const ONLY_SECURITY = loadPolicy(
    POLICY_TEXT.replace('        waivable: true\n', '        waivable: true\n        waiver_approvers: [security]\n'),
    'approvers-policy.yml',
  );
  const errors = (report: Report) => report.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message}`);

  it('a role in the list: the waiver holds once that role approves', () => {
    const report = run(manifest(), { facts: APPROVED, policy: ONLY_SECURITY });
    expect(report.errors).toEqual([]);
    expect(sec1(report).status).toBe('waived');
    expect(report.waivers?.[0]?.status).toBe('in_force');
  });

  it('a reviewer role not in the list is refused at approved_by, naming the roles that may approve, even after it approved', () => {
    const legalApproved = facts([approve('maria', 1), approve('kim', 2), approve('lee', 3)]);
    const report = run(manifest({ approved_by: 'legal' }), { facts: legalApproved, policy: ONLY_SECURITY });
    expect(errors(report)).toEqual([
      '15:18 waivers.SEC-1.approved_by "legal" may not approve a waiver of SEC-1: the policy (approvers-policy.yml) lets only the role security approve one (its waiver_approvers)',
    ]);
    expect(report.waivers?.[0]?.status).toBe('invalid');
    expect(sec1(report).status).not.toBe('waived');
    expect(report.decision).toBe('blocked');
  });

  it('an unknown role is told the roles of the list, not every role', () => {
    const report = run(manifest({ approved_by: 'privacy' }), { facts: APPROVED, policy: ONLY_SECURITY });
    expect(errors(report)).toEqual([
      '15:18 waivers.SEC-1.approved_by "privacy" is not a reviewer role of the policy. Name one of: security.',
    ]);
  });

  it('without the key any reviewer role may approve, as before', () => {
    const legalApproved = facts([approve('maria', 1), approve('lee', 3)]);
    const report = run(manifest({ approved_by: 'legal' }), { facts: legalApproved });
    expect(report.errors).toEqual([]);
    expect(report.waivers?.[0]?.status).toBe('in_force');
  });

  it('the policy may name only reviewer roles in it: the owner or an unknown name is an error at the list', () => {
    const text = POLICY_TEXT.replace(
      '        waivable: true\n',
      '        waivable: true\n        waiver_approvers: [security, owner, legl]\n',
    );
    expect(() => loadPolicy(text, 'bad.yml')).toThrowError(
      [
        'bad.yml:17:27: SEC-1.waiver_approvers names role "owner", which is not a reviewer role of the policy. Name the reviewer roles that may approve a waiver of SEC-1',
        'bad.yml:17:27: SEC-1.waiver_approvers names role "legl", which is not a reviewer role of the policy. Did you mean "legal"? Name the reviewer roles that may approve a waiver of SEC-1',
      ].join('\n'),
    );
  });

  it('the schema wants a non-empty list of distinct names', () => {
    for (const list of ['[]', '[security, security]', 'security']) {
      const text = POLICY_TEXT.replace('        waivable: true\n', `        waivable: true\n        waiver_approvers: ${list}\n`);
      expect(() => loadPolicy(text, 'bad.yml'), list).toThrow(/waiver_approvers/);
    }
  });
});
