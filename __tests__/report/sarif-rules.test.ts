// SARIF rules per message id: a problem an evidence kind reported counts under
// `pilot-readiness/<kind>/<id>`, a rule whose texts come from the kind's meta, and the result points at
// it by ruleId and ruleIndex; a finding without an id keeps its criterion's rule, and every
// fingerprint stays what it was when results counted under the criterion (or the input rule).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { evaluate, TOOL_VERSION } from '../../src/core/evaluate.js';
import { sha256 } from '../../src/core/hash.js';
import type { Report } from '../../src/core/types.js';
import { renderSarif } from '../../src/report/sarif.js';
import { ROOT } from '../cli/helpers.js';
import { validateSarif } from '../support/sarif-schema.js';

const POLICY = loadBundledPolicy('default');
const NOW = new Date('2026-11-28T00:00:00Z');
const LOAN = 'examples/loan-approval/pilot-readiness.yml';

function loanReport(edit: (text: string) => string = (t) => t): Report {
  return evaluate({
    manifest: { path: LOAN, text: edit(readFileSync(join(ROOT, LOAN), 'utf8')) },
    policy: POLICY,
    files: localRepoFiles(ROOT),
    facts: null,
    now: NOW,
  });
}

const resultOf = (log: Log, criterion: string): Result => log.runs[0]!.results!.find((r) => r.message.text?.startsWith(`${criterion} `))!;
const ruleAt = (log: Log, result: Result) => log.runs[0]!.tool.driver.rules![result.ruleIndex!]!;
/** The fingerprint as it was computed before message ids: from the rule the result then counted under. */
const fingerprintUnder = (rule: string, file: string, message: string) => ({
  'pilotReadiness/v1': sha256(`${rule}\u0000${file}\u0000${message}`).slice(0, 32),
});

describe('SARIF: one rule per message id', () => {
  const report = loanReport();
  const log = renderSarif([report], POLICY.policy, TOOL_VERSION);

  it.each([
    ['DR-2', 'metrics/below-min', "The value is below the policy's minimum for the pilot's tier."],
    ['SEC-2', 'date/too-old', "The evidence is older than the policy's max_age for the pilot's tier."],
    ['CMP-4', 'file/missing', 'The named file is not in the repository.'],
    ['CMP-5', 'metrics/above-max', "The value is above the policy's maximum for the pilot's tier."],
    ['OPS-4', 'link/pattern-mismatch', "The link does not match the policy's pattern."],
  ])('%s: a %s finding counts under its own rule, with the kind meta as its text', (criterion, messageId, short) => {
    const { title, problems } = report.criteria.find((c) => c.id === criterion)!;
    const problem = problems[0]!;
    expect(problem.messageId).toBe(messageId);
    const result = resultOf(log, criterion);
    expect(result.ruleId).toBe(`pilot-readiness/${messageId}`);
    const rule = ruleAt(log, result);
    expect(rule.id).toBe(result.ruleId);
    expect(rule.shortDescription?.text).toBe(short);
    const kind = messageId.split('/')[0]!;
    // GitHub's code scanning requires fullDescription and help (GH2012): the kind's docs and when the id is reported.
    expect(rule.fullDescription?.text).toContain(`Reported when ${short.charAt(0).toLowerCase()}${short.slice(1)}`);
    expect(rule.help?.text).toMatch(new RegExp(`^\`${kind}\` evidence: [A-Z]`));
    expect(rule.help?.markdown).toBe(rule.help?.text);
    expect(rule.defaultConfiguration?.level).toBe('error');
    expect(result.partialFingerprints).toEqual(
      fingerprintUnder(criterion, problem.location!.file, `${criterion} ${title}: ${problem.message}`),
    );
  });

  it('a finding without a message id keeps its criterion rule, pointed at by index', () => {
    const result = resultOf(log, 'EXP-3');
    expect(report.criteria.find((c) => c.id === 'EXP-3')!.problems.every((p) => p.messageId === undefined)).toBe(true);
    expect(result.ruleId).toBe('EXP-3');
    expect(ruleAt(log, result).id).toBe('EXP-3');
  });

  it('an entry error with an id counts under its rule and keeps the input rule fingerprint', () => {
    const broken = loanReport((text) => text.replace('date: 2026-03-02', 'date: 2026-02-30'));
    const error = broken.errors.find((e) => e.messageId === 'date/not-a-date')!;
    expect(error.location?.file).toBe(LOAN);
    const out = renderSarif([broken], POLICY.policy, TOOL_VERSION);
    const result = out.runs[0]!.results!.find((r) => r.message.text === error.message)!;
    expect(result.ruleId).toBe('pilot-readiness/date/not-a-date');
    expect(ruleAt(out, result).id).toBe('pilot-readiness/date/not-a-date');
    expect(result.level).toBe('error');
    expect(result.partialFingerprints).toEqual(fingerprintUnder('pilot-readiness/input', LOAN, error.message));
    expect(validateSarif(JSON.parse(JSON.stringify(out)))).toBe(true);
  });

  it('every result points at its rule by index; rule ids are unique and each has fullDescription and help', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const result of log.runs[0]!.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    for (const rule of rules.filter((r) => r.id.split('/').length === 3)) {
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text).toBeTruthy();
    }
    expect(validateSarif(JSON.parse(JSON.stringify(log)))).toBe(true);
  });

  it('without the policy at hand (the Action), the rules and indexes hold the same way', () => {
    const bare = renderSarif([report], null, TOOL_VERSION);
    const result = resultOf(bare, 'DR-2');
    expect(result.ruleId).toBe('pilot-readiness/metrics/below-min');
    expect(ruleAt(bare, result).id).toBe(result.ruleId);
    expect(bare.runs[0]!.results!.map((r) => r.partialFingerprints)).toEqual(log.runs[0]!.results!.map((r) => r.partialFingerprints));
  });
});

describe('JSON report: findings carry the message id a kind reported', () => {
  it('a problem reads { message, location, messageId }, in that order; a finding without one has no key', () => {
    const report = JSON.parse(JSON.stringify(loanReport())) as Report;
    const [problem] = report.criteria.find((c) => c.id === 'DR-2')!.problems;
    expect(Object.keys(problem!)).toEqual(['message', 'location', 'messageId']);
    expect(problem!.messageId).toBe('metrics/below-min');
    for (const p of report.criteria.find((c) => c.id === 'EXP-3')!.problems) expect(Object.keys(p)).toEqual(['message', 'location']);
  });
});
