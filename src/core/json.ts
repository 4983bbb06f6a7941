// Parses an untrusted JSON artifact strictly (RFC 8259), with the same positions and refusals as
// parseYaml: a metrics file named .json is read as what its name says. A YAML reader would take
// `0x1`, `+0.97`, `.inf` or `!!float 0.97` as numbers that no JSON tool (and no reviewer reading the
// file as JSON) would, so a passing value could be written in a form only the gate understands.
import { InputError } from './errors.js';
import type { DataPath, SourceLocation } from './types.js';
import { FORBIDDEN_KEYS, LineIndex, MAX_DEPTH, MAX_YAML_BYTES, type ParsedYaml } from './yaml.js';

/** Where a value starts, where its key starts (-1 for items and the root), and its children. */
interface Placed {
  at: number;
  keyAt: number;
  children: Map<string, Placed> | Placed[] | null;
}

/** A refusal found at an offset; thrown as an InputError at its line and column. */
class JsonSyntax extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WHITE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** RFC 8259's number, anchored where the value starts. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The character at an offset as a message shows it: printable ASCII as itself, else its code point. */
function shown(text: string, at: number): string {
  const code = text.codePointAt(at);
  if (code === undefined) return 'the end of the file';
  return code > 0x20 && code < 0x7f ? `"${String.fromCodePoint(code)}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Advice for a value that starts with a character JSON does not allow there; YAML and JavaScript habits first. */
function notAValue(text: string, at: number): JsonSyntax {
  const rest = text.slice(at, at + 12);
  const c = text[at];
  let why: string;
  if (/^[-+]?0[xXoObB]/.test(rest)) why = 'JSON numbers are decimal: write 0x1 as 1';
  else if (c === '+') why = 'a JSON number has no + sign: write +0.97 as 0.97';
  else if (/^-?(?:Infinity|NaN)\b/.test(rest) || /^[-+]?\.(?:inf|nan)/i.test(rest)) why = 'JSON has no infinity or NaN';
  else if (c === '.' || /^-\./.test(rest)) why = 'a JSON number needs a digit before its decimal point: write .97 as 0.97';
  else if (c === '!') why = 'YAML tags (!!float) are not JSON: write the number alone';
  else if (c === "'") why = 'JSON text is in double quotes';
  else if (c === '/' || c === '#') why = 'JSON has no comments';
  else why = `expected a value (a number, text in double quotes, true, false, null, an object or an array), found ${shown(text, at)}`;
  return new JsonSyntax(`JSON syntax error: ${why}`, at);
}

/**
 * Parses one JSON text. Throws InputError (file, line and column) on anything RFC 8259 does not
 * allow, and, as parseYaml does, on duplicate keys, forbidden keys and nesting deeper than 32 levels.
 * A byte order mark at the start is skipped (RFC 8259 8.1 lets a parser ignore it).
 */
export function parseJson(text: string, file: string): ParsedYaml {
  if (text.length > MAX_YAML_BYTES) {
    throw new InputError(`file is larger than 1 MiB; the limit is ${MAX_YAML_BYTES} bytes`, { file, line: 1, column: 1 });
  }
  const lines = new LineIndex(text);
  const loc = (offset: number): SourceLocation => ({ file, ...lines.at(offset) });
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A duplicate or forbidden key is refused once the whole text is read: a syntax error anywhere
  // comes first, as parseYaml orders them.
  let refusal: JsonSyntax | null = null;
  const refuse = (message: string, offset: number) => {
    refusal ??= new JsonSyntax(message, offset);
  };

  const skipWhite = () => {
    while (WHITE.has(text.charCodeAt(i))) i++;
  };

  const need = (c: string, what: string) => {
    if (text[i] !== c) throw new JsonSyntax(`JSON syntax error: expected ${what}, found ${shown(text, i)}`, i);
    i++;
  };

  const readString = (): string => {
    const open = i;
    i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new JsonSyntax('JSON syntax error: text opened here has no closing "', open);
      if (c === '"') {
        i++;
        return out;
      }
      const code = c.charCodeAt(0);
      if (code < 0x20)
        throw new JsonSyntax(
          `JSON syntax error: a control character (${shown(text, i)}) inside text; write it as an escape such as \\n`,
          i,
        );
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        out += ESCAPES[e];
        i += 2;
        continue;
      }
      if (e !== 'u' || !/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)))
        throw new JsonSyntax(`JSON syntax error: \\${e ?? ''} is not a JSON escape`, i);
      const unit = Number.parseInt(text.slice(i + 2, i + 6), 16);
      const start = i;
      i += 6;
      if (unit >= 0xdc00 && unit <= 0xdfff)
        throw new JsonSyntax('JSON syntax error: a lone surrogate escape (\\udc00–\\udfff) is not a character', start);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const low = text.slice(i, i + 6);
        const next = /^\\u[dD][c-fC-F][0-9A-Fa-f]{2}$/.test(low) ? Number.parseInt(low.slice(2), 16) : -1;
        if (next < 0) throw new JsonSyntax('JSON syntax error: a lone surrogate escape (\\ud800–\\udbff) is not a character', start);
        out += String.fromCharCode(unit, next);
        i += 6;
        continue;
      }
      out += String.fromCharCode(unit);
    }
  };

  const readValue = (depth: number, keyAt: number): { value: unknown; placed: Placed } => {
    skipWhite();
    const at = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) throw new JsonSyntax(`JSON syntax error: nesting deeper than ${MAX_DEPTH} levels; flatten the file`, at);
      return c === '{' ? readObject(depth + 1, keyAt) : readArray(depth + 1, keyAt);
    }
    const placed: Placed = { at, keyAt, children: null };
    if (c === '"') return { value: readString(), placed };
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { value, placed };
      }
    }
    NUMBER.lastIndex = i;
    const number = c === '-' || (c !== undefined && c >= '0' && c <= '9') ? NUMBER.exec(text) : null;
    if (number === null) throw notAValue(text, i);
    i += number[0].length;
    // What RFC 8259's grammar stops short of, explained; anything else is left to the caller (a comma expected).
    const after = text[i] ?? '';
    const why = /\d/.test(after)
      ? 'a JSON number has no leading zeros: write 007 as 7'
      : /[xXoObB]/.test(after)
        ? 'JSON numbers are decimal: write 0x1 as 1'
        : /[.eE]/.test(after)
          ? 'a JSON number needs a digit after its decimal point or exponent: write 1. as 1.0'
          : null;
    if (why !== null) throw new JsonSyntax(`JSON syntax error: ${why}`, at);
    return { value: Number(number[0]), placed };
  };

  const readObject = (depth: number, keyAt: number): { value: unknown; placed: Placed } => {
    const at = i;
    i++;
    const value: Record<string, unknown> = {};
    const children = new Map<string, Placed>();
    skipWhite();
    if (text[i] === '}') {
      i++;
      return { value, placed: { at, keyAt, children } };
    }
    for (;;) {
      skipWhite();
      const memberAt = i;
      if (text[i] !== '"') {
        const why =
          text[i] === '}' ? 'a key after the comma (JSON allows no trailing comma)' : `a key in double quotes, found ${shown(text, i)}`;
        throw new JsonSyntax(`JSON syntax error: expected ${why}`, i);
      }
      const key = readString();
      skipWhite();
      need(':', `":" after the key "${key}"`);
      const member = readValue(depth, memberAt);
      const earlier = children.get(key);
      if (FORBIDDEN_KEYS.has(key)) refuse(`the key "${key}" is not allowed`, memberAt);
      else if (earlier !== undefined)
        refuse(`duplicate key "${key}" (first defined at line ${lines.at(earlier.keyAt).line}); keep one`, memberAt);
      else {
        children.set(key, member.placed);
        value[key] = member.value;
      }
      skipWhite();
      if (text[i] === ',') {
        i++;
        continue;
      }
      need('}', 'a comma or } after the value');
      return { value, placed: { at, keyAt, children } };
    }
  };

  const readArray = (depth: number, keyAt: number): { value: unknown; placed: Placed } => {
    const at = i;
    i++;
    const value: unknown[] = [];
    const children: Placed[] = [];
    skipWhite();
    if (text[i] === ']') {
      i++;
      return { value, placed: { at, keyAt, children } };
    }
    for (;;) {
      skipWhite();
      if (text[i] === ']') throw new JsonSyntax('JSON syntax error: expected a value before ] (JSON allows no trailing comma)', i);
      const item = readValue(depth, -1);
      value.push(item.value);
      children.push(item.placed);
      skipWhite();
      if (text[i] === ',') {
        i++;
        continue;
      }
      need(']', 'a comma or ] after the item');
      return { value, placed: { at, keyAt, children } };
    }
  };

  let root: { value: unknown; placed: Placed };
  try {
    skipWhite();
    if (i >= text.length) throw new JsonSyntax('JSON syntax error: the file is empty; a JSON file holds one value', i);
    root = readValue(0, -1);
    skipWhite();
    if (i < text.length) throw new JsonSyntax(`JSON syntax error: ${shown(text, i)} after the value; a JSON file holds one value`, i);
    // Set inside the readers, which TypeScript's narrowing does not follow.
    const refused = refusal as JsonSyntax | null;
    if (refused !== null) throw refused;
  } catch (error) {
    if (error instanceof JsonSyntax) throw new InputError(error.message, loc(error.offset));
    throw error;
  }

  const find = (path: DataPath, exact: boolean): Placed => {
    let node = root.placed;
    for (const segment of path) {
      const children = node.children;
      const child =
        children instanceof Map
          ? typeof segment === 'string'
            ? children.get(segment)
            : undefined
          : Array.isArray(children) && typeof segment === 'number'
            ? children[segment]
            : undefined;
      if (child === undefined) return exact ? { at: -1, keyAt: -1, children: null } : node;
      node = child;
    }
    return node;
  };
  return {
    data: root.value,
    file,
    locate: (path) => loc(find(path, false).at),
    locateKey: (path) => {
      const node = find(path, false);
      return loc(node.keyAt >= 0 ? node.keyAt : node.at);
    },
    has: (path) => find(path, true).at >= 0,
  };
}
