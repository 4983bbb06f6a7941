// Parses untrusted YAML into plain data plus a map from data paths to source positions, so every
// finding can name the exact line and column of the node it is about.
import { CORE_SCHEMA, YAMLException, load, type LoadOptions } from 'js-yaml';
import { InputError, messageOf } from './errors.js';
import type { DataPath, SourceLocation } from './types.js';

/** Largest manifest or policy file we read: real ones are a few KiB. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Deepest nesting read, in YAML and JSON alike. */
export const MAX_DEPTH = 32;

/** Keys that could reach Object.prototype in a careless consumer: never accepted. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

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

/** Line starts of a text, built on the first position asked for: a parse that prints nothing never pays for it. */
export class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}
  at(offset: number): { line: number; column: number } {
    if (this.starts === null) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/**
 * Where a node of the data starts in the source, as raw offsets, and where its children are: a tree
 * walked by path segments (keys of a mapping, indexes of a sequence).
 */
interface PositionNode {
  at: number;
  /** Offset of the key that holds this node in its mapping; -1 for sequence items and the root. */
  keyAt: number;
  children: Map<string, PositionNode> | PositionNode[] | null;
}

/** What one node of js-yaml's reading leaves for its parent: its position subtree and what it read. */
interface ReadNode {
  node: PositionNode;
  /** Offsets where js-yaml began reading the node (before separating spaces) and where it stopped. */
  open: number;
  end: number;
  kind: string | null;
  result: unknown;
}

/** One node being read: js-yaml opens it, reads its children, then closes it. */
interface Frame {
  open: number;
  children: ReadNode[];
}

/** A finding of ours, kept until the whole text is read: a syntax error anywhere comes first, as it always has. */
interface Pending {
  /** Reading order: the offset of the node the finding is about. */
  order: number;
  message: string;
  offset: number;
}

const ANCHOR_MESSAGE = 'anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out';

/** An anchor table in which every name is defined, as null. */
const EVERY_ANCHOR: object = new Proxy(Object.create(null) as object, {
  getOwnPropertyDescriptor: () => ({ value: null, writable: true, enumerable: true, configurable: true }),
  get: () => null,
  set: () => true,
  has: () => true,
});

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The first offset at or after `at` that is not a space, a line break or a comment. */
function skipSeparation(input: string, at: number): number {
  for (;;) {
    const c = input.charCodeAt(at);
    if (isSpace(c)) at++;
    else if (c === 0x23 /* # */) {
      const eol = input.indexOf('\n', at);
      if (eol === -1) return input.length;
      at = eol + 1;
    } else return at;
  }
}

/** True when the separators between `from` and `to` hold the `:` that introduces a mapping value. */
function colonBetween(input: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const c = input.charCodeAt(at);
    if (c === 0x3a /* : */) return true;
    if (c === 0x23 /* # */) {
      const eol = input.indexOf('\n', at);
      if (eol === -1 || eol >= to) return false;
      at = eol;
    }
  }
  return false;
}

/** Skips a tag (`!!str `) before a value: positions point at the value itself. */
function skipTag(input: string, at: number): number {
  if (input.charCodeAt(at) !== 0x21 /* ! */) return at;
  while (at < input.length && !isSpace(input.charCodeAt(at))) at++;
  return skipSeparation(input, at);
}

/**
 * The offset just after a `---` that starts a line and is glued to text (`---x`), or -1. YAML reads
 * that as text; js-yaml 4 reads a document marker followed by `x`, so such a line is refused rather
 * than read differently from what the writer meant.
 */
function gluedDocumentMarker(text: string): number {
  for (let i = text.indexOf('---'); i !== -1; i = text.indexOf('---', i + 1)) {
    const lineStart = i === 0 || text.charCodeAt(i - 1) === 0x0a || (i === 1 && text.charCodeAt(0) === 0xfeff);
    const after = text.charCodeAt(i + 3);
    // charCodeAt past the end is NaN: `---` at the very end is a plain marker.
    if (lineStart && !Number.isNaN(after) && !isSpace(after)) return i + 3;
  }
  return -1;
}

