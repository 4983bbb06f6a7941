// The readiness attestation: an in-toto Statement v1 whose subject is the commit a pull request was
// judged at (and the model artifacts its reports name by digest) and whose predicate is the decision
// with the full reports, so a deploy pipeline can replay it. Built and checked here, offline; signing
// and signature checks happen behind a port (src/flow/ports.ts).
import { messageOf } from './errors.js';
import { replay } from './replay.js';
import type { Decision, EvidenceFileRecord, ModelArtifact, Report } from './types.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The project's predicate type: the version is in the URL, as in-toto asks. */
export const READINESS_PREDICATE_TYPE = 'https://github.com/pilot-readiness/pilot-readiness/blob/main/docs/attestation.md#readiness-v1';

export interface Subject {
  name: string;
  digest: Record<string, string>;
}

export interface ReadinessPredicate {
  /** The worst decision over the reports: only `ready` is ever attested by the Action. */
  decision: Decision;
  /** The evaluation instant (every report's `now`). */
  decided_at: string;
  repository: string;
  pull_request: number;
  /** The pull request's head commit the sign-offs were given on. */
  head_sha: string;
  /** Per pilot: owner, policy and manifest hashes, sign-offs; the full report follows in `reports`. */
  pilots: Array<{
    name: string | null;
    manifest: { path: string; sha256: string };
    policy: { source: string; sha256: string };
    owner: string | null;
    signoffs: Array<{ role: string; status: string; by: string[] }>;
    /** Every evidence file the decision used, with its git blob sha (and sha256 where the bytes were read). */
    evidence: EvidenceFileRecord[];
  }>;
  /** The reports as the gate wrote them, with their recorded inputs (so the decision replays). */
  reports: Report[];
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: ReadinessPredicate;
}

const GIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Model artifacts a report names by digest (its manifest's pilot.model_artifacts), each a subject of
 * its own so a registry can look the attestation up by the model's digest. A digest that is not a
 * sha256 (a hand-edited report) is left out, never passed on.
 */
function artifactSubjects(reports: Report[]): Subject[] {
  const seen = new Map<string, Subject>();
  for (const report of reports) {
    for (const artifact of report.model_artifacts ?? []) {
      const { name, sha256 } = artifact as Partial<ModelArtifact>;
      if (typeof name === 'string' && typeof sha256 === 'string' && SHA256.test(sha256))
        seen.set(`${name}@${sha256}`, { name, digest: { sha256 } });
    }
  }
  return [...seen.values()];
}

function signoffsOf(report: Report): ReadinessPredicate['pilots'][number]['signoffs'] {
  // A sign-off is a counted review: who answered for each role, and how the role stands.
  return report.roles.map((role) => ({
    role: role.role,
    status: role.status,
    by: [...new Set(role.reviews.filter((r) => r.counted).map((r) => r.author))],
  }));
}

/** The statement for a pull request's reports at `commits` (its head; on merge also the merge commit). */
export function buildStatement(input: {
  repository: string;
  pullRequest: number;
  headSha: string;
  commits: string[];
  reports: Report[];
}): Statement {
  const decided = input.reports[0]?.now ?? '';
  const decision: Decision = input.reports.some((r) => r.decision === 'blocked')
    ? 'blocked'
    : input.reports.some((r) => r.decision === 'pending')
      ? 'pending'
      : 'ready';
  const commits = [...new Set(input.commits.map((c) => c.toLowerCase()))];
  return {
    _type: STATEMENT_TYPE,
    subject: [
      ...commits.map((sha) => ({ name: `${input.repository}@${sha}`, digest: { gitCommit: sha } })),
      ...artifactSubjects(input.reports),
    ],
    predicateType: READINESS_PREDICATE_TYPE,
    predicate: {
      decision,
      decided_at: decided,
      repository: input.repository,
      pull_request: input.pullRequest,
      head_sha: input.headSha,
      pilots: input.reports.map((r) => ({
        name: r.pilot?.name ?? null,
        manifest: { path: r.manifest.path, sha256: r.manifest.sha256 },
        policy: { source: r.policy.source, sha256: r.policy.sha256 },
        owner: r.owner?.login ?? null,
        signoffs: signoffsOf(r),
        evidence: r.evidence_files ?? [],
      })),
      reports: input.reports,
    },
  };
}

/** What the deploy gate expects of an attestation: the repository, and the commits it may name. */
export interface StatementExpectation {
  repository: string;
  /** The attestation must name one of these commits (the pull request's head, or the deployed commit). */
  commits: string[];
  pullRequest: number;
}

/**
 * Every reason the statement cannot vouch for the expected commit; [] when it can: the in-toto shape,
 * our predicate type, a gitCommit subject among the expected commits, the same repository and pull
 * request, a ready decision, and every report replaying from its recorded inputs to the same decision.
 */
export function checkStatement(value: unknown, expected: StatementExpectation): string[] {
  const problems: string[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['the attestation is not a JSON object (an in-toto Statement)'];
  const s = value as Record<string, unknown>;
  if (s._type !== STATEMENT_TYPE) problems.push(`_type is ${JSON.stringify(s._type)}, not ${STATEMENT_TYPE}`);
  if (s.predicateType !== READINESS_PREDICATE_TYPE)
    problems.push(`predicateType is ${JSON.stringify(s.predicateType)}, not ${READINESS_PREDICATE_TYPE}`);
  const subjects = Array.isArray(s.subject) ? (s.subject as unknown[]) : [];
  if (subjects.length === 0) problems.push('the statement has no subject');
  const commits = subjects
    .map((x) => (x && typeof x === 'object' ? (x as Subject).digest?.gitCommit : undefined))
    .filter((d): d is string => typeof d === 'string');
  if (commits.some((c) => !GIT_SHA.test(c))) problems.push('a gitCommit digest is not a commit sha');
  const wanted = new Set(expected.commits.map((c) => c.toLowerCase()));
  if (!commits.some((c) => wanted.has(c)))
    problems.push(
      `no subject names commit ${expected.commits.map((c) => c.slice(0, 12)).join(' or ')} (its gitCommit digests: ${commits.join(', ') || 'none'})`,
    );
  const predicate = s.predicate as Partial<ReadinessPredicate> | undefined;
  if (!predicate || typeof predicate !== 'object') return [...problems, 'the statement has no predicate'];
  if (String(predicate.repository).toLowerCase() !== expected.repository.toLowerCase())
    problems.push(`the predicate is about ${JSON.stringify(predicate.repository)}, not ${expected.repository}`);
  if (predicate.pull_request !== expected.pullRequest)
    problems.push(`the predicate is about pull request #${String(predicate.pull_request)}, not #${expected.pullRequest}`);
  if (predicate.decision !== 'ready') problems.push(`the attested decision is ${JSON.stringify(predicate.decision)}, not ready`);
  const head = typeof predicate.head_sha === 'string' ? predicate.head_sha.toLowerCase() : null;
  if (head === null || !expected.commits.some((c) => c.toLowerCase() === head))
    problems.push(`the predicate's head_sha ${JSON.stringify(predicate.head_sha)} is not one of ${expected.commits.join(', ')}`);
  const reports = Array.isArray(predicate.reports) ? predicate.reports : [];
  if (reports.length === 0) problems.push('the predicate carries no report to replay');
  reports.forEach((report, i) => {
    // Each report must have been judged on this pull request at this head: a ready report of another
    // pull request replays just as well.
    const facts = (report as Partial<Report>).inputs?.facts;
    if (
      !facts ||
      String(facts.repository).toLowerCase() !== expected.repository.toLowerCase() ||
      facts.number !== expected.pullRequest ||
      String(facts.head_sha).toLowerCase() !== head
    )
      problems.push(`predicate.reports[${i}] was not judged on pull request #${expected.pullRequest} at the predicate's head_sha`);
    try {
      const outcome = replay(JSON.stringify(report), `predicate.reports[${i}]`);
      if (!outcome.same) problems.push(`predicate.reports[${i}] does not replay: ${outcome.message.replace(/\n/g, '; ')}`);
      else if (outcome.report.decision !== 'ready')
        problems.push(`predicate.reports[${i}] replays to ${outcome.report.decision}, not ready`);
    } catch (error) {
      problems.push(`predicate.reports[${i}] cannot be replayed: ${messageOf(error)}`);
    }
  });
  return problems;
}

/** The in-toto statement inside a DSSE envelope or a Sigstore bundle's envelope (payload base64). */
export function statementOfEnvelope(bundle: unknown): { payloadType: string; statement: unknown } | string {
  const b = (bundle ?? {}) as Record<string, unknown>;
  const envelope = (b.dsseEnvelope ?? b) as Record<string, unknown>;
  if (typeof envelope.payload !== 'string' || typeof envelope.payloadType !== 'string')
    return 'the attestation holds no DSSE envelope (payload and payloadType)';
  if (envelope.payloadType !== 'application/vnd.in-toto+json')
    return `the envelope's payloadType is ${JSON.stringify(envelope.payloadType)}, not application/vnd.in-toto+json`;
  try {
    return { payloadType: envelope.payloadType, statement: JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) };
  } catch {
    return "the envelope's payload is not base64 JSON";
  }
}
