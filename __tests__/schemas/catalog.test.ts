// docs/schemastore-catalog.json is the entry to submit to SchemaStore's catalog: editors that read the
// catalog then validate every pilot-readiness.yml without a modeline.
import { readFileSync } from 'node:fs';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA_URL } from '../../src/report/starter-manifest.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const entry = JSON.parse(read('docs/schemastore-catalog.json')) as { name: string; description: string; fileMatch: string[]; url: string };
const manifestSchema = JSON.parse(read('schemas/manifest.schema.json')) as { $id: string };

/** As editors apply a catalog's fileMatch: a pattern without a slash matches the file name in any folder. */
const matched = (path: string): boolean =>
  entry.fileMatch.some((pattern) =>
    pattern.includes('/') ? minimatch(path, pattern, { dot: true }) : minimatch(path.split('/').pop()!, pattern),
  );

describe('docs/schemastore-catalog.json', () => {
  it('has exactly the keys a catalog entry takes, and points at the general manifest schema', () => {
    expect(Object.keys(entry)).toEqual(['name', 'description', 'fileMatch', 'url']);
    expect(entry.name).toBe('pilot-readiness');
    expect(entry.description.length).toBeGreaterThan(20);
    // Any policy's manifests match the file name, so the entry names the schema that knows no policy's criteria.
    expect(entry.url).toBe(manifestSchema.$id);
    expect(entry.url).toBe(MANIFEST_SCHEMA_URL);
  });

  it('matches every manifest path the project uses, and none of its policy files', () => {
    for (const path of [
      'pilot-readiness.yml',
      'pilot-readiness.yaml',
      'examples/claims-triage/pilot-readiness.yml',
      'examples/loan-approval/pilot-readiness.yml',
      'examples/churn-forecast/pilot-readiness.yml',
      'ml/fraud/pilot-readiness.yaml',
    ]) {
      expect(matched(path), path).toBe(true);
    }
    for (const path of [
      '.github/pilot-readiness-policy.yml',
      'policies/default.yml',
      'examples/claims-triage/ops/rollout.yml',
      'pilot-readiness.yml.bak',
    ]) {
      expect(matched(path), path).toBe(false);
    }
  });
});
