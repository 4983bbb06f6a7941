// The readiness attestation, built and checked offline: the in-toto Statement v1 shape (validated
// against schemas/attestation.schema.json with ajv), the subject digest, and the predicate's replay.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { localRepoFiles } from '../../src/adapters/local/files.js';
import {
  buildStatement,
  checkStatement,
  READINESS_PREDICATE_TYPE,
  STATEMENT_TYPE,
  statementOfEnvelope,
} from '../../src/core/attestation.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { baseFromFacts, evaluate } from '../../src/core/evaluate.js';
import type { PrFacts, Report } from '../../src/core/types.js';
import { ROOT } from '../cli/helpers.js';

const NOW = new Date('2026-11-28T00:00:00Z');
const POLICY = loadBundledPolicy('default');
const FACTS = JSON.parse(readFileSync(join(ROOT, 'examples/claims-triage/pr-ready.json'), 'utf8')) as PrFacts;
const HEAD = FACTS.head_sha;
const REPO = FACTS.repository;

function report(facts: PrFacts | null = FACTS): Report {
  const path = 'examples/claims-triage/pilot-readiness.yml';
  return evaluate({
    manifest: { path, text: readFileSync(join(ROOT, path), 'utf8') },
    policy: POLICY,
    files: localRepoFiles(ROOT),
    ...baseFromFacts(facts),
    now: NOW,
  });
}

// ajv-formats is CommonJS with an ES-style default export.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv, f: string[]) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv, ['uri', 'date-time']);
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/attestation.schema.json'), 'utf8')));
const expectation = { repository: REPO, commits: [HEAD], pullRequest: FACTS.number };
const ready = report();
const statement = buildStatement({ repository: REPO, pullRequest: FACTS.number, headSha: HEAD, commits: [HEAD], reports: [ready] });
/** A deep copy to tamper with. */
const copy = () => JSON.parse(JSON.stringify(statement));

describe('the readiness statement', () => {
  it('is an in-toto Statement v1 that the schema accepts', () => {
    expect(ready.decision).toBe('ready');
    expect(validate(statement), JSON.stringify(validate.errors)).toBe(true);
    expect(statement._type).toBe(STATEMENT_TYPE);
    expect(statement.predicateType).toBe(READINESS_PREDICATE_TYPE);
  });

  it('lists every evidence file the decision used with its git blob sha, as git computes it', () => {
    const evidence = statement.predicate.pilots[0]!.evidence;
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence).toEqual(ready.evidence_files);
    const first = evidence[0]!;
    const blob = execFileSync('git', ['hash-object', join(ROOT, first.path)], { encoding: 'utf8' }).trim();
    expect(first.git_blob_sha).toBe(blob);
  });

  it('names the head commit as its subject, with its digest', () => {
    expect(statement.subject).toEqual([{ name: `${REPO}@${HEAD}`, digest: { gitCommit: HEAD } }]);
  });

  it('carries the decision: policy and manifest hashes, owner, sign-offs, decision time, and the reports', () => {
    const p = statement.predicate;
    expect(p).toMatchObject({ decision: 'ready', decided_at: NOW.toISOString(), repository: REPO, pull_request: 42, head_sha: HEAD });
    expect(p.pilots).toEqual([
      {
        name: ready.pilot?.name,
        manifest: ready.manifest,
        policy: { source: ready.policy.source, sha256: ready.policy.sha256 },
        owner: ready.owner.login,
        signoffs: ready.roles.map((r) => ({ role: r.role, status: r.status, by: expect.any(Array) })),
        evidence: ready.evidence_files,
      },
    ]);
    expect(p.pilots[0]?.signoffs.some((s) => s.by.length > 0)).toBe(true);
    expect(p.reports).toEqual([ready]);
  });

  it("takes the model artifacts from the manifest's pilot.model_artifacts into the report and the subjects", () => {
    const path = 'examples/claims-triage/pilot-readiness.yml';
    const digest = 'cd'.repeat(32);
    const text = readFileSync(join(ROOT, path), 'utf8').replace(
      /^(pilot:\n(?: {2}.*\n)+)/m,
      `$1  model_artifacts:\n    - { name: models/claims-triage.onnx, sha256: ${digest} }\n`,
    );
    expect(text).toContain('model_artifacts');
    const named = evaluate({ manifest: { path, text }, policy: POLICY, files: localRepoFiles(ROOT), ...baseFromFacts(FACTS), now: NOW });
    expect(named.errors).toEqual([]);
    expect(named.model_artifacts).toEqual([{ name: 'models/claims-triage.onnx', sha256: digest }]);
    const s = buildStatement({ repository: REPO, pullRequest: 42, headSha: HEAD, commits: [HEAD], reports: [named] });
    expect(s.subject).toContainEqual({ name: 'models/claims-triage.onnx', digest: { sha256: digest } });
    expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
  });

  it('adds a sha256 subject for each model artifact a report names by digest', () => {
    const digest = 'ab'.repeat(32);
    const withArtifacts = {
      ...ready,
      model_artifacts: [
        { name: 'models/claims.onnx', sha256: digest },
        { name: 'x', sha256: 'not-hex' },
      ],
    } as Report;
    const s = buildStatement({ repository: REPO, pullRequest: 42, headSha: HEAD, commits: [HEAD], reports: [withArtifacts] });
    expect(s.subject).toEqual([
      { name: `${REPO}@${HEAD}`, digest: { gitCommit: HEAD } },
      { name: 'models/claims.onnx', digest: { sha256: digest } },
    ]);
    expect(validate(s)).toBe(true);
  });

  it('checks out against the commit it names, and its predicate replays to the same decision', () => {
    expect(checkStatement(statement, expectation)).toEqual([]);
  });
});

