import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { decodeUtf8, MAX_YAML_BYTES, parseYaml } from '../../src/core/yaml.js';

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseYaml', () => {
  const source = [
    'version: 1',
    'pilot:',
    '  name: x   # comment',
    '  risk: "high"',
    'evidence:',
    '  A: { file: a.md, date: 2026-10-02 }',
    '  B:',
    '    - one',
    '    - two',
    '',
  ].join('\n');

  it('keeps dates as strings and builds plain data', () => {
    expect(parseYaml(source, 'm.yml').data).toEqual({
      version: 1,
      pilot: { name: 'x', risk: 'high' },
      evidence: { A: { file: 'a.md', date: '2026-10-02' }, B: ['one', 'two'] },
    });
  });

  it('locates values, keys, flow items and sequence items (1-based)', () => {
    const parsed = parseYaml(source, 'm.yml');
    expect(parsed.locate(['pilot', 'risk'])).toEqual({ file: 'm.yml', line: 4, column: 9 });
    expect(parsed.locateKey(['pilot', 'risk'])).toEqual({ file: 'm.yml', line: 4, column: 3 });
    expect(parsed.locate(['evidence', 'A', 'date'])).toEqual({ file: 'm.yml', line: 6, column: 26 });
    expect(parsed.locate(['evidence', 'B', 1])).toEqual({ file: 'm.yml', line: 9, column: 7 });
    // a path that does not exist falls back to its nearest ancestor
    expect(parsed.locate(['evidence', 'Z', 'file'])).toEqual(parsed.locate(['evidence']));
    expect(parsed.has(['evidence', 'A'])).toBe(true);
    expect(parsed.has(['evidence', 'Z'])).toBe(false);
  });

  it.each([
    ['a: 1\na: 2\n', 'x.yml:2:1: duplicate key "a" (first defined at line 1); keep one'],
    [
      'a: &x 1\nb: *x\n',
      'x.yml:1:4: anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out',
    ],
    ['__proto__: 1\n', 'x.yml:1:1: the key "__proto__" is not allowed'],
    ['a:\n  constructor: 1\n', 'x.yml:2:3: the key "constructor" is not allowed'],
    ['? [a]\n: 1\n', 'x.yml:1:3: only plain text keys are accepted'],
    ['a: 1\n---\nb: 2\n', 'x.yml:1:1: expected one YAML document, found several (remove the extra `---`)'],
  ])('refuses %j', (text, message) => {
    expect(errorOf(() => parseYaml(text, 'x.yml'))).toBe(message);
  });

  it('reports syntax errors at their line', () => {
    expect(errorOf(() => parseYaml('a: [1, 2\nb: 3\n', 'x.yml'))).toMatch(/^x\.yml:\d+:\d+: YAML syntax error: /);
  });

  it('refuses deep nesting without overflowing the stack', () => {
    expect(errorOf(() => parseYaml(`${'['.repeat(5000)}${']'.repeat(5000)}`, 'x.yml'))).toMatch(/^x\.yml:1:\d+: YAML syntax error: /);
  });
});

describe('decodeUtf8', () => {
  it('names the line and column of the first invalid byte', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(errorOf(() => decodeUtf8(bytes, 'u.yml'))).toBe('u.yml:2:7: invalid UTF-8 byte 0xe9: save the file as UTF-8');
  });
  it('refuses files over 1 MiB', () => {
    expect(errorOf(() => decodeUtf8(new Uint8Array(MAX_YAML_BYTES + 1), 'big.yml'))).toBe(
      `big.yml:1:1: file is ${MAX_YAML_BYTES + 1} bytes; the limit is ${MAX_YAML_BYTES} bytes (1 MiB). Keep evidence in separate files and reference them.`,
    );
  });
  it('accepts UTF-8 text, multi-byte characters included', () => {
    expect(decodeUtf8(Buffer.from('title: Café ✓\n'), 'ok.yml')).toBe('title: Café ✓\n');
  });
});

describe('the data parseYaml builds', () => {
  // It builds the data in the same pass that records positions; js-yaml's own loader is the reference.
  const files = [
    'policies/default.yml',
    'examples/claims-triage/pilot-readiness.yml',
    'examples/loan-approval/pilot-readiness.yml',
    'examples/churn-forecast/pilot-readiness.yml',
  ];
  it.each(files)('equals js-yaml load() for %s', (file) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(parseYaml(text, file).data).toEqual(load(text, { schema: CORE_SCHEMA }));
  });

  it.each([
    [
      'scalars of every core type',
      'a: ~\nb: null\nc: true\nd: False\ne: 12\nf: -0x1F\ng: 0o17\nh: 1.5e3\ni: .inf\nj: -.Inf\nk: .nan\nl: "12"\nm: \'true\'\nn: 2026-10-02\no:\n',
    ],
    [
      'block and flow collections',
      'a: [1, "two", {b: c}]\nd:\n  - e\n  - f: [g]\n    h: |\n      line one\n      line two\n    i: >-\n      folded\n      text\n',
    ],
    ['an empty document', ''],
    ['a top-level list', '- 1\n- [2, 3]\n'],
    ["explicit tags, through js-yaml's constructor", 'a: !!str 12\nb: [!!str true]\n'],
  ])('equals js-yaml load() for %s', (_name, text) => {
    const expected = text.trim() === '' ? null : load(text, { schema: CORE_SCHEMA });
    const data = parseYaml(text, 'x.yml').data;
    if (Number.isNaN((expected as { k?: number } | null)?.k)) expect(Number.isNaN((data as { k: number }).k)).toBe(true);
    expect(JSON.stringify(data)).toBe(JSON.stringify(expected));
    expect(data).toEqual(expected);
  });
});
