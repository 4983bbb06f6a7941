// npm run bench: start-up of the CLI and of the Action on an ignored event, as ratios to a bare
// `node -e 0`, the engine's throughput over 1,000 and 10,000 generated manifests (and its peak RSS),
// the parser alone, two inputs that were once quadratic (bench/scaling.ts), and the work a hostile
// manifest can cause (1 MiB, 12,000 unknown evidence ids: bench/hostile.ts). Measured in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const tmp = mkdtempSync(join(tmpdir(), 'pr-bench-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function once(args, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || result.status > 1) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return ms;
}

/**
 * Runs the commands in turn, round after round, so that each sees the same machine load (these
 * machines are shared), after a few warm-up rounds; returns each command's median.
 */
function interleaved(commands) {
  const samples = commands.map(() => []);
  for (let round = 0; round < RUNS + 3; round++) {
    commands.forEach(([args, env], i) => {
      const ms = once(args, env);
      if (round >= 3) samples[i].push(ms);
    });
  }
  return samples.map(median);
}

const event = join(tmp, 'event.json');
writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main' }));
const actionEnv = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: event,
  GITHUB_REPOSITORY: 'acme/ml',
  GITHUB_OUTPUT: join(tmp, 'out'),
  GITHUB_STEP_SUMMARY: join(tmp, 'sum'),
};
const [bare, cli, action] = interleaved([
  [['-e', '0']],
  [['dist/cli.js', 'check', 'examples/claims-triage/pilot-readiness.yml', '--now', '2026-11-20T12:00:00Z']],
  [['dist/index.js'], actionEnv],
]);

const engineBundle = join(tmp, 'engine.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['bench/engine.ts'],
  outfile: engineBundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const bundle = async (name) => {
  const outfile = join(tmp, `${name}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [`bench/${name}.ts`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  return outfile;
};
const run = (file, ...args) => JSON.parse(spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }).stdout);
const engine = run(engineBundle, '1000');
const engine10k = run(engineBundle, '10000');
const parser = run(await bundle('parser'), '1000');
const scaling = await bundle('scaling');
const teams = run(scaling, 'teams', '30000');
const reviews = run(scaling, 'reviews', '100000');
const overridesBundle = join(tmp, 'overrides.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['bench/overrides.ts'],
  outfile: overridesBundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const overrides = JSON.parse(spawnSync(process.execPath, [overridesBundle], { encoding: 'utf8' }).stdout);
// The hostile manifest: the engine alone (median of 5 in one process), then the whole CLI (median of
// 5 runs; it exits 2, the manifest being invalid, and writes a JSON report of 12,000 errors).
const hostileBundle = join(tmp, 'hostile.mjs');
const hostileManifest = join(tmp, 'hostile.yml');
await build({
  absWorkingDir: root,
  entryPoints: ['bench/hostile-engine.ts'],
  outfile: hostileBundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const hostile = JSON.parse(spawnSync(process.execPath, [hostileBundle, '5', hostileManifest], { encoding: 'utf8' }).stdout);
const hostileCli = [];
for (let run = 0; run < 5; run++) {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['dist/cli.js', 'check', hostileManifest, '--now', '2026-11-20T12:00:00Z', '--format', 'json'],
    { cwd: root, stdio: 'ignore' },
  );
  hostileCli.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (result.status !== 2) throw new Error(`the hostile manifest exited ${result.status}, not 2`);
}
rmSync(tmp, { recursive: true, force: true });

const row = (name, value, target) => `| ${name} | ${value} | ${target} |`;
console.log(`pilot-readiness benchmark · node ${process.version} · ${RUNS} runs each, median\n`);
console.log('| measure | value | target |');
console.log('| --- | --- | --- |');
console.log(row('`node -e 0`', `${bare.toFixed(1)} ms`, ''));
console.log(row('CLI `check` on examples/claims-triage', `${cli.toFixed(1)} ms (${(cli / bare).toFixed(2)}x)`, '≤ 1.5x'));
console.log(row('Action on an ignored event', `${action.toFixed(1)} ms (${(action / bare).toFixed(2)}x)`, '≤ 1.5x'));
console.log(
  row(
    `/override reader: worst hostile review body of ${overrides.size} characters (${overrides.worst.name})`,
    `${overrides.worst.ms.toFixed(0)} ms wall, ${overrides.worst.cpuMs.toFixed(0)} ms CPU; 1 MiB body refused in ${overrides.mibCpuMs.toFixed(0)} ms CPU`,
    '< 1000 ms',
  ),
);
for (const e of [engine, engine10k]) {
  console.log(
    row(
      `engine: ${e.count} generated manifests, one process (wall incl. warm-up)`,
      `${e.ms.toFixed(0)} ms wall, ${e.cpuMs.toFixed(0)} ms CPU, peak RSS ${e.rssMb.toFixed(0)} MB`,
      e.count === 1000 ? '≤ 350 ms' : '≤ 2500 ms, ≤ 150 MB',
    ),
  );
}
console.log(
  row(
    `parser alone (data and positions), ${parser.count} manifests`,
    `${parser.firstMs.toFixed(0)} ms first pass, ${parser.bestMs.toFixed(0)} ms best of 5`,
    '',
  ),
);
console.log(row(`facts with ${teams.members} team members (parse and validate)`, `${teams.ms.toFixed(0)} ms`, '≤ 300 ms'));
console.log(row(`evaluation with ${reviews.reviews} reviews`, `${reviews.ms.toFixed(0)} ms`, '≤ 100 ms'));
console.log(
  row(
    `engine: hostile manifest (${(hostile.bytes / 1024).toFixed(0)} KiB, ${hostile.ids} unknown ids)`,
    `${hostile.ms.toFixed(0)} ms wall, ${hostile.cpuMs.toFixed(0)} ms CPU (first run ${hostile.firstMs.toFixed(0)} ms)`,
    '< 1000 ms',
  ),
);
console.log(row('CLI `check --format json` on the hostile manifest', `${median(hostileCli).toFixed(0)} ms`, '< 1000 ms'));
