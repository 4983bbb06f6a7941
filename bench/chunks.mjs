// What a command loads: builds dist/ as scripts/build.mjs does (in memory, with esbuild's metafile)
// and prints the chunks that the given modules load statically (their union), their sizes, and the
// sources and packages inside them, largest first. For `check` with a bundled policy and no --pr:
//   node bench/chunks.mjs src/cli/index.ts src/cli/main.ts src/cli/commands/check.ts src/core/evaluate.ts src/report/text.ts
import { build } from 'esbuild';
import { buildOptions } from '../scripts/build-options.mjs';

const result = await build({ ...buildOptions, outdir: 'dist', write: false, metafile: true, logLevel: 'error' });
const outputs = result.metafile.outputs;
const byEntry = new Map();
for (const [path, output] of Object.entries(outputs)) if (output.entryPoint) byEntry.set(output.entryPoint, path);
const loaded = new Set();
const load = (path) => {
  if (loaded.has(path)) return;
  loaded.add(path);
  for (const imported of outputs[path].imports) if (imported.kind === 'import-statement' && !imported.external) load(imported.path);
};
for (const module of process.argv.slice(2)) {
  const chunk = byEntry.get(module);
  if (!chunk) throw new Error(`${module} is neither an entry nor imported with import() (entries: ${[...byEntry.keys()].join(', ')})`);
  load(chunk);
}
let total = 0;
const sources = new Map();
for (const path of loaded) {
  total += outputs[path].bytes;
  for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
    const name = input.includes('node_modules/') ? input.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : input;
    sources.set(name, (sources.get(name) ?? 0) + bytesInOutput);
  }
}
console.log(`${loaded.size} chunks, ${total} bytes`);
for (const path of [...loaded].sort((a, b) => outputs[b].bytes - outputs[a].bytes))
  console.log(`  ${String(outputs[path].bytes).padStart(7)} ${path}`);
console.log('inside them:');
for (const [name, bytes] of [...sources].sort((a, b) => b[1] - a[1])) if (bytes > 0) console.log(`  ${String(bytes).padStart(7)} ${name}`);
