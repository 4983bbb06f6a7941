// A RuleTester for evidence kinds, after ESLint's: each case is the YAML of one evidence entry in a
// real manifest, parsed by the core's own parser, so every finding is checked at the line and column
// the manifest's author would be sent to. Valid cases must give no finding; invalid ones exactly these,
// each with the kind's message id (one its meta.messages lists). policyTable does the same for what a
// kind checks of its policy settings, entryTable for what it refuses in an entry before any criterion
// is evaluated, placeholderTable for the values init writes into its part of an entry.
import { describe, expect, it } from 'vitest';
import type { EvidenceContext, EvidenceKind } from '../../../src/core/evidence/index.js';
import type {
  CriterionPolicy,
  DataPath,
  EvidenceEntry,
  EvidenceRequirements,
  Finding,
  RepoPathKind,
  RiskTier,
} from '../../../src/core/types.js';
import { parseYaml } from '../../../src/core/yaml.js';

export const FILE = 'pilots/claims/pilot-readiness.yml';
export const NOW = new Date('2026-11-20T12:00:00Z');
/** The repository every case is checked in: the manifest's folder holds these. */
export const FILES: Record<string, RepoPathKind> = {
  'pilots/claims/reports/pentest.md': 'file',
  'pilots/claims/reports': 'dir',
  'pilots/claims/notes/pentest.md': 'file',
  'pilots/claims/reports/link.md': 'outside',
  'pilots/claims/reports/sub.md': 'unverifiable',
};

export interface ValidCase {
  /** The entry's lines as they stand under `evidence: SEC-2:` (indented by the tester). */
  entry: string;
  tier?: RiskTier;
}

export interface InvalidCase extends ValidCase {
  /** file: where the finding is when not in the manifest (an artifact the entry reads). */
  /** messageId: the kind's stable id (`file/missing`), one of its meta.messages. */
  errors: Array<{ messageId: string; message: string; line: number; column: number; file?: string }>;
}

/** Contents of files a case's entry reads (metrics artifacts, documents), by repository path; each also a 'file'. */
export type Texts = Record<string, string>;

/**
 * The manifest every case is placed in: the entry starts on line 4, at column 5.
 *
 *   1 version: 1
 *   2 evidence:
 *   3   SEC-2:
 *   4     <entry>
 */
function manifestText(entry: string): string {
  const lines = entry.split('\n').map((line) => `    ${line}`);
  return ['version: 1', 'evidence:', '  SEC-2:', ...lines, ''].join('\n');
}

function findings(kind: EvidenceKind, policy: EvidenceRequirements, { entry, tier = 'high' }: ValidCase, texts: Texts = {}) {
  const parsed = parseYaml(manifestText(entry), FILE);
  const data = parsed.data as { evidence: Record<string, EvidenceEntry> };
  const criterion: CriterionPolicy = {
    id: 'SEC-2',
    title: 'Pen test',
    description: 'd',
    required_for: ['high'],
    allow_not_applicable: false,
    evidence: policy,
  };
  const ctx: EvidenceContext = {
    criterion,
    entry: data.evidence['SEC-2'] ?? {},
    tier,
    now: NOW,
    manifestDir: 'pilots/claims',
    files: {
      stat: (path) => (Object.hasOwn(texts, path) ? 'file' : (FILES[path] ?? 'missing')),
      read: (path) => {
        const text = texts[path];
        if (text === undefined) return { problem: 'not in this test repository' };
        const bytes = new TextEncoder().encode(text).byteLength;
        return bytes > 1024 * 1024 ? { problem: `it is ${bytes} bytes; the limit is 1048576 bytes (1 MiB)` } : { text, bytes };
      },
    },
    locate: (path) => parsed.locate(['evidence', 'SEC-2', ...path]),
    validUntil: () => {},
  };
  return kind.check(ctx).map(shown);
}

const shown = (f: Finding) => ({
  messageId: f.messageId,
  message: f.message,
  line: f.location?.line,
  column: f.location?.column,
  file: f.location?.file,
});

/** Every id a case expects is one the kind declares, under its own name: the ids are the kind's contract. */
function declared(kind: EvidenceKind, errors: ReadonlyArray<{ messageId: string }>): void {
  for (const { messageId } of errors) {
    const [name, id] = messageId.split('/');
    expect(name).toBe(kind.meta.name);
    expect(Object.keys(kind.meta.messages)).toContain(id);
  }
}

