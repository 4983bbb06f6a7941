// The cap across renewals: a policy's max_waiver_total bounds how long a criterion stays waived in all,
// counted from the waiver's `since`, which a renewal keeps (judged against the base branch's manifest).
import { describe, expect, it } from 'vitest';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import { loadPolicy } from '../../src/core/policy.js';
import type { PrFacts, RepoPathKind, Report } from '../../src/core/types.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const HEAD = 'abcdef1234567890abcdef1234567890abcdef12';
const M = 'ml/pilot-readiness.yml';

const policyText = (total: string | null) => `version: 1
max_waiver: 60d
${total === null ? '' : `max_waiver_total: ${total}\n`}roles:
  owner: { accountable: true }
  security: { window: 7d, on_silence: consent, on_objection: block }
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
        evidence: { file: {} }
`;
const CAPPED = loadPolicy(policyText('90d'), 'capped.yml');
const UNCAPPED = loadPolicy(policyText(null), 'uncapped.yml');
const files = { stat: (path: string): RepoPathKind | 'missing' => (path === 'ml/x.md' ? 'file' : 'missing') };
const REASON = 'Pen test booked for January; the pilot serves internal users only until then.';

/** The manifest: the waiver's key on line 8, `expires` on 10, `since` on 12 when given. */
function manifest(waiver: { expires?: string; since?: string | null } = {}): string {
  const { expires = '2027-01-10', since = '2026-11-20' } = waiver;
  return `version: 1\npilot:\n  name: claims\n  risk: high\nowner: maria\nreviewers: { security: [kim] }\nwaivers:\n  SEC-1:\n    reason: ${REASON}\n    expires: ${expires}\n    approved_by: security\n${since === null ? '' : `    since: ${since}\n`}`;
}

function facts(baseText: string | null): PrFacts {
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
    review_requests: [{ reviewer: 'kim', at: '2026-11-01T09:00:00Z' }],
    reviews: [
      { id: 1, author: 'maria', state: 'APPROVED', at: '2026-11-18T10:00:00Z', commit: HEAD },
      { id: 2, author: 'kim', state: 'APPROVED', at: '2026-11-18T10:00:00Z', commit: HEAD },
    ],
    teams: {},
    ...(baseText === null ? {} : { base_manifest: { owner: 'maria', path: M, text: baseText } }),
  };
}

function run(text: string, options: { base?: string | null; policy?: typeof CAPPED } = {}): Report {
  return evaluate({
    manifest: { path: M, text },
    policy: options.policy ?? CAPPED,
    files,
    ...baseFromFacts(facts(options.base ?? null)),
    now: NOW,
  });
}
const at = (line: number, column: number) => ({ file: M, line, column });

describe('max_waiver_total: the cap across renewals', () => {
  it('a new waiver within the cap, since today: in force', () => {
    const report = run(manifest());
    expect(report.errors).toEqual([]);
    expect(report.criteria[0]).toMatchObject({ id: 'SEC-1', status: 'waived' });
    expect(report.waivers?.[0]).toMatchObject({ since: '2026-11-20', status: 'in_force' });
    expect(report.decision).toBe('ready');
  });

  it('without since: refused at the waiver, saying which date to write', () => {
    const report = run(manifest({ since: null }));
    expect(report.decision).toBe('blocked');
    expect(report.errors).toEqual([
      {
        message:
          'the waiver for SEC-1 needs since: the first day SEC-1 was waived, since the policy (capped.yml) caps the time a criterion stays waived, across renewals, at 90d (its max_waiver_total); add `since: 2026-11-20` for a waiver that starts today',
        location: at(8, 3),
      },
    ]);
  });

  it('without since where the base branch has one: the advice names the base date', () => {
    const base = manifest({ since: '2026-09-01', expires: '2026-11-30' });
    const report = run(manifest({ since: null, expires: '2026-11-30' }), { base });
    expect(report.errors[0]?.message).toContain("add `since: 2026-09-01` (the base branch's)");
  });

  it('a renewal that runs past since + max_waiver_total: refused at expires', () => {
    const base = manifest({ since: '2026-09-01', expires: '2026-11-30' });
    const report = run(manifest({ since: '2026-09-01', expires: '2027-01-10' }), { base });
    expect(report.decision).toBe('blocked');
    expect(report.errors).toEqual([
      {
        message:
          'SEC-1 has been waived since 2026-09-01 and the policy (capped.yml) caps the time a criterion stays waived, across renewals, at 90d (its max_waiver_total): this waiver may run to 2026-11-30 at the latest, not 2027-01-10; provide the evidence',
        location: at(10, 14),
      },
    ]);
  });

  it('a renewal that moves since later than the base branch: refused at since', () => {
    const base = manifest({ since: '2026-09-01', expires: '2026-11-30' });
    const report = run(manifest({ since: '2026-11-20', expires: '2027-01-10' }), { base });
    expect(report.decision).toBe('blocked');
    expect(report.errors).toEqual([
      {
        message:
          "waivers.SEC-1.since moves the start of SEC-1's waiver from 2026-09-01 (the base branch) to 2026-11-20: a renewal keeps the first day, since the policy (capped.yml) caps the time a criterion stays waived, across renewals, at 90d (its max_waiver_total); write `since: 2026-09-01`",
        location: at(12, 12),
      },
    ]);
  });

  it('a since in the future: refused, whatever the base', () => {
    const report = run(manifest({ since: '2026-12-01', expires: '2027-01-10' }));
    expect(report.errors.map((e) => e.message)).toEqual([
      'waivers.SEC-1.since 2026-12-01 is after today (2026-11-20, UTC): since is the first day SEC-1 was waived, today at the latest',
    ]);
  });

  it('a since that is not a real day: refused at since', () => {
    const report = run(manifest({ since: '2026-02-30' }));
    expect(report.errors[0]).toMatchObject({ location: at(12, 12) });
    expect(report.errors[0]?.message).toBe('waivers.SEC-1.since "2026-02-30" is not a real calendar date: February 2026 has 28 days');
  });

  it('the last day within the cap is accepted', () => {
    const base = manifest({ since: '2026-09-01', expires: '2026-11-30' });
    expect(run(manifest({ since: '2026-09-01', expires: '2026-11-30' }), { base }).errors).toEqual([]);
  });

  it('an earlier since than the base branch (stricter) is accepted', () => {
    const base = manifest({ since: '2026-10-01', expires: '2026-11-30' });
    expect(run(manifest({ since: '2026-09-15', expires: '2026-12-10' }), { base }).errors).toEqual([]);
  });

  it('a base waiver written before the cap (no since): the renewal records one, listed as the extension its role approves', () => {
    const base = manifest({ since: null, expires: '2026-11-25' });
    const report = run(manifest({ since: '2026-10-01', expires: '2026-12-20' }), { base });
    expect(report.errors).toEqual([]);
    expect(report.governance_changes?.map((c) => c.summary)).toEqual([
      'waiver of SEC-1 extended from 2026-11-25 to 2026-12-20 (waived since 2026-10-01)',
    ]);
  });

  it('without max_waiver_total: since is optional, but a stated one must still be a past day', () => {
    expect(run(manifest({ since: null }), { policy: UNCAPPED }).errors).toEqual([]);
    expect(run(manifest({ since: '2027-01-01' }), { policy: UNCAPPED }).errors.map((e) => e.message)).toEqual([
      'waivers.SEC-1.since 2027-01-01 is after today (2026-11-20, UTC): since is the first day SEC-1 was waived, today at the latest',
    ]);
  });
});
