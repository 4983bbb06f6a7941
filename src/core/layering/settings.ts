// Every setting of a policy, one row each: where it is, which way a child policy may move it (its
// comparison kind and words), how a layer's value combines with its parent's, and what to do instead
// of loosening it. comparePolicies and mergeLayer both walk this table in its order, which is the order
// findings are reported in within one place of a file. Adding a setting is adding its row here
// (docs/policy-layering.md); __tests__/layering/settings.test.ts fails for a schema key without one.
import { DEFAULT_REMIND, consentRequiresReminder, remindLead } from '../signoff/reminder.js';
import { criteriaById } from '../criteria.js';
import { RISK_TIERS, type Policy, type ReviewerRolePolicy } from '../types.js';
import {
  branches,
  duration,
  fixed,
  flag,
  mayGrow,
  mayNarrow,
  notice,
  optional,
  ordered,
  plain,
  policyOwners,
  tiersOn,
  unjudged,
  type Notice,
} from './comparisons.js';
import {
  compareCriteria,
  compareEvidence,
  compareGates,
  compareRoles,
  mergeCriteria,
  mergeEvidence,
  mergeGates,
  mergeRoles,
} from './collections.js';
import type { PolicyPath } from './paths.js';
import type { Setting } from './setting.js';

type Strings = readonly string[];

/** A row whose value is of type V, as the table holds it. */
const row = <V>(setting: Setting<V>): Setting => setting as Setting;

/** Text that neither tightens nor loosens, and that a layer replaces. */
const cosmetic = (...path: string[]): Setting => row({ path, compare: unjudged, merge: 'replace' });

/** A role that must confirm something beside the base owner (absent: the base owner alone). */
const confirmingRole = (duty: string, replaced: (p: string, c: string) => string) =>
  optional<string>({
    added: (c, s) => s.tighten(`${c} must now confirm ${duty} (${s.parent} asks the base owner alone)`),
    removed: (p, s) => s.loosen(`is removed: ${p} no longer confirms ${duty}`, s.advice('removed')),
    both: (p, c, s) => {
      if (p !== c) s.loosen(replaced(p, c), s.advice('replaced'));
    },
  });

/** The longest waiver, or the cap across renewals: two stated durations may only shorten. */
const shorterOnly = duration('shorter');

