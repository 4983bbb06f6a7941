// `pilot-readiness portfolio`: every pilot of an organisation, read through the GitHub API, as one
// Markdown or JSON report; or the JSON of several shards merged into one. The GitHub adapters are
// loaded only here, on demand, so that `check` and the other offline commands never load octokit.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import {
  buildPortfolio,
  mergePortfolios,
  parsePortfolio,
  parsePortfolioState,
  type Portfolio,
  type PortfolioState,
} from '../../core/portfolio.js';
import { parseShard } from '../../flow/portfolio/shard.js';
import { renderPortfolioMarkdown } from '../../report/portfolio.js';
import { plainLine, terminalJson } from '../../report/plain.js';
import { readArgs } from '../args.js';
import { outputFile, type OutputFile } from '../output.js';
import { parseNow, type Io } from '../io.js';

type Env = Record<string, string | undefined>;

function read(io: Io, path: string): string {
  const full = resolve(io.cwd, path);
  if (!existsSync(full)) throw new InputError(`${path}: no such file`);
  return readFileSync(full, 'utf8');
}

/** Where pull request links point: GITHUB_SERVER_URL, else github.com for its API, else the API's host (GitHub Enterprise Server). */
function serverUrlOf(env: Env, apiUrl: string): string {
  if (env.GITHUB_SERVER_URL) return env.GITHUB_SERVER_URL;
  const url = new URL(apiUrl);
  return url.hostname === 'api.github.com' ? 'https://github.com' : url.origin;
}

function emit(portfolio: Portfolio, format: string, output: OutputFile | null, io: Io): void {
  output?.write(`${JSON.stringify(portfolio, null, 2)}\n`);
  io.out(format === 'json' ? `${terminalJson(portfolio)}\n` : renderPortfolioMarkdown(portfolio));
}

/** Exit 0 when complete (whatever the decisions), 1 when a rate limit stopped it (resumable), 2 on bad input or a refusal. */
export async function portfolioCommand(args: string[], io: Io, env: Env): Promise<number> {
  const parsed = readArgs(
    io,
    'portfolio',
    args,
    {
      org: { type: 'string' },
      repos: { type: 'string' },
      policy: { type: 'string', default: 'default' },
      manifest: { type: 'string', default: '**/pilot-readiness.yml' },
      shard: { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      output: { type: 'string' },
      state: { type: 'string' },
      now: { type: 'string' },
      merge: { type: 'boolean', default: false },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const format = values.format!;
  if (!['markdown', 'json'].includes(format)) throw new InputError(`--format ${format}: use markdown or json`);
  const output = values.output === undefined ? null : outputFile(values.output, io.cwd);

  if (values.merge) {
    if (positionals.length === 0)
      throw new InputError('portfolio --merge takes the JSON files to merge: pilot-readiness portfolio --merge shard-1.json shard-2.json');
    const extra = (['org', 'repos', 'shard', 'state', 'now'] as const).filter((k) => values[k] !== undefined);
    if (extra.length > 0) throw new InputError(`portfolio --merge reads only JSON files; drop ${extra.map((k) => `--${k}`).join(', ')}`);
    const merged = mergePortfolios(positionals.map((path) => parsePortfolio(read(io, path), path)));
    emit(merged, format, output, io);
    if (merged.incomplete) io.err(`incomplete: ${plainLine(merged.incomplete)}\n`);
    return merged.incomplete ? 1 : 0;
  }

  if (positionals.length > 0)
    throw new InputError(`portfolio takes no file arguments (${positionals.join(' ')}); to merge JSON portfolios, pass --merge`);
  const org = values.org?.trim();
  if (!org) throw new InputError('portfolio needs --org ORG: the organisation whose repositories to read');
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) {
    throw new InputError(
      'portfolio reads the organisation through the GitHub API: set GITHUB_TOKEN or GH_TOKEN to a token that can read its repositories (Contents and Pull requests: read; Members: read when roles name teams)',
    );
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard, '--shard');
  const repositories = values.repos?.split(/[\s,]+/).filter(Boolean);
  const now = parseNow(values.now, io);
  // Checked before the organisation is read: a run stopped by a rate limit must be able to save it.
  const stateFile = values.state === undefined ? null : outputFile(values.state, io.cwd, '--state');
  let state: PortfolioState | undefined;
  if (values.state && existsSync(resolve(io.cwd, values.state))) {
    state = parsePortfolioState(read(io, values.state), values.state, org);
    io.err(`resuming from ${values.state}: ${Object.keys(state.done).length} repositories already read\n`);
  }

  const [{ createGitHubClient, clientTuning }, { runPortfolio }] = await Promise.all([
    import('../../adapters/github/client.js'),
    import('../../flow/portfolio/run.js'),
  ]);
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
  // Warnings quote GitHub's answers and the names read: one sanitised line each.
  const log = { info: () => {}, warning: (m: string) => io.err(`warning: ${plainLine(m)}\n`) };
  const gh = createGitHubClient(token, { baseUrl: apiUrl, log, ...clientTuning(env) });
  // A GitHub refusal or failure is a UserError: main prints it and exits 2.
  const run = await runPortfolio(
    gh,
    {
      org,
      policy: values.policy!,
      manifest: values.manifest!,
      now,
      serverUrl: serverUrlOf(env, apiUrl),
      log,
      ...(repositories?.length ? { repositories } : {}),
      ...(shard ? { shard } : {}),
    },
    state,
  );

  const portfolio = buildPortfolio(run.inputs, now, {
    repositories: run.repositories.total,
    shard: shard ?? null,
    incomplete: run.incomplete,
  });
  emit(portfolio, format, output, io);
  if (stateFile) {
    // A finished portfolio leaves no state behind: the next run reads everything afresh.
    if (run.incomplete) stateFile.write(`${JSON.stringify(run.state)}\n`);
    else if (existsSync(stateFile.path)) rmSync(stateFile.path);
  }
  if (run.incomplete) {
    io.err(
      `incomplete: ${plainLine(run.incomplete)}\n${values.state ? `what was read is saved in ${plainLine(values.state)}; run the same command again to resume` : 'pass --state FILE to keep what was read and resume from it'}\n`,
    );
    return 1;
  }
  return 0;
}
