// Resolving extends chains: the bundled default without IO, the merged (effective) policy, cycles,
// depth, and readers that fail or fetch asynchronously.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { sha256 } from '../../src/core/hash.js';
import { MAX_EXTENDS, resolvePolicy, resolvePolicySync, type PolicyFile } from '../../src/core/layering/index.js';
import { criteriaById, loadPolicy } from '../../src/core/policy.js';
import type { Finding } from '../../src/core/types.js';
import { InputError } from '../../src/core/errors.js';

const ORG = readFileSync(new URL('../fixtures/layering/org-policy.yml', import.meta.url), 'utf8');
const BASE = readFileSync(new URL('../fixtures/layering/base.yml', import.meta.url), 'utf8');
const DEFAULT = loadBundledPolicy('default');
const show = (finding: Finding): string =>
  `${finding.location?.file}:${finding.location?.line}:${finding.location?.column}: ${finding.message}`;
const failing = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.findings.map(show);
    throw error;
  }
  throw new Error('expected an InputError');
};

/** A reader over in-memory files, refusing anything else. */
function memory(files: Record<string, string>) {
  const asked: Array<[string, string]> = [];
  const read = (reference: string, from: string): PolicyFile => {
    asked.push([reference, from]);
    const text = files[reference];
    if (text === undefined) throw new InputError(`${reference}: no such policy in this test`);
    return { text, source: reference, file: reference };
  };
  return { read, asked };
}

describe('extends default, from a fixture file', () => {
  const { read, asked } = memory({});
  const resolved = resolvePolicySync({ text: ORG, source: 'org-policy.yml', file: 'org-policy.yml' }, read);

  it('reads the bundled default without asking the reader', () => {
    expect(asked).toEqual([]);
  });

  it('records the chain, the entry first, each with the sha256 of its text', () => {
    expect(resolved.chain).toEqual([
      { source: 'org-policy.yml', sha256: sha256(ORG) },
      { source: 'default', sha256: DEFAULT.sha256 },
    ]);
    expect(resolved.sha256).toBe(sha256(ORG));
    expect(resolved.source).toBe('org-policy.yml');
    expect(resolved.parent).toBe('default');
  });

  it('lists what the entry tightens, each at its line', () => {
    expect(resolved.tightenings.map(show)).toEqual([
      'org-policy.yml:8:13: roles.legal.window 21d is longer than 14d in default',
      'org-policy.yml:9:17: roles.legal.on_silence block is stricter than consent in default',
      'org-policy.yml:11:5: roles.privacy is a new reviewer role',
      'org-policy.yml:22:36: SEC-2.evidence.date.max_age.high 90d is shorter than 180d in default',
      'org-policy.yml:23:9: SEC-6 is a new criterion in gate security',
      'org-policy.yml:34:9: PRV-1 is a new criterion in the new gate privacy',
      'org-policy.yml:43:39: DR-7.waiver_approvers limits who may approve a waiver of DR-7 to legal, security (default lets any reviewer role approve one)',
      'org-policy.yml:46:40: BUS-4.waiver_approvers limits who may approve a waiver of BUS-4 to legal, security (default lets any reviewer role approve one)',
      'org-policy.yml:49:40: OPS-4.waiver_approvers limits who may approve a waiver of OPS-4 to legal, security (default lets any reviewer role approve one)',
    ]);
  });

  it('merges: what the child states wins, everything else of default remains', () => {
    const policy = resolved.policy;
    expect(policy.name).toBe('acme');
    expect('extends' in policy).toBe(false);
    expect(policy.roles.legal).toEqual({ ...DEFAULT.policy.roles.legal, window: '21d', on_silence: 'block' });
    expect(policy.roles.security).toEqual(DEFAULT.policy.roles.security);
    expect(policy.roles.privacy).toMatchObject({ window: '10d', on_silence: 'block', on_objection: 'block', members: ['acme/privacy'] });
    expect(policy.governed_paths).toEqual(DEFAULT.policy.governed_paths);
    expect(policy.gates.map((g) => g.id)).toEqual([...DEFAULT.policy.gates.map((g) => g.id), 'privacy']);
    expect(policy.gates.find((g) => g.id === 'security')!.criteria.map((c) => c.id)).toEqual([
      'SEC-1',
      'SEC-2',
      'SEC-3',
      'SEC-4',
      'SEC-5',
      'SEC-6',
    ]);
    expect(criteriaById(policy).size).toBe(32);
    // a per-tier map in the child changes only the tier it names
    const sec2 = criteriaById(policy).get('SEC-2')!.criterion;
    const before = criteriaById(DEFAULT.policy).get('SEC-2')!.criterion;
    expect(sec2).toEqual({ ...before, evidence: { ...before.evidence, date: { max_age: { low: '365d', medium: '365d', high: '90d' } } } });
    // the bundled default itself is untouched
    expect(criteriaById(DEFAULT.policy).get('SEC-2')!.criterion.evidence.date!.max_age).toEqual({
      low: '365d',
      medium: '365d',
      high: '180d',
    });
  });

  it('a scalar in the child replaces a per-tier map, and a map over a scalar keeps the scalar for the other tiers', () => {
    const child =
      'version: 1\nextends: base.yml\ngates:\n  - id: security\n    criteria:\n      - id: SEC-1\n        evidence:\n          date: { max_age: 30d }\n          metrics: { coverage: { min: { high: 0.9 } } }\n';
    const merged = resolvePolicySync({ text: child, source: 'c.yml', file: 'c.yml' }, memory({ 'base.yml': BASE }).read).policy;
    const sec1 = criteriaById(merged).get('SEC-1')!.criterion;
    expect(sec1.evidence.date).toEqual({ max_age: '30d' });
    expect(sec1.evidence.metrics!.coverage).toEqual({ min: { low: 0.8, medium: 0.8, high: 0.9 } });
    expect(sec1.evidence.metrics!.open_high).toEqual({ max: { medium: 2, high: 0 } });
  });
});

