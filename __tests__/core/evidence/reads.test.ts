// What each evidence kind declares an entry reads (EvidenceKind.reads): the paths whose change gates
// the pilot. One table per kind, entry → paths, for a manifest in pilots/a; then which kinds read contents (readsContents).
import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS } from '../../../src/core/evidence/index.js';
import type { ReadsContext } from '../../../src/core/evidence/types.js';
import type { CriterionPolicy, EvidenceEntry } from '../../../src/core/types.js';

const DIR = 'pilots/a';
const DVC_YAML = `${DIR}/dvc.yaml`;

/** A commit holding a dvc.yaml with `dvcText` (undefined: not read yet; null: nothing to read). */
function context(dvcText: string | null | undefined): ReadsContext {
  return { manifestDir: DIR, criterion: undefined, text: (path) => (path === DVC_YAML ? dvcText : null) };
}

const kind = (name: string) => EVIDENCE_KINDS.find((k) => k.meta.name === name)!;

type Row = [string, Record<string, unknown>, string[], (string | null)?];

const TABLES: Record<string, Row[]> = {
  file: [
    ['a file in the folder', { file: 'docs/lineage.md' }, [`${DIR}/docs/lineage.md`]],
    ['a file outside the folder', { file: '../../shared/lineage.md' }, ['shared/lineage.md']],
    ['a list, with a non-string skipped', { file: ['a.md', 42, 'b/c.md'] }, [`${DIR}/a.md`, `${DIR}/b/c.md`]],
    ['a glob: its folder', { file: 'reports/*.md' }, [`${DIR}/reports`]],
    ['a glob at the folder: the folder', { file: '*.md' }, [DIR]],
    ['an escape reads nothing', { file: '../../../etc/passwd' }, []],
    ['no file', { date: '2026-01-01' }, []],
  ],
  metrics: [
    ['typed numbers read nothing', { metrics: { completeness: 0.99 } }, []],
    ['from a file outside the folder', { metrics: { from: '../../shared/quality.json' } }, ['shared/quality.json']],
    ['from the model card', { metrics: { from: 'model-card' } }, [`${DIR}/README.md`]],
    ['from dvc, not read yet: the dvc.yaml alone', { metrics: { from: 'dvc' } }, [DVC_YAML], undefined],
    ['from dvc, no dvc.yaml to read', { metrics: { from: 'dvc' } }, [DVC_YAML], null],
    [
      'from dvc: the files it names, top level and per stage',
      { metrics: { from: 'dvc' } },
      [DVC_YAML, 'eval/m.json', `${DIR}/stage.json`],
      'metrics:\n  - ../../eval/m.json\nstages:\n  train:\n    metrics:\n      - stage.json: { cache: false }\n',
    ],
    ['from dvc, a dvc.yaml that does not parse', { metrics: { from: 'dvc' } }, [DVC_YAML], 'metrics: [unclosed\n'],
    ['an escaping from reads nothing', { metrics: { from: '../../../x.json' } }, []],
  ],
  date: [['a date reads no file', { date: '2026-01-01', file: 'x.md' }, []]],
  link: [['a link is never fetched', { link: 'https://tickets.example/1' }, []]],
};

describe.each(Object.entries(TABLES))('%s evidence reads', (name, rows) => {
  it.each(rows.map((row) => [row[0], row] as const))('%s', (_what, [, entry, paths, dvcText]) => {
    expect(kind(name).reads(entry, context(dvcText))).toEqual(paths);
  });
});

it('every evidence kind has a table', () => {
  expect(EVIDENCE_KINDS.map((k) => k.meta.name).sort()).toEqual(Object.keys(TABLES).sort());
});

// Whether the flow must fetch texts before the (synchronous) engine runs: only an artifact, or a file
// whose size or headings the policy asks for. Every kind is asked of every entry (readsFiles).
const asks = (evidence: Record<string, unknown>) =>
  ({ id: 'X-1', title: 'x', description: 'x', required_for: ['high'], allow_not_applicable: false, evidence }) as CriterionPolicy;
const CONTENTS: Array<[string, EvidenceEntry, CriterionPolicy, string[]]> = [
  ['a file the policy asks no size of is only stat-ed', { file: 'x.md' }, asks({ file: { paths: ['**'] } }), []],
  ['a file with min_bytes is read', { file: 'x.md' }, asks({ file: { min_bytes: 10 } }), ['file']],
  ['a file with headings is read', { file: ['x.md'] }, asks({ file: { headings: ['Scope'] } }), ['file']],
  ['headings without a file entry read nothing', { date: '2026-01-01' }, asks({ file: { headings: ['Scope'] } }), []],
  ['an artifact is read whatever the policy asks', { metrics: { from: 'dvc' } }, asks({}), ['metrics']],
  ['typed metrics read nothing', { metrics: { auc: 0.9 } }, asks({ metrics: { auc: { min: 0.8 } } }), []],
  ['a date and a link read nothing', { date: '2026-01-01', link: 'https://x.example' }, asks({ date: {}, link: {} }), []],
];
it.each(CONTENTS)('readsContents: %s', (_what, entry, criterion, kinds) => {
  expect(EVIDENCE_KINDS.filter((k) => k.readsContents(entry, criterion)).map((k) => k.meta.name)).toEqual(kinds);
});
