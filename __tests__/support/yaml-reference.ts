// The YAML parser as it was before issue 11 (js-yaml 5's event parser, positions in a flat map of
// joined path keys), kept unchanged as the reference of the differential test in
// __tests__/core/yaml-differential.test.ts: the faster src/core/yaml.ts must give the same data, the
// same line and column for every key and value, and the same rejections.
import { CORE_SCHEMA, EVENT_ID, YAMLException, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml-5';
import { InputError } from '../../src/core/errors.js';
import type { DataPath, SourceLocation } from '../../src/core/types.js';

/** Largest manifest or policy file we read: real ones are a few KiB. */
export const MAX_YAML_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;

/** Keys that could reach Object.prototype in a careless consumer: never accepted. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedYaml {
  data: unknown;
  file: string;
  /** Position of the value at `path`; for a path that does not exist, the nearest existing ancestor. */
  locate(path: DataPath): SourceLocation;
  /** Position of the key that holds the value at `path` (the value's position for array items). */
  locateKey(path: DataPath): SourceLocation;
  /** True when `path` exists in the source. */
  has(path: DataPath): boolean;
}

/** Decodes UTF-8 strictly: a byte sequence that is not UTF-8 is an error at its line and column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (bytes.byteLength > MAX_YAML_BYTES) {
    throw new InputError(
      `file is ${bytes.byteLength} bytes; the limit is ${MAX_YAML_BYTES} bytes (1 MiB). Keep evidence in separate files and reference them.`,
      { file, line: 1, column: 1 },
    );
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch {
    const bad = firstInvalidUtf8Offset(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    throw new InputError(`invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}: save the file as UTF-8`, {
      file,
      line: lines.length,
      column: (lines[lines.length - 1]?.length ?? 0) + 1,
    });
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** A map key for a data path: segments joined by NUL, numbers marked so that 0 and "0" differ. */
const segmentKey = (segment: string | number): string => (typeof segment === 'number' ? `\u0001${segment}` : segment);
const pathKey = (path: DataPath): string => path.map(segmentKey).join('\u0000');
const childKey = (parent: string, segment: string | number, root: boolean): string =>
  root ? segmentKey(segment) : `${parent}\u0000${segmentKey(segment)}`;

interface Frame {
  kind: 'map' | 'seq';
  /** pathKey() of this collection's own path. */
  key_: string;
  root: boolean;
  index: number;
  /** For maps: the key waiting for its value, or null when the next scalar is a key. */
  key: string | null;
  keyOffset: number;
  seen: Map<string, number>;
  /** The object or array being built for this collection. */
  container: Record<string, unknown> | unknown[];
}

function startOf(event: Event): number {
  if (event.type === EVENT_ID.SCALAR) {
    // quoted scalars: point at the opening quote
    return event.style === 2 || event.style === 3 ? Math.max(0, event.valueStart - 1) : event.valueStart;
  }
  if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) return event.start;
  if (event.type === EVENT_ID.ALIAS) return event.anchorStart;
  return 0;
}

