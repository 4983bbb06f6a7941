// npm run demo: the scorecard of every example pilot with the bundled policy, offline and with each
// recorded PR facts file, at a fixed instant so the dated evidence does not age.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const NOW = '2026-11-20T12:00:00Z';
const runs = [];
for (const name of readdirSync('examples').sort()) {
  const manifest = join('examples', name, 'pilot-readiness.yml');
  if (!existsSync(manifest)) continue;
  runs.push([manifest]);
  for (const file of readdirSync(join('examples', name))
    .filter((f) => /^pr-.*\.json$/.test(f))
    .sort()) {
    runs.push([manifest, '--pr', join('examples', name, file)]);
  }
}

let broken = false;
for (const [manifest, ...extra] of runs) {
  const args = ['check', manifest, ...extra, '--now', NOW];
  process.stdout.write(`\n$ pilot-readiness ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  process.stdout.write(
    `(exit ${result.status}: ${['ready', 'not ready', 'invalid input', 'internal error'][result.status] ?? 'unexpected'})\n`,
  );
  // 0 and 1 are decisions; anything else means the demo itself is broken.
  if (result.status !== 0 && result.status !== 1) broken = true;
}
process.exitCode = broken ? 1 : 0;
