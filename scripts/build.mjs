// Builds dist/ with esbuild: the Action (dist/index.js) and the CLI (dist/cli.js), ESM, with
// shared code split into chunks so the Action loads nothing heavy for events it ignores.
// The output must be byte-for-byte reproducible: no absolute paths, timestamps or host names.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/action/index.ts', cli: 'src/cli/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __prCreateRequire } from 'node:module';\nconst require = __prCreateRequire(import.meta.url);" },
  // Minified: V8 compiles less at start-up. dist/ is generated; read src/ instead.
  minify: true,
  // Linked maps (chunk.js.map beside each chunk, sources relative, no source text inside), read by
  // Node once an entry calls process.setSourceMapsEnabled(true): a runner's stack trace names src/.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
});
