// `pilot-readiness init`: a starter manifest listing every criterion the policy sets for a risk tier.
import { BUNDLED } from '../core/generated/bundled-policies.js';
import { describeEvidence } from './explain.js';
import { EVIDENCE_KINDS } from '../core/evidence/index.js';
import { reviewerRoles } from '../core/policy.js';
import { PLACEHOLDERS } from '../core/placeholders.js';
import type { Policy, RiskTier } from '../core/types.js';

/**
 * Where the schemas are published: the files of schemas/ on this repository's main branch, as
 * SchemaStore and Renovate publish their latest schema (no tag moves: releases are pinned by commit
 * sha). An editor follows main; a pinned Action validates with the schema bundled in its own build.
 * Each schema's $id is this base and its file name (a test holds them together).
 */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/pilot-readiness/pilot-readiness/main/schemas/';
export const schemaUrl = (name: 'manifest' | 'manifest.default' | 'policy' | 'facts' | 'attestation'): string =>
  `${SCHEMA_BASE_URL}${name}.schema.json`;
/** The manifest schema for any policy: criterion ids are only checked by the engine. */
export const MANIFEST_SCHEMA_URL = schemaUrl('manifest');
/** The manifest schema under the bundled default policy: an editor flags a criterion id the default does not have. */
export const DEFAULT_MANIFEST_SCHEMA_URL = schemaUrl('manifest.default');

/**
 * The schema a manifest for this policy should name: the default's own when the policy is the bundled
 * default or a copy of it. Compared as JSON, so that however the parser builds its objects, the same
 * text compares equal.
 */
export function manifestSchemaUrl(policy: Policy): string {
  const bundled = BUNDLED.default?.data;
  const same = policy === bundled || (bundled !== undefined && JSON.stringify(policy) === JSON.stringify(bundled));
  return same ? DEFAULT_MANIFEST_SCHEMA_URL : MANIFEST_SCHEMA_URL;
}

/**
 * A starter manifest for one tier: only that tier's limits, and placeholders (src/core/placeholders.ts)
 * wherever a person must write a value, which check refuses until they are replaced.
 */
export function starterManifest(policy: Policy, options: { risk: RiskTier; name?: string; owner?: string }): string {
  const name = options.name ?? PLACEHOLDERS.pilot;
  const out: string[] = [
    `# yaml-language-server: $schema=${manifestSchemaUrl(policy)}`,
    `# pilot-readiness manifest: the pilot, its ONE accountable owner, and its evidence per criterion.`,
    `# Check it with: npx pilot-readiness check pilot-readiness.yml`,
    'version: 1',
    'pilot:',
    `  name: ${name}`,
    `  title: ${name}`,
    `  risk: ${options.risk}`,
    `owner: ${options.owner ?? PLACEHOLDERS.owner}   # one GitHub login: the executive who decides`,
  ];
  const open = reviewerRoles(policy).filter(
    ([, role]) => !role.members && (!role.required_for || role.required_for.includes(options.risk)),
  );
  if (open.length > 0) {
    out.push('reviewers:   # who gives input for each role the policy leaves open (logins or org/team)');
    for (const [name, role] of open) {
      out.push(`  # ${role.title ?? name}: ${role.window} window, silence = ${role.on_silence}`);
      out.push(`  # ${name}: [${PLACEHOLDERS.reviewer}]`);
    }
  }
  out.push('evidence:   # uncomment and fill in each entry; paths are relative to this file');
  for (const gate of policy.gates) {
    const required = gate.criteria.filter((c) => c.required_for.includes(options.risk));
    if (required.length === 0) continue;
    out.push(`  # ── ${gate.title}${gate.stage === 'pre-pilot' ? ' (before the pilot)' : ''}`);
    for (const c of required) {
      out.push(`  # ${c.id}: ${c.title}`);
      for (const line of describeEvidence(c, options.risk)) out.push(`  #   needs ${line}`);
      const example = EVIDENCE_KINDS.flatMap((kind) => kind.starter(c) ?? []);
      if (example.length > 0) out.push(`  # ${c.id}: { ${example.join(', ')} }`);
    }
  }
  return `${out.join('\n')}\n`;
}
