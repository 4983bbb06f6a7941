// Loads the trusted policy: parse with positions, validate against the schema, then check what a
// schema cannot (unique ids, sign-off roles that exist, and what each evidence kind checks of its settings).
// Policies that extend others are resolved in layering/; this module checks one file and one effective policy.
import { InputError } from './errors.js';
import { sha256 } from './hash.js';
import { placeIn, type PolicyPath } from './layering/paths.js';
import { schemaFindings } from './validate.js';
import { policy as policyValidator } from './generated/policy-validator.js';
import { parseYaml, type ParsedYaml } from './yaml.js';
import { didYouMean } from './suggest.js';
import { consentRequiresReminder } from './signoff/reminder.js';
import { asReported, EVIDENCE_KINDS } from './evidence/index.js';
// The engine reads policies through these; they live apart so that it loads no policy validator.
import { criteriaById, reviewerRoles } from './criteria.js';
export { criteriaById, reviewerRoles } from './criteria.js';
import { RISK_TIERS, type Finding, type Policy, type PolicyLayer, type SourceLocation } from './types.js';

export interface LoadedPolicy {
  /** The effective policy: for a policy that extends others, the merge of its whole chain. */
  policy: Policy;
  /** Where it came from: `default`, a repository path, or owner/repo/path@ref. */
  source: string;
  /** The entry file's text (not the merge), and its sha256. */
  text: string;
  sha256: string;
  /** Every policy file it was resolved from, the entry first; absent for a policy that extends nothing. */
  layers?: Array<{ source: string; text: string; sha256: string }>;
}

/** One policy file, parsed and schema-valid: complete, or a layer when it has `extends`. */
export interface PolicyDocument {
  parsed: ParsedYaml;
  data: PolicyLayer;
}

/** Locates a setting of an effective policy in the file(s) it came from. */
export type PolicyLocator = (path: PolicyPath) => SourceLocation | null;

/** What one file gets wrong on its own: ids used twice, and what each evidence kind refuses in one file (a link pattern that does not compile). */
function documentFindings(data: PolicyLayer, parsed: ParsedYaml): Finding[] {
  const findings: Finding[] = [];
  const gateIds = new Set<string>();
  const criterionIds = new Map<string, string>();
  (data.gates ?? []).forEach((gate, g) => {
    if (gateIds.has(gate.id)) {
      findings.push({
        message: `gate id "${gate.id}" is used twice; gate ids must be unique`,
        location: parsed.locate(['gates', g, 'id']),
      });
    }
    gateIds.add(gate.id);
    (gate.criteria ?? []).forEach((criterion, c) => {
      const at = (...rest: Array<string | number>) => parsed.locate(['gates', g, 'criteria', c, ...rest]);
      const earlier = criterionIds.get(criterion.id);
      if (earlier !== undefined) {
        findings.push({
          message: `criterion id "${criterion.id}" is already used in gate "${earlier}"; criterion ids must be unique`,
          location: at('id'),
        });
      }
      criterionIds.set(criterion.id, gate.id);
      const evidence = criterion.evidence;
      if (evidence === undefined) return;
      for (const kind of EVIDENCE_KINDS)
        for (const finding of kind.validateLayer?.(evidence, (...rest) => at('evidence', ...rest)) ?? [])
          findings.push(asReported(finding));
    });
  });
  return findings;
}

