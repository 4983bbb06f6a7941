// docs/architecture.md is the map of src/: a module it names nowhere is a module a newcomer cannot
// place. Fails on every file of src/ (the generated validators aside) that the map names neither
// by its path nor by its file name.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const MAP = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(SRC, 'core/generated') ? [] : modules(path);
    return [relative(SRC, path).split('\\').join('/')];
  });
}

/** Whether `name` stands in the map as a word of its own (`run.ts`, not `dry-run.ts` or `run.tsx`). */
function named(name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`).test(MAP);
}

describe('docs/architecture.md', () => {
  const files = modules(SRC);

  it('reads the whole of src/ (the check below is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(70);
    expect(files).toContain('flow/gate-pull-request.ts');
  });

  it('names every file of src/, by its path or its file name', () => {
    const unnamed = files.filter((path) => !named(path) && !named(`src/${path}`) && !named(path.split('/').pop()!));
    expect(unnamed).toEqual([]);
  });
});
