import { describe, expect, it } from 'vitest';
import { dateEvidence, parseEvidenceDate } from '../../src/core/evidence/date.js';
import { fileEvidence } from '../../src/core/evidence/file.js';
import { linkEvidence } from '../../src/core/evidence/link.js';
import { metricsEvidence } from '../../src/core/evidence/metrics.js';
import { resolveEvidencePath } from '../../src/core/evidence/paths.js';
import type { EvidenceContext, EvidenceKind } from '../../src/core/evidence/index.js';
import type { CriterionPolicy, EvidenceEntry, EvidenceRequirements, RiskTier } from '../../src/core/types.js';
import { FILES, NOW } from './evidence/tester.js';

function run(kind: EvidenceKind, evidence: EvidenceRequirements, entry: EvidenceEntry, tier: RiskTier = 'high') {
  const criterion: CriterionPolicy = {
    id: 'SEC-2',
    title: 'Pen test',
    description: 'd',
    required_for: ['high'],
    allow_not_applicable: false,
    evidence,
  };
  const ctx: EvidenceContext = {
    criterion,
    entry,
    tier,
    now: NOW,
    manifestDir: 'pilots/claims',
    files: { stat: (path) => FILES[path] ?? 'missing' },
    locate: (path) => ({ file: 'm.yml', line: 10, column: path.length + 1 }),
    validUntil: () => {},
  };
  return kind.check(ctx).map((f) => f.message);
}

describe('file evidence', () => {
  const policy = { file: { paths: ['reports/**'] } };
  it('accepts a file that exists where the policy accepts evidence', () => {
    expect(run(fileEvidence, policy, { file: 'reports/pentest.md' })).toEqual([]);
    expect(run(fileEvidence, policy, { file: ['reports/pentest.md', './reports/pentest.md'] })).toEqual([]);
  });
  it('names a missing file with the path it looked for', () => {
    expect(run(fileEvidence, policy, { file: 'reports/nope.md' })).toEqual([
      'file "reports/nope.md" does not exist in the repository (looked for pilots/claims/reports/nope.md)',
    ]);
  });
  it('refuses folders, symlinks out of the repository and files outside the accepted globs', () => {
    expect(run(fileEvidence, policy, { file: 'reports' })).toEqual(['"reports" is a folder; name the report file itself']);
    expect(run(fileEvidence, policy, { file: 'reports/link.md' })).toEqual([
      '"reports/link.md" is a symbolic link that points outside the repository; commit the file itself',
    ]);
    expect(run(fileEvidence, policy, { file: 'reports/sub.md' })).toEqual([
      '"reports/sub.md" is a symbolic link or a submodule, whose content cannot be verified through the GitHub API; commit the file itself',
    ]);
    expect(run(fileEvidence, policy, { file: 'notes/pentest.md' })).toEqual([
      'file "notes/pentest.md" is not where the policy accepts evidence for SEC-2: reports/**',
    ]);
  });
  it('asks for a file when the entry has none', () => {
    expect(run(fileEvidence, policy, { link: 'https://x.example.com' })).toEqual([
      "SEC-2 needs a file: add `file: path/to/report` (relative to the manifest's folder)",
    ]);
  });
  it('refuses escapes and absolute paths', () => {
    expect(run(fileEvidence, policy, { file: '../../../etc/passwd' })).toEqual([
      'evidence path "../../../etc/passwd" escapes the repository; evidence must live inside the repository',
    ]);
    expect(run(fileEvidence, policy, { file: '/etc/passwd' })).toEqual([
      'evidence path "/etc/passwd" is absolute; write it relative to the manifest\'s folder',
    ]);
  });
  it('resolves paths against the manifest folder', () => {
    expect(resolveEvidencePath('pilots/claims', '../shared/report.md')).toEqual({ ok: true, repoPath: 'pilots/shared/report.md' });
    expect(resolveEvidencePath('pilots/claims', 'reports/x.md')).toEqual({ ok: true, repoPath: 'pilots/claims/reports/x.md' });
    expect(resolveEvidencePath('pilots/claims', './reports//x.md')).toEqual({ ok: true, repoPath: 'pilots/claims/reports/x.md' });
    expect(resolveEvidencePath('', '..notes/x.md')).toEqual({ ok: true, repoPath: '..notes/x.md' });
    expect(resolveEvidencePath('pilots', '.')).toEqual({ ok: true, repoPath: 'pilots' });
    expect(resolveEvidencePath('', '.')).toMatchObject({ ok: false });
    expect(resolveEvidencePath('', 'a/../../b')).toEqual({
      ok: false,
      reason: 'escapes the repository; evidence must live inside the repository',
    });
    expect(resolveEvidencePath('', 'C:/x')).toMatchObject({ ok: false });
    expect(resolveEvidencePath('', 'a\\b')).toMatchObject({ ok: false });
  });
});

