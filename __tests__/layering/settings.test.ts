// The settings table against the policy schema: every setting a policy may state has its row (a key
// without one would be dropped by the merge and never compared), every row is a setting the schema
// knows, and a new role, gate or criterion needs exactly what a complete policy requires of one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rowsAt, SETTINGS } from '../../src/core/layering/settings.js';

interface Node {
  properties?: Record<string, unknown>;
  required?: string[];
  allOf?: Node[];
}
const schema = JSON.parse(readFileSync(new URL('../../schemas/policy.schema.json', import.meta.url), 'utf8')) as Node & {
  definitions: Record<string, Node>;
};
const keys = (node: Node): string[] => Object.keys(node.properties ?? {});
const required = (name: string): string[] => schema.definitions[name]!.allOf!.flatMap((part) => part.required ?? []);
// The criteria are compared by id across gates: the one row that is not a key of its holder.
const BY_ID = 'criteria';
const rowKeys = (pattern: string[]): string[] =>
  rowsAt(pattern)
    .map((row) => row.path.join('.'))
    .filter((path) => path !== BY_ID)
    .map((path) => path.split('.').at(-1)!);

// What each place of the table holds in the schema; a gate's and a criterion's id name them, and
// version and extends are the file's format and link, not settings of the effective policy.
const places: Array<[string, string[], string[]]> = [
  ['the policy', [], keys(schema).filter((key) => !['version', 'extends'].includes(key))],
  ['the owner role', ['roles', 'owner'], keys(schema.definitions.ownerRoleLayer!)],
  ['a reviewer role', ['roles', '*'], keys(schema.definitions.reviewerRoleLayer!)],
  ['a gate', ['gates', '*'], keys(schema.definitions.gateLayer!).filter((key) => key !== 'id')],
  ['a criterion', ['criteria', '*'], keys(schema.definitions.criterionLayer!).filter((key) => key !== 'id')],
  // The evidence kinds compare and merge themselves (src/core/evidence/*); a role's sign-off is a row.
  ['a criterion’s evidence', ['criteria', '*', 'evidence'], ['signoff']],
];

describe('the settings table', () => {
  it.each(places)('has one row for each setting of %s', (_, pattern, settings) => {
    expect(rowKeys(pattern).sort()).toEqual([...settings].sort());
  });

  it('holds no row outside those places', () => {
    const placed = new Set(places.flatMap(([, pattern]) => rowKeys(pattern).map((key) => [...pattern, key].join('.'))));
    const stray = SETTINGS.map((row) => row.path.join('.')).filter((path) => !placed.has(path) && path !== BY_ID);
    expect(stray).toEqual([]);
  });

  it.each([
    ['reviewer role', ['roles', '*'], required('reviewerRole')],
    ['gate', ['gates', '*'], required('gate').filter((key) => key !== 'id')],
    ['criterion', ['criteria', '*'], required('criterion').filter((key) => key !== 'id')],
  ])('asks a new %s for what a complete policy requires of one', (_, pattern, needs) => {
    const marked = rowsAt(pattern)
      .filter((row) => row.required)
      .map((row) => row.path.at(-1));
    expect(marked.sort()).toEqual([...needs].sort());
  });

  it('words advice for every loosening a row names by case', () => {
    for (const row of SETTINGS) {
      if (row.advice === undefined || typeof row.advice === 'string') continue;
      for (const text of Object.values(row.advice)) expect(text).toMatch(/^a child policy may/);
    }
  });
});
