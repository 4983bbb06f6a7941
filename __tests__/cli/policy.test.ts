// `pilot-readiness policy check` and `policy diff`, and `check --policy` with a policy that extends
// another, run from dist/ as a user would (npm run build first).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, NOW } from './helpers.js';

const F = '__tests__/fixtures/layering';
const CLAIMS = 'examples/claims-triage/pilot-readiness.yml';

describe('policy check', () => {
  it('a policy that only tightens default: one line, exit 0', () => {
    expect(cli(['policy', 'check', `${F}/org-policy.yml`])).toEqual({
      status: 0,
      stdout: `ok: ${F}/org-policy.yml (7 gates, 32 criteria; extends default: tightens 9 settings)\n`,
      stderr: '',
    });
  });

  it('a complete policy and the bundled default', () => {
    expect(cli(['policy', 'check', `${F}/base.yml`])).toMatchObject({ status: 0, stdout: `ok: ${F}/base.yml (1 gate, 2 criteria)\n` });
    expect(cli(['policy', 'check', 'default'])).toMatchObject({ status: 0, stdout: 'ok: default (6 gates, 30 criteria)\n' });
  });

  it('names what it extends, found by a path relative to the extending file', () => {
    const result = cli(['policy', 'check', `${F}/tight-policy.yml`]);
    expect(result).toMatchObject({
      status: 0,
      stdout: `ok: ${F}/tight-policy.yml (1 gate, 2 criteria; extends ${F}/base.yml: tightens 3 settings)\n`,
    });
  });

  it('lists every loosening on stderr, one line each with file:line:column, exit 2', () => {
    expect(cli(['policy', 'check', `${F}/loose-policy.yml`])).toEqual({
      status: 2,
      stdout: '',
      stderr: [
        `error: ${F}/loose-policy.yml:6:13: roles.legal.window 7d is shorter than 14d in ${F}/base.yml: a child policy may only lengthen windows`,
        `error: ${F}/loose-policy.yml:11:23: SEC-1.required_for drops medium, which ${F}/base.yml requires: a child policy may only add tiers`,
        `error: ${F}/loose-policy.yml:13:39: SEC-1.evidence.metrics.coverage.min 0.5 is below 0.8 in ${F}/base.yml: a child policy may only raise minimums`,
        '',
      ].join('\n'),
    });
  });

  it('a central reference cannot be fetched offline: it says so at the extends line', () => {
    expect(cli(['policy', 'check', `${F}/central-child.yml`])).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: ${F}/central-child.yml:3:10: extends acme/governance/policies/org.yml@v3: central policy references are resolved by the Action; pass a local copy with --policy (or point extends at that copy)\n`,
    });
  });

  it('--format json: the counts, the chain and each tightening; problems on stdout as well as stderr', () => {
    const ok = cli(['policy', 'check', `${F}/tight-policy.yml`, '--format', 'json']);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ ok: true, policy: `${F}/tight-policy.yml`, gates: 1, criteria: 2, extends: `${F}/base.yml` });
    expect(report.chain.map((c: { source: string }) => c.source)).toEqual([`${F}/tight-policy.yml`, `${F}/base.yml`]);
    expect(report.tightens).toEqual([
      {
        setting: 'roles.legal.window',
        message: `roles.legal.window 21d is longer than 14d in ${F}/base.yml`,
        location: { file: `${F}/tight-policy.yml`, line: 6, column: 13 },
      },
      {
        setting: 'roles.legal.on_objection',
        message: `roles.legal.on_objection block is stricter than advise in ${F}/base.yml`,
        location: { file: `${F}/tight-policy.yml`, line: 7, column: 19 },
      },
      {
        setting: 'SEC-2.required_for',
        message: 'SEC-2.required_for adds medium',
        location: { file: `${F}/tight-policy.yml`, line: 12, column: 23 },
      },
    ]);

    const bad = cli(['policy', 'check', `${F}/loose-policy.yml`, '--format', 'json']);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      errors: [{ location: { line: 6, column: 13 } }, { location: { line: 11 } }, { location: { line: 13 } }],
    });
    expect(bad.stderr.split('\n')).toHaveLength(4);
  });

  it('usage errors', () => {
    expect(cli(['policy'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: policy needs a subcommand: use policy check PATH or policy diff A B\n' +
        'usage: pilot-readiness policy check PATH [--format text|json]\n' +
        '       pilot-readiness policy diff A B [--format text|json]\n',
    });
    expect(cli(['policy', 'check'])).toMatchObject({
      status: 2,
      stderr: 'error: policy check takes one policy file: pilot-readiness policy check PATH\n',
    });
    expect(cli(['policy', 'check', 'nope.yml'])).toMatchObject({
      status: 2,
      stderr: 'error: nope.yml: no such file, and not a bundled policy (bundled: default)\n',
    });
    expect(cli(['policy', 'check', 'acme/governance/policies/org.yml@v3'])).toMatchObject({
      status: 2,
      stderr:
        'error: acme/governance/policies/org.yml@v3: central policy references are resolved by the Action; pass a local copy with --policy\n',
    });
  });
});

describe('policy diff', () => {
  it("B only tightens A: the tightenings with B's file:line, exit 0", () => {
    expect(cli(['policy', 'diff', `${F}/base.yml`, `${F}/tight-policy.yml`])).toEqual({
      status: 0,
      stdout: [
        'tightens:',
        `  ${F}/tight-policy.yml:6:13: roles.legal.window 21d is longer than 14d in ${F}/base.yml`,
        `  ${F}/tight-policy.yml:7:19: roles.legal.on_objection block is stricter than advise in ${F}/base.yml`,
        `  ${F}/tight-policy.yml:12:23: SEC-2.required_for adds medium`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('B loosens A: both groups, exit 1', () => {
    expect(cli(['policy', 'diff', `${F}/base.yml`, `${F}/base-v2.yml`])).toEqual({
      status: 1,
      stdout: [
        'tightens:',
        `  ${F}/base-v2.yml:9:20: roles.legal.window 21d is longer than 14d in ${F}/base.yml`,
        'loosens:',
        `  ${F}/base-v2.yml:10:23: roles.security.window 5d is shorter than 7d in ${F}/base.yml`,
        `  ${F}/base-v2.yml:12:5: SEC-2 is removed (${F}/base.yml has it in gate security)`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('the other way round, every change turns over', () => {
    const result = cli(['policy', 'diff', `${F}/tight-policy.yml`, `${F}/base.yml`]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        'loosens:',
        `  ${F}/base.yml:9:20: roles.legal.window 14d is shorter than 21d in ${F}/tight-policy.yml`,
        `  ${F}/base.yml:9:60: roles.legal.on_objection advise is weaker than block in ${F}/tight-policy.yml`,
        `  ${F}/base.yml:29:23: SEC-2.required_for drops medium, which ${F}/tight-policy.yml requires`,
        '',
      ].join('\n'),
    );
  });

  it('identical policies: exit 0', () => {
    expect(cli(['policy', 'diff', 'default', 'default'])).toEqual({
      status: 0,
      stdout: 'default neither tightens nor loosens default\n',
      stderr: '',
    });
  });

  it('--format json', () => {
    const result = cli(['policy', 'diff', `${F}/base.yml`, `${F}/base-v2.yml`, '--format', 'json']);
    expect(result.status).toBe(1);
    const diff = JSON.parse(result.stdout);
    expect(diff.from).toBe(`${F}/base.yml`);
    expect(diff.tightens.map((c: { setting: string }) => c.setting)).toEqual(['roles.legal.window']);
    expect(diff.loosens).toEqual([
      {
        setting: 'roles.security.window',
        message: `roles.security.window 5d is shorter than 7d in ${F}/base.yml`,
        location: { file: `${F}/base-v2.yml`, line: 10, column: 23 },
      },
      {
        setting: 'SEC-2',
        message: `SEC-2 is removed (${F}/base.yml has it in gate security)`,
        location: { file: `${F}/base-v2.yml`, line: 12, column: 5 },
      },
    ]);
  });

  it('invalid input: exit 2', () => {
    expect(cli(['policy', 'diff', `${F}/base.yml`, `${F}/loose-policy.yml`])).toMatchObject({ status: 2, stdout: '' });
    expect(cli(['policy', 'diff', `${F}/base.yml`])).toMatchObject({
      status: 2,
      stderr: 'error: policy diff takes two policies: pilot-readiness policy diff A B (what B changes against A)\n',
    });
  });
});

describe('check --policy with a policy that extends default', () => {
  it('evaluates against the merged policy, records the chain, and replays from the recorded texts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-layers-'));
    const saved = join(dir, 'report.json');
    const result = cli([
      'check',
      CLAIMS,
      '--policy',
      `${F}/org-policy.yml`,
      '--pr',
      'examples/claims-triage/pr-ready.json',
      '--now',
      NOW,
      '--output',
      saved,
    ]);
    expect(result.status).toBe(1);
    const report = JSON.parse(readFileSync(saved, 'utf8'));
    const org = readFileSync(`${F}/org-policy.yml`, 'utf8');
    expect(report.policy).toMatchObject({ name: 'acme', source: `${F}/org-policy.yml`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.policy.chain.map((c: { source: string }) => c.source)).toEqual([`${F}/org-policy.yml`, 'default']);
    expect(report.inputs.policy.text).toBe(org);
    expect(report.inputs.policy.parents.map((p: { source: string }) => p.source)).toEqual(['default']);
    // the org adds the privacy gate and its role: the example has no evidence for them yet
    expect(report.criteria.find((c: { id: string }) => c.id === 'PRV-1')).toMatchObject({ gate: 'privacy', status: 'awaiting_signoff' });
    expect(report.roles.map((r: { role: string }) => r.role)).toEqual(['legal', 'security', 'privacy']);
    expect(cli(['replay', saved])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^same decision: blocked /) });

    // a doctored parent text is noticed
    report.inputs.policy.parents[0].text += '\n# edited\n';
    writeFileSync(saved, JSON.stringify(report));
    expect(cli(['replay', saved]).stdout).toContain(
      "the recorded text of policy default does not match its sha256 in the report's policy chain",
    );
  });

  it('a policy that loosens default is refused before any evaluation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-loose-'));
    writeFileSync(join(dir, 'p.yml'), 'version: 1\nextends: default\nroles:\n  security:\n    on_objection: advise\n');
    const result = cli(['check', CLAIMS, '--policy', join(dir, 'p.yml'), '--now', NOW], { cwd: process.cwd() });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: .*p\.yml:5:19: roles\.security\.on_objection advise is weaker than block in default: a child policy may only turn advise into block\n$/,
    );
  });

  it('--policy with a central reference', () => {
    expect(cli(['check', CLAIMS, '--policy', 'acme/governance/policies/org.yml@v3'])).toMatchObject({
      status: 2,
      stderr:
        'error: --policy acme/governance/policies/org.yml@v3: central policy references are resolved by the Action; pass a local copy with --policy\n',
    });
  });
});
