// Re-evaluates a saved JSON report from the inputs it recorded, to show a decision can be reproduced.
import { InputError, messageOf } from './errors.js';
import { baseFromFacts, evaluate } from './evaluate.js';
import { sha256 } from './hash.js';
import { parseInstant } from './instant.js';
import { resolvePolicySync } from './layering/resolve.js';
import type { EvidenceFileRecord, FileHashes, Report, ReportInputs } from './types.js';

/** A file's hashes as the files at hand hold it now: 'missing' when there is none, null when it cannot be hashed. */
export type LocalHashes = (path: string) => FileHashes | 'missing' | null;

export interface ReplayOutcome {
  same: boolean;
  message: string;
  report: Report;
}

interface Saved {
  decision: string;
  evidence: EvidenceFileRecord[];
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
  if (report.evidence_files !== undefined && !Array.isArray(report.evidence_files)) throw bad('evidence_files is not a list');
  return {
    decision: report.decision,
    evidence: report.evidence_files ?? [],
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

/** Each evidence file the report records, compared with the files at hand: which changed, which are gone. */
export function verifyEvidence(records: readonly EvidenceFileRecord[], local: LocalHashes): string[] {
  const lines: string[] = [];
  records.forEach((saved, i) => {
    // A hand-edited record is never skipped (the count of files that "match" would include it) nor trusted.
    if (typeof saved?.path !== 'string') {
      lines.push(`evidence_files[${i}] names no path: it could not be verified`);
      return;
    }
    const hashOf = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const record = { path: saved.path, git_blob_sha: hashOf(saved.git_blob_sha), sha256: hashOf(saved.sha256) };
    const now = local(record.path);
    if (now === 'missing') {
      lines.push(`evidence ${record.path} is not in the files at hand (the report used it)`);
      return;
    }
    const comparable =
      now !== null &&
      ((record.git_blob_sha !== undefined && now.git_blob_sha !== undefined) || (record.sha256 !== undefined && now.sha256 !== undefined));
    if (!comparable) {
      // Never "match" unless a hash was compared: too big or unreadable here, or a record without hashes.
      lines.push(`evidence ${record.path} could not be verified (no hash of it to compare, in the report or in the files at hand)`);
      return;
    }
    const blob = record.git_blob_sha !== undefined && now.git_blob_sha !== undefined && record.git_blob_sha !== now.git_blob_sha;
    const bytes = record.sha256 !== undefined && now.sha256 !== undefined && record.sha256 !== now.sha256;
    if (blob || bytes) {
      const [was, is] = blob ? [record.git_blob_sha!, now.git_blob_sha!] : [record.sha256!, now.sha256!];
      lines.push(
        `evidence ${record.path} changed since the report (${blob ? 'git blob' : 'sha256'} ${was.slice(0, 12)} → ${is.slice(0, 12)})`,
      );
    }
  });
  return lines;
}

/**
 * `local`: the files at hand (the CLI's repository), whose evidence files are checked against the
 * hashes the report recorded; without it, only the decision is reproduced.
 */
export function replay(text: string, file: string, local?: LocalHashes): ReplayOutcome {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${messageOf(error)})`);
  }
  const { decision, evidence, inputs, manifestSha, policySha, chain } = inputsOf(saved, file);
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
  const texts: Record<string, unknown> = inputs.texts && typeof inputs.texts === 'object' ? inputs.texts : {};
  // The recorded instant is read as strictly as --now: a hand-edited one must not fall back on local time.
  const now = parseInstant(inputs.now);
  if (!now.ok) throw new InputError(`${file}: inputs.now "${inputs.now}" is ${now.reason}`);
  const entry = { text: inputs.policy.text, source: inputs.policy.source, file: inputs.policy.source };
  // Saved reports record the pull request's base in facts.base_manifest, the CLI's --base in inputs.base.
  const reference = typeof inputs.base?.path === 'string' && typeof inputs.base.text === 'string' ? inputs.base : undefined;
  const based = baseFromFacts(inputs.facts ?? null, reference);
  const report = evaluate({
    manifest: inputs.manifest,
    // Bundled policies too come from the recorded texts: a newer bundle must not change an old decision.
    policy: resolvePolicySync(entry, recordedParents(parents), { readBundled: true }),
    // A path the original run never looked up was not part of the decision: treat it as missing.
    // Texts the engine read (metrics artifacts, documents) and evidence hashes come from the report too.
    files: {
      stat: (path) => recorded[path] ?? 'missing',
      read: (path) => {
        const text = texts[path];
        return typeof text === 'string'
          ? { text, bytes: new TextEncoder().encode(text).byteLength }
          : { problem: 'the report does not record its text' };
      },
      hash: (path) => {
        const record = evidence.find((e) => e?.path === path);
        if (!record) return null;
        return {
          ...(record.git_blob_sha !== undefined ? { git_blob_sha: record.git_blob_sha } : {}),
          ...(record.sha256 !== undefined ? { sha256: record.sha256 } : {}),
        };
      },
    },
    facts: based.facts,
    now: new Date(now.ms),
    ...(Array.isArray(inputs.changed_files) ? { changedFiles: inputs.changed_files } : {}),
    ...(based.base ? { base: based.base } : {}),
  });
  // The files are at hand when the checkout holds the pilot's manifest: elsewhere (another
  // repository, a folder of reports) there is nothing to compare them with.
  const atHand = local !== undefined && local(inputs.manifest.path) !== 'missing' ? local : undefined;
  // Every file the decision used must have a record: one deleted from the report is not "matched".
  const recordedPaths = new Set(evidence.map((e) => e?.path).filter((path): path is string => typeof path === 'string'));
  const unrecorded = (report.evidence_files ?? [])
    .map((f) => f.path)
    .filter((path) => !recordedPaths.has(path))
    .map((path) => `evidence ${path} was used by the decision, but the report records no hash of it: it could not be verified`);
  const changed = atHand ? [...verifyEvidence(evidence, atHand), ...unrecorded] : [];
  const same = mismatches.length === 0 && report.decision === decision;
  const checked = atHand
    ? changed.length === 0 && evidence.length > 0
      ? `; its ${evidence.length} evidence file${evidence.length === 1 ? '' : 's'} match the files at hand`
      : ''
    : evidence.length > 0
      ? `; evidence files not verified (${local ? `this checkout holds no ${inputs.manifest.path}` : 'no repository at hand'})`
      : '';
  const message = same
    ? [
        `same decision: ${report.decision} (${report.score.met + report.score.not_applicable}/${report.score.required} criteria, evaluated at ${inputs.now})${checked}`,
        ...changed,
      ].join('\n')
    : [`different outcome: the report says ${decision}, re-evaluation gives ${report.decision}`, ...mismatches, ...changed].join('\n');
  return { same: same && changed.length === 0, message, report };
}
