// Every kind of bad input gets one clear line naming file:line:column and what to do, exit code 2,
// and never a stack trace.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, NOW } from './helpers.js';

const M = '__tests__/fixtures/bad-manifests';
const P = '__tests__/fixtures/bad-policies';

const manifests: Array<[string, string]> = [
  ['yaml-syntax.yml', `${M}/yaml-syntax.yml:8:1: YAML syntax error: unexpected end of the stream within a flow collection`],
  ['duplicate-key.yml', `${M}/duplicate-key.yml:6:1: duplicate key "pilot" (first defined at line 2); keep one`],
  ['unknown-key.yml', `${M}/unknown-key.yml:4:3: unknown key "titel" in pilot of the manifest. Did you mean "title"?`],
  ['owner-list.yml', `${M}/owner-list.yml:6:3: owner must be exactly one GitHub login (the ONE accountable executive), not a list`],
  [
    'owner-team.yml',
    `${M}/owner-team.yml:5:8: owner must be exactly one GitHub login (the ONE accountable executive), not a team or a list (got the text "acme/executives")`,
  ],
  ['wrong-type.yml', `${M}/wrong-type.yml:8:30: evidence.DR-2.metrics.completeness must be number, not the text "high"`],
  [
    'unknown-criterion.yml',
    `${M}/unknown-criterion.yml:7:3: unknown criterion id "SEC-22": the policy (default) has no such criterion. Did you mean "SEC-2"? Run \`pilot-readiness explain\` to list them.`,
  ],
  [
    'unknown-tier.yml',
    `${M}/unknown-tier.yml:4:9: unknown risk tier: pilot.risk must be one of low, medium, high, not the text "extreme".`,
  ],
  [
    'alias-bomb.yml',
    `${M}/alias-bomb.yml:6:6: anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out`,
  ],
  ['proto-key.yml', `${M}/proto-key.yml:7:3: the key "__proto__" is not allowed`],
  ['constructor-key.yml', `${M}/constructor-key.yml:7:3: the key "constructor" is not allowed`],
  [
    'path-escape.yml',
    `${M}/path-escape.yml:7:18: evidence path "../../../../../etc/passwd" escapes the repository; evidence must live inside the repository`,
  ],
  ['path-absolute.yml', `${M}/path-absolute.yml:7:18: evidence path "/etc/passwd" is absolute; write it relative to the manifest's folder`],
  ['non-utf8.yml', `${M}/non-utf8.yml:4:13: invalid UTF-8 byte 0xe9: save the file as UTF-8`],
  ['wrong-version.yml', `${M}/wrong-version.yml:1:10: version must be 1, not number 2`],
  [
    'bad-slug.yml',
    `${M}/bad-slug.yml:3:9: pilot.name must be a slug: lowercase letters, digits and dashes, such as claims-triage (got the text "Claims Triage")`,
  ],
  ['metrics-from-number.yml', `${M}/metrics-from-number.yml:8:22: evidence.DR-2.metrics.from must be string, not number 42`],
  [
    'metrics-prefix-without-from.yml',
    `${M}/metrics-prefix-without-from.yml:8:16: evidence.DR-2.metrics.prefix only applies with from: (name the artifact the metrics are read from)`,
  ],
  [
    'metrics-key-extra.yml',
    `${M}/metrics-key-extra.yml:8:53: evidence.DR-2.metrics.completeness must be a number, or { key: where.the.artifact.holds.it } and nothing else`,
  ],
  [
    'model-artifact-digest.yml',
    `${M}/model-artifact-digest.yml:6:43: pilot.model_artifacts[0].sha256 must be the artifact's sha256: 64 lowercase hexadecimal digits, without a sha256: prefix (got the text "sha256:ab12")`,
  ],
  ['metrics-task-empty.yml', `${M}/metrics-task-empty.yml:8:40: evidence.DR-2.metrics.task must not be empty`],
  ['metrics-dataset-empty.yml', `${M}/metrics-dataset-empty.yml:8:43: evidence.DR-2.metrics.dataset must not be empty`],
  [
    'metrics-from-escape.yml',
    `${M}/metrics-from-escape.yml:8:22: metrics artifact path "../../../../secrets/eval.json" escapes the repository; evidence must live inside the repository`,
  ],
  [
    'weaken-policy.yml',
    `${M}/weaken-policy.yml:6:1: "roles" belongs to the policy, not the manifest: a manifest cannot set roles, windows or gates. Ask the policy owners to change the policy.`,
  ],
];