/**
 * Parses one YAML document. Throws InputError (with file, line and column) on syntax errors,
 * duplicate keys, anchors/aliases (alias bombs), forbidden keys, non-scalar keys and depth abuse.
 *
 * js-yaml 4 builds the data; its listener reports each node it opens and closes, from which the same
 * pass records where every value and key starts and checks the keys.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  if (text.length > MAX_YAML_BYTES) {
    throw new InputError(`file is larger than 1 MiB; the limit is ${MAX_YAML_BYTES} bytes`, { file, line: 1, column: 1 });
  }
  const lines = new LineIndex(text);
  // js-yaml drops a byte order mark before reading: its offsets are one short of ours.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const loc = (offset: number): SourceLocation => ({ file, ...lines.at(offset + shift) });

  let pending: Pending | null = null;
  const refuse = (order: number, message: string, offset: number): void => {
    if (pending === null || order < pending.order) pending = { order, message, offset };
  };

  const stack: Frame[] = [];
  let input = '';
  let documents = 0;
  let root: ReadNode | null = null;

  // Keys to put back as written once the text is read; not in a document with a tag, whose data
  // js-yaml's constructor has always built.
  const renames: Array<() => void> = [];
  let tagged = false;

  const keyOf = (child: ReadNode): string | null => {
    if (child.kind !== 'scalar' && child.kind !== null) return null;
    if (typeof child.result === 'string') return child.result;
    // A plain key that reads as null, a number or a boolean keeps its text, as written (`1.0`, `~`, `0x1F`).
    const raw = input.slice(child.node.at, child.end);
    let end = 0;
    while (end < raw.length && !isSpace(raw.charCodeAt(end))) end++;
    const word = raw.slice(0, end);
    return child.result === null && (word === '' || word === ':' || word.startsWith(':')) ? '' : word;
  };

  const closeMapping = (frame: Frame, result: Record<string, unknown>): Map<string, PositionNode> => {
    const entries = new Map<string, PositionNode>();
    const pairs: Array<[string, unknown]> = [];
    const children = frame.children;
    let renamed = false;
    for (let i = 0; i < children.length; i++) {
      const keyNode = children[i]!;
      const next = children[i + 1];
      const hasValue = next !== undefined && colonBetween(input, keyNode.end, next.open);
      // js-yaml looked for one more key and found none (a `...` document end, say).
      if (keyNode.kind === null && keyNode.end === keyNode.open && !hasValue) continue;
      const keyAt = keyNode.node.at;
      const key = keyOf(keyNode);
      if (key === null) {
        refuse(keyAt, 'only plain text keys are accepted', keyAt);
        return entries;
      }
      if (key !== keyNode.result) renamed = true;
      if (FORBIDDEN_KEYS.has(key)) refuse(keyAt, `the key "${key}" is not allowed`, keyAt);
      const earlier = entries.get(key);
      if (earlier !== undefined) {
        refuse(keyAt, `duplicate key "${key}" (first defined at line ${lines.at(earlier.keyAt + shift).line}); keep one`, keyAt);
      }
      let value: PositionNode;
      let data: unknown = null;
      if (hasValue) {
        value = next.node;
        data = next.result;
        i++;
      } else {
        // A key without a value (`{a}`, `? a`): its null is where the key is.
        value = { at: keyAt, keyAt: -1, children: null };
      }
      value.keyAt = keyAt;
      if (earlier === undefined) {
        entries.set(key, value);
        pairs.push([key, data]);
      }
    }
    if (renamed)
      renames.push(() => {
        // A plain key that is not text (`1.0`, `~`, `0x1F`) stays as written, not as js-yaml converts
        // it ("1", "null", "31"); the mapping is rebuilt from its pairs, in order.
        for (const key of Object.keys(result)) delete result[key];
        for (const [key, value] of pairs) result[key] = value;
      });
    return entries;
  };

  /** Items of a sequence; a pair in a flow sequence (`[a: 1]`) is a one-key mapping placed at its key. */
  const closeSequence = (frame: Frame, result: unknown[]): PositionNode[] => {
    const items: PositionNode[] = [];
    const children = frame.children;
    for (let i = 0; i < children.length || items.length < result.length; i++) {
      const child = children[i];
      const item = result[items.length];
      if (child === undefined || (item === null && child.result !== null)) {
        // An empty item (`-` and nothing on its line) that js-yaml filled in without reading a node.
        items.push({ at: items.length === 0 ? frame.open : items[items.length - 1]!.at, keyAt: -1, children: null });
        i--;
        if (items.length > result.length) break;
        continue;
      }
      if (child.result === item || item === null || typeof item !== 'object' || Array.isArray(item)) {
        items.push(child.node);
        continue;
      }
      const pair: Frame = { open: child.open, children: [child] };
      const next = children[i + 1];
      if (next !== undefined && colonBetween(input, child.end, next.open)) {
        pair.children.push(next);
        i++;
      }
      items.push({ at: child.node.at, keyAt: -1, children: closeMapping(pair, item as Record<string, unknown>) });
    }
    return items;
  };

  const listener = (
    event: 'open' | 'close',
    state: {
      anchorMap: object;
      position: number;
      depth: number;
      kind: string | null;
      result: unknown;
      tag: string | null;
      anchor: string | null;
      input: string;
    },
  ): void => {
    if (event === 'open') {
      if (state.depth === 1) {
        input = state.input;
        // Every alias resolves (to null), so that reading goes on to any later syntax error; the
        // alias itself is refused when it closes.
        state.anchorMap = EVERY_ANCHOR;
        if (++documents > 1) refuse(state.position, 'expected one YAML document, found several (remove the extra `---`)', -shift);
      }
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop()!;
    let at = skipSeparation(input, frame.open);
    const first = input.charCodeAt(at);
    if (first === 0x21 /* ! */) tagged = true;
    if (first === 0x26 /* & */ || state.anchor !== null) refuse(at, ANCHOR_MESSAGE, at);
    else if (first === 0x2a /* * */) refuse(at, ANCHOR_MESSAGE, at);
    const children = frame.children;
    let read: ReadNode;
    if (children.length === 1 && children[0]!.result === state.result && children[0]!.kind === state.kind) {
      // js-yaml tried a block mapping and found a single node: the node is that child.
      read = children[0]!;
      read.open = frame.open;
      read.end = state.position;
    } else {
      let positions: PositionNode['children'] = null;
      if (state.kind === 'mapping') positions = closeMapping(frame, state.result as Record<string, unknown>);
      else if (state.kind === 'sequence') positions = closeSequence(frame, state.result as unknown[]);
      else {
        at = skipTag(input, at);
        const c = input.charCodeAt(at);
        // A block scalar (`|`, `>-`) is placed at its first line of text, after the header.
        if ((c === 0x7c || c === 0x3e) && state.kind === 'scalar') {
          const eol = input.indexOf('\n', at);
          at = eol === -1 ? input.length : eol + 1;
        }
      }
      read = {
        node: { at, keyAt: -1, children: positions },
        open: frame.open,
        end: state.position,
        kind: state.kind,
        result: state.result,
      };
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(read);
    else if (documents === 1) root = read;
  };

  const marker = gluedDocumentMarker(text);
  if (marker >= 0) {
    throw new InputError(
      'YAML syntax error: `---` at the start of a line begins a document; follow it with a space or a line break, or quote the text',
      loc(marker - shift),
    );
  }

  let data: unknown;
  try {
    // json: duplicate keys are ours to refuse, with our message; maxDepth is in js-yaml 4.3 but not in its types.
    data = load(text, { filename: file, schema: CORE_SCHEMA, json: true, maxDepth: MAX_DEPTH, listener } as unknown as LoadOptions);
  } catch (error) {
    // Several documents: refused with our message, or an earlier finding of ours.
    const reason = (error as { reason?: string }).reason;
    // A tag that does not fit its node is found after our own findings, as it was when a second pass built tagged data.
    const ours = reason !== undefined && (reason.startsWith('expected a single document') || /\btag\b/.test(reason));
    if (!(error instanceof YAMLException && ours && pending !== null)) {
      throw fromYamlException(error, file);
    }
  }
  const refused = pending as Pending | null;
  if (refused !== null) throw new InputError(refused.message, loc(refused.offset));
  if (!tagged) for (const rename of renames) rename();

  // A text with no node at all (empty, or only comments) has no position but the file's start; an
  // explicit `---` starts a document whose value is null.
  const top = root as ReadNode | null;
  const empty =
    top !== null && top.kind === null && top.result === null && top.end === top.open && !/^---(?:\s|$)/m.test(input.slice(0, top.open));
  const tree = top === null || empty ? null : top.node;
  const find = (path: DataPath, exact: boolean): PositionNode | null => {
    let node = tree;
    if (node === null) return null;
    for (const segment of path) {
      const children: PositionNode['children'] = node.children;
      const child: PositionNode | undefined =
        children === null
          ? undefined
          : Array.isArray(children)
            ? typeof segment === 'number'
              ? children[segment]
              : undefined
            : typeof segment === 'string'
              ? children.get(segment)
              : undefined;
      if (child === undefined) return exact ? null : node;
      node = child;
    }
    return node;
  };
  const unknown = (): SourceLocation => ({ file, line: 1, column: 1 });

  return {
    data: data === undefined ? null : data,
    file,
    locate: (path) => {
      const node = find(path, false);
      return node === null ? unknown() : loc(node.at);
    },
    locateKey: (path) => {
      const node = find(path, false);
      return node === null ? unknown() : loc(node.keyAt >= 0 ? node.keyAt : node.at);
    },
    has: (path) => find(path, true) !== null,
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
  return new InputError(`could not parse YAML: ${messageOf(error)}`, { file, line: 1, column: 1 });
}