/**
 * Parses one YAML document. Throws InputError (with file, line and column) on syntax errors,
 * duplicate keys, anchors/aliases (alias bombs), forbidden keys, non-scalar keys and depth abuse.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  if (text.length > MAX_YAML_BYTES) {
    throw new InputError(`file is larger than 1 MiB; the limit is ${MAX_YAML_BYTES} bytes`, { file, line: 1, column: 1 });
  }
  const lines = new LineIndex(text);
  const loc = (offset: number): SourceLocation => ({ file, ...lines.at(offset) });
  const fail = (message: string, offset: number): never => {
    throw new InputError(message, loc(offset));
  };

  let events: Event[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
  } catch (error) {
    throw fromYamlException(error, file);
  }

  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const stack: Frame[] = [];
  let documents = 0;
  // The data is built in this same pass; an explicit tag (!!str, !!binary, …) is rare enough to
  // hand the whole document to js-yaml's own constructor instead.
  let root: unknown = null;
  let tagged = false;
  const attach = (parent: Frame | undefined, key: string | null, value: unknown): void => {
    if (!parent) root = value;
    else if (Array.isArray(parent.container)) parent.container.push(value);
    else parent.container[key!] = value;
  };

  /** The path key of the node about to be read, or null when that node is a mapping key. */
  const place = (): string | null => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'seq') return childKey(top.key_, top.index++, top.root);
    if (top.key === null) return null; // this node is a key
    const key = childKey(top.key_, top.key, top.root);
    keys.set(key, top.keyOffset);
    top.key = null;
    return key;
  };

  try {
    for (const event of events) {
      switch (event.type) {
        case EVENT_ID.DOCUMENT:
          documents++;
          if (documents > 1) fail('expected one YAML document, found several (remove the extra `---`)', 0);
          break;
        case EVENT_ID.ALIAS:
          fail(
            'anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out',
            event.anchorStart - 1,
          );
          break;
        case EVENT_ID.SCALAR:
        case EVENT_ID.SEQUENCE:
        case EVENT_ID.MAPPING: {
          if (event.anchorStart >= 0) {
            fail(
              'anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out',
              event.anchorStart - 1,
            );
          }
          if (event.tagStart >= 0) tagged = true;
          const top = stack[stack.length - 1];
          const parentKey = top?.kind === 'map' ? top.key : null;
          const path = place();
          if (path === null) {
            // a mapping key
            if (event.type !== EVENT_ID.SCALAR) fail('only plain text keys are accepted', startOf(event));
            const scalar = event as Extract<Event, { type: 4 }>;
            const key = getScalarValue(text, scalar);
            const offset = startOf(event);
            if (FORBIDDEN_KEYS.has(key)) fail(`the key "${key}" is not allowed`, offset);
            const earlier = top!.seen.get(key);
            if (earlier !== undefined) {
              fail(`duplicate key "${key}" (first defined at line ${lines.at(earlier).line}); keep one`, offset);
            }
            top!.seen.set(key, offset);
            top!.key = key;
            top!.keyOffset = offset;
            break;
          }
          values.set(path, startOf(event));
          if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) {
            const container: Record<string, unknown> | unknown[] = event.type === EVENT_ID.SEQUENCE ? [] : {};
            attach(top, parentKey, container);
            stack.push({
              kind: event.type === EVENT_ID.SEQUENCE ? 'seq' : 'map',
              key_: path,
              root: stack.length === 0,
              index: 0,
              key: null,
              keyOffset: 0,
              seen: new Map(),
              container,
            });
          } else {
            const source = getScalarValue(text, event);
            // Plain scalars resolve by the core schema (null, booleans, numbers); quoted and block ones are text.
            attach(top, parentKey, event.style === 1 ? CORE_SCHEMA.resolveImplicitScalarTag(source).value : source);
          }
          break;
        }
        case EVENT_ID.POP:
          stack.pop();
          break;
      }
    }
  } catch (error) {
    // Our own findings pass through; js-yaml's (a bad escape in a quoted scalar) get a location.
    if (error instanceof InputError) throw error;
    throw fromYamlException(error, file);
  }

  let data: unknown = root;
  if (tagged) {
    try {
      const docs = constructFromEvents(events, { source: text, filename: file, schema: CORE_SCHEMA, maxAliases: 0 });
      data = docs[0] ?? null;
    } catch (error) {
      throw fromYamlException(error, file);
    }
  }

  const nearest = (map: Map<string, number>, path: DataPath): SourceLocation => {
    let key = pathKey(path);
    for (let n = path.length; n >= 0; n--) {
      const offset = map.get(key) ?? values.get(key);
      if (offset !== undefined) return loc(offset);
      key = key.slice(0, Math.max(0, key.lastIndexOf('\u0000')));
    }
    return { file, line: 1, column: 1 };
  };

  return {
    data,
    file,
    locate: (path) => nearest(values, path),
    locateKey: (path) => nearest(keys, path),
    has: (path) => values.has(pathKey(path)),
  };
}

function fromYamlException(error: unknown, file: string): InputError {
  if (error instanceof YAMLException) {
    const mark = (error as YAMLException & { mark?: { line: number; column: number } }).mark;
    const reason = (error as YAMLException & { reason?: string }).reason ?? error.message.split('\n')[0] ?? 'invalid YAML';
    return new InputError(`YAML syntax error: ${reason.replace(/\s*\(\d+:\d+\)$/, '')}`, {
      file,
      line: (mark?.line ?? 0) + 1,
      column: (mark?.column ?? 0) + 1,
    });
  }
  return new InputError(`could not parse YAML: ${error instanceof Error ? error.message : String(error)}`, { file, line: 1, column: 1 });
}