describe('checkStatement refuses', () => {
  const rows: Array<[string, (s: ReturnType<typeof copy>) => void, RegExp]> = [
    ['another commit', (s) => (s.subject[0].digest.gitCommit = 'f'.repeat(40)), /no subject names commit 3f1c9a7e5b2d/],
    ['another type', (s) => (s._type = 'https://in-toto.io/Statement/v0.1'), /_type is/],
    ['another predicate type', (s) => (s.predicateType = 'https://slsa.dev/provenance/v1'), /predicateType is/],
    ['another pull request', (s) => (s.predicate.pull_request = 43), /not #42/],
    ['another repository', (s) => (s.predicate.repository = 'evil/fork'), /not acme\/claims-ml/],
    ['a recorded decision edited', (s) => (s.predicate.reports[0].decision = 'blocked'), /does not replay/],
    [
      'a review forged into the recorded facts',
      (s) => (s.predicate.reports[0].inputs.facts.reviews = s.predicate.reports[0].inputs.facts.reviews.slice(0, 1)),
      /does not replay: different outcome: the report says ready, re-evaluation gives/,
    ],
    ['a manifest text swapped', (s) => (s.predicate.reports[0].inputs.manifest.text += '\n# changed\n'), /manifest text does not match/],
    ['no reports', (s) => (s.predicate.reports = []), /no report to replay/],
  ];
  it.each(rows)('%s', (_, tamper, message) => {
    const s = copy();
    tamper(s);
    expect(checkStatement(s, expectation).join('\n')).toMatch(message);
  });

  it('a statement of a report that is not ready, even one that replays', () => {
    const pending = report(null);
    expect(pending.decision).not.toBe('ready');
    const s = buildStatement({ repository: REPO, pullRequest: 42, headSha: HEAD, commits: [HEAD], reports: [pending] });
    expect(validate(s)).toBe(true);
    expect(checkStatement(s, expectation)).toEqual([
      `the attested decision is "${pending.decision}", not ready`,
      // Judged without facts: no pull request, so none it could vouch for.
      "predicate.reports[0] was not judged on pull request #42 at the predicate's head_sha",
      `predicate.reports[0] replays to ${pending.decision}, not ready`,
    ]);
  });

  it('something that is not a statement', () => {
    expect(checkStatement([], expectation)).toEqual(['the attestation is not a JSON object (an in-toto Statement)']);
    expect(validate({ _type: STATEMENT_TYPE, subject: [], predicateType: 'x', predicate: {} })).toBe(false);
  });
});

describe('statementOfEnvelope', () => {
  const payload = Buffer.from(JSON.stringify(statement)).toString('base64');
  it('reads the statement of a Sigstore bundle or a bare DSSE envelope', () => {
    const envelope = { payloadType: 'application/vnd.in-toto+json', payload, signatures: [] };
    expect(statementOfEnvelope({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', dsseEnvelope: envelope })).toEqual({
      payloadType: envelope.payloadType,
      statement,
    });
    expect(statementOfEnvelope(envelope)).toEqual({ payloadType: envelope.payloadType, statement });
  });
  it('refuses another payload type, a payload that is not JSON, and no envelope', () => {
    expect(statementOfEnvelope({ payloadType: 'text/plain', payload })).toMatch(/not application\/vnd.in-toto\+json/);
    expect(statementOfEnvelope({ payloadType: 'application/vnd.in-toto+json', payload: 'bm90IGpzb24=' })).toBe(
      "the envelope's payload is not base64 JSON",
    );
    expect(statementOfEnvelope(null)).toBe('the attestation holds no DSSE envelope (payload and payloadType)');
  });
});
