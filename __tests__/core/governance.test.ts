// Which pilots a pull request gates, identified by pilot.name across paths, and what it changes.
import { describe, expect, it } from 'vitest';
import {
  pairPilots,
  pilotReads,
  treeDifference,
  type CommitFiles,
  type ManifestAt,
  type PathKind,
  type TreeListing,
} from '../../src/core/governance.js';
import { resolveBundled } from '../../src/core/layering/index.js';

const POLICY = resolveBundled('default').policy;

const manifest = (name: string, owner = 'sam', extra = ''): string =>
  `version: 1\npilot: { name: ${name}, risk: low }\nowner: ${owner}\n${extra}`;
const at = (path: string, text: string): ManifestAt => ({ path, text });

function pair(base: ManifestAt[], head: ManifestAt[], changed: string[], kinds: Record<string, PathKind> = {}) {
  const headPaths = [...head.map((m) => m.path), ...Object.keys(kinds)];
  return pairPilots({
    base,
    head,
    headKind: (path) => kinds[path] ?? (head.some((m) => m.path === path) ? 'file' : 'missing'),
    headPaths: () => headPaths,
    changedFiles: changed,
    policy: POLICY,
    differing: new Set(),
    baseFiles: NOTHING_READ,
    headFiles: NOTHING_READ,
  });
}

const NOTHING_READ: CommitFiles = { kind: () => 'missing', text: () => undefined };

/** A commit's tree from its files (text as the blob sha, so equal text is an equal blob), with every folder above them. */
function treeOf(files: Record<string, string>): TreeListing & Map<string, string> {
  const kinds = new Map<string, string>();
  const shas = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    kinds.set(path, 'file');
    shas.set(path, `sha:${text}`);
    const names = path.split('/');
    for (let i = 1; i < names.length; i++) kinds.set(names.slice(0, i).join('/'), 'dir');
  }
  return Object.assign(kinds, { shas });
}

/** The commit's files as the gating rule reads them: kinds from the tree, texts as read so far (`read`: the paths read). */
function filesOf(files: Record<string, string>, read: readonly string[]): CommitFiles {
  const tree = treeOf(files);
  return {
    kind: (path) => (tree.get(path) as PathKind | undefined) ?? 'missing',
    text: (path) => (read.includes(path) ? { text: files[path]!, bytes: files[path]!.length } : undefined),
  };
}

/** pairPilots with the base and head trees compared, the one pilot's manifest the same at both; `read`: texts already read. */
function pairByTrees(manifestPath: string, text: string, base: Record<string, string>, head: Record<string, string>, read: string[] = []) {
  const m = at(manifestPath, text);
  const withManifest = (files: Record<string, string>) => ({ ...files, [manifestPath]: text });
  return pairPilots({
    base: [m],
    head: [m],
    headKind: (path) => (path === manifestPath ? 'file' : 'missing'),
    headPaths: () => [manifestPath],
    changedFiles: [],
    policy: POLICY,
    differing: treeDifference(treeOf(withManifest(base)), treeOf(withManifest(head))),
    baseFiles: filesOf(withManifest(base), read),
    headFiles: filesOf(withManifest(head), read),
  });
}