describe('chains that cannot be resolved', () => {
  const layer = (parent: string) => `version: 1\nextends: ${parent}\n`;

  it('a cycle: a.yml extends b.yml extends a.yml', () => {
    const { read } = memory({ 'a.yml': layer('b.yml'), 'b.yml': layer('a.yml') });
    expect(failing(() => resolvePolicySync({ text: layer('b.yml'), source: 'a.yml', file: 'a.yml' }, read))).toEqual([
      'b.yml:2:10: extends a.yml: the policies extend each other in a cycle (a.yml → b.yml → a.yml); remove one of these extends',
    ]);
  });

  it('a policy that extends itself', () => {
    const { read } = memory({ 'a.yml': layer('a.yml') });
    expect(failing(() => resolvePolicySync({ text: layer('a.yml'), source: 'a.yml', file: 'a.yml' }, read))).toEqual([
      'a.yml:2:10: extends a.yml: the policies extend each other in a cycle (a.yml → a.yml); remove one of these extends',
    ]);
  });

  // p0 extends p1 … extends p{n-1} extends default: n links.
  const chain = (links: number) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < links; i++) files[`p${i}.yml`] = layer(i === links - 1 ? 'default' : `p${i + 1}.yml`);
    return files;
  };

  it(`${MAX_EXTENDS} extends links are allowed`, () => {
    const files = chain(5);
    const resolved = resolvePolicySync({ text: files['p0.yml']!, source: 'p0.yml', file: 'p0.yml' }, memory(files).read);
    expect(resolved.chain.map((c) => c.source)).toEqual(['p0.yml', 'p1.yml', 'p2.yml', 'p3.yml', 'p4.yml', 'default']);
  });

  it('a sixth is refused at the extends that makes it', () => {
    const files = chain(6);
    expect(failing(() => resolvePolicySync({ text: files['p0.yml']!, source: 'p0.yml', file: 'p0.yml' }, memory(files).read))).toEqual([
      'p5.yml:2:10: extends default: p0.yml → p1.yml → p2.yml → p3.yml → p4.yml → p5.yml → default is 6 extends deep, and a policy may be at most 5 deep: fold one of these policies into the one it extends',
    ]);
  });

  it("a reader's error without a place is placed at the extends that asked for it", () => {
    const { read } = memory({});
    expect(failing(() => resolvePolicySync({ text: `# org\n${layer('../org.yml')}`, source: 'repo.yml', file: 'repo.yml' }, read))).toEqual(
      ['repo.yml:3:10: ../org.yml: no such policy in this test'],
    );
  });

  it('an invalid parent is reported in its own file', () => {
    const { read } = memory({ 'base.yml': BASE.replace('window: 14d', 'window: 2 weeks') });
    expect(failing(() => resolvePolicySync({ text: layer('base.yml'), source: 'c.yml', file: 'c.yml' }, read))).toEqual([
      'base.yml:9:20: roles.legal.window must be a duration: a whole number and a unit, such as 30m, 72h, 14d or 2w (got the text "2 weeks")',
    ]);
  });

  it('a loosening anywhere in the chain is an error in the file that loosens', () => {
    const { read } = memory({ 'mid.yml': 'version: 1\nextends: default\nroles:\n  security: { window: 3d }\n' });
    expect(failing(() => resolvePolicySync({ text: layer('mid.yml'), source: 'repo.yml', file: 'repo.yml' }, read))).toEqual([
      'mid.yml:4:23: roles.security.window 3d is shorter than 7d in default: a child policy may only lengthen windows',
    ]);
  });

  it('loadPolicy, which reads one file, points a policy with extends to the resolver', () => {
    expect(failing(() => loadPolicy(ORG, 'org-policy.yml'))).toEqual([
      'org-policy.yml:4:10: this policy extends "default", so it is loaded with its chain: use resolvePolicy (layering/), as `pilot-readiness policy check` does',
    ]);
  });
});

