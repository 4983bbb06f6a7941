// Layers that try to widen who may approve, through the built CLI (npm run build first). Each row
// writes a parent policy, an attacker's layer over it (`policy check`: a loosening is refused, exit 2,
// at the layer's own line) and, where a rewrite says the same thing, a complete policy compared with
// the parent (`policy diff`: exit 1, the loosening at the rewrite's line). Rows that are safe say so:
// exit 0. Every location is in the file under review, never in the parent.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/helpers.js';

const BASE = readFileSync(join(ROOT, '__tests__', 'fixtures', 'layering', 'base.yml'), 'utf8');

/** One edit of the parent text, checked to apply. */
const swap = (from: string, to: string) => (text: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};
const WAIVABLE = '        waivable: true\n';
/** base.yml where only security may approve a waiver of SEC-1 (its one waivable criterion). */
const SECURITY_WAIVERS = swap(WAIVABLE, `${WAIVABLE}        waiver_approvers: [security]\n`);
/** base.yml with a cap on how long a criterion stays waived across renewals (line 7). */
const CAPPED = swap('max_waiver: 60d\n', 'max_waiver: 60d\nmax_waiver_total: 120d\n');
/** base.yml naming who approves changes to it (line 7). */
const OWNED = swap('max_waiver: 60d\n', 'max_waiver: 60d\npolicy_owners: [gov-lead]\n');

interface Row {
  name: string;
  /** The parent: base.yml, or base.yml edited. */
  parent?: (text: string) => string;
  /** The layer's lines after `version: 1` and `extends: parent.yml` (so from line 3). */
  layer: string;
  /** `policy check child.yml`: exit status, and for a refusal the line:column and message. */
  check: { status: 0 } | { status: 2; at: string; says: string };
  /** `policy diff parent.yml rewrite.yml`, where rewrite.yml is the parent edited. */
  diff?: { edit: (text: string) => string; status: 0 } | { edit: (text: string) => string; status: 1; at: string; says: string };
}

const PRIVACY = 'privacy: { window: 5d, on_silence: block, on_objection: block }';
const SEC = (id: string, line: string) => `gates:\n  - id: security\n    criteria:\n      - id: ${id}\n        ${line}\n`;