export const SETTINGS: readonly Setting[] = [
  // ---------------------------------------------------------------- the policy
  cosmetic('name'),
  cosmetic('description'),
  row<string>({
    path: ['invalidate_on_push'],
    absent: 'any',
    compare: ordered(['never', 'governed', 'any']),
    merge: 'replace',
    advice: 'a child policy may only move it towards any (never → governed → any)',
  }),
  row<Strings>({
    path: ['governed_paths'],
    absent: [],
    compare: mayGrow({ quote: true }),
    merge: 'replace',
    advice: 'a child policy may only add governed paths',
  }),
  row<Strings>({
    path: ['branches'],
    compare: branches,
    merge: 'replace',
    advice: 'a child policy may only drop branches its parent lists; list every gated branch in the root policy of the chain',
  }),
  // Who confirms a lowered risk tier: adding a confirming role tightens; dropping or replacing it
  // changes who may approve the change, which counts as loosening.
  row<string>({
    path: ['tier_confirmed_by'],
    compare: confirmingRole('a lowered risk tier', (p, c) => `${c} replaces ${p} as the role that confirms a lowered risk tier`),
    merge: 'replace',
    advice: {
      removed: 'a child policy may not drop the role that confirms risk tiers',
      replaced: 'a child policy may not change who confirms risk tiers',
    },
  }),
  // Who confirms a threshold changed with its evaluation: the same rule as for a lowered tier.
  row<string>({
    path: ['thresholds_confirmed_by'],
    compare: confirmingRole('a threshold changed with its evaluation', (p, c) => `${c} replaces ${p}`),
    merge: 'replace',
    advice: 'a child policy may not drop or change the role that confirms thresholds',
  }),
  row<Strings>({
    path: ['policy_owners'],
    compare: policyOwners,
    merge: 'replace',
    advice: 'a child policy may remove policy owners, not add them',
  }),
  // Absent: no waiver is accepted, the strictest of all.
  row<string>({
    path: ['max_waiver'],
    compare: optional<string>({
      added: (c, s) => s.loosen(`${c} allows waivers, which ${s.parent} does not (it sets no max_waiver)`, s.advice('added')),
      removed: (p, s) => s.tighten(`is removed: no waiver is accepted (${s.parent} accepts waivers of up to ${p})`, []),
      both: shorterOnly,
    }),
    merge: 'replace',
    advice: { default: 'a child policy may only shorten max_waiver', added: 'a child policy may not allow waivers its parent forbids' },
  }),
  // The cap across renewals: absent means none, so setting it tightens and removing it loosens.
  row<string>({
    path: ['max_waiver_total'],
    compare: optional<string>({
      added: (c, s) => s.tighten(`${c} caps how long a criterion stays waived across renewals, which ${s.parent} does not`),
      removed: (p, s) =>
        s.loosen(`is removed: a criterion could stay waived renewal after renewal (${s.parent} caps it at ${p})`, s.advice('removed'), []),
      both: shorterOnly,
    }),
    merge: 'replace',
    advice: {
      default: 'a child policy may only shorten max_waiver_total',
      removed: 'a child policy may not remove the cap on waivers across renewals',
    },
  }),

  // ---------------------------------------------------------------- roles, by name
  row({
    path: ['roles'],
    compare: compareRoles,
    merge: mergeRoles,
    advice: {
      removed: 'a child policy may not remove roles',
      'new role':
        "a child policy may add a role only where it approves nothing its parent decides: limit waiver_approvers on every waivable criterion to the parent's roles, and ask for its sign-off only in new criteria",
    },
  }),
  row({ path: ['roles', 'owner', 'accountable'], compare: unjudged, merge: 'replace' }),
  cosmetic('roles', 'owner', 'title'),
  // Absent: anyone may be the accountable owner.
  row<Strings>({
    path: ['roles', 'owner', 'allowed'],
    compare: optional<Strings>({
      added: (c, s) => s.tighten(`limits the accountable owner to ${plain(c)} (${s.parent} allows anyone)`),
      removed: (p, s) =>
        s.loosen(`is removed, so anyone could be the accountable owner (${s.parent} allows only ${plain(p)})`, s.advice('removed'), [
          'roles',
          'owner',
        ]),
      both: mayNarrow({ fold: true, added: (added, s) => `adds ${plain(added)}, which ${s.parent} does not allow` }),
    }),
    merge: 'replace',
    advice: { added: 'a child policy may only narrow the allowed owners', removed: 'a child policy may only narrow roles.owner.allowed' },
  }),
  row<boolean>({
    path: ['roles', 'owner', 'allow_self'],
    absent: false,
    compare: flag(false),
    merge: 'replace',
    advice: 'a child policy may only turn allow_self off',
  }),
  cosmetic('roles', '*', 'title'),
  cosmetic('roles', '*', 'description'),
  row<string>({
    path: ['roles', '*', 'window'],
    compare: duration('longer'),
    merge: 'replace',
    advice: 'a child policy may only lengthen windows',
    required: true,
  }),
  row<string>({
    path: ['roles', '*', 'on_silence'],
    compare: ordered(['consent', 'block']),
    merge: 'replace',
    advice: 'a child policy may only turn consent into block',
    required: true,
  }),
  row<string>({
    path: ['roles', '*', 'on_objection'],
    compare: ordered(['advise', 'block']),
    merge: 'replace',
    advice: 'a child policy may only turn advise into block',
    required: true,
  }),
  // Members are who may approve for the role: more of them is a loosening, fewer a tightening.
  // Absent: the manifest names them.
  row<Strings>({
    path: ['roles', '*', 'members'],
    compare: optional<Strings>({
      added: (c, s) => s.tighten(`fixes the members to ${plain(c)} (${s.parent} lets the manifest name them)`),
      removed: (p, s) =>
        s.loosen(`is removed, so the manifest would name the reviewers (${s.parent} fixes them to ${plain(p)})`, s.advice('removed'), [
          'roles',
          s.name,
        ]),
      both: mayNarrow({
        fold: true,
        added: (added, s) => `adds ${plain(added)}, whom ${s.parent} does not let approve for ${s.name}`,
        // Every member gone: nobody can approve for the role, so whatever needs it blocks (stricter still).
        dropped: (dropped, p, c, s) =>
          c.length === 0
            ? `drops every member (${plain(p)}): nobody can approve for ${s.name}, so what needs its approval blocks`
            : dropped.length > 0
              ? `drops ${plain(dropped)}`
              : null,
      }),
    }),
    merge: 'replace',
    advice: {
      added: 'a child policy may remove members from a role, not add them: more people could then approve for it',
      removed: 'a child policy may remove members from a role, not open it to whoever the manifest names',
    },
  }),
  // Absent: every tier.
  row<Strings>({
    path: ['roles', '*', 'required_for'],
    absent: RISK_TIERS,
    compare: mayGrow(),
    merge: 'replace',
    advice: 'a child policy may only add tiers',
  }),
  row<Notice>({
    path: ['roles', '*', 'remind'],
    read: (role) => {
      const rules = role as unknown as ReviewerRolePolicy;
      return { lead: remindLead(rules), text: rules.remind === false ? 'false (no reminder)' : (rules.remind ?? DEFAULT_REMIND) };
    },
    compare: notice,
    merge: 'replace',
    advice: 'a child policy may only lengthen remind or turn it on',
  }),
  // Waiting for the reminder before silence counts as consent is stricter, tier by tier.
  row<Strings>({
    path: ['roles', '*', 'consent_requires_reminder'],
    read: (role) => RISK_TIERS.filter((tier) => consentRequiresReminder(role as unknown as ReviewerRolePolicy, tier)),
    compare: tiersOn({
      on: (tiers, s) => `silence counts as consent only after the reminder for ${plain(tiers)} (not so in ${s.parent})`,
      off: (tiers, s) => `silence would count as consent without a reminder for ${plain(tiers)} (${s.parent} requires one)`,
    }),
    merge: 'replace',
    advice: 'a child policy may only turn consent_requires_reminder on',
  }),

  // ---------------------------------------------------------------- gates, by id
  row({ path: ['gates'], compare: compareGates, merge: mergeGates }),
  { ...cosmetic('gates', '*', 'title'), required: true },
  cosmetic('gates', '*', 'description'),
  row<string>({
    path: ['gates', '*', 'stage'],
    absent: 'production',
    compare: fixed,
    merge: 'replace',
    advice: 'a child policy may not move a gate to another stage',
  }),
  row({ path: ['gates', '*', 'criteria'], compare: unjudged, merge: mergeCriteria, required: true }),

  // ---------------------------------------------------------------- criteria, by id whatever their gate
  // Compared here, merged under their gate (gates.*.criteria), which a layer must name.
  row({
    path: ['criteria'],
    read: (policy) => criteriaById(policy as unknown as Policy),
    compare: compareCriteria,
    merge: 'none',
    advice: { removed: 'a child policy may not remove criteria' },
  }),
  { ...cosmetic('criteria', '*', 'title'), required: true },
  { ...cosmetic('criteria', '*', 'description'), required: true },
  row<Strings>({
    path: ['criteria', '*', 'required_for'],
    compare: mayGrow(),
    merge: 'replace',
    advice: 'a child policy may only add tiers',
    required: true,
  }),
  row<boolean>({
    path: ['criteria', '*', 'allow_not_applicable'],
    absent: false,
    compare: flag(false),
    merge: 'replace',
    advice: 'a child policy may only forbid not_applicable',
    required: true,
  }),
  row<boolean>({
    path: ['criteria', '*', 'waivable'],
    absent: false,
    compare: flag(false),
    merge: 'replace',
    advice: 'a child policy may only make a criterion unwaivable',
  }),
  // Who may approve a waiver of the criterion (absent: any reviewer role): fewer roles tighten, more loosen.
  row<Strings>({
    path: ['criteria', '*', 'waiver_approvers'],
    compare: optional<Strings>({
      added: (c, s) =>
        s.tighten(`limits who may approve a waiver of ${s.name} to ${plain(c)} (${s.parent} lets any reviewer role approve one)`),
      removed: (p, s) =>
        s.loosen(`is removed, so any reviewer role could approve a waiver of ${s.name} (${s.parent} allows only ${plain(p)})`, undefined, [
          'criteria',
          s.name,
        ]),
      both: mayNarrow({ added: (added, s) => `adds ${plain(added)}, which ${s.parent} does not let approve a waiver of ${s.name}` }),
    }),
    merge: 'replace',
    advice: 'a child policy may only remove roles from waiver_approvers',
  }),
  row({
    path: ['criteria', '*', 'evidence'],
    compare: compareEvidence,
    merge: mergeEvidence,
    advice: { removed: 'a child policy may only add evidence kinds' },
    required: true,
  }),
  // A role's sign-off: added or removed like an evidence kind (above), never changed.
  row<string>({
    path: ['criteria', '*', 'evidence', 'signoff'],
    compare: fixed,
    merge: 'replace',
    advice: 'a child policy may only add a sign-off where its parent has none, never change it',
  }),
  row({ path: ['criteria', '*', 'references'], compare: unjudged, merge: 'keys' }),
];

/** The rows directly under `pattern` ([] for the policy's own settings, ['roles', '*'] for a reviewer role's), in table order. */
export function rowsAt(pattern: PolicyPath): Setting[] {
  return SETTINGS.filter((setting) => setting.path.length === pattern.length + 1 && pattern.every((key, i) => setting.path[i] === key));
}
