// Two more holes of the same kind as the evidence rows, through the built CLI: a facts file whose
// instants the schema's date-time format lets through but the rules cannot compare, and a waiver
// reason padded with characters that say nothing. Each row asserts exit 2 and the message at its line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/helpers.js';

const FACTS = readFileSync(join(ROOT, 'examples', 'churn-forecast', 'pr-pending.json'), 'utf8');
const MANIFEST = readFileSync(join(ROOT, 'examples', 'churn-forecast', 'pilot-readiness.yml'), 'utf8');

describe('PR facts instants the rules could not compare', () => {
  const rows = [
    { name: 'a leap second', from: '"2026-11-14T09:30:00Z"', to: '"2026-11-14T23:59:60Z"', says: 'leap seconds are not accepted' },
    { name: 'an hour-only offset', from: '"2026-11-14T09:30:00Z"', to: '"2026-11-14T09:30:00+02"', says: 'reviews.0.at' },
    { name: 'an impossible day', from: '"2026-11-14T09:30:00Z"', to: '"2026-02-30T09:30:00Z"', says: '2026-02-30' },
  ];
  it.each(rows.map((r) => [r.name, r] as const))('%s: exit 2, named at its line', (_name, row) => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-facts-'));
    expect(FACTS).toContain(row.from);
    writeFileSync(join(dir, 'facts.json'), FACTS.replace(row.from, row.to));
    const run = cli([
      'check',
      'examples/churn-forecast/pilot-readiness.yml',
      '--pr',
      join(dir, 'facts.json'),
      '--now',
      '2026-11-28T00:00:00Z',
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${join(dir, 'facts.json')}:`);
    expect(run.stderr).toContain(row.says);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('waiver reasons padded with nothing', () => {
  const pads = [
    ['20 zero-width spaces', '\u200b'.repeat(20)],
    ['20 Hangul fillers', '\u3164'.repeat(20)],
    ['10 emoji', '🚀'.repeat(10)],
  ] as const;
  it.each(pads)('%s: the waiver is refused at its reason', (_name, pad) => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-waiver-'));
    const text = `${MANIFEST}\nwaivers:\n  OPS-4:\n    reason: "${pad}"\n    expires: 2026-12-10\n    approved_by: security\n`;
    writeFileSync(join(dir, 'pilot-readiness.yml'), text);
    const run = cli(['check', join(dir, 'pilot-readiness.yml'), '--now', '2026-11-28T00:00:00Z', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { decision: string; errors: Array<{ message: string; location: { line: number } | null }> };
    expect(report.decision).toBe('blocked');
    const refusal = report.errors.find((e) => e.message.startsWith('the waiver reason for OPS-4 is too short'));
    expect(refusal?.message).toContain('(0 letters or digits)');
    expect(refusal?.location?.line).toBe(text.split('\n').findIndex((l) => l.includes('reason:')) + 1);
  });
});

describe('waivers renewed past the cap across renewals (policy max_waiver_total, built CLI)', () => {
  const LAYER = 'version: 1\nextends: default\nmax_waiver_total: 120d\n';
  const REASON = 'Error-cost model is being built with finance; shadow mode until it lands.';
  const waiver = (since: string | null, expires: string) =>
    `\nwaivers:\n  OPS-4:\n    reason: "${REASON}"\n    expires: ${expires}\n    approved_by: security\n${since === null ? '' : `    since: ${since}\n`}`;
  /** The base branch renewed OPS-4 once already: waived since 1 August. */
  const BASE_TEXT = MANIFEST + waiver('2026-08-01', '2026-11-30');
  const rows = [
    {
      name: 'since moved to today, to restart the clock',
      head: waiver('2026-11-28', '2027-01-20'),
      says: "waivers.OPS-4.since moves the start of OPS-4's waiver from 2026-08-01 (the base branch) to 2026-11-28",
      key: 'since:',
    },
    { name: 'since dropped', head: waiver(null, '2027-01-20'), says: 'the waiver for OPS-4 needs since', key: 'OPS-4:' },
    {
      name: 'since kept, expires past since + 120d',
      head: waiver('2026-08-01', '2027-01-20'),
      says: 'OPS-4 has been waived since 2026-08-01',
      key: 'expires:',
    },
    {
      name: 'since in the future',
      head: waiver('2027-01-01', '2027-01-20'),
      says: 'waivers.OPS-4.since 2027-01-01 is after today',
      key: 'since:',
    },
  ];
  it.each(rows.map((r) => [r.name, r] as const))('%s: blocked, named at its line', (_name, row) => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-renewal-'));
    const text = MANIFEST + row.head;
    writeFileSync(join(dir, 'pilot-readiness.yml'), text);
    writeFileSync(join(dir, 'policy.yml'), LAYER);
    const facts = { ...JSON.parse(FACTS), base_manifest: { owner: 'sam-cto', path: 'pilot-readiness.yml', text: BASE_TEXT } };
    writeFileSync(join(dir, 'facts.json'), JSON.stringify(facts));
    const run = cli([
      'check',
      join(dir, 'pilot-readiness.yml'),
      '--policy',
      join(dir, 'policy.yml'),
      '--pr',
      join(dir, 'facts.json'),
      '--now',
      '2026-11-28T00:00:00Z',
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout) as { decision: string; errors: Array<{ message: string; location: { line: number } | null }> };
    expect(report.decision).toBe('blocked');
    const refusal = report.errors.find((e) => e.message.startsWith(row.says));
    expect(refusal, JSON.stringify(report.errors)).toBeDefined();
    const lines = text.split('\n');
    const waiversAt = lines.indexOf('waivers:');
    expect(refusal?.location?.line).toBe(lines.findIndex((l, i) => i > waiversAt && l.trimStart().startsWith(row.key)) + 1);
  });

  it('the same renewal with since kept and within the cap: no refusal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-renewal-'));
    writeFileSync(join(dir, 'pilot-readiness.yml'), MANIFEST + waiver('2026-08-01', '2026-11-29'));
    writeFileSync(join(dir, 'policy.yml'), LAYER);
    const facts = { ...JSON.parse(FACTS), base_manifest: { owner: 'sam-cto', path: 'pilot-readiness.yml', text: BASE_TEXT } };
    writeFileSync(join(dir, 'facts.json'), JSON.stringify(facts));
    const run = cli([
      'check',
      join(dir, 'pilot-readiness.yml'),
      '--policy',
      join(dir, 'policy.yml'),
      '--pr',
      join(dir, 'facts.json'),
      '--now',
      '2026-11-28T00:00:00Z',
      '--format',
      'json',
    ]);
    const report = JSON.parse(run.stdout) as { errors: Array<{ message: string }> };
    expect(report.errors.filter((e) => e.message.includes('OPS-4'))).toEqual([]);
  });
});