const rows: Row[] = [
  {
    name: 'a member added to a role whose members the parent fixes',
    layer: 'roles:\n  security: { members: [acme/appsec, dev-buddy] }\n',
    check: { status: 2, at: '4:24', says: 'roles.security.members adds dev-buddy, whom parent.yml does not let approve for security' },
    diff: {
      edit: swap('members: [acme/appsec]', 'members: [acme/appsec, dev-buddy]'),
      status: 1,
      at: '10:76',
      says: 'roles.security.members adds dev-buddy, whom parent.yml does not let approve for security',
    },
  },
  {
    name: 'a team added to a role whose members the parent fixes',
    layer: 'roles:\n  security:\n    members:\n      - acme/appsec\n      - acme/dev-buddies\n',
    check: { status: 2, at: '6:7', says: 'roles.security.members adds acme/dev-buddies' },
    diff: {
      edit: swap('members: [acme/appsec]', 'members: [acme/appsec, acme/dev-buddies]'),
      status: 1,
      at: '10:76',
      says: 'roles.security.members adds acme/dev-buddies, whom parent.yml does not let approve for security',
    },
  },
  {
    name: 'the fixed members replaced by the attacker',
    layer: 'roles:\n  security: { members: [dev-buddy] }\n',
    check: { status: 2, at: '4:24', says: 'roles.security.members adds dev-buddy' },
  },
  {
    name: 'fixed members dropped (a layer cannot empty them; a rewrite can drop the key)',
    layer: 'roles:\n  security: { members: [] }\n',
    check: { status: 2, at: '4:24', says: 'roles.security.members must not be empty' },
    diff: {
      edit: swap(', members: [acme/appsec]', ''),
      status: 1,
      at: '10:13',
      says: 'roles.security.members is removed, so the manifest would name the reviewers',
    },
  },
  {
    name: 'the cap on waivers across renewals raised',
    parent: CAPPED,
    layer: 'max_waiver_total: 365d\n',
    check: {
      status: 2,
      at: '3:19',
      says: 'max_waiver_total 365d is longer than 120d in parent.yml: a child policy may only shorten max_waiver_total',
    },
    diff: {
      edit: swap('max_waiver_total: 120d', 'max_waiver_total: 365d'),
      status: 1,
      at: '7:19',
      says: 'max_waiver_total 365d is longer than 120d in parent.yml',
    },
  },
  {
    name: 'the cap on waivers across renewals dropped by a rewrite',
    parent: CAPPED,
    layer: 'max_waiver_total: 90d\n',
    check: { status: 0 },
    diff: {
      edit: swap('max_waiver_total: 120d\n', ''),
      status: 1,
      at: '2:1',
      says: 'max_waiver_total is removed: a criterion could stay waived renewal after renewal (parent.yml caps it at 120d)',
    },
  },
  {
    name: 'a new role named by an existing criterion’s sign-off',
    parent: SECURITY_WAIVERS,
    layer: `roles:\n  ${PRIVACY}\n${SEC('SEC-2', 'evidence: { signoff: privacy }')}`,
    check: {
      status: 2,
      at: '4:12',
      says: 'roles.privacy is a new reviewer role that could approve what parent.yml leaves to its own roles: its approval would meet the sign-off of SEC-2',
    },
    diff: {
      edit: (text) =>
        swap(
          'evidence: { file: {}, signoff: security }',
          'evidence: { file: {}, signoff: privacy }',
        )(swap('roles:\n', `roles:\n  ${PRIVACY}\n`)(text)),
      status: 1,
      at: '8:12',
      says: 'roles.privacy is a new reviewer role that could approve what parent.yml leaves to its own roles: its approval would meet the sign-off of SEC-2',
    },
  },
  {
    name: 'a new role while any reviewer role may approve a waiver',
    layer: `roles:\n  ${PRIVACY}\n`,
    check: {
      status: 2,
      at: '4:12',
      says: 'roles.privacy is a new reviewer role that could approve what parent.yml leaves to its own roles: a waiver of SEC-1 could name it in approved_by',
    },
    diff: {
      edit: swap('roles:\n', `roles:\n  ${PRIVACY}\n`),
      status: 1,
      at: '8:12',
      says: 'roles.privacy is a new reviewer role that could approve what parent.yml leaves to its own roles: a waiver of SEC-1 could name it in approved_by',
    },
  },
  {
    name: 'a new role put into waiver_approvers',
    parent: SECURITY_WAIVERS,
    layer: `roles:\n  ${PRIVACY}\n${SEC('SEC-1', 'waiver_approvers: [security, privacy]')}`,
    check: { status: 2, at: '9:27', says: 'SEC-1.waiver_approvers adds privacy, which parent.yml does not let approve a waiver of SEC-1' },
  },
  {
    name: 'waiver_approvers widened to an existing role',
    parent: SECURITY_WAIVERS,
    layer: SEC('SEC-1', 'waiver_approvers: [security, legal]'),
    check: { status: 2, at: '7:27', says: 'SEC-1.waiver_approvers adds legal, which parent.yml does not let approve a waiver of SEC-1' },
    diff: {
      edit: swap('waiver_approvers: [security]', 'waiver_approvers: [security, legal]'),
      status: 1,
      at: '21:27',
      says: 'SEC-1.waiver_approvers adds legal, which parent.yml does not let approve a waiver of SEC-1',
    },
  },
  {
    name: 'waiver_approvers dropped by a rewrite',
    parent: SECURITY_WAIVERS,
    layer: SEC('SEC-1', 'waivable: true'),
    check: { status: 0 },
    diff: {
      edit: swap('        waiver_approvers: [security]\n', ''),
      status: 1,
      at: '15:9',
      says: 'SEC-1.waiver_approvers is removed, so any reviewer role could approve a waiver of SEC-1',
    },
  },
  {
    name: 'a new role when every waivable criterion names its waiver approvers: accepted',
    parent: SECURITY_WAIVERS,
    layer: `roles:\n  ${PRIVACY}\n`,
    check: { status: 0 },
    diff: { edit: swap('roles:\n', `roles:\n  ${PRIVACY}\n`), status: 0 },
  },
  {
    name: 'a new role in the same layer that restricts every waivable criterion’s approvers: accepted',
    layer: `roles:\n  ${PRIVACY}\n${SEC('SEC-1', 'waiver_approvers: [security, legal]')}`,
    check: { status: 0 },
  },
  {
    name: 'a new role that confirms lowered risk tiers',
    parent: SECURITY_WAIVERS,
    layer: `tier_confirmed_by: privacy\nroles:\n  ${PRIVACY}\n`,
    check: {
      status: 2,
      at: '5:12',
      says: 'roles.privacy is a new reviewer role that could approve what parent.yml leaves to its own roles: it would confirm a lowered risk tier (tier_confirmed_by)',
    },
  },
  {
    name: 'tier_confirmed_by changed to another role',
    parent: swap('max_waiver: 60d\n', 'max_waiver: 60d\ntier_confirmed_by: security\n'),
    layer: 'tier_confirmed_by: legal\n',
    check: { status: 2, at: '3:20', says: 'tier_confirmed_by legal replaces security as the role that confirms a lowered risk tier' },
    diff: {
      edit: swap('tier_confirmed_by: security', 'tier_confirmed_by: legal'),
      status: 1,
      at: '7:20',
      says: 'tier_confirmed_by legal replaces security',
    },
  },
  {
    name: 'people added to roles.owner.allowed',
    layer: 'roles:\n  owner: { allowed: [acme/executives, maria, dev-lin] }\n',
    check: { status: 2, at: '4:21', says: 'roles.owner.allowed adds dev-lin, which parent.yml does not allow' },
    diff: {
      edit: swap('allowed: [acme/executives, maria]', 'allowed: [acme/executives, maria, dev-lin]'),
      status: 1,
      at: '8:40',
      says: 'roles.owner.allowed adds dev-lin, which parent.yml does not allow',
    },
  },
  {
    name: 'allow_self: true, so the author may be the accountable owner',
    parent: swap('allow_self: true', 'allow_self: false'),
    layer: 'roles:\n  owner: { allow_self: true }\n',
    check: { status: 2, at: '4:24', says: 'roles.owner.allow_self true is weaker than false in parent.yml' },
    diff: {
      edit: swap('allow_self: false', 'allow_self: true'),
      status: 1,
      at: '8:78',
      says: 'roles.owner.allow_self true is weaker than false in parent.yml',
    },
  },
  {
    name: "the parent's policy owners widened: one more who could approve a loosening",
    parent: OWNED,
    layer: 'policy_owners: [gov-lead, dev-buddy]\n',
    check: { status: 2, at: '3:16', says: 'policy_owners adds dev-buddy, who could then approve a loosening' },
    diff: {
      edit: swap('policy_owners: [gov-lead]', 'policy_owners: [gov-lead, dev-buddy]'),
      status: 1,
      at: '7:16',
      says: 'policy_owners adds dev-buddy, who could then approve a loosening',
    },
  },
  {
    name: "the parent's policy owners replaced by the attacker",
    parent: OWNED,
    layer: 'policy_owners: [dev-buddy]\n',
    check: { status: 2, at: '3:16', says: 'policy_owners adds dev-buddy, who could then approve a loosening' },
  },
  {
    name: 'a branch of the attacker’s added to the branches whose pull requests may pass',
    parent: swap('version: 1\n', 'version: 1\nbranches: [main]\n'),
    layer: 'branches: [main, "mallory-*"]\n',
    check: { status: 2, at: '3:11', says: 'branches adds "mallory-*", which parent.yml does not gate' },
    diff: {
      edit: swap('branches: [main]', 'branches: [main, "mallory-*"]'),
      status: 1,
      at: '3:11',
      says: 'branches adds "mallory-*", which parent.yml does not gate',
    },
  },
  {
    name: 'every branch gated, over a parent that gates the default branch alone',
    layer: 'branches: ["*"]\n',
    check: { status: 2, at: '3:11', says: 'branches lists "*", where parent.yml gates only the repository\'s default branch' },
  },
];

