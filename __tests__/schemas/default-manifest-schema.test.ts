// schemas/manifest.default.schema.json: the manifest schema that knows the bundled default policy, so
// an editor flags what the engine would refuse (an evidence key such as DR-01) before a check runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { evaluate } from '../../src/core/evaluate.js';
import { DEFAULT_MANIFEST_SCHEMA_URL, MANIFEST_SCHEMA_URL, starterManifest } from '../../src/report/starter-manifest.js';
import { criteriaById, loadPolicy, reviewerRoles } from '../../src/core/policy.js';
import { RISK_TIERS, type Policy } from '../../src/core/types.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');
const yaml = (text: string): unknown => load(text, { schema: CORE_SCHEMA });
const FILE = 'schemas/manifest.default.schema.json';
const schema = JSON.parse(read(FILE)) as {
  $id: string;
  properties: Record<'evidence' | 'waivers' | 'reviewers', { properties: Record<string, { description: string }> }>;
};
const DEFAULT = loadBundledPolicy('default');
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);
const errorsOf = (data: unknown): string[] =>
  validate(data)
    ? []
    : (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message}${e.params.additionalProperty ? ` ${String(e.params.additionalProperty)}` : ''}`,
      );

const MINIMAL = { version: 1, pilot: { name: 'churn', risk: 'low' }, owner: 'sam-cto' };
const EXAMPLES = ['claims-triage', 'loan-approval', 'churn-forecast'].map((name) => `examples/${name}/pilot-readiness.yml`);

/** The engine's input errors for a manifest under the bundled default, with every evidence file present. */
function engineErrors(manifest: object): string[] {
  const text = JSON.stringify(manifest);
  const report = evaluate({
    manifest: { path: 'pilot-readiness.yml', text },
    policy: DEFAULT,
    files: { stat: () => 'file' },
    facts: null,
    now: new Date('2026-11-20T12:00:00Z'),
  });
  return report.errors.map((e) => e.message);
}

describe(FILE, () => {
  it('equals a fresh generation from schemas/manifest.schema.json and policies/default.yml', () => {
    const fresh = execFileSync(process.execPath, ['scripts/gen-default-manifest-schema.mjs', '--stdout'], { cwd: ROOT, encoding: 'utf8' });
    expect(read(FILE)).toBe(fresh);
  });

  it("lists exactly the default's criteria, its waivable ones and its open roles, each described by its title", () => {
    const criteria = [...criteriaById(DEFAULT.policy).values()].map(({ criterion }) => criterion);
    expect(Object.keys(schema.properties.evidence.properties)).toEqual(criteria.map((c) => c.id));
    expect(Object.keys(schema.properties.waivers.properties)).toEqual(criteria.filter((c) => c.waivable).map((c) => c.id));
    expect(Object.keys(schema.properties.waivers.properties)).toEqual(['DR-7', 'BUS-4', 'OPS-4']);
    for (const c of criteria) expect(schema.properties.evidence.properties[c.id]!.description).toContain(`${c.id}: ${c.title} (`);
    expect(Object.keys(schema.properties.reviewers.properties)).toEqual(
      reviewerRoles(DEFAULT.policy)
        .filter(([, r]) => !r.members)
        .map(([name]) => name),
    );
  });

  it('flags what the engine refuses under the default: an unknown criterion id, a waiver it does not allow, a role it does not have', () => {
    const waiver = { reason: 'The pentest is booked for next month with the vendor.', expires: '2026-12-01', approved_by: 'security' };
    const cases: Array<[object, string[]]> = [
      [{ evidence: { 'DR-01': { file: 'docs/lineage.md' } } }, ['/evidence must NOT have additional properties DR-01']],
      [{ waivers: { 'SEC-2': waiver } }, ['/waivers must NOT have additional properties SEC-2']],
      [{ reviewers: { privacy: ['pat'] } }, ['/reviewers must NOT have additional properties privacy']],
      [
        { waivers: { 'DR-7': { ...waiver, approved_by: 'owner' } } },
        ['/waivers/DR-7/approved_by must be equal to one of the allowed values'],
      ],
    ];
    expect(engineErrors(MINIMAL)).toEqual([]);
    for (const [extra, expected] of cases) {
      const manifest = { ...MINIMAL, ...extra };
      expect(errorsOf(manifest)).toEqual(expected);
      // The schema says no more than the engine: each of these is an input error there too.
      expect(engineErrors(manifest), JSON.stringify(extra)).toEqual([
        expect.stringMatching(/DR-01|SEC-2 cannot be waived|privacy|approved_by "owner"/),
      ]);
    }
    expect(errorsOf({ ...MINIMAL, evidence: { 'DR-1': { file: 'docs/lineage.md' } }, waivers: { 'DR-7': waiver } })).toEqual([]);
  });

  it.each(EXAMPLES)('accepts %s, which the bundled default judges, and names this schema', (path) => {
    const text = read(path);
    expect(errorsOf(yaml(text))).toEqual([]);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/manifest.default.schema.json');
  });

  it("accepts the README's manifest, which names it", () => {
    const block = read('README.md').match(/```yaml\n(# yaml-language-server: \$schema=(\S+)\n[\s\S]*?)```/);
    expect(block?.[2]).toBe(DEFAULT_MANIFEST_SCHEMA_URL);
    expect(errorsOf(yaml(block![1]!))).toEqual([]);
  });
});

describe('init names the schema that fits its policy', () => {
  const firstLine = (policy: Policy) => starterManifest(policy, { risk: 'high', name: 'churn', owner: 'sam-cto' }).split('\n')[0];

  it("the default's own for the bundled default, and its starter manifests are valid against it for every tier", () => {
    expect(firstLine(DEFAULT.policy)).toBe(`# yaml-language-server: $schema=${DEFAULT_MANIFEST_SCHEMA_URL}`);
    for (const risk of RISK_TIERS)
      expect(errorsOf(yaml(starterManifest(DEFAULT.policy, { risk, name: 'churn', owner: 'sam-cto' })))).toEqual([]);
  });

  it('the general one for any other policy, even one that differs only in a title', () => {
    const other = structuredClone(DEFAULT.policy);
    other.gates[0]!.criteria[0]!.title = 'Lineage, renamed';
    expect(firstLine(other)).toBe(`# yaml-language-server: $schema=${MANIFEST_SCHEMA_URL}`);
    // A copy of the default's text, loaded as a policy file of its own, is the default.
    expect(firstLine(loadPolicy(read('policies/default.yml'), 'copy.yml').policy)).toBe(
      `# yaml-language-server: $schema=${DEFAULT_MANIFEST_SCHEMA_URL}`,
    );
  });
});
