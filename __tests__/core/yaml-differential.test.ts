// The parser against the one it replaced (__tests__/support/yaml-reference.ts, js-yaml 5's event
// parser): the same data, the same line and column for every key and value, the same rejections, on
// hand-picked edge cases and on a generated corpus. Where the two differ on purpose, the test says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { parseYaml as referenceParse } from '../support/yaml-reference.js';
import { damage, damaged, docArbitrary, variants, vary, write } from '../support/yaml-corpus.js';
import { snapshot, type Snapshot } from '../support/yaml-snapshot.js';

const SYNTAX = /^InputError: x\.yml:\d+:\d+: YAML syntax error: /;

/**
 * Compares the two parsers on one text. Known, deliberate differences:
 * - a syntax error's wording and column come from the YAML library (js-yaml 4 now, 5 before): both
 *   must refuse the text as a syntax error, not necessarily with the same words;
 * - a value the reference placed at column 0 (an empty value in a flow collection, a key without a
 *   value, an empty document: no real position) now has a real one;
 * - `---` glued to text at the start of a line (`---x`) is refused: YAML reads text there, js-yaml 4 a
 *   document marker, so it is refused rather than read differently;
 * - a tab separating tokens inside a line (`b:\t[x,\ty]`), or a flow collection continued on a line
 *   indented less than its block parent, is accepted; js-yaml 5 refused both as "deficient indentation";
 * - a `#` glued to a flow indicator or a closing quote (`[a]#`, `a,#`, `"a"#`) starts a comment for js-yaml 4; js-yaml 5 refused it;
 * - js-yaml 4 is stricter than 5 on a few malformed texts (an implicit key broken over two lines in a
 *   flow mapping, which YAML 1.2 forbids): it refuses them as syntax errors. Refusing more is allowed
 *   (counted, and bounded below); accepting a text the reference refused is not, nor reading it differently.
 */
function expectSame(text: string): { accepted: boolean; exactError: boolean; stricter?: boolean } {
  const now = snapshot(parseYaml, text);
  const before = snapshot(referenceParse, text);
  if (now.error !== undefined && SYNTAX.test(now.error) && (before.error === undefined || !SYNTAX.test(before.error))) {
    return { accepted: false, exactError: false, stricter: true };
  }
  if (now.error?.includes('`---` at the start of a line')) return { accepted: false, exactError: true };
  if (before.error !== undefined && now.error === undefined && before.error.endsWith('deficient indentation')) {
    return { accepted: true, exactError: false };
  }
  if (before.error !== undefined) {
    expect(now.error, JSON.stringify(text)).toBeDefined();
    // Both refuse: the reference for its syntax, this one for its syntax or for one of our findings it reached first.
    if (SYNTAX.test(before.error)) return { accepted: false, exactError: now.error === before.error };
    // A tag that does not fit its node is a syntax error to js-yaml 4 as it reads; js-yaml 5 found it after our checks.
    if (/\btag\b/.test(now.error!) && text.includes('!')) return { accepted: false, exactError: false };
    expect(now.error, text).toBe(before.error);
    return { accepted: false, exactError: true };
  }
  expect(now.error, text).toBeUndefined();
  const a = now as Extract<Snapshot, { data: unknown }>;
  const b = before as Extract<Snapshot, { data: unknown }>;
  expect(a.data, text).toEqual(b.data);
  expect(a.positions.length, text).toBe(b.positions.length);
  a.positions.forEach((position, i) => {
    const reference = b.positions[i]!;
    const [path, value, key, has] = reference;
    expect([position[0], position[3]], text).toEqual([path, has]);
    const unplaced = (at: string) => at.endsWith(':0');
    if (unplaced(value)) expect(unplaced(position[1]), `${text}\n${path}`).toBe(false);
    else expect(position[1], `${text}\nvalue of ${path}`).toBe(value);
    if (unplaced(key)) expect(unplaced(position[2]), `${text}\n${path}`).toBe(false);
    else expect(position[2], `${text}\nkey of ${path}`).toBe(key);
  });
  return { accepted: true, exactError: true };
}

