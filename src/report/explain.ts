// `pilot-readiness explain`: a criterion's text, evidence requirements and framework references.
// Plain text for the terminal: a policy may be a local file under review, so its values go through
// the plain-text sanitiser (one line each; the description keeps its line breaks).
import { InputError } from '../core/errors.js';
import { plainLine as p, plainText } from './plain.js';
import { criteriaById } from '../core/policy.js';
import { didYouMean } from '../core/suggest.js';
import { RISK_TIERS, type CriterionPolicy, type PerTier, type Policy } from '../core/types.js';

function perTier<T>(value: PerTier<T> | undefined): string {
  if (value === undefined) return '';
  if (typeof value !== 'object' || value === null) return p(value);
  return RISK_TIERS.filter((t) => (value as Record<string, T>)[t] !== undefined)
    .map((t) => `${t} ${p((value as Record<string, T>)[t])}`)
    .join(', ');
}

/** Evidence requirements in words, one line each (init writes them into YAML comments: no line breaks). */
export function describeEvidence(criterion: CriterionPolicy): string[] {
  const e = criterion.evidence;
  const lines: string[] = [];
  if (e.file) lines.push(`file${e.file.paths ? ` under ${e.file.paths.map((path) => p(path)).join(' or ')}` : ''} (relative to the manifest's folder)`);
  if (e.date) lines.push(`date: no older than ${perTier(e.date.max_age)}`);
  for (const [name, rule] of Object.entries(e.metrics ?? {})) {
    const bounds = [rule.min !== undefined ? `≥ ${perTier(rule.min)}` : '', rule.max !== undefined ? `≤ ${perTier(rule.max)}` : ''].filter(Boolean).join(' and ');
    lines.push(`metric ${p(name)}${bounds ? ` ${bounds}` : ' (present)'}${rule.unit ? ` ${p(rule.unit)}` : ''}${rule.description ? ` (${p(rule.description)})` : ''}`);
  }
  if (e.link) lines.push(`link${e.link.pattern ? ` matching ${p(e.link.pattern)}` : ''}`);
  if (e.signoff) lines.push(`sign-off: an explicit approval by the ${p(e.signoff)} role (silence does not count)`);
  return lines;
}

export function explainCriterion(policy: Policy, id: string): string {
  const all = criteriaById(policy);
  const entry = all.get(id) ?? [...all.values()].find((c) => c.criterion.id.toLowerCase() === id.toLowerCase());
  if (!entry) throw new InputError(`no criterion "${id}" in policy ${policy.name ?? ''}.${didYouMean(id, all.keys())} Run \`pilot-readiness explain\` for the list.`);
  const { gate, criterion } = entry;
  const out = [
    `${p(criterion.id)} · ${p(criterion.title)}`,
    `gate: ${p(gate.title)}${gate.stage === 'pre-pilot' ? ' (pre-pilot)' : ''} · required for: ${p(criterion.required_for.join(', ')) || 'no tier'} · not applicable allowed: ${criterion.allow_not_applicable ? 'yes' : 'no'} · waivable: ${criterion.waivable && policy.max_waiver ? `yes, for up to ${p(policy.max_waiver)}` : 'no'}`,
    '',
    plainText(criterion.description),
    '',
    'Evidence:',
    ...describeEvidence(criterion).map((l) => `  - ${l}`),
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
  return plainText(out.join('\n'));
}
