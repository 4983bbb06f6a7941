// Re-evaluates a saved JSON report from the inputs it recorded, to show a decision can be reproduced.
import { InputError } from './errors.js';
import { evaluate } from './evaluate.js';
import { sha256 } from './hash.js';
import { parseInstant } from './instant.js';
import { resolvePolicySync } from './layering/resolve.js';
import type { Report, ReportInputs } from './types.js';

export interface ReplayOutcome {
  same: boolean;
  message: string;
  report: Report;
}

interface Saved {
  decision: string;
  inputs: ReportInputs;
  manifestSha: string;
  policySha: string;
  chain: Array<{ source: string; sha256: string }>;
}

function inputsOf(saved: unknown, file: string): Saved {
  const bad = (what: string) =>
    new InputError(`${file}: ${what}; replay needs a JSON report written by \`pilot-readiness check --format json\` or by the Action`);
  if (!saved || typeof saved !== 'object') throw bad('not a JSON object');
  const report = saved as Partial<Report>;
  const inputs = report.inputs;
  if (typeof report.decision !== 'string') throw bad('no decision');
  if (
    !inputs ||
    (typeof inputs.manifest?.text !== 'string' && inputs.manifest?.text !== null) ||
    typeof inputs.manifest.path !== 'string' ||
    typeof inputs.policy?.text !== 'string' ||
    typeof inputs.policy.source !== 'string' ||
    typeof inputs.now !== 'string' ||
    typeof inputs.files !== 'object' ||
    inputs.files === null
  ) {
    throw bad('no recorded inputs (inputs.manifest, inputs.policy, inputs.files, inputs.now)');
  }
  if (inputs.policy.parents !== undefined && !Array.isArray(inputs.policy.parents)) throw bad('inputs.policy.parents is not a list');
  return {
    decision: report.decision,
    inputs,
    manifestSha: report.manifest?.sha256 ?? '',
    policySha: report.policy?.sha256 ?? '',
    chain: report.policy?.chain ?? [],
  };
}

/** Serves the recorded texts of the policies the entry extends, in the order the chain asks for them. */
function recordedParents(parents: Array<{ source: string; text: string }>) {
  let next = 0;
  return (reference: string, from: string) => {
    const recorded = parents[next++];
    if (!recorded) {
      throw new InputError(
        `${from} extends ${reference}, whose text the report does not record (inputs.policy.parents); replay needs a report written by this version`,
      );
    }
    return { text: recorded.text, source: recorded.source, file: recorded.source };
  };
}

export function replay(text: string, file: string): ReplayOutcome {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const { decision, inputs, manifestSha, policySha, chain } = inputsOf(saved, file);
  const mismatches: string[] = [];
  if (sha256(inputs.manifest.text ?? '') !== manifestSha)
    mismatches.push("the recorded manifest text does not match the report's manifest sha256");
  if (sha256(inputs.policy.text) !== policySha) mismatches.push("the recorded policy text does not match the report's policy sha256");
  const parents = inputs.policy.parents ?? [];
  parents.forEach((parent, i) => {
    const expected = chain[i + 1];
    if (expected && (expected.source !== parent.source || expected.sha256 !== sha256(parent.text))) {
      mismatches.push(`the recorded text of policy ${parent.source} does not match its sha256 in the report's policy chain`);
    }
  });
  const recorded = inputs.files;
  // The recorded instant is read as strictly as --now: a hand-edited one must not fall back on local time.
  const now = parseInstant(inputs.now);
  if (!now.ok) throw new InputError(`${file}: inputs.now "${inputs.now}" is ${now.reason}`);
  const entry = { text: inputs.policy.text, source: inputs.policy.source, file: inputs.policy.source };
  const report = evaluate({
    manifest: inputs.manifest,
    // Bundled policies too come from the recorded texts: a newer bundle must not change an old decision.
    policy: resolvePolicySync(entry, recordedParents(parents), { readBundled: true }),
    // A path the original run never looked up was not part of the decision: treat it as missing.
    files: { stat: (path) => recorded[path] ?? 'missing' },
    facts: inputs.facts ?? null,
    now: new Date(now.ms),
  });
  const same = mismatches.length === 0 && report.decision === decision;
  const message = same
    ? `same decision: ${report.decision} (${report.score.met + report.score.not_applicable}/${report.score.required} criteria, evaluated at ${inputs.now})`
    : [`different outcome: the report says ${decision}, re-evaluation gives ${report.decision}`, ...mismatches].join('\n');
  return { same, message, report };
}
