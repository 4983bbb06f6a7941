// The esbuild options of dist/ (scripts/build.mjs), shared with bench/chunks.mjs, which reads the
// metafile of the same build to show what each command loads.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Keeps undici (about 400 KB) out of a gate run. @actions/core imports @actions/http-client, and with it
 * undici, for getIDToken alone, which only the signer (@actions/attest) calls. Two steps:
 * - the signer gets its own copy of @actions/core's entry module and of its OIDC client (namespace
 *   `signer-core`), so that getIDToken and the OIDC client are used only from the signer's chunk,
 *   not from the core chunk the gate shares;
 * - @actions/http-client, undici, tunnel and @actions/core's oidc-utils.js are declared free of side
 *   effects (their modules only define), so esbuild drops them wherever none of their bindings is used.
 * src/adapters/github/client.ts imports the proxy code with import() when a proxy applies.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const keepUndiciOutOfTheGate = {
  name: 'keep-undici-out-of-the-gate',
  setup(build) {
    const again = async (args) => {
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      return resolved.errors.length > 0 ? undefined : resolved;
    };
    build.onResolve({ filter: /^@actions\/core$|^\.\/oidc-utils\.js$/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const signer = args.path.startsWith('.')
        ? args.namespace === 'signer-core'
        : /[\\/]node_modules[\\/]@actions[\\/]attest[\\/]/.test(args.importer);
      if (!signer) return undefined;
      const resolved = await again(args);
      // Named relative to the project: esbuild hashes a module's namespace and path into its chunk's
      // name, and an absolute path would make dist/ differ between two clones.
      return resolved && { path: relative(ROOT, resolved.path).split(sep).join('/'), namespace: 'signer-core' };
    });
    build.onLoad({ filter: /.*/, namespace: 'signer-core' }, async (args) => ({
      contents: await readFile(join(ROOT, args.path), 'utf8'),
      resolveDir: dirname(join(ROOT, args.path)),
      loader: 'js',
    }));
    build.onResolve({ filter: /^(@actions\/http-client|undici|tunnel)(\/|$)|^\.\/oidc-utils\.js$/ }, async (args) => {
      if (args.pluginData?.resolving || args.namespace === 'signer-core') return undefined;
      if (args.path.startsWith('.') && !/[\\/]@actions[\\/]core[\\/]/.test(args.importer)) return undefined;
      const resolved = await again(args);
      return resolved && { ...resolved, sideEffects: false };
    });
  },
};

export const buildOptions = {
  absWorkingDir: ROOT,
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
  plugins: [keepUndiciOutOfTheGate],
};
