// Generated manifests for the engine and parser benchmarks: every criterion of the bundled policy,
// some evidence left out, dates spread over the year, metrics in flow maps, quoted links.
import { BUNDLED_POLICIES } from '../src/core/bundled.js';
import { loadPolicy, type LoadedPolicy } from '../src/core/policy.js';
import { RISK_TIERS } from '../src/core/types.js';

export const policy: LoadedPolicy = loadPolicy(BUNDLED_POLICIES.default!, 'default');
const criteria = policy.policy.gates.flatMap((g) => g.criteria);

export function manifest(i: number): string {
  const lines = [
    'version: 1',
    'pilot:',
    `  name: pilot-${i}`,
    `  risk: ${RISK_TIERS[i % 3]}`,
    `owner: owner-${i % 17}`,
    'reviewers:',
    '  legal: [lee-legal]',
    '  security: [acme/appsec]',
    'evidence:',
  ];
  criteria.forEach((c, k) => {
    if ((i + k) % 7 === 0) return; // leave some criteria missing
    const parts: string[] = [];
    if (c.evidence.file) parts.push(`file: reports/${c.id.toLowerCase()}.md`);
    if (c.evidence.date) parts.push(`date: 2026-${String(1 + ((i + k) % 11)).padStart(2, '0')}-15`);
    const metrics = Object.keys(c.evidence.metrics ?? {});
    if (metrics.length > 0) parts.push(`metrics: { ${metrics.map((m, j) => `${m}: ${((i + j) % 10) / 10}`).join(', ')} }`);
    if (c.evidence.link) parts.push(`link: "https://tickets.example.com/${c.id}-${i}"`);
    if (parts.length > 0) lines.push(`  ${c.id}: { ${parts.join(', ')} }`);
  });
  return `${lines.join('\n')}\n`;
}

export const manifests = (count: number): string[] => Array.from({ length: count }, (_, i) => manifest(i));
