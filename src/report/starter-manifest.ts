// `pilot-readiness init`: a starter manifest listing every criterion the policy sets for a risk tier.
import { describeEvidence } from './explain.js';
import { EVIDENCE_KINDS } from '../core/evidence/index.js';
import { reviewerRoles } from '../core/policy.js';
import type { Policy, RiskTier } from '../core/types.js';

/** Where editors find the manifest schema (yaml-language-server). */
export const MANIFEST_SCHEMA_URL = 'https://pilot-readiness.dev/schemas/manifest.schema.json';

export function starterManifest(policy: Policy, options: { risk: RiskTier; name: string; owner: string }): string {
  const out: string[] = [
    `# yaml-language-server: $schema=${MANIFEST_SCHEMA_URL}`,
    `# pilot-readiness manifest: the pilot, its ONE accountable owner, and its evidence per criterion.`,
    `# Check it with: npx pilot-readiness check pilot-readiness.yml`,
    'version: 1',
    'pilot:',
    `  name: ${options.name}`,
    `  title: ${options.name}`,
    `  risk: ${options.risk}`,
    `owner: ${options.owner}   # one GitHub login: the executive who decides`,
  ];
  const open = reviewerRoles(policy).filter(([, role]) => !role.members && (!role.required_for || role.required_for.includes(options.risk)));
  if (open.length > 0) {
    out.push('reviewers:   # who gives input for each role the policy leaves open (logins or org/team)');
    for (const [name, role] of open) {
      out.push(`  # ${role.title ?? name}: ${role.window} window, silence = ${role.on_silence}`);
      out.push(`  # ${name}: [login-or-org/team]`);
    }
  }
  out.push('evidence:   # uncomment and fill in each entry; paths are relative to this file');
  for (const gate of policy.gates) {
    const required = gate.criteria.filter((c) => c.required_for.includes(options.risk));
    if (required.length === 0) continue;
    out.push(`  # ── ${gate.title}${gate.stage === 'pre-pilot' ? ' (before the pilot)' : ''}`);
    for (const c of required) {
      out.push(`  # ${c.id}: ${c.title}`);
      for (const line of describeEvidence(c)) out.push(`  #   needs ${line}`);
      const example = EVIDENCE_KINDS.flatMap((kind) => kind.starter(c) ?? []);
      if (example.length > 0) out.push(`  # ${c.id}: { ${example.join(', ')} }`);
    }
  }
  return `${out.join('\n')}\n`;
}