export function evidenceTable(
  kind: EvidenceKind,
  policy: EvidenceRequirements,
  cases: { valid: ValidCase[]; invalid: InvalidCase[] },
  texts: Texts = {},
  title = `${kind.meta.name} evidence`,
): void {
  describe(title, () => {
    it.each(cases.valid.map((c) => [c.entry, c] as const))('valid: %s', (_, c) => {
      expect(findings(kind, policy, c, texts)).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [c.entry, c] as const))('invalid: %s', (_, c) => {
      declared(kind, c.errors);
      expect(findings(kind, policy, c, texts)).toEqual(c.errors.map((e) => ({ ...e, file: e.file ?? FILE })));
    });
  });
}

export const POLICY_FILE = 'policy.yml';

/**
 * The policy every policy case is placed in: the criterion's evidence starts on line 7, at column 11.
 *
 *   1 version: 1
 *   2 gates:
 *   3   - id: security
 *   4     criteria:
 *   5       - id: SEC-2
 *   6         evidence:
 *   7           <evidence>
 */
function policyText(evidence: string): string {
  const lines = evidence.split('\n').map((line) => `          ${line}`);
  return ['version: 1', 'gates:', '  - id: security', '    criteria:', '      - id: SEC-2', '        evidence:', ...lines, ''].join('\n');
}

/** What the kind finds in one policy file (validateLayer), then in the effective policy (validatePolicy); SEC-1 and SEC-2 are the policy's criteria. */
function policyFindings(kind: EvidenceKind, evidence: string) {
  const parsed = parseYaml(policyText(evidence), POLICY_FILE);
  const criterion = (parsed.data as { gates: Array<{ criteria: CriterionPolicy[] }> }).gates[0]!.criteria[0]!;
  const at = (...path: string[]) => parsed.locate(['gates', 0, 'criteria', 0, 'evidence', ...path]);
  return [
    ...(kind.validateLayer?.(criterion.evidence, at) ?? []),
    ...(kind.validatePolicy?.(criterion, { at, criterionIds: new Set(['SEC-1', 'SEC-2']) }) ?? []),
  ].map(shown);
}

export interface PolicyCase {
  /** The lines under the criterion's `evidence:` (indented by the tester). */
  evidence: string;
  errors: Array<{ messageId: string; message: string; line: number; column: number }>;
}

export function policyTable(kind: EvidenceKind, cases: { valid: string[]; invalid: PolicyCase[] }): void {
  describe(`${kind.meta.name} policy settings`, () => {
    it.each(cases.valid)('valid: %s', (evidence) => {
      expect(policyFindings(kind, evidence)).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [c.evidence, c] as const))('invalid: %s', (_, c) => {
      declared(kind, c.errors);
      expect(policyFindings(kind, c.evidence)).toEqual(c.errors.map((e) => ({ ...e, file: POLICY_FILE })));
    });
  });
}

/** What the kind refuses in an entry whatever the policy asks: its paths (validatePaths), then its values (validateEntry). */
function entryFindings(kind: EvidenceKind, entry: string) {
  const parsed = parseYaml(manifestText(entry), FILE);
  const data = (parsed.data as { evidence: Record<string, EvidenceEntry> }).evidence['SEC-2'] ?? {};
  const ctx = { id: 'SEC-2', manifestDir: 'pilots/claims', locate: (path: DataPath) => parsed.locate(['evidence', 'SEC-2', ...path]) };
  return [...(kind.validatePaths?.(data, ctx) ?? []), ...(kind.validateEntry?.(data, ctx) ?? [])].map(shown);
}

export function entryTable(
  kind: EvidenceKind,
  cases: { valid: string[]; invalid: Array<{ entry: string } & Pick<InvalidCase, 'errors'>> },
): void {
  describe(`${kind.meta.name} entries, before any criterion is evaluated`, () => {
    it.each(cases.valid)('valid: %s', (entry) => {
      expect(entryFindings(kind, entry)).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [c.entry, c] as const))('invalid: %s', (_, c) => {
      declared(kind, c.errors);
      expect(entryFindings(kind, c.entry)).toEqual(c.errors.map((e) => ({ ...e, file: FILE })));
    });
  });
}

/** The placeholders init writes into the kind's part of an entry: the paths (under the entry) still holding one. */
export function placeholderTable(kind: EvidenceKind, cases: Array<{ entry: string; still: DataPath[] }>): void {
  describe(`${kind.meta.name} placeholders`, () => {
    it.each(cases.map((c) => [c.entry, c] as const))('%s', (_, c) => {
      const parsed = parseYaml(manifestText(c.entry), FILE);
      const data = (parsed.data as { evidence: Record<string, Record<string, unknown>> }).evidence['SEC-2'] ?? {};
      const uses = kind.placeholders?.(data) ?? [];
      expect(uses.filter((use) => use.value === use.placeholder).map((use) => use.path)).toEqual(c.still);
    });
  });
}
