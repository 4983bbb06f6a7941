// Editors show a schema's descriptions on hover and in completion lists: every property of the
// manifest, policy and facts schemas (and every definition) must say what it means.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON pointers of every property, additionalProperties schema and definition without a description, anywhere in the schema. */
function undescribed(schema: Node): string[] {
  const missing: string[] = [];
  const needs = (node: unknown, pointer: string) => {
    // `true` (any value) in an allOf branch's properties only marks a key as required there.
    if (isNode(node) && !(typeof node.description === 'string' && node.description.trim().length > 0)) missing.push(pointer);
  };
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${pointer}/${i}`);
      return;
    }
    if (!isNode(node)) return;
    for (const group of ['properties', 'definitions']) {
      if (isNode(node[group])) for (const [key, child] of Object.entries(node[group])) needs(child, `${pointer}/${group}/${key}`);
    }
    needs(node.additionalProperties, `${pointer}/additionalProperties`);
    for (const [key, child] of Object.entries(node)) if (key !== 'enum' && key !== 'const') walk(child, `${pointer}/${key}`);
  };
  walk(schema, '#');
  return missing;
}

describe.each(['manifest', 'policy', 'facts', 'manifest.default'])('schemas/%s.schema.json', (name) => {
  const schema = JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8')) as Node;

  it('describes every property, additionalProperties schema and definition', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});

describe('undescribed', () => {
  it('finds properties, nested and referenced definitions, and object additionalProperties without a description', () => {
    const schema = {
      properties: { a: { type: 'string', description: 'ok' }, b: { type: 'object', properties: { c: { type: 'number' } } }, d: true },
      additionalProperties: { type: 'string' },
      definitions: { e: { description: ' ' }, f: { description: 'ok', additionalProperties: false } },
      allOf: [{ properties: { g: { const: 1 } } }],
    };
    expect(undescribed(schema)).toEqual([
      '#/properties/b',
      '#/definitions/e',
      '#/additionalProperties',
      '#/properties/b/properties/c',
      '#/allOf/0/properties/g',
    ]);
  });
});
