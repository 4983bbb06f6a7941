// A starter manifest's placeholders are input errors, at their lines, until someone replaces them:
// the values come from one list (src/core/placeholders.ts) that init writes and the engine checks.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate.js';
import { resolveBundled } from '../../src/core/layering/index.js';
import { PLACEHOLDERS } from '../../src/core/placeholders.js';
import { starterManifest } from '../../src/report/starter-manifest.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const POLICY = resolveBundled('default');
const files = { stat: () => 'missing' as const };
const check = (text: string) => evaluate({ manifest: { path: 'pilot-readiness.yml', text }, policy: POLICY, files, facts: null, now: NOW });

/** Uncomments the entries a person would fill in first: every reviewer line and every `# ID: { … }` example. */
function uncommented(text: string): string {
  return text.replace(/^ {2}# ([a-z]+: \[.*\])$/gm, '  $1').replace(/^ {2}# ([A-Z]+-\d+: \{.*\})$/gm, '  $1');
}

describe('placeholders', () => {
  it('a fresh starter is refused at the placeholders of its pilot and owner', () => {
    const report = check(starterManifest(POLICY.policy, { risk: 'medium' }));
    expect(report.decision).toBe('blocked');
    expect(report.errors).toEqual([
      {
        message: `pilot.name is still the placeholder init wrote ("${PLACEHOLDERS.pilot}"): replace it with the pilot's own name, a short slug such as churn-forecast`,
        location: { file: 'pilot-readiness.yml', line: 6, column: 9 },
      },
      {
        message: `pilot.title is still the placeholder init wrote ("${PLACEHOLDERS.pilot}"): replace it with a title people recognise, such as Churn forecast`,
        location: { file: 'pilot-readiness.yml', line: 7, column: 10 },
      },
      {
        message: `owner is still the placeholder init wrote ("${PLACEHOLDERS.owner}"): replace it with the GitHub login of the pilot's one accountable owner`,
        location: { file: 'pilot-readiness.yml', line: 9, column: 8 },
      },
    ]);
  });

  it('an uncommented starter names every placeholder left, never a metric of 0 that merely fails', () => {
    const text = uncommented(starterManifest(POLICY.policy, { risk: 'medium', name: 'churn', owner: 'sam-cto' }));
    const report = check(text);
    const lines = text.split('\n');
    const messages = report.errors.map((e) => e.message);
    expect(messages.length).toBeGreaterThan(20);
    for (const error of report.errors) {
      expect(error.message).toMatch(/ is still the placeholder init wrote \("[^"]+"\): replace it with /);
      // Each error points at the placeholder's own text on its line.
      const line = lines[error.location!.line - 1]!;
      const placeholder = /\("([^"]+)"\)/.exec(error.message)![1]!;
      expect(line.slice(error.location!.column - 1).startsWith(placeholder)).toBe(true);
    }
    expect(messages).toContain(
      'evidence.DR-6.metrics.serving_parity is still the placeholder init wrote ("your-measured-value"): replace it with the measured value of serving_parity, a number',
    );
    // Where the policy wants the values from an artifact, the starter offers the artifact form instead.
    expect(text).toContain('  DR-2: { file: reports/dr-2.md, date: YYYY-MM-DD, metrics: { from: reports/dr-2-metrics.json } }');
    expect(messages).toContain(
      'reviewers.legal.0 is still the placeholder init wrote ("login-or-org/team"): replace it with the GitHub logins or org/teams of the legal role',
    );
    expect(messages.some((m) => m.startsWith('evidence.OPS-4.link is still the placeholder'))).toBe(true);
    expect(messages.some((m) => m.startsWith('evidence.SEC-1.date is still the placeholder'))).toBe(true);
    expect(text).not.toMatch(/: 0[,}\s]/);
  });

  it('a value that only resembles a placeholder is not one', () => {
    const report = check(
      'version: 1\npilot:\n  name: my-pilot-2\n  title: My pilot\n  risk: low\nowner: your-github-login-2\nevidence:\n  BUS-2: { metrics: { baseline: 0, target: 1, threshold: 0.5 } }\n',
    );
    expect(report.errors).toEqual([]);
  });

  it('starts only from the chosen tier: its limits, not every tier’s', () => {
    const medium = starterManifest(POLICY.policy, { risk: 'medium' });
    expect(medium).toContain('#   needs date: no older than 365d'); // SEC-2 for medium (high is 180d)
    expect(medium).toContain('#   needs metric log_retention_days ≥ 90 days'); // CMP-3
    expect(medium).not.toMatch(/\b(low|high) \d/);
    expect(starterManifest(POLICY.policy, { risk: 'high' })).toContain('#   needs metric log_retention_days ≥ 183 days');
  });

  it('names the placeholders of an entry as it always has, its own fields (date, link) before its metrics, whatever the kinds order', () => {
    const text = [
      'version: 1',
      'pilot: { name: churn, risk: medium }',
      'owner: sam-cto',
      'evidence:',
      `  DR-2: { metrics: { completeness: ${PLACEHOLDERS.metric} }, link: "${PLACEHOLDERS.link}", date: ${PLACEHOLDERS.date} }`,
      '',
    ].join('\n');
    const errors = check(text).errors.filter((e) => e.message.includes('is still the placeholder'));
    expect(errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message.split(' ')[0]}`)).toEqual([
      '5:83 evidence.DR-2.date',
      '5:65 evidence.DR-2.link',
      '5:36 evidence.DR-2.metrics.completeness',
    ]);
    // A report's findings keep their shape: the kinds' message ids stay inside the core.
    for (const error of check(text).errors) expect(Object.keys(error)).toEqual(['message', 'location']);
  });

  it("refuses every entry's paths out of the repository before any entry's date that is no date", () => {
    const text = [
      'version: 1',
      'pilot: { name: churn, risk: medium }',
      'owner: sam-cto',
      'evidence:',
      "  DR-1: { file: docs/dr1.md, date: '2026-02-30' }",
      '  DR-2: { file: ../../etc/passwd, metrics: { from: /etc/eval.json } }',
      '',
    ].join('\n');
    expect(check(text).errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.message}`)).toEqual([
      '6:17 evidence path "../../etc/passwd" escapes the repository; evidence must live inside the repository',
      '6:52 metrics artifact path "/etc/eval.json" is absolute; write it relative to the manifest\'s folder',
      '5:36 evidence.DR-1.date "2026-02-30" is not a real calendar date: February 2026 has 28 days',
    ]);
  });
});
