// A RuleTester for evidence kinds, after ESLint's: each case is the YAML of one evidence entry in a
// real manifest, parsed by the core's own parser, so every finding is checked at the line and column
// the manifest's author would be sent to. Valid cases must give no finding; invalid ones exactly these.
import { describe, expect, it } from 'vitest';
import type { EvidenceContext, EvidenceKind } from '../../../src/core/evidence/index.js';
import type { CriterionPolicy, EvidenceEntry, EvidenceRequirements, RepoPathKind, RiskTier } from '../../../src/core/types.js';
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
  return kind.check(ctx).map((f) => ({
    messageId: f.messageId,
    message: f.message,
    line: f.location?.line,
    column: f.location?.column,
    file: f.location?.file,
  }));
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
      expect(findings(kind, policy, c, texts)).toEqual(c.errors.map((e) => ({ ...e, file: e.file ?? FILE })));
    });
  });
}
