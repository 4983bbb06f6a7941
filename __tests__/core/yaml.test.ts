import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
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
  const source = ['version: 1', 'pilot:', '  name: x   # comment', '  risk: "high"', 'evidence:', '  A: { file: a.md, date: 2026-10-02 }', '  B:', '    - one', '    - two', ''].join('\n');

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
    ['a: &x 1\nb: *x\n', 'x.yml:1:4: anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out'],
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
