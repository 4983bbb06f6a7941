// Stack traces from the bundle, turned into src/ files and lines when they are printed, not before.
// Turning on Node's own source-map support (process.setSourceMapsEnabled) makes it read and parse
// every chunk's map as the chunk loads: about 40 ms of every run, paid for the rare run that crashes.
// Here the maps of only the files a stack names are read, with node:module's SourceMap, at the
// moment a stack is printed.

import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A frame's location: `(file:///…/x.js:12:34)` or `at file:///…/x.js:12:34`, with or without `file://`. */
const FRAME = /((?:file:\/\/)?\/[^\s():]+\.js):(\d+):(\d+)/g;

/**
 * The stack with each frame in a file that has a linked map beside it (`x.js.map`) rewritten to the
 * original source, line and column: `src/flow/gate-pull-request.ts:12:3` for the project's own code,
 * whichever folder the bundle runs from. Frames without a map, and anything that goes wrong reading
 * one, stay as they were: this runs while reporting a failure and must never fail itself.
 */
export function mappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  const mapOf = (file: string): SourceMap | null => {
    if (!maps.has(file)) {
      let map: SourceMap | null = null;
      try {
        const path = `${file}.map`;
        if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    return maps.get(file) ?? null;
  };
  return stack.replace(FRAME, (whole, location: string, line: string, column: string) => {
    try {
      const file = location.startsWith('file://') ? fileURLToPath(location) : location;
      const map = mapOf(file);
      const entry = map?.findEntry(Number(line) - 1, Number(column) - 1) as
        | { originalSource?: string; originalLine?: number; originalColumn?: number }
        | undefined;
      if (!entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return whole;
      const source = entry.originalSource.startsWith('file://')
        ? fileURLToPath(entry.originalSource)
        : resolve(dirname(file), entry.originalSource);
      // A dependency's frame is named by its package (node_modules/@actions/core/src/core.ts), the
      // project's own from its src/ folder, wherever the bundle runs from.
      const slashed = source.split(sep).join('/');
      const dependency = slashed.lastIndexOf('/node_modules/');
      const own = slashed.lastIndexOf('/src/');
      const path = dependency >= 0 ? slashed.slice(dependency + 1) : own >= 0 ? slashed.slice(own + 1) : slashed;
      return `${path}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return whole;
    }
  });
}

/** The first frame of a stack in the project's own sources (`src/….ts:line:column`), mapped; undefined when none is. */
export function firstSourceFrame(stack: string): string | undefined {
  for (const line of mappedStack(stack).split('\n')) {
    const frame = /(?:^|[\s(])(src\/[^\s()]+\.ts:\d+:\d+)\)?$/.exec(line.trim())?.[1];
    if (frame) return frame;
  }
  return undefined;
}
