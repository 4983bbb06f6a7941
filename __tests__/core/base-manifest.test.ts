// The base manifest reaches the engine one way (EvaluationInput.base), while the JSON report keeps
// recording it where replay has always read it: the pull request's in facts.base_manifest, the
// CLI's --base in inputs.base.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate, type EvaluationInput } from '../../src/core/evaluate.js';
import { replay } from '../../src/core/replay.js';
import type { PrFacts } from '../../src/core/types.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PATH = 'examples/churn-forecast/pilot-readiness.yml';
const TEXT = readFileSync(join(ROOT, PATH), 'utf8');
// Written before base texts were recorded: the base names its owner only.
const FACTS = JSON.parse(readFileSync(join(ROOT, 'examples', 'churn-forecast', 'pr-pending.json'), 'utf8')) as PrFacts;
const BASE_TEXT = TEXT.replace(/^owner: .*$/m, 'owner: oscar');

const input = (rest: Pick<EvaluationInput, 'facts' | 'base'>): EvaluationInput => ({
  manifest: { path: PATH, text: TEXT },
  policy: loadBundledPolicy('default'),
  files: localRepoFiles(ROOT),
  now: new Date('2026-11-20T12:00:00Z'),
  ...rest,
});

describe('one way for the base manifest to reach the engine', () => {
  it("records the pull request's base in the facts, as the facts came, and replays it", () => {
    const report = evaluate(input(baseFromFacts(FACTS)));
    expect(report.inputs.facts).toEqual(FACTS);
    expect(Object.keys(report.inputs.facts ?? {})).toEqual(Object.keys(FACTS));
    expect(report.inputs).not.toHaveProperty('base');
    expect(replay(JSON.stringify(report), 'report.json').report).toEqual(report);
  });

  it("judges governance against a base with its text, and a saved report's facts.base_manifest replays it", () => {
    const facts = { ...FACTS, base_manifest: { owner: 'oscar', path: PATH, text: BASE_TEXT } };
    const report = evaluate(input(baseFromFacts(facts)));
    expect(report.governance_changes?.map((change) => change.kind)).toContain('owner_changed');
    expect(report.inputs.facts?.base_manifest).toEqual({ owner: 'oscar', path: PATH, text: BASE_TEXT });
    const replayed = replay(JSON.stringify(report), 'report.json');
    expect(replayed.same).toBe(true);
    expect(replayed.report).toEqual(report);
  });

  it("records the CLI's --base beside the facts, where replay reads it", () => {
    const report = evaluate(input(baseFromFacts(null, { path: PATH, text: BASE_TEXT })));
    expect(report.inputs.base).toEqual({ path: PATH, text: BASE_TEXT });
    expect(report.inputs.facts).toBeNull();
    expect(replay(JSON.stringify(report), 'report.json').report).toEqual(report);
  });

  it('refuses facts that carry a base of their own: governance would go unjudged', () => {
    expect(() => evaluate(input({ facts: FACTS }))).toThrow(/EvaluationInput\.base/);
  });
});
