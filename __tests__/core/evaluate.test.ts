import { describe, expect, it } from 'vitest';
import { factsWith } from '../signoff/builders.js';
import { evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import { replay } from '../../src/core/replay.js';
import type { PrFacts, RepoPathKind, RiskTier } from '../../src/core/types.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const HEAD = 'abcdef1234567890abcdef1234567890abcdef12';

// A small policy with one criterion per evidence kind, so each tier and status is easy to reach.
const POLICY = loadPolicy(
  `version: 1
roles:
  owner: { accountable: true }
  legal: { window: 14d, on_silence: consent, on_objection: block, required_for: [medium, high] }
  security: { window: 7d, on_silence: consent, on_objection: block }
gates:
  - id: data
    title: Data readiness
    stage: pre-pilot
    criteria:
      - id: DR-2
        title: Quality baseline
        description: d
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: { low: 90d, medium: 60d, high: 30d } }
          metrics: { completeness: { min: 0.98 } }
  - id: security
    title: Security clearance
    criteria:
      - id: SEC-2
        title: Pen test
        description: d
        required_for: [medium, high]
        allow_not_applicable: false
        evidence: { file: {}, date: { max_age: 365d } }
      - id: OPS-5
        title: Incident response
        description: d
        required_for: [high]
        allow_not_applicable: true
        evidence: { link: { pattern: "^https://" } }
      - id: EXP-2
        title: Explanations
        description: d
        required_for: [high]
        allow_not_applicable: false
        evidence: { signoff: legal }
`,
  'test-policy.yml',
);

const FILES: Record<string, RepoPathKind> = { 'ml/reports/dq.md': 'file', 'ml/reports/pentest.md': 'file' };
const files = { stat: (path: string) => FILES[path] ?? ('missing' as const) };

function manifest(risk: RiskTier, evidence: string, reviewers = '  legal: [lee]\n  security: [kim]\n') {
  return `version: 1\npilot:\n  name: claims\n  risk: ${risk}\nowner: maria\nreviewers:\n${reviewers}evidence:\n${evidence}`;
}
const GOOD = `  DR-2: { file: reports/dq.md, date: 2026-11-01, metrics: { completeness: 0.99 } }
  SEC-2: { file: reports/pentest.md, date: 2026-06-01 }
  OPS-5: { link: "https://tickets.example.com/1" }
`;

function run(text: string, facts: PrFacts | null = null) {
  return evaluate({ manifest: { path: 'ml/pilot-readiness.yml', text }, policy: POLICY, files, facts, now: NOW });
}
const statuses = (report: ReturnType<typeof run>) => Object.fromEntries(report.criteria.map((c) => [c.id, c.status]));

describe('evaluate, offline', () => {
  it.each([
    [
      'low',
      { 'DR-2': 'met', 'SEC-2': 'not_required', 'OPS-5': 'not_required', 'EXP-2': 'not_required' },
      { met: 1, not_applicable: 0, required: 1 },
    ],
    [
      'medium',
      { 'DR-2': 'met', 'SEC-2': 'met', 'OPS-5': 'not_required', 'EXP-2': 'not_required' },
      { met: 2, not_applicable: 0, required: 2 },
    ],
    ['high', { 'DR-2': 'met', 'SEC-2': 'met', 'OPS-5': 'met', 'EXP-2': 'awaiting_signoff' }, { met: 3, not_applicable: 0, required: 4 }],
  ] as const)('scales by tier: %s', (tier, expected, score) => {
    const report = run(manifest(tier, GOOD));
    expect(statuses(report)).toEqual(expected);
    expect(report.score).toEqual(score);
    // without PR facts nothing is ready: roles and the owner's approval happen on the PR
    expect(report.decision).toBe('pending');
    expect(report.owner).toMatchObject({ login: 'maria', status: 'awaiting' });
  });

  it("applies the tier's max age: 50 days is fine for low and medium, too old for high", () => {
    const evidence = GOOD.replace('2026-11-01', '2026-10-01');
    expect(statuses(run(manifest('low', evidence)))['DR-2']).toBe('met');
    expect(statuses(run(manifest('medium', evidence)))['DR-2']).toBe('met');
    const high = run(manifest('high', evidence));
    expect(high.criteria[0]).toMatchObject({
      status: 'failed',
      reason: 'evidence dated 2026-10-01 is 50 days old; the policy accepts at most 30d for high risk (20d 12h too old): renew it',
      location: { file: 'ml/pilot-readiness.yml', line: 10, column: 38 },
    });
    expect(high.decision).toBe('blocked');
    expect(high.blocking).toContain('DR-2');
  });

  it("says until when each met criterion's dated evidence passes, by its tier's max age; met up to that instant, failed right after", () => {
    const at = (now: string) =>
      evaluate({
        manifest: { path: 'ml/pilot-readiness.yml', text: manifest('medium', GOOD) },
        policy: POLICY,
        files,
        facts: null,
        now: new Date(now),
      });
    const report = at('2026-11-20T12:00:00Z');
    const validUntil = Object.fromEntries(report.criteria.map((c) => [c.id, c.valid_until]));
    // DR-2 dated 2026-11-01, 60d at medium risk; SEC-2 dated 2026-06-01, 365d; OPS-5 has no date; EXP-2 is not required.
    expect(validUntil).toEqual({
      'DR-2': '2026-12-31T00:00:00.000Z',
      'SEC-2': '2027-06-01T00:00:00.000Z',
      'OPS-5': undefined,
      'EXP-2': undefined,
    });
    expect(at('2026-12-31T00:00:00.000Z').criteria[0]).toMatchObject({ id: 'DR-2', status: 'met' });
    expect(at('2026-12-31T00:00:00.001Z').criteria[0]).toMatchObject({ id: 'DR-2', status: 'failed' });
    // A failed criterion says nothing of the kind: time alone does not make it pass.
    expect(at('2027-01-15T00:00:00Z').criteria[0]!.valid_until).toBeUndefined();
  });

  it('reports several failures at once, each at its own line', () => {
    const evidence = `  DR-2: { file: reports/nope.md, date: 2026-11-01, metrics: { completeness: 0.9 } }\n  SEC-2: { file: reports/pentest.md, date: 2026-12-01 }\n`;
    const report = run(manifest('high', evidence));
    expect(statuses(report)).toEqual({ 'DR-2': 'failed', 'SEC-2': 'failed', 'OPS-5': 'missing', 'EXP-2': 'awaiting_signoff' });
    expect(report.criteria[0]!.problems.map((p) => `${p.location!.line}:${p.location!.column} ${p.message}`)).toEqual([
      '10:17 file "reports/nope.md" does not exist in the repository (looked for ml/reports/nope.md)',
      '10:77 completeness is 0.9, below the minimum 0.98 for high risk',
    ]);
    expect(report.criteria[0]!.reason).toBe(
      'file "reports/nope.md" does not exist in the repository (looked for ml/reports/nope.md) (and 1 more)',
    );
    expect(report.criteria[2]).toMatchObject({ reason: 'no evidence: add evidence.OPS-5 with link', location: { line: 9, column: 1 } });
    expect(report.gates).toEqual([
      { id: 'data', title: 'Data readiness', stage: 'pre-pilot', met: 0, not_applicable: 0, required: 1 },
      { id: 'security', title: 'Security clearance', stage: 'production', met: 0, not_applicable: 0, required: 3 },
    ]);
  });

  it('accepts not_applicable only where allowed and with a real justification', () => {
    const na = (text: string) => `${GOOD.split('\n').slice(0, 2).join('\n')}\n  OPS-5: { not_applicable: "${text}" }\n`;
    expect(statuses(run(manifest('high', na('No on-call: batch job whose output a person reviews daily.'))))['OPS-5']).toBe(
      'not_applicable',
    );
    expect(run(manifest('high', na('n/a'))).criteria[2]).toMatchObject({
      status: 'failed',
      reason:
        'the not_applicable justification for OPS-5 is too short: it has 2 letters or digits; say why in at least 20 (spaces, punctuation, emoji and invisible characters do not count)',
    });
    const sec = `  SEC-2: { not_applicable: "We trust our network perimeter completely." }\n`;
    expect(run(manifest('high', sec)).criteria[1]).toMatchObject({
      status: 'failed',
      reason: 'SEC-2 cannot be marked not_applicable: the policy requires evidence for it',
    });
  });

  it('refuses evidence for a criterion the policy does not have', () => {
    const report = run(manifest('low', `${GOOD}  SEC-22: { link: "https://x.example.com" }\n`));
    expect(report.decision).toBe('blocked');
    expect(report.errors).toEqual([
      {
        message:
          'unknown criterion id "SEC-22": the policy (test-policy.yml) has no such criterion. Did you mean "SEC-2"? Run `pilot-readiness explain` to list them.',
        location: { file: 'ml/pilot-readiness.yml', line: 13, column: 3 },
      },
    ]);
  });

  it('records every repository answer it used, and a replay reaches the same decision', () => {
    const report = run(manifest('high', GOOD));
    expect(report.inputs.files).toEqual({ 'ml/reports/dq.md': 'file', 'ml/reports/pentest.md': 'file' });
    const outcome = replay(JSON.stringify(report), 'r.json');
    expect(outcome.same).toBe(true);
    expect(outcome.report.criteria).toEqual(report.criteria);
  });

  it('replay notices a tampered report', () => {
    const report = run(manifest('high', GOOD));
    const tampered = { ...report, decision: 'ready' };
    expect(replay(JSON.stringify(tampered), 'r.json')).toMatchObject({
      same: false,
      message: 'different outcome: the report says ready, re-evaluation gives pending',
    });
    const edited = {
      ...report,
      inputs: {
        ...report.inputs,
        manifest: { ...report.inputs.manifest, text: (report.inputs.manifest.text ?? '').replace('0.99', '0.5') },
      },
    };
    expect(replay(JSON.stringify(edited), 'r.json').message).toContain(
      "the recorded manifest text does not match the report's manifest sha256",
    );
  });
});

describe('evaluate with PR facts', () => {
  const facts = (reviews: PrFacts['reviews']): PrFacts =>
    factsWith({
      repository: 'acme/ml',
      number: 7,
      author: 'dev',
      head_sha: HEAD,
      ready_at: '2026-11-01T09:00:00Z',
      commits: [{ sha: HEAD, at: '2026-11-01T08:00:00Z' }],
      review_requests: [
        { reviewer: 'lee', at: '2026-11-01T09:00:00Z' },
        { reviewer: 'kim', at: '2026-11-01T09:00:00Z' },
      ],
      reviews,
    });
  const approve = (author: string, id: number) => ({ id, author, state: 'APPROVED' as const, at: '2026-11-10T10:00:00Z', commit: HEAD });

  it("a sign-off criterion is met only by the role's explicit approval, never by silence", () => {
    // High risk: silence counts as consent once the role's reminder was sent (consent_requires_reminder's default).
    const reminders = [
      { pilot: 'claims', role: 'legal', deadline: '2026-11-15T09:00:00.000Z', at: '2026-11-13T09:00:00Z' },
      { pilot: 'claims', role: 'security', deadline: '2026-11-08T09:00:00.000Z', at: '2026-11-06T09:00:00Z' },
    ];
    const silent = run(manifest('high', GOOD), { ...facts([approve('maria', 1)]), reminders });
    expect(silent.roles.find((r) => r.role === 'legal')!.status).toBe('consented');
    expect(statuses(silent)['EXP-2']).toBe('awaiting_signoff');
    expect(silent.decision).toBe('pending');

    const signed = run(manifest('high', GOOD), { ...facts([approve('maria', 1), approve('lee', 2)]), reminders });
    expect(statuses(signed)['EXP-2']).toBe('met');
    expect(signed.decision).toBe('ready');
    expect(signed.score).toEqual({ met: 4, not_applicable: 0, required: 4 });
  });
});

describe('one read per manifest', () => {
  it('asking roles first, then evaluating the same manifest object, gives the report evaluating alone gives', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { baseFromFacts, rolesToRequest } = await import('../../src/core/evaluate.js');
    const { loadBundledPolicy } = await import('../../src/core/bundled.js');
    const { localRepoFiles } = await import('../../src/adapters/local/files.js');
    const root = join(import.meta.dirname, '..', '..');
    const text = readFileSync(join(root, 'examples', 'churn-forecast', 'pilot-readiness.yml'), 'utf8');
    const facts = JSON.parse(readFileSync(join(root, 'examples', 'churn-forecast', 'pr-pending.json'), 'utf8'));
    const based = baseFromFacts(facts);
    const input = (manifest: { path: string; text: string }) => ({
      manifest,
      policy: loadBundledPolicy('default'),
      files: localRepoFiles(root),
      ...based,
      now: new Date('2026-11-20T12:00:00Z'),
    });
    const shared = { path: 'examples/churn-forecast/pilot-readiness.yml', text };
    rolesToRequest(input(shared));
    const twice = [evaluate(input(shared)), evaluate(input(shared))];
    const alone = evaluate(input({ ...shared }));
    expect(twice[0]).toEqual(alone);
    expect(twice[1]).toEqual(alone);
    // A changed text on the same object is read again, never served from the earlier read.
    shared.text = text.replace('risk: low', 'risk: high');
    expect(evaluate(input(shared)).pilot?.risk).toBe('high');
  });
});
