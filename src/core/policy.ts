// Loads the trusted policy: parse with positions, validate against the schema, then check what a
// schema cannot (unique ids, sign-off roles that exist, patterns that compile, min <= max).
import { InputError } from '../errors.js';
import { sha256 } from './hash.js';
import { schemaFindings } from './validate.js';
import { validatorFor } from './schemas.js';
import { parseYaml, type ParsedYaml } from './yaml.js';
import { didYouMean } from './suggest.js';
import { RISK_TIERS, type CriterionPolicy, type Finding, type GatePolicy, type Policy, type ReviewerRolePolicy } from './types.js';

export interface LoadedPolicy {
  policy: Policy;
  /** Where it came from: `default`, a repository path, or owner/repo/path@ref. */
  source: string;
  text: string;
  sha256: string;
}

export interface CriterionEntry {
  gate: GatePolicy;
  criterion: CriterionPolicy;
}

/** Reviewer roles: every role but the accountable owner. */
export function reviewerRoles(policy: Policy): Array<[string, ReviewerRolePolicy]> {
  return Object.entries(policy.roles).filter(([name]) => name !== 'owner') as Array<[string, ReviewerRolePolicy]>;
}

/** Every criterion by id, in policy order. */
export function criteriaById(policy: Policy): Map<string, CriterionEntry> {
  const map = new Map<string, CriterionEntry>();
  for (const gate of policy.gates) for (const criterion of gate.criteria) map.set(criterion.id, { gate, criterion });
  return map;
}

function semanticFindings(policy: Policy, parsed: ParsedYaml): Finding[] {
  const findings: Finding[] = [];
  const roles = new Set(reviewerRoles(policy).map(([name]) => name));
  const gateIds = new Map<string, number>();
  const criterionIds = new Map<string, string>();
  policy.gates.forEach((gate, g) => {
    if (gateIds.has(gate.id)) {
      findings.push({ message: `gate id "${gate.id}" is used twice; gate ids must be unique`, location: parsed.locate(['gates', g, 'id']) });
    }
    gateIds.set(gate.id, g);
    gate.criteria.forEach((criterion, c) => {
      const at = (...rest: Array<string | number>) => parsed.locate(['gates', g, 'criteria', c, ...rest]);
      const earlier = criterionIds.get(criterion.id);
      if (earlier !== undefined) {
        findings.push({ message: `criterion id "${criterion.id}" is already used in gate "${earlier}"; criterion ids must be unique`, location: at('id') });
      }
      criterionIds.set(criterion.id, gate.id);
      const signoff = criterion.evidence.signoff;
      if (signoff !== undefined && !roles.has(signoff)) {
        findings.push({
          message: `${criterion.id} asks for sign-off by role "${signoff}", which the policy does not define.${didYouMean(signoff, roles)} Add it under roles.`,
          location: at('evidence', 'signoff'),
        });
      }
      const pattern = criterion.evidence.link?.pattern;
      if (pattern !== undefined) {
        try {
          new RegExp(pattern);
        } catch (error) {
          findings.push({ message: `link pattern is not a valid regular expression: ${(error as Error).message}`, location: at('evidence', 'link', 'pattern') });
        }
      }
      for (const [name, rule] of Object.entries(criterion.evidence.metrics ?? {})) {
        for (const tier of RISK_TIERS) {
          const min = typeof rule.min === 'object' ? rule.min[tier] : rule.min;
          const max = typeof rule.max === 'object' ? rule.max[tier] : rule.max;
          if (min !== undefined && max !== undefined && min > max) {
            findings.push({ message: `metric ${name} has min ${min} above max ${max} for ${tier} risk: nothing could pass`, location: at('evidence', 'metrics', name) });
            break;
          }
        }
      }
    });
  });
  if (policy.invalidate_on_push === 'governed' && !(policy.governed_paths && policy.governed_paths.length > 0)) {
    findings.push({ message: 'invalidate_on_push: governed needs governed_paths (globs of the files whose change makes approvals stale)', location: parsed.locate(['invalidate_on_push']) });
  }
  return findings;
}

/** Parses and checks a policy; throws InputError listing every problem with its file:line:column. */
export function loadPolicy(text: string, source: string, file = source): LoadedPolicy {
  const parsed = parseYaml(text, file);
  const findings = schemaFindings(validatorFor('policy'), parsed, 'policy');
  if (findings.length > 0) throw new InputError(findings);
  const policy = parsed.data as Policy;
  const semantic = semanticFindings(policy, parsed);
  if (semantic.length > 0) throw new InputError(semantic);
  return { policy, source, text, sha256: sha256(text) };
}
