// Engine throughput: parse, validate and evaluate generated manifests in one process.
import { BUNDLED_POLICIES } from '../src/core/bundled.js';
import { evaluate } from '../src/core/evaluate.js';
import { loadPolicy } from '../src/core/policy.js';
import { RISK_TIERS } from '../src/core/types.js';

const COUNT = Number(process.argv[2] ?? 1000);
const policy = loadPolicy(BUNDLED_POLICIES.default!, 'default');
const criteria = policy.policy.gates.flatMap((g) => g.criteria);

function manifest(i: number): string {
  const lines = ['version: 1', 'pilot:', `  name: pilot-${i}`, `  risk: ${RISK_TIERS[i % 3]}`, `owner: owner-${i % 17}`, 'reviewers:', '  legal: [lee-legal]', '  security: [acme/appsec]', 'evidence:'];
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

const texts = Array.from({ length: COUNT }, (_, i) => manifest(i));
const files = { stat: (path: string) => (path.endsWith('.md') && path.length % 3 !== 0 ? ('file' as const) : ('missing' as const)) };
const now = new Date('2026-11-20T12:00:00Z');
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const decisions: Record<string, number> = {};
for (const [i, text] of texts.entries()) {
  const report = evaluate({ manifest: { path: `pilots/p${i}/pilot-readiness.yml`, text }, policy, files, facts: null, now });
  decisions[report.decision] = (decisions[report.decision] ?? 0) + 1;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
// CPU time is less disturbed than wall time when other work shares the machine.
process.stdout.write(`${JSON.stringify({ count: COUNT, ms, cpuMs: (cpu.user + cpu.system) / 1000, decisions })}\n`);
