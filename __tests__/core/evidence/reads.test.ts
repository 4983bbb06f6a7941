// What each evidence kind declares an entry reads (EvidenceKind.reads): the paths whose change gates
// the pilot. One table per kind, entry → paths, for a manifest in pilots/a.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS } from '../../../src/core/evidence/index.js';
import type { ReadsContext } from '../../../src/core/evidence/types.js';

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
