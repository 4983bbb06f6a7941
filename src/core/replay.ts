// Re-evaluates a saved JSON report from the inputs it recorded, to show a decision can be reproduced.
import { InputError } from '../errors.js';
import { evaluate } from './evaluate.js';
import { sha256 } from './hash.js';
import { loadPolicy } from './policy.js';
import type { Report, ReportInputs } from './types.js';

export interface ReplayOutcome {
  same: boolean;
  message: string;
  report: Report;
}

function inputsOf(saved: unknown, file: string): { decision: string; inputs: ReportInputs; manifestSha: string; policySha: string } {
  const bad = (what: string) => new InputError(`${file}: ${what}; replay needs a JSON report written by \`pilot-readiness check --format json\` or by the Action`);
  if (!saved || typeof saved !== 'object') throw bad('not a JSON object');
  const report = saved as Partial<Report>;
  const inputs = report.inputs;
  if (typeof report.decision !== 'string') throw bad('no decision');
  if (
    !inputs ||
    typeof inputs.manifest?.text !== 'string' ||
    typeof inputs.manifest.path !== 'string' ||
    typeof inputs.policy?.text !== 'string' ||
    typeof inputs.policy.source !== 'string' ||
    typeof inputs.now !== 'string' ||
    typeof inputs.files !== 'object' ||
    inputs.files === null
  ) {
    throw bad('no recorded inputs (inputs.manifest, inputs.policy, inputs.files, inputs.now)');
  }
  return { decision: report.decision, inputs, manifestSha: report.manifest?.sha256 ?? '', policySha: report.policy?.sha256 ?? '' };
}

export function replay(text: string, file: string): ReplayOutcome {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const { decision, inputs, manifestSha, policySha } = inputsOf(saved, file);
  const mismatches: string[] = [];
  if (sha256(inputs.manifest.text) !== manifestSha) mismatches.push('the recorded manifest text does not match the report\'s manifest sha256');
  if (sha256(inputs.policy.text) !== policySha) mismatches.push('the recorded policy text does not match the report\'s policy sha256');
  const recorded = inputs.files;
  const report = evaluate({
    manifest: inputs.manifest,
    policy: loadPolicy(inputs.policy.text, inputs.policy.source),
    // A path the original run never looked up was not part of the decision: treat it as missing.
    files: { stat: (path) => recorded[path] ?? 'missing' },
    facts: inputs.facts ?? null,
    now: new Date(inputs.now),
  });
  const same = mismatches.length === 0 && report.decision === decision;
  const message = same
    ? `same decision: ${report.decision} (${report.score.met}/${report.score.required} criteria, evaluated at ${inputs.now})`
    : [`different outcome: the report says ${decision}, re-evaluation gives ${report.decision}`, ...mismatches].join('\n');
  return { same, message, report };
}