function files(row: Row): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-layering-'));
  const parent = (row.parent ?? ((text: string) => text))(BASE);
  writeFileSync(join(dir, 'parent.yml'), parent);
  writeFileSync(join(dir, 'child.yml'), `version: 1\nextends: parent.yml\n${row.layer}`);
  if (row.diff) writeFileSync(join(dir, 'rewrite.yml'), row.diff.edit(parent));
  return dir;
}

describe('attacker layers: policy check refuses each loosening at the layer’s line', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const dir = files(row);
    const run = cli(['policy', 'check', 'child.yml'], { cwd: dir });
    expect(run.status).toBe(row.check.status);
    if (row.check.status === 0) {
      expect(run.stdout).toMatch(/^ok: child\.yml \(1 gate, 2 criteria; extends parent\.yml: tightens \d+ settings?\)\n$/);
      expect(run.stderr).toBe('');
    } else {
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`error: child.yml:${row.check.at}: ${row.check.says}`);
      expect(run.stderr).not.toMatch(/parent\.yml:\d+:\d+/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the same changes as rewrites: policy diff lists the loosening at the rewrite’s line', () => {
  const diffs = rows.filter((row) => row.diff !== undefined);
  it.each(diffs.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const dir = files(row);
    const diff = row.diff!;
    const run = cli(['policy', 'diff', 'parent.yml', 'rewrite.yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(diff.status);
    if (diff.status === 0) expect(run.stdout).not.toContain('loosens:');
    else {
      const loosens = run.stdout.slice(run.stdout.indexOf('loosens:\n'));
      expect(run.stdout).toContain('loosens:\n');
      expect(loosens).toContain(`  rewrite.yml:${diff.at}: ${diff.says}`);
      expect(loosens).not.toMatch(/parent\.yml:\d+:\d+/);
    }
  });
});

describe('policy_owners over a parent that names none: the layer says who approves its own changes', () => {
  const ORG = 'version: 1\nextends: default\nname: acme\npolicy_owners: [gov-lead, acme/governance]\n';

  it('a layer over default naming policy_owners passes policy check, which lists it as a change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-layering-'));
    writeFileSync(join(dir, 'org.yml'), ORG);
    const text = cli(['policy', 'check', 'org.yml'], { cwd: dir });
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(
      /^ok: org\.yml \(\d+ gates, \d+ criteria; extends default: tightens 0 settings, changes policy_owners\)\n$/,
    );
    const json = cli(['policy', 'check', 'org.yml', '--format', 'json'], { cwd: dir });
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      tightens: [],
      changes: [
        {
          setting: 'policy_owners',
          message: 'policy_owners names gov-lead, acme/governance to approve changes to this policy (default names no one)',
          location: { file: 'org.yml', line: 4, column: 16 },
        },
      ],
    });
  });

  it('policy diff lists owners named where the parent names none under changes, not loosens: exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-layering-'));
    writeFileSync(join(dir, 'parent.yml'), BASE);
    writeFileSync(join(dir, 'rewrite.yml'), OWNED(BASE));
    const run = cli(['policy', 'diff', 'parent.yml', 'rewrite.yml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'changes:\n  rewrite.yml:7:16: policy_owners names gov-lead to approve changes to this policy (parent.yml names no one)\n',
    );
  });
});

it('has a row for every attack the issue lists', () => {
  expect(rows.length).toBeGreaterThanOrEqual(9);
});