describe('an asynchronous reader (the Action fetching central policies)', () => {
  it('resolves a repository policy over a central one over default, with every sha256 in the chain', async () => {
    const central = 'acme/governance/policies/org.yml@v3';
    const fetched: string[] = [];
    const read = async (reference: string): Promise<PolicyFile> => {
      fetched.push(reference);
      await Promise.resolve();
      return { text: ORG, source: reference, file: reference };
    };
    const repo = `version: 1\nextends: ${central}\nroles:\n  security: { window: 10d }\n`;
    const resolved = await resolvePolicy({ text: repo, source: '.github/pilot-readiness.yml', file: '.github/pilot-readiness.yml' }, read);
    expect(fetched).toEqual([central]);
    expect(resolved.chain).toEqual([
      { source: '.github/pilot-readiness.yml', sha256: sha256(repo) },
      { source: central, sha256: sha256(ORG) },
      { source: 'default', sha256: DEFAULT.sha256 },
    ]);
    expect(resolved.tightenings.map(show)).toEqual([
      `.github/pilot-readiness.yml:4:23: roles.security.window 10d is longer than 7d in ${central}`,
    ]);
    expect(resolved.policy.roles.legal).toMatchObject({ window: '21d' });
  });

  it('a reader that fails stops the resolution with its error, placed at the extends', async () => {
    const read = async (): Promise<PolicyFile> => {
      throw new InputError('policy acme/governance/org.yml@main: acme/governance has no file org.yml at main');
    };
    await expect(
      resolvePolicy({ text: 'version: 1\nextends: acme/governance/org.yml@main\n', source: 'p.yml', file: 'p.yml' }, read),
    ).rejects.toThrow('p.yml:2:10: policy acme/governance/org.yml@main: acme/governance has no file org.yml at main');
  });
});
