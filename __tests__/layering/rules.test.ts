// The layering rules as a table: each child layer over base.yml (or the bundled default) either
// tightens (the resolved policy lists the change) or loosens (an error at the child's line:column).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comparePolicies, placeIn, resolvePolicySync } from '../../src/core/layering/index.js';
import type { Finding, Policy, ReviewerRolePolicy } from '../../src/core/types.js';
import { parseYaml } from '../../src/core/yaml.js';
import { InputError } from '../../src/core/errors.js';

const BASE = readFileSync(new URL('../fixtures/layering/base.yml', import.meta.url), 'utf8');
const show = (finding: Finding): string => `${finding.location?.line}:${finding.location?.column} ${finding.message}`;

/** Parents made from base.yml by one edit, for the rules that need a parent base.yml does not give. */
const VARIANTS: Record<string, (text: string) => string> = {
  // Only legal and security may approve a waiver of SEC-1.
  'approvers.yml': (text) =>
    text.replace('        waivable: true\n', '        waivable: true\n        waiver_approvers: [legal, security]\n'),
  // security's members are acme/appsec and kim.
  'two-members.yml': (text) => text.replace('members: [acme/appsec]', 'members: [acme/appsec, kim]'),
  // Every waivable criterion lets only security approve a waiver (waivers on, new roles can approve none).
  // SEC-1 reads its metrics from artifacts and its documents by size and heading; legal confirms thresholds.
  'artifacts.yml': (text) =>
    text
      .replace('file: { paths: ["reports/**"] }', 'file: { paths: ["reports/**"], min_bytes: 200, headings: [Scope] }')
      .replace(
        'metrics: { coverage: { min: 0.8 }, open_high: { max: { medium: 2, high: 0 } } }',
        'metrics: { coverage: { min: 0.8, metrics_source: artifact }, open_high: { max: 2, fixed_before_evaluation: [SEC-2] } }',
      )
      .replace('version: 1\n', 'version: 1\nthresholds_confirmed_by: legal\n'),
  // Pull requests to main and to release branches may pass.
  'branches.yml': (text) => text.replace('version: 1\n', 'version: 1\nbranches: [main, "release/*"]\n'),
  'security-waivers.yml': (text) =>
    text.replace('        waivable: true\n', '        waivable: true\n        waiver_approvers: [security]\n'),
};