describe('parseYaml against the reference parser', () => {
  it.each([
    ['block scalars', 'a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: |+\n  kept\n\nd: >\n  x\n'],
    ['a block scalar at the end without a line break', 'a: |\n  one'],
    ['flow collections', 'a: [1, "two", {b: c, d: [e, f]}]\ng: { h: i, "j k": [] , l: {} }\n'],
    ['quoted keys', '"a b": 1\n\'c d\': 2\n"e\\"f": 3\n'],
    ['comments everywhere', '# head\na: 1 # after\n# between\nb:\n  # inside\n  - x # item\n  - y\n'],
    ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: { d: e }\r\n'],
    ['a byte order mark', '\uFEFFa: 1\nb: [x]\n'],
    ['tabs after values', 'a: 1\t\nb: [x, y]\t\n'],
    ['empty values', 'a:\nb: ~\nc: ""\nd: []\n'],
    ['keys that are not text', '1: a\n1.0: b\ntrue: c\n~: d\n0x1F: e\n'],
    ['nested sequences', '- - a\n  - b\n- - - c\n'],
    ['a document marker and end', '---\na: 1\n...\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n  three\nb: x\n'],
    ['pairs in a flow sequence', 'a: [x: 1, y]\n'],
    ['an explicit key', '? a\n: 1\n? b\n'],
    ['explicit tags', 'a: !!str 12\nb: [!!str true]\nc: !!int "7"\n'],
    ['a top-level list', '- 1\n- [2, 3]\n'],
    ['an empty document', ''],
    ['only a comment', '# nothing here\n'],
    ['duplicate keys', 'a: 1\nb: 2\na: 3\n'],
    ['duplicate keys in a flow mapping', 'x: {a: 1, a: 2}\n'],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['an alias to nothing', 'a: *nothing\n'],
    ['an anchor on a mapping', 'a: &m\n  b: 1\n'],
    ['an alias then a syntax error', 'a: *x\nb: [1, 2\n'],
    ['forbidden keys', 'a:\n  b:\n    __proto__: 1\n'],
    ['constructor and prototype', '{constructor: 1}\n'],
    ['a non-scalar key', '? [a]\n: 1\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['several documents after a duplicate', 'a: 1\na: 2\n---\nb: 2\n'],
    ['deep flow nesting', `${'['.repeat(40)}${']'.repeat(40)}`],
    ['flow nesting at the limit', `${'['.repeat(31)}${']'.repeat(31)}`],
    ['block nesting at the limit', `${Array.from({ length: 31 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`],
    ['block nesting over the limit', `${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`],
    ['a bad escape', 'a: "\\q"\n'],
    ['a tab in indentation', 'a:\n\tb: 1\n'],
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n'],
  ])('%s', (_name, text) => {
    expectSame(text);
  });

  it('accepts a tab between tokens, which js-yaml 5 refused', () => {
    expect(() => referenceParse('b:\t[x,\ty]\n', 'x.yml')).toThrow('deficient indentation');
    const parsed = parseYaml('b:\t[x,\ty]\n', 'x.yml');
    expect(parsed.data).toEqual({ b: ['x', 'y'] });
    expect(parsed.locate(['b', 1])).toEqual({ file: 'x.yml', line: 1, column: 8 });
  });

  it('refuses `---` glued to text, which js-yaml 4 would read as a document marker', () => {
    expect(referenceParse('---x: 1\n', 'x.yml').data).toEqual({ '---x': 1 });
    expect(() => parseYaml('---x: 1\n', 'x.yml')).toThrow('x.yml:1:4: YAML syntax error: `---` at the start of a line begins a document');
  });

  it('agrees on a generated corpus of manifests in every style, whole and damaged', () => {
    let accepted = 0;
    let rejected = 0;
    let reworded = 0;
    let stricter = 0;
    fc.assert(
      fc.property(docArbitrary, variants, damage, fc.boolean(), (doc, variant, edits, hurt) => {
        let text = vary(write(doc), variant);
        if (hurt) text = damaged(text, edits);
        // A carriage return alone (no line feed) ends a line for one library and not the other.
        fc.pre(!/\r(?!\n)/.test(text));
        // So does a byte order mark anywhere but at the start (damage can move it).
        fc.pre(text.lastIndexOf('\uFEFF') <= 0);
        // A `#` glued to a flow indicator or a quote (`[a]#`, `a,#`, `"a"#`): js-yaml 4 reads a comment, js-yaml 5 refused it.
        fc.pre(!/[[\]{},"']#/.test(text));
        const result = expectSame(text);
        if (result.stricter) stricter++;
        if (result.accepted) accepted++;
        else rejected++;
        if (!result.exactError) reworded++;
      }),
      { numRuns: 2000, seed: 11 },
    );
    // The corpus exercises both sides: most texts parse, many are refused.
    expect(accepted).toBeGreaterThan(800);
    expect(rejected).toBeGreaterThan(300);
    expect(reworded).toBeLessThan(rejected / 2);
    expect(stricter).toBeLessThan(2000 / 50);
  });
});
