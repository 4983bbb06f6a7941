// `pilot-readiness explain`: a criterion's text, evidence requirements and framework references.
// Plain text for the terminal: a policy may be a local file under review, so its values go through
// the plain-text sanitiser (one line each; the description keeps its line breaks).
import { InputError } from '../core/errors.js';
import { plainLine as p, plainText } from './plain.js';
import { criteriaById, reviewerRoles } from '../core/policy.js';
import { DEFAULT_REMIND, consentRequiresReminder } from '../core/signoff/reminder.js';
import { didYouMean } from '../core/suggest.js';
import { EVIDENCE_KINDS } from '../core/evidence/index.js';
import { RISK_TIERS, type CriterionPolicy, type Policy, type RiskTier } from '../core/types.js';

/** Evidence requirements in words, one line each (init writes them into YAML comments: no line breaks); with a tier, its limits alone. */
export function describeEvidence(criterion: CriterionPolicy, tier?: RiskTier): string[] {
  const lines = EVIDENCE_KINDS.flatMap((kind) => kind.describe(criterion, p, tier));
  const signoff = criterion.evidence.signoff;
  if (signoff) lines.push(`sign-off: an explicit approval by the ${p(signoff)} role (silence does not count)`);
  return lines;
}

export function explainCriterion(policy: Policy, id: string): string {
  const all = criteriaById(policy);
  const entry = all.get(id) ?? [...all.values()].find((c) => c.criterion.id.toLowerCase() === id.toLowerCase());
  if (!entry)
    throw new InputError(
      `no criterion "${id}" in policy ${policy.name ?? ''}.${didYouMean(id, all.keys())} Run \`pilot-readiness explain\` for the list.`,
    );
  const { gate, criterion } = entry;
  const out = [
    `${p(criterion.id)} · ${p(criterion.title)}`,
    `gate: ${p(gate.title)}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''} · required for: ${p(criterion.required_for.join(', ')) || 'no tier'} · not applicable allowed: ${criterion.allow_not_applicable ? 'yes' : 'no'} · waivable: ${criterion.waivable && policy.max_waiver ? `yes, for up to ${p(policy.max_waiver)}${policy.max_waiver_total ? ` at a time, ${p(policy.max_waiver_total)} in all` : ''}` : 'no'}`,
    '',
    plainText(criterion.description),
    '',
    'Evidence:',
    ...describeEvidence(criterion).map((l) => `  - ${l}`),
    ...EVIDENCE_KINDS.flatMap((kind) => kind.explain?.(criterion, policy, p) ?? []).map((l) => `  ${l}`),
  ];
  const refs = criterion.references ?? {};
  const named: Array<[string, string[] | undefined]> = [
    ['NIST AI RMF 1.0', refs.nist_ai_rmf],
    ['EU AI Act', refs.eu_ai_act],
    ['ML Test Score', refs.ml_test_score],
    ['ISO/IEC 42001', refs.iso_42001],
  ];
  const present = named.filter(([, list]) => list && list.length > 0);
  if (present.length > 0) out.push('', 'References:', ...present.map(([name, list]) => `  - ${name}: ${p(list!.join(', '))}`));
  return plainText(`${out.join('\n')}\n\n`);
}

export function listCriteria(policy: Policy): string {
  const out: string[] = [];
  for (const gate of policy.gates) {
    out.push(`${p(gate.title)}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''}`);
    for (const c of gate.criteria) out.push(`  ${p(c.id).padEnd(7)} ${p(c.title)}  [${p(c.required_for.join(', '))}]`);
    out.push('');
  }
  out.push(gatedBranchesLine(policy), '');
  return plainText(out.join('\n'));
}

/** Which pull requests may pass at all: those to the branches the policy gates. */
export function gatedBranchesLine(policy: Policy): string {
  const list = policy.branches;
  if (list === undefined)
    return "Gated branches: the repository's default branch (the policy sets no branches); a pull request to any other base fails.";
  if (list.length === 0) return 'Gated branches: none (branches: []); no pull request passes.';
  return `Gated branches: ${p(list.join(', '))} (branches); a pull request to any other base fails.`;
}

/** Every reviewer role: its window, what silence and objections mean, its reminder and when silence waits for it. */
export function explainRoles(policy: Policy): string {
  const out: string[] = [];
  for (const [name, role] of reviewerRoles(policy)) {
    const tiers = role.required_for ?? RISK_TIERS;
    out.push(`${p(name)}${role.title ? ` · ${p(role.title)}` : ''}  [required for ${p(tiers.join(', ')) || 'no tier'}]`);
    out.push(`  window: ${p(role.window)} · on silence: ${role.on_silence} · on objection: ${role.on_objection}`);
    out.push(
      role.remind === false
        ? '  reminder: none (remind: false)'
        : `  reminder: one comment ${p(role.remind ?? DEFAULT_REMIND)} before the deadline${role.remind === undefined ? ' (the default)' : ''}, mentioning the role`,
    );
    if (role.on_silence === 'consent') {
      const waits = RISK_TIERS.filter((tier) => consentRequiresReminder(role, tier));
      out.push(
        waits.length === 0
          ? '  silence counts as consent at the deadline, reminded or not'
          : `  silence counts as consent only after the reminder was sent for ${waits.join(', ')}${role.consent_requires_reminder === undefined ? ' (the default)' : ''}; a late reminder moves consent to its sending plus the notice`,
      );
    }
    out.push('');
  }
  return plainText(out.join('\n'));
}