/** What only the whole (effective) policy can get wrong: roles that do not exist, min above max, settings that need others. */
export function effectiveFindings(policy: Policy, locate: PolicyLocator): Finding[] {
  const findings: Finding[] = [];
  const roles = new Set(reviewerRoles(policy).map(([name]) => name));
  const ids = criteriaById(policy);
  const criterionIds: ReadonlySet<string> = new Set(ids.keys());
  for (const { criterion } of ids.values()) {
    const at = (...rest: string[]) => locate(['criteria', criterion.id, ...rest]);
    const signoff = criterion.evidence.signoff;
    if (signoff !== undefined && !roles.has(signoff)) {
      findings.push({
        message: `${criterion.id} asks for sign-off by role "${signoff}", which the policy does not define.${didYouMean(signoff, roles)} Add it under roles.`,
        location: at('evidence', 'signoff'),
      });
    }
    const kindCtx = { at: (...rest: string[]) => at('evidence', ...rest), criterionIds };
    for (const kind of EVIDENCE_KINDS)
      for (const finding of kind.validatePolicy?.(criterion, kindCtx) ?? []) findings.push(asReported(finding));
    for (const approver of criterion.waiver_approvers ?? []) {
      if (!roles.has(approver)) {
        findings.push({
          message: `${criterion.id}.waiver_approvers names role "${approver}", which is not a reviewer role of the policy.${didYouMean(approver, roles)} Name the reviewer roles that may approve a waiver of ${criterion.id}`,
          location: at('waiver_approvers'),
        });
      }
    }
    if (criterion.waivable === true && policy.max_waiver === undefined) {
      findings.push({
        message: `${criterion.id} is waivable, but the policy sets no max_waiver, so no waiver could be accepted: add max_waiver (for example 90d) at the top level, or remove waivable`,
        location: at('waivable'),
      });
    }
  }
  for (const [name, role] of reviewerRoles(policy)) {
    const needs = RISK_TIERS.filter((tier) => consentRequiresReminder(role, tier));
    if (role.remind === false && role.on_silence === 'consent' && needs.length > 0) {
      const why = role.consent_requires_reminder === undefined ? ' (the default for high)' : '';
      findings.push({
        message: `roles.${name}.remind is false, but consent_requires_reminder is on for ${needs.join(', ')}${why}, so silence could never count as consent: give remind a duration (for example 2d), or set consent_requires_reminder: false`,
        location: locate(['roles', name, 'remind']),
      });
    }
  }
  if (policy.tier_confirmed_by !== undefined && !roles.has(policy.tier_confirmed_by)) {
    findings.push({
      message: `tier_confirmed_by names role "${policy.tier_confirmed_by}", which is not a reviewer role of the policy.${didYouMean(policy.tier_confirmed_by, roles)} Name the role that must confirm a lowered risk tier`,
      location: locate(['tier_confirmed_by']),
    });
  }
  if (policy.thresholds_confirmed_by !== undefined && !roles.has(policy.thresholds_confirmed_by)) {
    findings.push({
      message: `thresholds_confirmed_by names role "${policy.thresholds_confirmed_by}", which is not a reviewer role of the policy.${didYouMean(policy.thresholds_confirmed_by, roles)} Name the role that must confirm a threshold changed with its evaluation`,
      location: locate(['thresholds_confirmed_by']),
    });
  }
  if (policy.invalidate_on_push === 'governed' && !(policy.governed_paths && policy.governed_paths.length > 0)) {
    findings.push({
      message: 'invalidate_on_push: governed needs governed_paths (globs of the files whose change makes approvals stale)',
      location: locate(['invalidate_on_push']),
    });
  }
  return findings;
}

const byPosition = (a: Finding, b: Finding): number =>
  (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);

/** Parses one policy file and checks it on its own (schema, ids, patterns); throws InputError listing every problem. */
export function parsePolicyDocument(text: string, file: string): PolicyDocument {
  const parsed = parseYaml(text, file);
  const findings = schemaFindings(policyValidator, parsed, 'policy');
  if (findings.length > 0) throw new InputError(findings);
  const data = parsed.data as PolicyLayer;
  const own = documentFindings(data, parsed);
  if (own.length > 0) throw new InputError(own.sort(byPosition));
  return { parsed, data };
}

/**
 * Parses and checks a complete policy; throws InputError listing every problem with its file:line:column.
 * A policy that extends another is loaded with its chain by resolvePolicy (layering/).
 */
export function loadPolicy(text: string, source: string, file = source): LoadedPolicy {
  const { parsed, data } = parsePolicyDocument(text, file);
  if (data.extends !== undefined) {
    throw new InputError(
      `this policy extends "${data.extends}", so it is loaded with its chain: use resolvePolicy (layering/), as \`pilot-readiness policy check\` does`,
      parsed.locate(['extends']),
    );
  }
  const policy = data as Policy;
  const semantic = effectiveFindings(policy, (path) => placeIn(parsed, path).location);
  if (semantic.length > 0) throw new InputError(semantic.sort(byPosition));
  return { policy, source, text, sha256: sha256(text) };
}
