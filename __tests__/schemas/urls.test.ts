// The schemas' published URL is defined once (src/report/starter-manifest.ts): every $id, modeline and document
// that names a schema must name it the same way, or an editor would fetch a schema that is not there.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA_URL, SCHEMA_BASE_URL, schemaUrl } from '../../src/report/starter-manifest.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');
const SCHEMA_FILES = readdirSync(new URL('schemas/', ROOT))
  .filter((f) => f.endsWith('.schema.json'))
  .sort();

describe('schema URLs', () => {
  it.each(SCHEMA_FILES)('schemas/%s has the $id of its published URL', (file) => {
    const schema = JSON.parse(read(`schemas/${file}`)) as { $id: string };
    expect(schema.$id).toBe(schemaUrl(file.replace(/\.schema\.json$/, '') as Parameters<typeof schemaUrl>[0]));
  });

  // The release workflow moves no tag (releases are pinned by commit sha): a URL at a major tag would
  // stay at the commit the tag was last put on. The editor schema follows main, as SchemaStore's does.
  it('are the raw files of this repository on its main branch, never at a tag', () => {
    expect(SCHEMA_BASE_URL).toBe('https://raw.githubusercontent.com/pilot-readiness/pilot-readiness/main/schemas/');
    const catalog = JSON.parse(read('docs/schemastore-catalog.json')) as { url: string };
    expect(catalog.url).toBe(schemaUrl('manifest'));
    // The README's workflows use the Action from the same repository.
    expect(read('README.md')).toContain('uses: pilot-readiness/pilot-readiness@');
    expect(MANIFEST_SCHEMA_URL).toBe(`${SCHEMA_BASE_URL}manifest.schema.json`);
  });

  it('every absolute schema URL in the documentation names a schema that exists here', () => {
    const docs = [
      'README.md',
      ...readdirSync(new URL('docs/', ROOT))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const urls = docs.flatMap((doc) => [...read(doc).matchAll(/\$schema=(\S+)/g)].map((m) => m[1]!)).filter((u) => u.startsWith('http'));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url.startsWith(SCHEMA_BASE_URL), url).toBe(true);
      expect(SCHEMA_FILES).toContain(url.slice(SCHEMA_BASE_URL.length));
    }
  });
});