const policies: Array<[string, string]> = [
  [
    'bad-duration.yml',
    `${P}/bad-duration.yml:4:20: roles.legal.window must be a duration: a whole number and a unit, such as 30m, 72h, 14d or 2w (got the text "2 weeks")`,
  ],
  [
    'duplicate-criterion.yml',
    `${P}/duplicate-criterion.yml:14:13: criterion id "SEC-1" is already used in gate "security"; criterion ids must be unique`,
  ],
  [
    'unknown-key.yml',
    `${P}/unknown-key.yml:12:9: unknown key "alow_not_applicable" in gates[0].criteria[0] of the policy. Did you mean "allow_not_applicable"?`,
  ],
  [
    'unknown-signoff-role.yml',
    `${P}/unknown-signoff-role.yml:14:30: SEC-1 asks for sign-off by role "secruity", which the policy does not define. Add it under roles.`,
  ],
  [
    'bad-remind.yml',
    `${P}/bad-remind.yml:4:75: roles.legal.remind must be a duration such as 2d or 36h, or false for no reminder (got the text "none")`,
  ],
  [
    'remind-off-consent.yml',
    `${P}/remind-off-consent.yml:8:13: roles.legal.remind is false, but consent_requires_reminder is on for high (the default for high), so silence could never count as consent: give remind a duration (for example 2d), or set consent_requires_reminder: false`,
  ],
  [
    'unknown-tier.yml',
    `${P}/unknown-tier.yml:11:24: unknown risk tier: gates[0].criteria[0].required_for[0] must be one of low, medium, high, not the text "critical".`,
  ],
  [
    'bad-metrics-source.yml',
    `${P}/bad-metrics-source.yml:16:47: gates[0].criteria[0].evidence.metrics.margin.metrics_source must be one of artifact, any, not the text "typed".`,
  ],
  [
    'unknown-fixed-before.yml',
    `${P}/unknown-fixed-before.yml:16:51: metric threshold of BUS-3 is fixed before the evaluation of "BUS-33", which is not a criterion of the policy. Did you mean "BUS-3"? Name the criterion whose evidence is that evaluation`,
  ],
  ['bad-min-bytes.yml', `${P}/bad-min-bytes.yml:15:30: gates[0].criteria[0].evidence.file.min_bytes must be >= 1`],
  ['empty-headings.yml', `${P}/empty-headings.yml:15:29: gates[0].criteria[0].evidence.file.headings must not be empty`],
  [
    'unknown-thresholds-role.yml',
    `${P}/unknown-thresholds-role.yml:2:26: thresholds_confirmed_by names role "lawyers", which is not a reviewer role of the policy. Name the role that must confirm a threshold changed with its evaluation`,
  ],
];

function expectCleanFailure(result: ReturnType<typeof cli>, line: string) {
  expect(result.status).toBe(2);
  expect(result.stderr).toBe(`error: ${line}\n`);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('bad manifests', () => {
  it.each(manifests)('%s', (file, line) => {
    expectCleanFailure(cli(['check', `${M}/${file}`, '--now', NOW]), line);
  });

  it('a manifest over 1 MiB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-big-'));
    const path = join(dir, 'pilot-readiness.yml');
    writeFileSync(path, `version: 1\n# ${'x'.repeat(1024 * 1024)}\n`);
    const result = cli(['check', 'pilot-readiness.yml'], { cwd: dir });
    expectCleanFailure(result, `pilot-readiness.yml:1:1: file is ${1024 * 1024 + 14} bytes; the limit is 1048576 bytes (1 MiB)`);
  });

  it('the JSON report carries the same errors with locations', () => {
    const result = cli(['check', `${M}/unknown-tier.yml`, '--format', 'json', '--now', NOW]);
    expect(result.status).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.decision).toBe('blocked');
    expect(report.errors).toEqual([
      {
        message: 'unknown risk tier: pilot.risk must be one of low, medium, high, not the text "extreme".',
        location: { file: `${M}/unknown-tier.yml`, line: 4, column: 9 },
      },
    ]);
  });
});

describe('bad policies', () => {
  it.each(policies)('%s', (file, line) => {
    expectCleanFailure(cli(['check', 'examples/claims-triage/pilot-readiness.yml', '--policy', `${P}/${file}`, '--now', NOW]), line);
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], 'error: unknown command "frobnicate"; run pilot-readiness --help\n'],
    [['check', '--format', 'xml'], 'error: --format xml: use text, json, markdown or sarif\n'],
    [
      ['check', 'examples/claims-triage/pilot-readiness.yml', '--now', 'yesterday'],
      'error: --now yesterday: not a date (YYYY-MM-DD, such as 2026-11-20) or a date-time with a time zone (such as 2026-11-20T12:00:00Z)\n',
    ],
    [['check', 'nope.yml'], 'error: nope.yml: no such file\n'],
    [
      ['check', 'examples/claims-triage/pilot-readiness.yml', '--policy', 'strict'],
      'error: --policy strict: no such file, and not a bundled policy (bundled: default)\n',
    ],
    [['init', '--risk', 'extreme'], 'error: --risk extreme: use one of low, medium, high\n'],
    [
      ['explain', 'SEC-9'],
      'error: no criterion "SEC-9" in policy default. Did you mean "SEC-1"? Run `pilot-readiness explain` for the list.\n',
    ],
  ])('%j', (args, stderr) => {
    const result = cli(args);
    expect(result.stderr).toBe(stderr);
    expect(result.status).toBe(2);
  });

  it('a manifest in a folder that does not exist, outside any git repository, is a missing file (not a bug)', () => {
    const outside = mkdtempSync(join(tmpdir(), 'pr-nowhere-'));
    const result = cli(['check', 'nowhere/pilot-readiness.yml', '--now', NOW], { cwd: outside });
    expect(result.stderr).toBe('error: nowhere/pilot-readiness.yml: no such file\n');
    expect(result.status).toBe(2);
  });

  it('an unknown option names itself and shows the usage of its command', () => {
    const result = cli(['check', '--polcy', 'default']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: check has no option --polcy\nusage: pilot-readiness check \[MANIFEST\]/);
  });
});

