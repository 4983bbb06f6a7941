// Bounded work on hostile input: the engine on a manifest at the 1 MiB limit with 12,000 unknown
// evidence ids (bench/hostile.ts), several times in one process; medians of wall and CPU time.
// With a path argument, also writes the manifest there for the CLI measurement in bench/run.mjs.
import { writeFileSync } from 'node:fs';
import { BUNDLED_POLICIES } from '../src/core/bundled.js';
import { evaluate } from '../src/core/evaluate.js';
import { loadPolicy } from '../src/core/policy.js';
import { hostileManifest, HOSTILE_IDS } from './hostile.js';

const RUNS = Number(process.argv[2] ?? 5);
const out = process.argv[3];
const text = hostileManifest();
if (out) writeFileSync(out, text);
const policy = loadPolicy(BUNDLED_POLICIES.default!, 'default');
const now = new Date('2026-11-20T12:00:00Z');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const wall: number[] = [];
const cpu: number[] = [];
let errors = 0;
for (let run = 0; run < RUNS; run++) {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const report = evaluate({ manifest: { path: 'pilot-readiness.yml', text }, policy, files: { stat: () => 'missing' }, facts: null, now });
  wall.push(Number(process.hrtime.bigint() - start) / 1e6);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  errors = report.errors.length;
}
if (errors !== HOSTILE_IDS) throw new Error(`expected ${HOSTILE_IDS} errors, got ${errors}`);
process.stdout.write(
  `${JSON.stringify({ bytes: Buffer.byteLength(text), ids: HOSTILE_IDS, errors, ms: median(wall), cpuMs: median(cpu), firstMs: wall[0] })}\n`,
);
