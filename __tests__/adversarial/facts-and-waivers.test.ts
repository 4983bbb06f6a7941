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
    const run = cli(['check', 'examples/churn-forecast/pilot-readiness.yml', '--pr', join(dir, 'facts.json'), '--now', '2026-11-28T00:00:00Z']);
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