describe('a file the CLI cannot write is a usage error (exit 2) naming the fix, never an internal error', () => {
  const MANIFEST = join(process.cwd(), 'examples/claims-triage/pilot-readiness.yml');
  const dir = mkdtempSync(join(tmpdir(), 'pr-output-'));
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'plain.txt'), 'x');

  it.each([
    [
      'a folder that does not exist',
      ['check', MANIFEST, '--now', NOW, '--output', 'no/such/dir/r.json'],
      'error: --output no/such/dir/r.json: the folder no/such/dir does not exist; create it first (mkdir -p no/such/dir) or name a file in an existing folder\n',
    ],
    [
      'an absolute path into a folder that does not exist',
      ['check', MANIFEST, '--now', NOW, '--output', '/no/such/dir/r.json'],
      'error: --output /no/such/dir/r.json: the folder /no/such/dir does not exist; create it first (mkdir -p /no/such/dir) or name a file in an existing folder\n',
    ],
    [
      'a folder whose name a shell would split or run, quoted in the advice as one word',
      ['check', MANIFEST, '--now', NOW, '--output', "no such;rm -rf x'/r.json"],
      `error: --output no such;rm -rf x'/r.json: the folder no such;rm -rf x' does not exist; create it first (mkdir -p 'no such;rm -rf x'\\''') or name a file in an existing folder\n`,
    ],
    [
      'a folder',
      ['check', MANIFEST, '--now', NOW, '--output', 'reports'],
      'error: --output reports is a folder; name a file inside it, such as reports/report.json\n',
    ],
    [
      'a path beneath a file',
      ['check', MANIFEST, '--now', NOW, '--output', 'plain.txt/r.json'],
      'error: --output plain.txt/r.json: plain.txt is not a folder (a file stands on the way); name a file in an existing folder\n',
    ],
    [
      "init's manifest in a folder that does not exist",
      ['init', '--risk', 'low', '--output', 'pilots/new/pilot-readiness.yml'],
      'error: --output pilots/new/pilot-readiness.yml: the folder pilots/new does not exist; create it first (mkdir -p pilots/new) or name a file in an existing folder\n',
    ],
    [
      'portfolio --merge into a folder that does not exist',
      ['portfolio', '--merge', 'none.json', '--output', 'no/p.json'],
      'error: --output no/p.json: the folder no does not exist; create it first (mkdir -p no) or name a file in an existing folder\n',
    ],
    [
      'portfolio --state in a folder that does not exist, refused before the organisation is read',
      ['portfolio', '--org', 'acme', '--state', 'no/state.json'],
      'error: --state no/state.json: the folder no does not exist; create it first (mkdir -p no) or name a file in an existing folder\n',
    ],
    [
      'verify --output in a folder that does not exist, refused before GitHub is asked',
      ['verify', '--sha', 'abc', '--repo', 'acme/x', '--output', 'no/v.json'],
      'error: --output no/v.json: the folder no does not exist; create it first (mkdir -p no) or name a file in an existing folder\n',
    ],
  ])('%s', (_name, args, stderr) => {
    // GitHub is a closed port here: a command that went on to read it would fail, never reach the internet.
    const env = { GITHUB_TOKEN: 'x', GITHUB_API_URL: 'http://127.0.0.1:9', PILOT_READINESS_RETRY_UNIT_MS: '1' };
    const result = cli(args, { cwd: dir, env });
    expect(result.stderr).toBe(stderr);
    expect(result.status).toBe(2);
  });

  it('control: a file in an existing folder is written, the report on stdout as well', () => {
    const result = cli(['check', MANIFEST, '--now', NOW, '--format', 'json', '--output', 'reports/r.json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'r.json'), 'utf8')).decision).toBe(JSON.parse(result.stdout).decision);
  });

  // Root may write anywhere: the permission row runs for everyone else.
  it.skipIf(process.getuid?.() === 0)('a folder without write permission', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      const result = cli(['check', MANIFEST, '--now', NOW, '--output', 'locked/r.json'], { cwd: dir });
      expect(result.stderr).toBe(
        'error: --output locked/r.json: permission denied; choose a path you may write to, or change the permissions of locked\n',
      );
      expect(result.status).toBe(2);
    } finally {
      chmodSync(locked, 0o755);
      rmSync(locked, { recursive: true });
    }
  });
});
