// The schemas' published URL is defined once (src/core/init.ts): every $id, modeline and document
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

  it("are the raw files of this repository at the moving tag of the package's major version", () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(SCHEMA_BASE_URL).toBe(`https://raw.githubusercontent.com/pilot-readiness/pilot-readiness/v${version.split('.')[0]}/schemas/`);
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