describe('a pilot is gated by every path it reads, as the base and head trees differ', () => {
  const MANIFEST = 'pilots/a/pilot-readiness.yml';
  const shared = manifest('a', 'sam', 'evidence:\n  DR-2: { metrics: { from: ../../shared/quality.json } }\n');
  const dvc = manifest('a', 'sam', 'evidence:\n  DR-2: { metrics: { from: dvc } }\n');
  const DVC_YAML = 'pilots/a/dvc.yaml';
  const dvcFiles = { [DVC_YAML]: 'metrics:\n  - ../../eval/metrics.json\n', 'eval/metrics.json': '{"completeness": 0.97}' };

  it('a metrics.from file outside the folder, changed and listed nowhere', () => {
    const base = { 'shared/quality.json': '{"completeness": 0.97}', 'docs/x.md': 'x' };
    const gated = pairByTrees(MANIFEST, shared, base, { ...base, 'shared/quality.json': '{"completeness": 0.10}' });
    expect(gated.pilots.map((p) => p.head?.path)).toEqual([MANIFEST]);
    expect(pairByTrees(MANIFEST, shared, base, { ...base, 'docs/x.md': 'y' }).pilots).toEqual([]);
  });

  it('an evidence file renamed out of the folder: the old path is gone from the head tree', () => {
    const text = manifest('a', 'sam', 'evidence:\n  DR-1: { file: docs/lineage.md }\n');
    const base = { 'pilots/a/docs/lineage.md': 'l' };
    expect(pairByTrees(MANIFEST, text, base, { 'archive/lineage.md': 'l' }).pilots).toHaveLength(1);
  });

  it('a metrics file a dvc.yaml names: the dvc.yaml is asked for, then the named file gates', () => {
    const head = { ...dvcFiles, 'eval/metrics.json': '{"completeness": 0.10}' };
    const first = pairByTrees(MANIFEST, dvc, dvcFiles, head);
    expect(first.pilots).toEqual([]);
    expect(first.wanted).toEqual({ base: [DVC_YAML], head: [DVC_YAML] });
    const second = pairByTrees(MANIFEST, dvc, dvcFiles, head, [DVC_YAML]);
    expect(second.pilots).toHaveLength(1);
    expect(second.wanted).toEqual({ base: [], head: [] });
    // The same dvc.yaml and an unrelated change: read, and not gated.
    expect(pairByTrees(MANIFEST, dvc, dvcFiles, { ...dvcFiles, 'docs/x.md': 'y' }, [DVC_YAML])).toMatchObject({
      pilots: [],
      wanted: { base: [], head: [] },
    });
  });

  it('a dvc.yaml the tree lists but whose text cannot be read gates: what it names is unknown', () => {
    const m = at(MANIFEST, dvc);
    const unreadable: CommitFiles = {
      kind: (path) => (path === DVC_YAML ? 'file' : 'missing'),
      text: () => ({ problem: 'it is 2000000 bytes; the limit is 1048576 bytes (1 MiB)' }),
    };
    const pairing = pairPilots({
      base: [m],
      head: [m],
      headKind: () => 'file',
      headPaths: () => [MANIFEST],
      changedFiles: [],
      policy: POLICY,
      differing: new Set(['', 'docs', 'docs/x.md']),
      baseFiles: unreadable,
      headFiles: unreadable,
    });
    expect(pairing.pilots).toHaveLength(1);
  });

  it('a changed dvc.yaml gates without its text being read', () => {
    const head = { ...dvcFiles, [DVC_YAML]: 'metrics:\n  - other.json\n' };
    expect(pairByTrees(MANIFEST, dvc, dvcFiles, head)).toMatchObject({
      pilots: [{ base: { path: MANIFEST } }],
      wanted: { base: [], head: [] },
    });
  });

  it('a pilot that reads only files its manifest names asks for no text', () => {
    expect(pairByTrees(MANIFEST, shared, { 'docs/x.md': 'x' }, { 'docs/x.md': 'y' }).wanted).toEqual({ base: [], head: [] });
  });

  it('a manifest at the repository root reads everything: any difference gates it', () => {
    expect(pairByTrees('pilot-readiness.yml', manifest('root'), { 'x.md': 'x' }, { 'x.md': 'y' }).pilots).toHaveLength(1);
  });
});

describe('treeDifference', () => {
  it('names what differs (added, removed, another blob or kind) and every folder above it, not what is equal', () => {
    const base = treeOf({ 'a/b/same.md': 's', 'a/b/gone.md': 'g', 'c/changed.md': '1' });
    const head = treeOf({ 'a/b/same.md': 's', 'c/changed.md': '2', 'd/new.md': 'n' });
    expect([...treeDifference(base, head)].sort()).toEqual(['', 'a', 'a/b', 'a/b/gone.md', 'c', 'c/changed.md', 'd', 'd/new.md']);
    expect(treeDifference(base, base).size).toBe(0);
  });

  it('counts a file whose content cannot be compared (no blob sha on a side) as differing: fail closed', () => {
    const listing = (shas: Record<string, string>) => {
      const kinds = new Map([
        ['m', 'dir'],
        ['m/metrics.json', 'file'],
      ]);
      return Object.assign(kinds, { shas: new Map(Object.entries(shas)) });
    };
    const full = listing({ 'm/metrics.json': 'a'.repeat(40) });
    const blind = listing({});
    expect([...treeDifference(full, blind)].sort()).toEqual(['', 'm', 'm/metrics.json']);
    expect([...treeDifference(blind, full)].sort()).toEqual(['', 'm', 'm/metrics.json']);
    // An answer that leaves the sha out on both sides says nothing of the content: it is not "the same".
    expect([...treeDifference(blind, listing({}))].sort()).toEqual(['', 'm', 'm/metrics.json']);
    expect(treeDifference(full, full).size).toBe(0);
  });

  it('a symbolic link retargeted is a difference (its sha changes)', () => {
    const base = Object.assign(new Map([['l', 'symlink']]), { shas: new Map([['l', '1']]) });
    const head = Object.assign(new Map([['l', 'symlink']]), { shas: new Map([['l', '2']]) });
    expect(treeDifference(base, head).has('l')).toBe(true);
  });
});