describe('date evidence', () => {
  const policy = { date: { max_age: { low: '365d', medium: '365d', high: '180d' } } };
  it("accepts evidence within the tier's max age, at the boundary too", () => {
    expect(run(dateEvidence, policy, { date: '2026-06-01' })).toEqual([]);
    expect(run(dateEvidence, { date: { max_age: '1d' } }, { date: '2026-11-19T12:00:00Z' })).toEqual([]);
  });
  it('applies the stricter age for high risk', () => {
    expect(run(dateEvidence, policy, { date: '2026-03-01' }, 'medium')).toEqual([]);
    expect(run(dateEvidence, policy, { date: '2026-03-01' }, 'high')).toEqual([
      'evidence dated 2026-03-01 is 264 days old; the policy accepts at most 180d for high risk (84d 12h too old): renew it',
    ]);
  });
  it('refuses dates in the future and impossible dates', () => {
    expect(run(dateEvidence, policy, { date: '2026-12-01' })).toEqual([
      'date 2026-12-01 is in the future; evidence is dated when it was produced',
    ]);
    expect(run(dateEvidence, policy, { date: '2026-02-30' })).toEqual([
      'date "2026-02-30" is not a real calendar date: February 2026 has 28 days',
    ]);
    expect(run(dateEvidence, policy, { date: '2026-11-01T09:00:00' })).toEqual([
      'date "2026-11-01T09:00:00" is a date-time without a time zone: add Z or an offset such as +02:00',
    ]);
    expect(parseEvidenceDate('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
  it('asks for a date when the entry has none', () => {
    expect(run(dateEvidence, policy, { file: 'reports/pentest.md' })).toEqual([
      'SEC-2 needs the date the evidence was produced: add `date: YYYY-MM-DD`',
    ]);
  });
});

describe('metrics evidence', () => {
  const policy = {
    metrics: {
      completeness: { min: 0.98 },
      open_critical_findings: { max: 0 },
      retention_days: { min: { low: 30, high: 183 } },
      baseline: {},
    },
  };
  const good = { completeness: 0.99, open_critical_findings: 0, retention_days: 200, baseline: 40 };
  it('accepts metrics within bounds and present names', () => {
    expect(run(metricsEvidence, policy, { metrics: good })).toEqual([]);
  });
  it('reports each metric out of bounds, per tier, and each missing one', () => {
    expect(
      run(metricsEvidence, policy, { metrics: { ...good, completeness: 0.91, open_critical_findings: 2, retention_days: 90 } }),
    ).toEqual([
      'completeness is 0.91, below the minimum 0.98 for high risk',
      'open_critical_findings is 2, above the maximum 0 for high risk',
      'retention_days is 90, below the minimum 183 for high risk',
    ]);
    expect(run(metricsEvidence, policy, { metrics: { ...good, retention_days: 90 } }, 'low')).toEqual([]);
    expect(run(metricsEvidence, policy, { metrics: { completeness: 0.99 } })).toEqual([
      'metric "open_critical_findings" is missing: add it under metrics',
      'metric "retention_days" is missing: add it under metrics',
      'metric "baseline" is missing: add it under metrics',
    ]);
  });
  it('refuses non-finite numbers', () => {
    expect(run(metricsEvidence, policy, { metrics: { ...good, completeness: Number.NaN } })).toEqual([
      'metric "completeness" must be a finite number',
    ]);
  });
});

describe('link evidence', () => {
  it('accepts a link matching the pattern and refuses one that does not', () => {
    const policy = { link: { pattern: '^https://tickets\\.example\\.com/' } };
    expect(run(linkEvidence, policy, { link: 'https://tickets.example.com/OPS-1' })).toEqual([]);
    expect(run(linkEvidence, policy, { link: 'https://evil.example.org/OPS-1' })).toEqual([
      'link "https://evil.example.org/OPS-1" does not match what the policy accepts for SEC-2 (^https://tickets\\.example\\.com/)',
    ]);
    expect(run(linkEvidence, policy, {})).toEqual(['SEC-2 needs a link: add `link: https://…` to the ticket or record']);
  });
});
