// SARIF 2.1.0 from the examples' reports: valid against the OASIS schema (a copy in the fixtures),
// one rule per criterion with its title, help and framework references, and one result per problem
// at the manifest's line and column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate, TOOL_VERSION } from '../../src/core/evaluate.js';
import { renderSarif } from '../../src/report/sarif.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { ROOT } from '../cli/helpers.js';
import { validateSarif as validate } from '../support/sarif-schema.js';

const POLICY = loadBundledPolicy('default');
const NOW = new Date('2026-11-28T00:00:00Z');

function reportOf(example: string, factsFile?: string, text?: string): Report {
  const path = `examples/${example}/pilot-readiness.yml`;
  const facts = factsFile ? (JSON.parse(readFileSync(join(ROOT, 'examples', example, factsFile), 'utf8')) as PrFacts) : null;
  return evaluate({
    manifest: { path, text: text ?? readFileSync(join(ROOT, path), 'utf8') },
    policy: POLICY,
    files: localRepoFiles(ROOT),
    ...baseFromFacts(facts),
    now: NOW,
  });
}

const EXAMPLES: Array<[string, Report]> = [
  ['churn-forecast (pending)', reportOf('churn-forecast', 'pr-pending.json')],
  ['claims-triage (ready)', reportOf('claims-triage', 'pr-ready.json')],
  ['claims-triage (objection)', reportOf('claims-triage', 'pr-objection.json')],
  ['loan-approval (no PR facts)', reportOf('loan-approval')],
];

describe('SARIF output', () => {
  it.each(EXAMPLES)('%s: valid SARIF 2.1.0', (_name, report) => {
    const log = renderSarif([report], POLICY.policy, TOOL_VERSION);
    const ok = validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is for real: a result without a message is refused', () => {
    const log = JSON.parse(JSON.stringify(renderSarif([EXAMPLES[3]![1]], POLICY.policy, TOOL_VERSION)));
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it('has one rule per criterion of the policy, with its title, help and references', () => {
    const log = renderSarif([], POLICY.policy, TOOL_VERSION);
    const rules = log.runs[0]!.tool.driver.rules!;
    const criteria = POLICY.policy.gates.flatMap((g) => g.criteria);
    expect(rules.filter((r) => !r.id.startsWith('pilot-readiness/')).map((r) => r.id)).toEqual(criteria.map((c) => c.id));
    const dr1 = rules.find((r) => r.id === 'DR-1')!;
    expect(dr1.shortDescription?.text).toBe(criteria.find((c) => c.id === 'DR-1')!.title);
    expect(dr1.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    expect(dr1.help?.text).toContain('pilot-readiness explain DR-1');
    expect(dr1.help?.text).toContain('NIST AI RMF 1.0: MAP 2.3');
    expect(log.runs[0]!.tool.driver.version).toBe(TOOL_VERSION);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('one result per problem of a missing criterion, at its line and column in the manifest', () => {
    const path = 'examples/churn-forecast/pilot-readiness.yml';
    const original = readFileSync(join(ROOT, path), 'utf8');
    // Drop DR-1's evidence line: DR-1 is then missing, reported at the evidence key.
    const lines = original.split('\n');
    const at = lines.findIndex((l) => /^\s+DR-1:/.test(l));
    expect(at).toBeGreaterThan(0);
    const text = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n');
    const report = reportOf('churn-forecast', undefined, text);
    const missing = report.criteria.find((c) => c.id === 'DR-1')!;
    expect(missing.status).toBe('missing');
    const log = renderSarif([report], POLICY.policy, TOOL_VERSION);
    const results = log.runs[0]!.results!.filter((r) => r.ruleId === 'DR-1');
    expect(results).toHaveLength(Math.max(1, missing.problems.length));
    const region = results[0]!.locations![0]!.physicalLocation!.region!;
    const expected = missing.problems[0]?.location ?? missing.location;
    expect(results[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(path);
    if (expected) expect([region.startLine, region.startColumn]).toEqual([expected.line, expected.column]);
    expect(results[0]!.level).toBe('error');
    expect(results[0]!.message.text).toMatch(/^DR-1 /);
  });

  it('an objection shows as an error of the role rule; a ready pilot has no error', () => {
    const objection = renderSarif([EXAMPLES[2]![1]], POLICY.policy, TOOL_VERSION).runs[0]!.results!;
    expect(objection.some((r) => r.ruleId === 'pilot-readiness/role' && r.level === 'error')).toBe(true);
    const ready = renderSarif([EXAMPLES[1]![1]], POLICY.policy, TOOL_VERSION).runs[0]!.results!;
    expect(ready.filter((r) => r.level === 'error')).toEqual([]);
  });

  it('fingerprints do not move with the line: the same problem one line lower keeps its fingerprint', () => {
    const report = EXAMPLES[3]![1];
    const first = renderSarif([report], POLICY.policy, TOOL_VERSION).runs[0]!.results!;
    const down = <T extends { location: Report['errors'][number]['location'] }>(f: T): T => ({
      ...f,
      location: f.location && { ...f.location, line: f.location.line + 1 },
    });
    const shifted: Report = {
      ...report,
      errors: report.errors.map(down),
      warnings: report.warnings.map(down),
      criteria: report.criteria.map((c) => ({ ...down(c), problems: c.problems.map(down) })),
      owner: down(report.owner),
    };
    const second = renderSarif([shifted], POLICY.policy, TOOL_VERSION).runs[0]!.results!;
    // Every located result did move one line down ...
    const lines = (rs: typeof first) => rs.map((r) => r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0);
    expect(lines(first).filter((l) => l > 0).length).toBeGreaterThan(3);
    expect(lines(second)).toEqual(lines(first).map((l) => (l > 0 ? l + 1 : 0)));
    // ... and kept its fingerprint.
    expect(second.map((r) => r.partialFingerprints)).toEqual(first.map((r) => r.partialFingerprints));
    expect(new Set(first.map((r) => JSON.stringify(r.partialFingerprints))).size).toBe(first.length);
  });
});