describe('pilotReads: the manifest, its folder, and what each entry reads', () => {
  it('skips an entry declared not applicable', () => {
    const text = manifest(
      'a',
      'sam',
      'evidence:\n  DR-5: { not_applicable: "no personal data ever reaches it", file: ../x.md }\n  DR-1: { file: ../lineage.md }\n',
    );
    expect(pilotReads(at('p/pilot-readiness.yml', text), POLICY, NOTHING_READ)).toEqual({
      paths: ['p/pilot-readiness.yml', 'p', 'lineage.md'],
      wanted: [],
      unreadable: [],
    });
  });
});

describe('pairPilots', () => {
  it('gates a pilot whose folder the pull request touches, and not the others', () => {
    const a = at('pilots/a/pilot-readiness.yml', manifest('a'));
    const b = at('pilots/b/pilot-readiness.yml', manifest('b'));
    const { pilots, errors } = pair([a, b], [a, b], ['pilots/a/model.bin']);
    expect(errors).toEqual([]);
    expect(pilots).toEqual([{ head: a, base: a }]);
  });

  it('gates a pilot whose evidence outside its folder the pull request touches', () => {
    const a = at('pilots/a/pilot-readiness.yml', manifest('a', 'sam', 'evidence:\n  DR-1: { file: ../../shared/lineage.md }\n'));
    const b = at('pilots/b/pilot-readiness.yml', manifest('b'));
    expect(pair([a, b], [a, b], ['shared/lineage.md']).pilots.map((p) => p.head?.path)).toEqual(['pilots/a/pilot-readiness.yml']);
    expect(pair([a, b], [a, b], ['shared/other.md']).pilots).toEqual([]);
  });

  it('pairs a moved pilot by its name, whatever the path', () => {
    const before = at('pilots/a/pilot-readiness.yml', manifest('churn'));
    const after = at('pilots/churn/pilot-readiness.yml', manifest('churn', 'boss'));
    const { pilots } = pair([before], [after], ['pilots/churn/pilot-readiness.yml']);
    expect(pilots).toEqual([{ head: after, base: before }]);
  });

  it('retires a base pilot that no head manifest carries, saying what became of it', () => {
    const a = at('pilots/a/pilot-readiness.yml', manifest('a'));
    expect(pair([a], [], []).pilots).toEqual([{ head: null, base: a, retired: 'pilots/a/pilot-readiness.yml is deleted' }]);
    expect(pair([a], [], [], { 'pilots/a/pilot-readiness.yml': 'symlink' }).pilots[0]?.retired).toContain('symbolic link');
    expect(pair([a], [], [], { 'pilots/a/pilot-readiness.yaml': 'file' }).pilots[0]?.retired).toContain(
      'pilots/a/pilot-readiness.yaml is there instead',
    );
  });

  it('treats a path reused for another pilot as retiring the old one and adding the new one', () => {
    const old = at('pilots/a/pilot-readiness.yml', manifest('a'));
    const other = at('pilots/a/pilot-readiness.yml', manifest('z', 'mallory'));
    const { pilots } = pair(
      [old, at('pilots/z/pilot-readiness.yml', manifest('z'))],
      [other, at('pilots/z/pilot-readiness.yml', manifest('zz'))],
      ['pilots/a/x'],
    );
    // The head's "z" at pilots/a is the base's "z" (by name), and the base's "a" is being retired.
    expect(pilots.find((p) => p.head?.path === 'pilots/a/pilot-readiness.yml')?.base?.path).toBe('pilots/z/pilot-readiness.yml');
    expect(pilots.find((p) => p.head === null)?.base?.path).toBe('pilots/a/pilot-readiness.yml');
  });

  it('refuses two head manifests with one pilot.name (case-insensitive), at each name line', () => {
    const a = at('pilots/a/pilot-readiness.yml', manifest('churn'));
    const b = at('pilots/b/pilot-readiness.yml', manifest('Churn'));
    const { errors } = pair([a], [a, b], ['pilots/b/pilot-readiness.yml']);
    expect(errors.map((e) => [e.location?.file, e.location?.line])).toEqual([
      ['pilots/a/pilot-readiness.yml', 2],
      ['pilots/b/pilot-readiness.yml', 2],
    ]);
  });

  it('does not gate an unchanged pilot at the root when nothing changed', () => {
    const root = at('pilot-readiness.yml', manifest('root'));
    expect(pair([root], [root], []).pilots).toEqual([]);
    expect(pair([root], [root], ['README.md']).pilots).toHaveLength(1);
  });
});
