// Runs the built CLI (dist/cli.js) as a user would, capturing output and exit code.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NOW = '2026-11-20T12:00:00Z';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [`${ROOT}dist/cli.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    // A report of a manifest at the 1 MiB limit records its text: more than the default 1 MiB of output.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The built CLI run asynchronously, for commands that talk to the fake GitHub (which answers from this
 * process's event loop, so spawnSync would wait on it forever). Only PATH and `env` reach it, with the
 * fast-retry settings; killed after 15 s.
 */
export function cliAsync(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}dist/cli.js`, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', PILOT_READINESS_RETRY_UNIT_MS: '1', PILOT_READINESS_PACE_WRITES: 'false', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs git in `cwd` with a committer set, and gives its output; throws with git's complaint when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** A policy with one threshold (BUS-2) fixed before the evaluation of BUS-3, whose metric is read from an artifact. */
export const THRESHOLD_POLICY = `version: 1
roles:
  owner: { accountable: true }
gates:
  - id: business
    title: Business
    criteria:
      - id: BUS-2
        title: Threshold
        description: d
        required_for: [low]
        allow_not_applicable: false
        evidence:
          metrics:
            threshold: { fixed_before_evaluation: [BUS-3] }
      - id: BUS-3
        title: Beats the baseline
        description: d
        required_for: [low]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          metrics:
            margin_over_baseline: { min: 0, metrics_source: artifact }
`;
