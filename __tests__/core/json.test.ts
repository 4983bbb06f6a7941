// The strict JSON reader of metrics artifacts: what RFC 8259 allows reads as JSON.parse reads it, with
// positions; what only a YAML or JavaScript reader would take (0x1, +0.97, !!float, NaN, comments,
// trailing commas, single quotes) is refused at its line and column with advice; duplicate and
// forbidden keys and deep nesting are refused as parseYaml refuses them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseJson } from '../../src/core/json.js';

const FILE = 'reports/eval.json';

/** The one finding a refused text gives, as `line:column: message`. */
function refusal(text: string): string {
  try {
    parseJson(text, FILE);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const [finding] = error.findings;
    return `${finding!.location!.line}:${finding!.location!.column}: ${finding!.message}`;
  }
  return 'accepted';
}

describe('parseJson reads what RFC 8259 allows', () => {
  it('as JSON.parse does, for any JSON value', () => {
    const safe = fc.jsonValue().filter((v) => !/"(?:__proto__|constructor|prototype)":/.test(JSON.stringify(v)));
    fc.assert(
      fc.property(safe, fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parseJson(text, FILE).data).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes, surrogate pairs, exponents, -0, a byte order mark, white space around', () => {
    const text = '\uFEFF \r\n\t{"a\\u00e9\\n": ["\\ud83d\\ude00", -0, 1E+2, 2.5e-3, true, false, null, {}, []]}\n';
    expect(parseJson(text, FILE).data).toEqual({ 'aé\n': ['😀', -0, 100, 0.0025, true, false, null, {}, []] });
  });

  it('places values and keys at their line and column', () => {
    const parsed = parseJson('{\n  "eval": { "accuracy": 0.93 },\n  "runs": [1, 2]\n}\n', FILE);
    expect(parsed.locate(['eval', 'accuracy'])).toEqual({ file: FILE, line: 2, column: 25 });
    expect(parsed.locateKey(['eval', 'accuracy'])).toEqual({ file: FILE, line: 2, column: 13 });
    expect(parsed.locate(['runs', 1])).toEqual({ file: FILE, line: 3, column: 15 });
    expect(parsed.locate(['eval', 'nope'])).toEqual({ file: FILE, line: 2, column: 11 });
    expect(parsed.has(['runs', 1])).toBe(true);
    expect(parsed.has(['runs', 2])).toBe(false);
  });
});

describe('parseJson refuses what only another reader would take, at its place', () => {
  it.each([
    ['a hexadecimal number', '{ "accuracy": 0x1 }', '1:15: JSON syntax error: JSON numbers are decimal: write 0x1 as 1'],
    ['a plus sign', '{ "accuracy": +0.97 }', '1:15: JSON syntax error: a JSON number has no + sign: write +0.97 as 0.97'],
    ['a YAML tag', '{ "accuracy": !!float 0.97 }', '1:15: JSON syntax error: YAML tags (!!float) are not JSON: write the number alone'],
    ['YAML infinity', '{ "accuracy": .inf }', '1:15: JSON syntax error: JSON has no infinity or NaN'],
    ['JavaScript NaN', '{ "accuracy": NaN }', '1:15: JSON syntax error: JSON has no infinity or NaN'],
    ['a leading zero', '{ "accuracy": 00.97 }', '1:15: JSON syntax error: a JSON number has no leading zeros: write 007 as 7'],
    [
      'a bare decimal point',
      '{ "accuracy": .97 }',
      '1:15: JSON syntax error: a JSON number needs a digit before its decimal point: write .97 as 0.97',
    ],
    [
      'a trailing decimal point',
      '{ "accuracy": 1. }',
      '1:15: JSON syntax error: a JSON number needs a digit after its decimal point or exponent: write 1. as 1.0',
    ],
    ['a single-quoted key', "{ 'accuracy': 0.97 }", '1:3: JSON syntax error: expected a key in double quotes, found "\'"'],
    ['an unquoted key (YAML flow style)', '{ accuracy: 0.97 }', '1:3: JSON syntax error: expected a key in double quotes, found "a"'],
    ['a comment', '{ "accuracy": 0.97 } // final', '1:22: JSON syntax error: "/" after the value; a JSON file holds one value'],
    [
      'a trailing comma',
      '{ "accuracy": 0.97, }',
      '1:21: JSON syntax error: expected a key after the comma (JSON allows no trailing comma)',
    ],
    ['a trailing comma in an array', '[0.97, ]', '1:8: JSON syntax error: expected a value before ] (JSON allows no trailing comma)'],
    [
      'a YAML document',
      'accuracy: 0.97\n',
      '1:1: JSON syntax error: expected a value (a number, text in double quotes, true, false, null, an object or an array), found "a"',
    ],
    [
      'two values',
      '{ "accuracy": 0.5 }\n{ "accuracy": 0.97 }\n',
      '2:1: JSON syntax error: "{" after the value; a JSON file holds one value',
    ],
    ['an empty file', ' \n', '2:1: JSON syntax error: the file is empty; a JSON file holds one value'],
    [
      'a raw line break in text',
      '{ "a": "x\ny" }',
      '1:10: JSON syntax error: a control character (U+000A) inside text; write it as an escape such as \\n',
    ],
    ['a lone surrogate', '{ "a": "\\ud800" }', '1:9: JSON syntax error: a lone surrogate escape (\\ud800–\\udbff) is not a character'],
    ['an unknown escape', '{ "a": "\\x41" }', '1:9: JSON syntax error: \\x is not a JSON escape'],
    ['a non-breaking space between tokens', '{\u00a0"a": 1 }', '1:2: JSON syntax error: expected a key in double quotes, found U+00A0'],
    ['text left open', '{ "a": "x }', '1:8: JSON syntax error: text opened here has no closing "'],
    [
      'a duplicate key (JSON.parse keeps the last)',
      '{\n  "accuracy": 0.5,\n  "accuracy": 0.97\n}',
      '3:3: duplicate key "accuracy" (first defined at line 2); keep one',
    ],
    [
      'a duplicate key written with an escape',
      '{ "a": 0.5, "\\u0061": 0.97 }',
      '1:13: duplicate key "a" (first defined at line 1); keep one',
    ],
    ['__proto__', '{ "__proto__": { "accuracy": 0.97 } }', '1:3: the key "__proto__" is not allowed'],
    [
      'a syntax error after a duplicate comes first',
      '{ "a": 1, "a": 2, }',
      '1:19: JSON syntax error: expected a key after the comma (JSON allows no trailing comma)',
    ],
    [
      'nesting deeper than 32 levels',
      `${'['.repeat(33)}1${']'.repeat(33)}`,
      '1:33: JSON syntax error: nesting deeper than 32 levels; flatten the file',
    ],
  ])('%s', (_name, text, expected) => {
    expect(refusal(text)).toBe(expected);
  });

  it('32 levels are read', () => {
    expect(refusal(`${'['.repeat(32)}1${']'.repeat(32)}`)).toBe('accepted');
  });
});
