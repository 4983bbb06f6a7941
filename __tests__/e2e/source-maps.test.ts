// dist/ ships linked source maps: a stack trace from the bundle, mapped when it is printed (the Action's
// debug log, the CLI's internal error), names the src/ file and line, on the runner's Node 24 as on
// Node 20; the maps hold only relative paths (dist/ stays reproducible). Node's own source-map support
// stays off: it would read every chunk's map at start-up.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstSourceFrame, mappedStack } from '../../src/adapters/local/source-map.js';
import { MACHINE_NODE, NODE24, versionOf } from '../support/nodes.js';

const ROOT = join(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');

/** Calls each function a chunk exports with no argument until one throws, and prints its stack as Node gives it. */
const PROBE = `
const { readdirSync } = await import('node:fs');
const dir = process.argv[1];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const m = await import(dir + '/' + f);
  for (const fn of Object.values(m)) {
    if (typeof fn !== 'function') continue;
    try { const r = fn(undefined); r?.catch?.(() => {}); } catch (e) {
      if (String(e.stack).includes('/chunks/')) { console.log(e.stack); process.exit(0); }
    }
  }
}
console.log('no frame in the bundle');
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
    [`the machine's Node (${versionOf(MACHINE_NODE)})`, MACHINE_NODE],
    ['Node 24 (the runner)', NODE24],
  ])('turn a stack trace from the bundle into src/ lines on %s', (_, node) => {
    expect(existsSync(node)).toBe(true);
    const run = spawnSync(node, ['--input-type=module', '-e', PROBE, join(DIST, 'chunks')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // As Node printed it: bundle chunks, minified columns.
    expect(run.stdout).toMatch(/\/dist\/chunks\/[\w-]+\.js:\d+:\d+/);
    expect(run.stdout).not.toMatch(/src\/[a-z/-]+\.ts/);
    const frame = firstSourceFrame(run.stdout);
    expect(frame).toMatch(/^src\/[a-z/-]+\.ts:\d+:\d+$/);
    // The line it names is in the file.
    const [file, line] = frame!.split(':');
    expect(readFileSync(join(ROOT, file!), 'utf8').split('\n').length).toBeGreaterThanOrEqual(Number(line));
    expect(mappedStack(run.stdout)).toContain(`(${frame})`);
  });

  it('leave a frame without a map, or with a broken one, as it was', () => {
    const stack = 'Error: x\n    at f (file:///nowhere/a.js:1:2)\n    at g (/also/nowhere/b.js:3:4)\n    at node:internal/x:5:6';
    expect(mappedStack(stack)).toBe(stack);
    expect(firstSourceFrame(stack)).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'maps-'));
    try {
      writeFileSync(join(dir, 'a.js'), 'throw 1');
      writeFileSync(join(dir, 'a.js.map'), '{ not json');
      writeFileSync(join(dir, 'b.js'), 'throw 1');
      writeFileSync(join(dir, 'b.js.map'), JSON.stringify({ version: 3, sources: [], mappings: 'AAAA' }));
      const broken = `Error: x\n    at f (${join(dir, 'a.js')}:1:2)\n    at g (${join(dir, 'b.js')}:1:1)`;
      expect(mappedStack(broken)).toBe(broken);
      // A dependency's frame is named by its package, never as one of the project's src/ files.
      writeFileSync(join(dir, 'c.js'), 'a\nb');
      writeFileSync(
        join(dir, 'c.js.map'),
        JSON.stringify({ version: 3, sources: ['../node_modules/@actions/core/src/core.ts', '../src/flow/x.ts'], mappings: 'AAAA;ACAA' }),
      );
      const mixed = `Error: y\n    at h (${join(dir, 'c.js')}:1:1)\n    at i (${join(dir, 'c.js')}:2:1)`;
      expect(mappedStack(mixed)).toBe('Error: y\n    at h (node_modules/@actions/core/src/core.ts:1:1)\n    at i (src/flow/x.ts:1:1)');
      expect(firstSourceFrame(mixed)).toBe('src/flow/x.ts:1:1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are not read at start-up: no entry turns on Node’s source-map support', () => {
    for (const entry of ['index.js', 'cli.js']) expect(readFileSync(join(DIST, entry), 'utf8')).not.toContain('setSourceMapsEnabled');
  });
});
