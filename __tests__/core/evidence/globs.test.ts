// The file kind answers `folder/**` itself, without loading minimatch: it must agree with minimatch
// (dot: true, as the kind calls it) on every path, odd ones included, and on every other glob.
import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../../src/core/evidence/file.js';

const NAMES = ['docs', 'Docs', 'doc', 'docsx', 'reports', 'a', 'b.md', '.hidden', '.', '..', '', 'x y', '*', 'a\\b', 'é'];
const GLOBS = [
  'docs/**',
  'reports/**',
  'docs/sub/**',
  'a/**',
  'docs/*',
  'docs/**/*.md',
  '**',
  'docs/**/',
  'do?s/**',
  '{docs,reports}/**',
  '.hidden/**',
];

describe('matchesGlob', () => {
  it('agrees with minimatch on hand-picked paths', () => {
    const paths = [
      'docs',
      'docs/',
      'docs/a',
      'docs/.a',
      'docs/a/b',
      'docs/..',
      'docs/../x',
      'docs/.',
      'docs//a',
      'docs/a/',
      './docs/a',
      'Docs/a',
      'docsx/a',
    ];
    for (const glob of GLOBS)
      for (const path of paths) expect([path, glob, matchesGlob(path, glob)]).toEqual([path, glob, minimatch(path, glob, { dot: true })]);
  });

  it('agrees with minimatch on generated paths', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 }), fc.constantFrom(...GLOBS), (names, glob) => {
        const path = names.join('/');
        expect(matchesGlob(path, glob)).toBe(minimatch(path, glob, { dot: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers a plain folder glob itself: true under it, false outside it', () => {
    expect(matchesGlob('docs/model-card.md', 'docs/**')).toBe(true);
    expect(matchesGlob('reports/x.md', 'docs/**')).toBe(false);
  });
});
