// Which pilots a pull request gates, identified by pilot.name across paths, and what it changes.
import { describe, expect, it } from 'vitest';
import { pairPilots, type ManifestAt, type PathKind } from '../../src/core/governance.js';

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
  });
}

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
