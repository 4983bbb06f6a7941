// Engine throughput: parse, validate and evaluate generated manifests in one process. The wall time
// includes the JIT's warm-up (the first manifests run cold), as a CLI or Action run would see it;
// peak RSS is the whole process's.
import { evaluate } from '../src/core/evaluate.js';
import { manifests, policy } from './manifests.js';

const COUNT = Number(process.argv[2] ?? 1000);
const texts = manifests(COUNT);
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
process.stdout.write(
  `${JSON.stringify({ count: COUNT, ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, decisions })}\n`,
);
