// The YAML parser alone (data and positions) over the engine benchmark's manifests: the first pass
// (cold, as one CLI run sees it) and the best of five passes (warm).
import { parseYaml } from '../src/core/yaml.js';
import { manifests } from './manifests.js';

const COUNT = Number(process.argv[2] ?? 1000);
const texts = manifests(COUNT);
const passes: number[] = [];
let keys = 0;
for (let pass = 0; pass < 5; pass++) {
  const start = process.hrtime.bigint();
  for (const text of texts) {
    const parsed = parseYaml(text, 'pilot-readiness.yml');
    // Ask for a position, as the engine does, so that a lazy parser pays for what it defers.
    keys += parsed.locate(['evidence']).line;
  }
  passes.push(Number(process.hrtime.bigint() - start) / 1e6);
}
if (keys !== 5 * COUNT * 10) throw new Error(`unexpected positions (${keys})`);
process.stdout.write(`${JSON.stringify({ count: COUNT, firstMs: passes[0], bestMs: Math.min(...passes) })}\n`);
