// What `check` with a bundled policy loads at start-up (docs/benchmarks.md): the chunks its entry,
// the dispatcher, the command and its engine import statically, in the same esbuild build as dist/.
// What only a policy file, --pr or another format needs must stay behind import().
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const LOADED_BY_CHECK = ['src/cli/index.ts', 'src/cli/main.ts', 'src/cli/commands/check.ts', 'src/cli/commands/check-engine.ts'];

let inputs: Set<string>;

beforeAll(async () => {
  const optionsModule = join(ROOT, 'scripts/build-options.mjs');
  const { buildOptions } = (await import(optionsModule)) as { buildOptions: BuildOptions };
  const result = await build({ ...buildOptions, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const outputs: Metafile['outputs'] = result.metafile.outputs;
  const chunkOf = new Map(
    Object.entries(outputs).flatMap(([path, output]) => (output.entryPoint ? [[output.entryPoint, path] as const] : [])),
  );
  const loaded = new Set<string>();
  const load = (chunk: string): void => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const imported of outputs[chunk]!.imports) if (imported.kind === 'import-statement' && !imported.external) load(imported.path);
  };
  for (const module of LOADED_BY_CHECK) {
    const chunk = chunkOf.get(module);
    if (!chunk) throw new Error(`${module} is no longer loaded through import(): update this test`);
    load(chunk);
  }
  inputs = new Set([...loaded].flatMap((chunk) => Object.keys(outputs[chunk]!.inputs)));
}, 60_000);

describe('check with a bundled policy', () => {
  it('loads the engine, the parser, the manifest validator and the text renderer', () => {
    for (const needed of ['src/core/evaluate.ts', 'src/core/yaml.ts', 'src/core/generated/manifest-validator.js', 'src/report/text.ts'])
      expect(inputs, needed).toContain(needed);
  });

  it('does not load what only a policy file, --pr or another format needs', () => {
    const notNeeded = [
      'src/core/generated/policy-validator.js',
      'src/core/generated/facts-validator.js',
      'src/core/layering/resolve.ts',
      'src/core/layering/merge.ts',
      'src/core/layering/compare.ts',
      'src/core/replay.ts',
      'src/core/portfolio.ts',
      'src/report/markdown.ts',
      'src/report/sarif.ts',
      'src/report/explain.ts',
    ];
    for (const module of notNeeded) expect(inputs, module).not.toContain(module);
    expect([...inputs].filter((input) => input.includes('node_modules/ajv-formats/'))).toEqual([]);
  });
});
