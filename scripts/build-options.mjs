// The esbuild options of dist/ (scripts/build.mjs), shared with bench/chunks.mjs, which reads the
// metafile of the same build to show what each command loads.
import { fileURLToPath } from 'node:url';

export const buildOptions = {
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
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
};