/** Resolves `version: 1`, `extends: PARENT` (lines 1-2) and then `body` (from line 3), as child.yml. */
function layer(body: string, parent = 'base.yml'): { tightens: string[] } | { loosens: string[] } {
  const text = `version: 1\nextends: ${parent}\n${body}`;
  try {
    const resolved = resolvePolicySync({ text, source: 'child.yml', file: 'child.yml' }, (reference) => {
      // no-waivers.yml: base.yml without max_waiver and waivable, a parent that allows no waivers.
      if (reference === 'no-waivers.yml') {
        const text = BASE.split('\n')
          .filter((line) => !/^\s*(max_waiver|waivable):/.test(line))
          .join('\n');
        return { text, source: 'no-waivers.yml', file: 'no-waivers.yml' };
      }
      const variant = VARIANTS[reference];
      if (variant) return { text: variant(BASE), source: reference, file: reference };
      if (reference !== 'base.yml') throw new InputError(`no policy ${reference} in this test`);
      return { text: BASE, source: 'base.yml', file: 'base.yml' };
    });
    return { tightens: resolved.tightenings.map(show) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { loosens: error.findings.map(show) };
  }
}

const role = (line: string) => `roles:\n  ${line}\n`;
/** A criterion of gate security: its id on line 6, `line` on line 7. */
const criterion = (id: string, line: string) => `gates:\n  - id: security\n    criteria:\n      - id: ${id}\n        ${line}\n`;
const T = (...lines: string[]) => ({ tightens: lines });
const PRIVACY = 'privacy: { window: 5d, on_silence: block, on_objection: block }';
const NEW_ROLE = (at: string, power: string, parent = 'base.yml') =>
  `${at} roles.privacy is a new reviewer role that could approve what ${parent} leaves to its own roles: ${power}: a child policy may add a role only where it approves nothing its parent decides: limit waiver_approvers on every waivable criterion to the parent's roles, and ask for its sign-off only in new criteria`;
const MEMBERS_ADDED = (at: string, who: string, parent = 'base.yml') =>
  `${at} roles.security.members adds ${who}, whom ${parent} does not let approve for security: a child policy may remove members from a role, not add them: more people could then approve for it`;
const L = (...lines: string[]) => ({ loosens: lines });
const BRANCHES_ADVICE = 'a child policy may only drop branches its parent lists; list every gated branch in the root policy of the chain';

const cases: Array<[string, string, ReturnType<typeof layer>, string?]> = [
  // review windows, silence and objections
  [
    'window shorter',
    role('legal: { window: 7d }'),
    L('4:20 roles.legal.window 7d is shorter than 14d in base.yml: a child policy may only lengthen windows'),
  ],
  ['window longer', role('legal: { window: 21d }'), T('4:20 roles.legal.window 21d is longer than 14d in base.yml')],
  ['consent → block', role('legal: { on_silence: block }'), T('4:24 roles.legal.on_silence block is stricter than consent in base.yml')],
  [
    'block → consent',
    role('security: { on_silence: consent }'),
    L('4:27 roles.security.on_silence consent is weaker than block in base.yml: a child policy may only turn consent into block'),
  ],
  ['advise → block', role('legal: { on_objection: block }'), T('4:26 roles.legal.on_objection block is stricter than advise in base.yml')],
  [
    'block → advise',
    role('security: { on_objection: advise }'),
    L('4:29 roles.security.on_objection advise is weaker than block in base.yml: a child policy may only turn advise into block'),
  ],
  // reminders: more notice and waiting for the reminder tighten; less notice or consent without it loosen
  ['remind longer', role('legal: { remind: 3d }'), T('4:20 roles.legal.remind 3d gives more notice than 2d in base.yml')],
  [
    'remind shorter',
    role('legal: { remind: 1d }'),
    L('4:20 roles.legal.remind 1d gives less notice than 2d in base.yml: a child policy may only lengthen remind or turn it on'),
  ],
  [
    'remind off',
    role('legal: { remind: false, consent_requires_reminder: false }'),
    L(
      '4:20 roles.legal.remind false (no reminder) gives less notice than 2d in base.yml: a child policy may only lengthen remind or turn it on',
      '4:54 roles.legal.consent_requires_reminder silence would count as consent without a reminder for high (base.yml requires one): a child policy may only turn consent_requires_reminder on',
    ),
  ],
  [
    'consent requires the reminder for every tier',
    role('legal: { consent_requires_reminder: true }'),
    T('4:39 roles.legal.consent_requires_reminder silence counts as consent only after the reminder for low, medium (not so in base.yml)'),
  ],
  [
    'a map that keeps the default for high',
    role('legal: { consent_requires_reminder: { medium: true } }'),
    T('4:39 roles.legal.consent_requires_reminder silence counts as consent only after the reminder for medium (not so in base.yml)'),
  ],
  // members and tiers of roles
  // who may approve for a role whose members the parent fixes: more people loosen, fewer tighten
  ['members added', role('security: { members: [acme/appsec, kim] }'), L(MEMBERS_ADDED('4:24', 'kim'))],
  [
    'a team added to the members',
    role('security: { members: [acme/appsec, acme/dev-buddies] }'),
    L(MEMBERS_ADDED('4:24', 'acme/dev-buddies')),
  ],
  ['members replaced', role('security: { members: [kim] }'), L(MEMBERS_ADDED('4:24', 'kim'))],
  ['members narrowed', role('security: { members: [acme/appsec-leads] }'), L(MEMBERS_ADDED('4:24', 'acme/appsec-leads'))],
  ['members restated in other case', role('security: { members: [ACME/AppSec] }'), T()],
  ['members dropped', role('security: { members: [kim] }'), T('4:24 roles.security.members drops acme/appsec'), 'two-members.yml'],
  [
    'members dropped, one added',
    role('security: { members: [kim, lee] }'),
    L(MEMBERS_ADDED('4:24', 'lee', 'two-members.yml')),
    'two-members.yml',
  ],
  [
    'members fixed where the manifest named them',
    role('legal: { members: [lee] }'),
    T('4:21 roles.legal.members fixes the members to lee (base.yml lets the manifest name them)'),
  ],
  ['role required for one more tier', role('legal: { required_for: [low, medium, high] }'), T('4:26 roles.legal.required_for adds low')],
  [
    'role required for one tier fewer',
    role('legal: { required_for: [high] }'),
    L('4:26 roles.legal.required_for drops medium, which base.yml requires: a child policy may only add tiers'),
  ],
  [
    'role required for some tiers where it was for all',
    role('security: { required_for: [high] }'),
    L('4:29 roles.security.required_for drops low, medium, which base.yml requires: a child policy may only add tiers'),
  ],
  // a new reviewer role: whoever the manifest names in it must not approve what the parent decides
  ['new reviewer role where no waiver is possible', role(PRIVACY), T('4:12 roles.privacy is a new reviewer role'), 'no-waivers.yml'],
  [
    'new reviewer role where every waivable criterion names its approvers',
    role(PRIVACY),
    T('4:12 roles.privacy is a new reviewer role'),
    'security-waivers.yml',
  ],
  ['new reviewer role a waiver could name', role(PRIVACY), L(NEW_ROLE('4:12', 'a waiver of SEC-1 could name it in approved_by'))],
  [
    'new reviewer role that waiver_approvers lists',
    `${role(PRIVACY)}${criterion('SEC-1', 'waiver_approvers: [security, privacy]')}`,
    {
      loosens: [
        NEW_ROLE('4:12', 'a waiver of SEC-1 could name it in approved_by', 'security-waivers.yml'),
        '9:27 SEC-1.waiver_approvers adds privacy, which security-waivers.yml does not let approve a waiver of SEC-1: a child policy may only remove roles from waiver_approvers',
      ],
    },
    'security-waivers.yml',
  ],
  [
    'new reviewer role that signs off an existing criterion instead',
    `${role(PRIVACY)}${criterion('SEC-2', 'evidence: { signoff: privacy }')}`,
    L(
      NEW_ROLE(
        '4:12',
        'its approval would meet the sign-off of SEC-2, which no-waivers.yml asks of another role or of none',
        'no-waivers.yml',
      ),
      '9:30 SEC-2.evidence.signoff privacy differs from security in no-waivers.yml: a child policy may only add a sign-off where its parent has none, never change it',
    ),
    'no-waivers.yml',
  ],
  [
    'new reviewer role that signs off an existing criterion that had no sign-off',
    `${role(PRIVACY)}${criterion('SEC-1', 'evidence: { signoff: privacy }')}`,
    L(
      NEW_ROLE(
        '4:12',
        'its approval would meet the sign-off of SEC-1, which no-waivers.yml asks of another role or of none',
        'no-waivers.yml',
      ),
    ),
    'no-waivers.yml',
  ],
  [
    'new reviewer role that only a new criterion asks for',
    `${role(PRIVACY)}gates:\n  - id: privacy\n    title: Privacy\n    criteria:\n      - { id: PRV-1, title: T, description: D, required_for: [high], allow_not_applicable: false, evidence: { signoff: privacy } }\n`,
    T('4:12 roles.privacy is a new reviewer role', '9:9 PRV-1 is a new criterion in the new gate privacy'),
    'no-waivers.yml',
  ],
  [
    'new reviewer role that confirms lowered risk tiers',
    `tier_confirmed_by: privacy\n${role(PRIVACY)}`,
    L(NEW_ROLE('5:12', 'it would confirm a lowered risk tier (tier_confirmed_by)', 'no-waivers.yml')),
    'no-waivers.yml',
  ],
  // the accountable owner
  ['owner.allowed narrowed', role('owner: { allowed: [maria] }'), T('4:21 roles.owner.allowed drops acme/executives')],
  [
    'owner.allowed widened',
    role('owner: { allowed: [acme/executives, maria, kim] }'),
    L('4:21 roles.owner.allowed adds kim, which base.yml does not allow: a child policy may only narrow the allowed owners'),
  ],
  [
    'owner.allowed widened by a team',
    role('owner: { allowed: [acme/executives, maria, acme/contractors] }'),
    L('4:21 roles.owner.allowed adds acme/contractors, which base.yml does not allow: a child policy may only narrow the allowed owners'),
  ],
  ['owner.allowed restated in other case', role('owner: { allowed: [ACME/Executives, Maria] }'), T()],
  [
    'owner.allowed where anyone was allowed',
    role('owner: { allowed: [acme/executives] }'),
    T('4:21 roles.owner.allowed limits the accountable owner to acme/executives (default allows anyone)'),
    'default',
  ],
  [
    'allow_self true → false',
    role('owner: { allow_self: false }'),
    T('4:24 roles.owner.allow_self false is stricter than true in base.yml'),
  ],
  [
    'allow_self false → true',
    role('owner: { allow_self: true }'),
    L('4:24 roles.owner.allow_self true is weaker than false in default: a child policy may only turn allow_self off'),
    'default',
  ],
  // stale approvals
  [
    'invalidate_on_push governed → any',
    'invalidate_on_push: any\n',
    T('3:21 invalidate_on_push any is stricter than governed in base.yml'),
  ],
  [
    'invalidate_on_push governed → never',
    'invalidate_on_push: never\n',
    L(
      '3:21 invalidate_on_push never is weaker than governed in base.yml: a child policy may only move it towards any (never → governed → any)',
    ),
  ],
  ['governed_paths grown', 'governed_paths: ["models/**", "deploy/**"]\n', T('3:17 governed_paths adds "deploy/**"')],
  [
    'governed_paths shrunk',
    'governed_paths: ["deploy/**"]\n',
    L('3:17 governed_paths drops "models/**", which base.yml lists: a child policy may only add governed paths'),
  ],
  // the base branches whose pull requests may pass (absent: the repository's default branch alone)
  [
    'branches: [] over a parent that gates the default branch',
    'branches: []\n',
    T("3:11 branches gates no branch (base.yml gates the repository's default branch)"),
  ],
  [
    'branches named over a parent that gates the default branch alone',
    'branches: [main]\n',
    L(`3:11 branches lists "main", where base.yml gates only the repository's default branch: ${BRANCHES_ADVICE}`),
  ],
  [
    'a listed glob narrowed to a branch it matches',
    'branches: [main, "release/2.0"]\n',
    T('3:11 branches drops "release/*"'),
    'branches.yml',
  ],
  ['a listed branch dropped', 'branches: ["release/*"]\n', T('3:11 branches drops "main"'), 'branches.yml'],
  [
    "a branch added to the parent's list",
    'branches: [main, "release/*", "mallory-*"]\n',
    L(`3:11 branches adds "mallory-*", which branches.yml does not gate: ${BRANCHES_ADVICE}`),
    'branches.yml',
  ],
  [
    "a glob wider than the parent's, over every branch",
    'branches: ["*"]\n',
    L(`3:11 branches adds "*", which branches.yml does not gate: ${BRANCHES_ADVICE}`),
    'branches.yml',
  ],
  // thresholds, single and per tier
  [
    'min raised',
    criterion('SEC-1', 'evidence: { metrics: { coverage: { min: 0.9 } } }'),
    T('7:49 SEC-1.evidence.metrics.coverage.min 0.9 is above 0.8 in base.yml'),
  ],
  [
    'min lowered',
    criterion('SEC-1', 'evidence: { metrics: { coverage: { min: 0.7 } } }'),
    L('7:49 SEC-1.evidence.metrics.coverage.min 0.7 is below 0.8 in base.yml: a child policy may only raise minimums'),
  ],
  [
    'min raised for one tier',
    criterion('SEC-1', 'evidence: { metrics: { coverage: { min: { high: 0.95 } } } }'),
    T('7:57 SEC-1.evidence.metrics.coverage.min.high 0.95 is above 0.8 in base.yml'),
  ],
  [
    'min lowered for one tier',
    criterion('SEC-1', 'evidence: { metrics: { coverage: { min: { low: 0.5 } } } }'),
    L('7:56 SEC-1.evidence.metrics.coverage.min.low 0.5 is below 0.8 in base.yml: a child policy may only raise minimums'),
  ],
  [
    'max lowered for one tier',
    criterion('SEC-1', 'evidence: { metrics: { open_high: { max: { medium: 1 } } } }'),
    T('7:60 SEC-1.evidence.metrics.open_high.max.medium 1 is below 2 in base.yml'),
  ],
  [
    'max raised for one tier',
    criterion('SEC-1', 'evidence: { metrics: { open_high: { max: { high: 1 } } } }'),
    L('7:58 SEC-1.evidence.metrics.open_high.max.high 1 is above 0 in base.yml: a child policy may only lower maximums'),
  ],
  [
    'one max for every tier over a per-tier max',
    criterion('SEC-1', 'evidence: { metrics: { open_high: { max: 0 } } }'),
    T(
      '7:50 SEC-1.evidence.metrics.open_high.max.low 0 is a new maximum (base.yml sets none)',
      '7:50 SEC-1.evidence.metrics.open_high.max.medium 0 is below 2 in base.yml',
    ),
  ],
  [
    'new metric',
    criterion('SEC-1', 'evidence: { metrics: { findings_age: { max: 30 } } }'),
    T('7:46 SEC-1.evidence.metrics.findings_age is a new required metric'),
  ],
  // evidence age
  [
    'max_age shortened for one tier',
    criterion('SEC-1', 'evidence: { date: { max_age: { high: 90d } } }'),
    T('7:46 SEC-1.evidence.date.max_age.high 90d is shorter than 180d in base.yml'),
  ],
  [
    'max_age lengthened for one tier',
    criterion('SEC-1', 'evidence: { date: { max_age: { low: 400d } } }'),
    L('7:45 SEC-1.evidence.date.max_age.low 400d is longer than 365d in base.yml: a child policy may only shorten max_age'),
  ],
  [
    'one max_age for every tier over a per-tier one',
    criterion('SEC-1', 'evidence: { date: { max_age: 30d } }'),
    T(
      '7:38 SEC-1.evidence.date.max_age.low 30d is shorter than 365d in base.yml',
      '7:38 SEC-1.evidence.date.max_age.medium 30d is a new limit (base.yml sets none)',
      '7:38 SEC-1.evidence.date.max_age.high 30d is shorter than 180d in base.yml',
    ),
  ],
  // which tiers need a criterion, not_applicable, waivers
  ['criterion required for one more tier', criterion('SEC-2', 'required_for: [medium, high]'), T('7:23 SEC-2.required_for adds medium')],
  [
    'criterion required for one tier fewer',
    criterion('SEC-1', 'required_for: [high]'),
    L('7:23 SEC-1.required_for drops medium, which base.yml requires: a child policy may only add tiers'),
  ],
  [
    'allow_not_applicable true → false',
    criterion('SEC-1', 'allow_not_applicable: false'),
    T('7:31 SEC-1.allow_not_applicable false is stricter than true in base.yml'),
  ],
  [
    'allow_not_applicable false → true',
    criterion('SEC-2', 'allow_not_applicable: true'),
    L('7:31 SEC-2.allow_not_applicable true is weaker than false in base.yml: a child policy may only forbid not_applicable'),
  ],
  ['waivable true → false', criterion('SEC-1', 'waivable: false'), T('7:19 SEC-1.waivable false is stricter than true in base.yml')],
  [
    'waivable false → true',
    criterion('SEC-2', 'waivable: true'),
    L('7:19 SEC-2.waivable true is weaker than false in base.yml: a child policy may only make a criterion unwaivable'),
  ],
  // who may approve a waiver of a criterion (absent: any reviewer role)
  [
    'waiver_approvers where any role could approve',
    criterion('SEC-1', 'waiver_approvers: [security]'),
    T('7:27 SEC-1.waiver_approvers limits who may approve a waiver of SEC-1 to security (base.yml lets any reviewer role approve one)'),
  ],
  [
    'waiver_approvers narrowed',
    criterion('SEC-1', 'waiver_approvers: [security]'),
    T('7:27 SEC-1.waiver_approvers drops legal'),
    'approvers.yml',
  ],
  ['waiver_approvers restated', criterion('SEC-1', 'waiver_approvers: [security, legal]'), T(), 'approvers.yml'],
  [
    'waiver_approvers naming a role that is not there',
    criterion('SEC-1', 'waiver_approvers: [security, legl]'),
    L(
      '7:27 SEC-1.waiver_approvers names role "legl", which is not a reviewer role of the policy. Did you mean "legal"? Name the reviewer roles that may approve a waiver of SEC-1',
    ),
  ],
  ['max_waiver shortened', 'max_waiver: 30d\n', T('3:13 max_waiver 30d is shorter than 60d in base.yml')],
  [
    'max_waiver lengthened',
    'max_waiver: 90d\n',
    L('3:13 max_waiver 90d is longer than 60d in base.yml: a child policy may only shorten max_waiver'),
  ],
  [
    'max_waiver where waivers were not allowed',
    'max_waiver: 30d\n',
    L(
      '3:13 max_waiver 30d allows waivers, which no-waivers.yml does not (it sets no max_waiver): a child policy may not allow waivers its parent forbids',
    ),
    'no-waivers.yml',
  ],
  [
    'max_waiver shortened under the bundled default (60d)',
    'max_waiver: 30d\n',
    T('3:13 max_waiver 30d is shorter than 60d in default'),
    'default',
  ],
  // evidence kinds, paths, patterns, sign-offs
  [
    'evidence kind added',
    criterion('SEC-2', 'evidence: { date: { max_age: 90d } }'),
    T('7:27 SEC-2.evidence.date is a new evidence requirement'),
  ],
  [
    'file paths where there were none',
    criterion('SEC-2', 'evidence: { file: { paths: ["docs/**"] } }'),
    T('7:36 SEC-2.evidence.file.paths restricts evidence files to "docs/**"'),
  ],
  [
    'file paths changed',
    criterion('SEC-1', 'evidence: { file: { paths: ["reports/**", "docs/**"] } }'),
    L(
      '7:36 SEC-1.evidence.file.paths "reports/**", "docs/**" differs from "reports/**" in base.yml: a child policy may only add paths where its parent has none, never change them',
    ),
  ],
  ['file paths restated', criterion('SEC-1', 'evidence: { file: { paths: ["reports/**"] } }'), T()],
  [
    'link pattern where there was none',
    criterion('SEC-1', 'evidence: { link: { pattern: "^https://" } }'),
    T('7:38 SEC-1.evidence.link.pattern restricts links to the pattern "^https://"'),
  ],
  [
    'sign-off added',
    criterion('SEC-1', 'evidence: { signoff: legal }'),
    T('7:30 SEC-1.evidence.signoff legal is a new evidence requirement (an explicit approval by that role)'),
  ],
  [
    'sign-off changed',
    criterion('SEC-2', 'evidence: { signoff: legal }'),
    L(
      '7:30 SEC-2.evidence.signoff legal differs from security in base.yml: a child policy may only add a sign-off where its parent has none, never change it',
    ),
  ],
  // gates and criteria
  [
    'new criterion in an existing gate',
    'gates:\n  - id: security\n    criteria:\n      - { id: SEC-3, title: T, description: D, required_for: [high], allow_not_applicable: false, evidence: { file: {} } }\n',
    T('6:9 SEC-3 is a new criterion in gate security'),
  ],
  [
    'new criterion in a new gate',
    'gates:\n  - id: privacy\n    title: Privacy\n    criteria:\n      - { id: PRV-1, title: T, description: D, required_for: [high], allow_not_applicable: false, evidence: { signoff: legal } }\n',
    T('7:9 PRV-1 is a new criterion in the new gate privacy'),
  ],
  [
    'gate moved to another stage',
    'gates:\n  - id: security\n    stage: pre-pilot\n',
    L('5:12 gates.security.stage pre-pilot differs from production in base.yml: a child policy may not move a gate to another stage'),
  ],
  ['everything restated as it is', BASE.split('\n').slice(3).join('\n'), T()],
  // artifacts, documents and thresholds fixed before the evaluation
  [
    'metrics_source: artifact added',
    criterion('SEC-1', 'evidence: { metrics: { coverage: { metrics_source: artifact } } }'),
    T('7:60 SEC-1.evidence.metrics.coverage.metrics_source requires the value from an evaluation artifact'),
  ],
  [
    'metrics_source: artifact dropped',
    criterion('SEC-1', 'evidence: { metrics: { coverage: { metrics_source: any } } }'),
    L(
      '7:42 SEC-1.evidence.metrics.coverage.metrics_source no longer requires the value from an artifact (artifacts.yml sets metrics_source: artifact): a child policy may only add metrics_source: artifact',
    ),
    'artifacts.yml',
  ],
  [
    'min_bytes raised, a heading added',
    criterion('SEC-1', 'evidence: { file: { min_bytes: 400, headings: [Scope, Findings] } }'),
    T(
      '7:40 SEC-1.evidence.file.min_bytes 400 is above 200 in artifacts.yml',
      '7:55 SEC-1.evidence.file.headings requires the heading "Findings"',
    ),
    'artifacts.yml',
  ],
  [
    'min_bytes lowered',
    criterion('SEC-1', 'evidence: { file: { min_bytes: 10 } }'),
    L('7:40 SEC-1.evidence.file.min_bytes 10 is below 200 in artifacts.yml: a child policy may only raise minimums'),
    'artifacts.yml',
  ],
  [
    'a heading dropped',
    criterion('SEC-1', 'evidence: { file: { headings: [Findings] } }'),
    L(
      '7:27 SEC-1.evidence.file.headings no longer requires the heading "Scope" (artifacts.yml does): a child policy may only add headings',
    ),
    'artifacts.yml',
  ],
  [
    'fixed_before_evaluation dropped',
    criterion('SEC-1', 'evidence: { metrics: { open_high: { fixed_before_evaluation: [SEC-1] } } }'),
    L(
      '7:43 SEC-1.evidence.metrics.open_high.fixed_before_evaluation no longer fixes the value before the evaluation of SEC-2 (artifacts.yml does): a child policy may only add criteria to fixed_before_evaluation',
    ),
    'artifacts.yml',
  ],
  [
    'thresholds_confirmed_by added',
    'thresholds_confirmed_by: security\n',
    T(
      '3:26 thresholds_confirmed_by security must now confirm a threshold changed with its evaluation (base.yml asks the base owner alone)',
    ),
  ],
  [
    'thresholds_confirmed_by changed',
    'thresholds_confirmed_by: security\n',
    L('3:26 thresholds_confirmed_by security replaces legal: a child policy may not drop or change the role that confirms thresholds'),
    'artifacts.yml',
  ],
];

describe('a child layer may only tighten', () => {
  it.each(cases)('%s', (_name, body, expected, parent) => {
    expect(layer(body, parent)).toEqual(expected);
  });

  it('lists every loosening at once, each at its own line and column', () => {
    const body = `${role('legal: { window: 7d, on_silence: consent, on_objection: advise, required_for: [high] }')}${criterion('SEC-2', 'allow_not_applicable: true')}`;
    expect(layer(body)).toEqual(
      L(
        '4:20 roles.legal.window 7d is shorter than 14d in base.yml: a child policy may only lengthen windows',
        '4:81 roles.legal.required_for drops medium, which base.yml requires: a child policy may only add tiers',
        '9:31 SEC-2.allow_not_applicable true is weaker than false in base.yml: a child policy may only forbid not_applicable',
      ),
    );
  });
});

describe('what a layer cannot say, and the errors that say so', () => {
  it.each([
    [
      'a new criterion without its texts',
      criterion('SEC-9', 'evidence: { file: {} }'),
      '6:13 SEC-9 is a new criterion (base.yml has no criterion SEC-9). Did you mean "SEC-1"? A new criterion needs title, description, required_for, allow_not_applicable and evidence: add title, description, required_for and allow_not_applicable',
    ],
    [
      'a misspelt criterion id',
      criterion('SEC-l', 'required_for: [medium, high]'),
      '6:13 SEC-l is a new criterion (base.yml has no criterion SEC-l). Did you mean "SEC-1"? A new criterion needs title, description, required_for, allow_not_applicable and evidence: add title, description, allow_not_applicable and evidence',
    ],
    [
      'a criterion tightened under another gate',
      'gates:\n  - id: ops\n    title: Operations\n    criteria:\n      - id: SEC-1\n        required_for: [low, medium, high]\n',
      '7:13 SEC-1 belongs to gate security in base.yml: list it under the gate with id security to tighten it (a criterion cannot move between gates)',
    ],
    [
      'a new role without its window',
      role('legl: { window: 21d }'),
      '4:9 roles.legl is a new role (base.yml has no role legl). Did you mean "legal"? A new role needs window, on_silence and on_objection: add on_silence and on_objection',
    ],
    [
      'a new gate without a title',
      'gates:\n  - id: privacy\n    criteria:\n      - { id: PRV-1, title: T, description: D, required_for: [high], allow_not_applicable: false, evidence: { file: {} } }\n',
      '4:9 gates.privacy is a new gate (base.yml has no gate privacy). A new gate needs title and criteria: add title',
    ],
    [
      'a sign-off by a role nobody defines',
      criterion('SEC-1', 'evidence: { signoff: privacy }'),
      '7:30 SEC-1 asks for sign-off by role "privacy", which the policy does not define. Add it under roles.',
    ],
    [
      'a minimum above the maximum it inherits',
      criterion('SEC-1', 'evidence: { metrics: { open_high: { min: 3 } } }'),
      '7:43 metric open_high has min 3 above max 2 for medium risk: nothing could pass',
    ],
  ])('%s', (_name, body, expected) => {
    expect(layer(body)).toEqual(L(expected));
  });
});

describe('comparing two complete policies: what only a rewrite can remove', () => {
  const parent = parseYaml(BASE, 'base.yml').data as Policy;
  function compare(edit: (text: string) => string) {
    const text = edit(BASE);
    expect(text).not.toBe(BASE);
    const parsed = parseYaml(text, 'new.yml');
    const { tightenings, loosenings } = comparePolicies(parent, parsed.data as Policy, (path) => placeIn(parsed, path).location, {
      parentName: 'base.yml',
    });
    return { tightens: tightenings.map(show), loosens: loosenings.map(show) };
  }
  const drop = (line: string) => (text: string) => text.replace(`${line}\n`, '');

  it.each([
    [
      'a criterion removed',
      (t: string) => t.slice(0, t.indexOf('      - id: SEC-2')),
      '12:5 SEC-2 is removed (base.yml has it in gate security): a child policy may not remove criteria',
    ],
    [
      'a role removed',
      drop('  legal: { window: 14d, on_silence: consent, on_objection: advise, required_for: [medium, high] }'),
      '8:3 roles.legal is removed (base.yml defines it): a child policy may not remove roles',
    ],
    [
      'an evidence kind removed',
      drop('          link: {}'),
      '22:11 SEC-1.evidence.link is removed (base.yml asks for link evidence): a child policy may only add evidence kinds',
    ],
    [
      'a metric removed',
      (t: string) => t.replace('coverage: { min: 0.8 }, ', ''),
      '24:20 SEC-1.evidence.metrics.coverage is removed (base.yml requires it): a child policy may only add metrics',
    ],
    [
      'fixed members removed',
      (t: string) => t.replace(', members: [acme/appsec]', ''),
      '10:13 roles.security.members is removed, so the manifest would name the reviewers (base.yml fixes them to acme/appsec): a child policy may remove members from a role, not open it to whoever the manifest names',
    ],
    [
      'owner.allowed removed',
      (t: string) => t.replace('allowed: [acme/executives, maria], ', ''),
      '8:10 roles.owner.allowed is removed, so anyone could be the accountable owner (base.yml allows only acme/executives, maria): a child policy may only narrow roles.owner.allowed',
    ],
    [
      'evidence paths removed',
      (t: string) => t.replace('file: { paths: ["reports/**"] }', 'file: {}'),
      '22:17 SEC-1.evidence.file.paths is removed (base.yml restricts evidence files to "reports/**"): a child policy may only add paths where its parent has none, never change them',
    ],
    [
      'a per-tier limit removed',
      (t: string) => t.replace('{ min: 0.8 }', '{}'),
      '24:32 SEC-1.evidence.metrics.coverage.min is removed (base.yml sets 0.8): a child policy may only raise minimums',
    ],
  ])('%s', (_name, edit, expected) => {
    expect(compare(edit)).toEqual({ tightens: [], loosens: [expected] });
  });

  it('removing branches loosens: the default branch, whatever its name, would be gated instead of those listed', () => {
    const listed = parseYaml(BASE.replace('version: 1\n', 'version: 1\nbranches: [release]\n'), 'listed.yml').data as Policy;
    const parsed = parseYaml(BASE, 'new.yml');
    const { loosenings } = comparePolicies(listed, parsed.data as Policy, (path) => placeIn(parsed, path).location, {
      parentName: 'listed.yml',
    });
    expect(loosenings.map((l) => l.message)).toEqual([
      `branches is removed: the repository's default branch would be gated instead of "release" in listed.yml: ${BRANCHES_ADVICE}`,
    ]);
  });

  it('removing waiver_approvers loosens: any reviewer role could approve a waiver again', () => {
    const restricted = parseYaml(VARIANTS['approvers.yml']!(BASE), 'approvers.yml').data as Policy;
    const parsed = parseYaml(BASE, 'new.yml');
    const { tightenings, loosenings } = comparePolicies(restricted, parsed.data as Policy, (path) => placeIn(parsed, path).location, {
      parentName: 'approvers.yml',
    });
    expect({ tightens: tightenings.map(show), loosens: loosenings.map(show) }).toEqual({
      tightens: [],
      loosens: [
        '15:9 SEC-1.waiver_approvers is removed, so any reviewer role could approve a waiver of SEC-1 (approvers.yml allows only legal, security): a child policy may only remove roles from waiver_approvers',
      ],
    });
  });

  it('a role left with no members blocks what needs it: a tightening (the schema refuses the empty list in a file)', () => {
    const child = structuredClone(parent);
    (child.roles.security as ReviewerRolePolicy).members = [];
    const { tightenings, loosenings } = comparePolicies(parent, child, () => ({ file: 'new.yml', line: 10, column: 3 }), {
      parentName: 'base.yml',
    });
    expect(loosenings).toEqual([]);
    expect(tightenings.map((t) => t.message)).toEqual([
      'roles.security.members drops every member (acme/appsec): nobody can approve for security, so what needs its approval blocks',
    ]);
  });

  it('removing max_waiver tightens: no waiver is accepted any more', () => {
    expect(compare(drop('max_waiver: 60d'))).toEqual({
      tightens: ['2:1 max_waiver is removed: no waiver is accepted (base.yml accepts waivers of up to 60d)'],
      loosens: [],
    });
  });
});
