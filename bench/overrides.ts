// The `/override` reader on hostile review bodies: the slowest construct at the largest body that is
// read (MAX_OVERRIDE_BODY), and a 1 MiB body, which is refused before parsing.
import { MAX_OVERRIDE_BODY, readOverrides } from '../src/core/signoff/override.js';
import { HOSTILE_UNITS, hostileBody } from './override-bodies.js';

function time(body: string): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  readOverrides(body);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

readOverrides(hostileBody('x', 10_000)); // warm up: load and compile the parser
let worst = { name: '', ms: 0, cpuMs: 0 };
for (const [name, unit] of Object.entries(HOSTILE_UNITS)) {
  const t = time(hostileBody(unit, MAX_OVERRIDE_BODY - 200));
  if (t.cpuMs > worst.cpuMs) worst = { name, ...t };
}
let mib = 0;
for (const unit of Object.values(HOSTILE_UNITS)) mib = Math.max(mib, time(hostileBody(unit, 1024 * 1024)).cpuMs);
process.stdout.write(`${JSON.stringify({ size: MAX_OVERRIDE_BODY, worst, mibCpuMs: mib })}\n`);
