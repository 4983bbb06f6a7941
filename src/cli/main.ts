// The `pilot-readiness` command line: the same engine as the Action, on local files.
// Exit codes: 0 ready (or a command that succeeded), 1 not ready, 2 invalid input or usage, 3 a bug.
import { parseArgs } from 'node:util';
import { writeFileSync, existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { InputError, formatFinding } from '../core/errors.js';
import { BUNDLED_POLICIES, isBundledPolicy } from '../core/bundled.js';
import { evaluate, TOOL_VERSION } from '../core/evaluate.js';
import { parseFacts } from '../core/facts.js';
import { comparePolicies, isCentralReference, resolveBundled, resolvePolicySync, type PolicyReader, type ResolvedPolicy } from '../core/layering/index.js';
import { checkJson, checkLine, diffJson, diffText } from '../report/policy-diff.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderText } from '../report/text.js';
import { plainLine, plainText, terminalJson } from '../report/plain.js';
import { replay } from '../core/replay.js';
import { starterManifest } from '../core/init.js';
import { parseInstant } from '../core/instant.js';
import { explainCriterion, listCriteria } from '../report/explain.js';
import { RISK_TIERS, type Report, type RiskTier } from '../core/types.js';
import { findRepoRoot, localRepoFiles, readTextFile } from '../adapters/local/files.js';
import { portfolioCommand } from './commands/portfolio.js';

const USAGE = `pilot-readiness ${TOOL_VERSION}: gate ML pilot deployments on a production-readiness policy

Usage:
  pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]
                        [--format text|json|markdown] [--output REPORT.json]
  pilot-readiness init [--risk low|medium|high] [--policy default|PATH] [--name SLUG]
                       [--owner LOGIN] [--output pilot-readiness.yml] [--force]
  pilot-readiness explain [ID] [--policy default|PATH]
  pilot-readiness replay REPORT.json
  pilot-readiness policy check PATH [--format text|json]
  pilot-readiness policy diff A B [--format text|json]
  pilot-readiness portfolio --org ORG [--repos A,B] [--policy default|OWNER/REPO/PATH@REF|PATH]
                            [--manifest GLOB] [--shard I/N] [--now ISO] [--format markdown|json]
                            [--output PORTFOLIO.json] [--state STATE.json]
  pilot-readiness portfolio --merge A.json B.json... [--format markdown|json] [--output PORTFOLIO.json]
  pilot-readiness --help | --version

check    evaluates MANIFEST (default ./pilot-readiness.yml) against the policy. Evidence paths are
         checked in the git work tree that holds the manifest. With --pr, the PR facts file adds the
         sign-offs: roles, windows, silence as consent, the accountable owner's approval.
init     writes a starter manifest listing every criterion the policy sets for the risk tier.
explain  prints a criterion's text, evidence requirements and framework references (no ID: all).
replay   re-evaluates a saved JSON report from its recorded inputs; exit 0 only if the decision is the same.
policy   check: validates a policy and the chain it extends, listing every loosening (exit 0 or 2).
         diff: what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).
         A policy's extends names default, or a path relative to the extending file; central
         owner/repo/path@ref references are resolved by the Action only.
portfolio  every pilot of ORG's unarchived repositories (or --repos), read through the GitHub API:
         open deployment PRs and the default branch's pilots, longest waiting first. The token comes
         from GITHUB_TOKEN or GH_TOKEN, the API root from GITHUB_API_URL. Exit 0 when every repository
         was read (whatever the decisions), 1 when a rate limit stopped it: --state keeps what was
         read, and the same command resumes from it. --shard 2/4 reads every fourth repository;
         --merge joins the shards' JSON files into one report.

Exit codes: 0 ready, 1 not ready (blocked or pending), 2 invalid input or usage, 3 internal error.`;

class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  now: () => Date;
  /** The environment `portfolio` reads its token and API root from. Default: process.env. */
  env?: Record<string, string | undefined>;
}

const CENTRAL_OFFLINE = 'central policy references are resolved by the Action; pass a local copy with --policy';

/** Reads what a policy extends from disk: a path relative to the extending file. */
function diskReader(cwd: string): PolicyReader {
  return (reference, from) => {
    if (isCentralReference(reference)) throw new InputError(`extends ${reference}: ${CENTRAL_OFFLINE} (or point extends at that copy)`);
    const path = resolve(cwd, dirname(from), reference);
    const shown = relative(cwd, path) || reference;
    if (!existsSync(path)) throw new InputError(`extends ${reference}: no such file (looked for ${shown}, relative to ${from})`);
    return { text: readTextFile(path, shown), source: shown, file: shown };
  };
}

/** A bundled policy by name, or a policy file with everything it extends. */
function loadPolicyArg(spec: string | undefined, cwd: string, flag = '--policy '): ResolvedPolicy {
  const name = spec ?? 'default';
  if (isBundledPolicy(name)) return resolveBundled(name);
  const path = resolve(cwd, name);
  if (!existsSync(path)) {
    if (isCentralReference(name)) throw new UsageError(`${flag}${name}: ${CENTRAL_OFFLINE}`);
    throw new UsageError(`${flag}${name}: no such file, and not a bundled policy (bundled: ${Object.keys(BUNDLED_POLICIES).join(', ')})`);
  }
  const shown = relative(cwd, path) || name;
  return resolvePolicySync({ text: readTextFile(path, shown), source: shown, file: shown }, diskReader(cwd));
}

/** --now: a date (UTC midnight) or a date-time with a zone, read by the core's one strict parser. */
function parseNow(text: string | undefined, io: Io): Date {
  if (text === undefined) return io.now();
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new UsageError(`--now ${text}: ${parsed.reason}`);
  return new Date(parsed.ms);
}

function exitFor(report: Report): number {
  if (report.errors.length > 0) return 2;
  return report.decision === 'ready' ? 0 : 1;
}

function render(report: Report, format: string): string {
  if (format === 'json') return `${terminalJson(report)}\n`;
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report);
}

function check(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      pr: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new UsageError('check takes one manifest; run it once per manifest');
  const format = values.format!;
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format ${format}: use text, json or markdown`);
  const manifestPath = resolve(io.cwd, positionals[0] ?? 'pilot-readiness.yml');
  const root = findRepoRoot(dirname(manifestPath)) ?? dirname(manifestPath);
  const repoPath = relative(root, manifestPath).split(sep).join('/');
  const policy = loadPolicyArg(values.policy, io.cwd);
  const manifestText = readTextFile(manifestPath, relative(io.cwd, manifestPath) || manifestPath);
  const facts = values.pr === undefined ? null : parseFacts(readTextFile(resolve(io.cwd, values.pr), values.pr), values.pr);
  const report = evaluate({
    manifest: { path: repoPath, text: manifestText },
    policy,
    files: localRepoFiles(root),
    facts,
    now: parseNow(values.now, io),
  });
  if (values.output) writeFileSync(resolve(io.cwd, values.output), `${JSON.stringify(report, null, 2)}\n`);
  // Invalid input: one line per problem on stderr. The JSON report still goes to stdout for tools;
  // a text scorecard of a manifest that could not be read would only repeat the errors.
  for (const error of report.errors) io.err(`error: ${plainLine(formatFinding(error))}\n`);
  if (format !== 'text' || report.gates.length > 0) io.out(render(report, format));
  return exitFor(report);
}

function init(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: {
      risk: { type: 'string', default: 'medium' },
      policy: { type: 'string' },
      name: { type: 'string', default: 'my-pilot' },
      owner: { type: 'string', default: 'your-github-login' },
      output: { type: 'string', default: 'pilot-readiness.yml' },
      force: { type: 'boolean', default: false },
    },
  });
  const risk = values.risk as RiskTier;
  if (!RISK_TIERS.includes(risk)) throw new UsageError(`--risk ${values.risk}: use one of ${RISK_TIERS.join(', ')}`);
  const policy = loadPolicyArg(values.policy, io.cwd);
  const target = resolve(io.cwd, values.output!);
  if (existsSync(target) && !values.force) throw new UsageError(`${values.output} exists; pass --force to overwrite it`);
  writeFileSync(target, starterManifest(policy.policy, { risk, name: values.name!, owner: values.owner! }));
  io.out(`wrote ${values.output}: a ${risk}-risk starter manifest for policy ${policy.source}; fill in the evidence, then run pilot-readiness check ${values.output}\n`);
  return 0;
}

function explain(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { policy: { type: 'string' } } });
  const policy = loadPolicyArg(values.policy, io.cwd);
  if (positionals.length === 0) {
    io.out(listCriteria(policy.policy));
    return 0;
  }
  for (const id of positionals) io.out(explainCriterion(policy.policy, id));
  return 0;
}

function replayCommand(args: string[], io: Io): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('replay takes one saved JSON report');
  const path = positionals[0]!;
  const outcome = replay(readTextFile(resolve(io.cwd, path), path), path);
  io.out(`${outcome.message}\n`);
  return outcome.same ? 0 : 1;
}

/** `policy check PATH` and `policy diff A B`: exit 0 fine, 1 B loosens A, 2 invalid. */
function policyCommand(args: string[], io: Io): number {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  const format = values.format!;
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format ${format}: use text or json`);
  const json = (value: object) => io.out(`${terminalJson(value)}\n`);
  const load = (path: string): ResolvedPolicy => {
    try {
      return loadPolicyArg(path, io.cwd, '');
    } catch (error) {
      // JSON readers get the problems on stdout too; stderr keeps one line per problem either way.
      if (error instanceof InputError && format === 'json') json({ ok: false, policy: path, errors: error.findings });
      throw error;
    }
  };
  if (sub === 'check') {
    if (positionals.length !== 1) throw new UsageError('policy check takes one policy file: pilot-readiness policy check PATH');
    const path = positionals[0]!;
    const resolved = load(path);
    if (format === 'json') json(checkJson(path, resolved));
    else io.out(`${checkLine(path, resolved)}\n`);
    return 0;
  }
  if (sub === 'diff') {
    if (positionals.length !== 2) throw new UsageError('policy diff takes two policies: pilot-readiness policy diff A B (what B changes against A)');
    const [a, b] = positionals as [string, string];
    const [from, to] = [load(a), load(b)];
    const comparison = comparePolicies(from.policy, to.policy, to.locate, { parentName: a, advice: false });
    if (format === 'json') json(diffJson(comparison, a, b));
    else io.out(diffText(comparison, a, b));
    return comparison.loosenings.length > 0 ? 1 : 0;
  }
  throw new UsageError(`unknown policy command "${sub ?? ''}": use pilot-readiness policy check PATH or pilot-readiness policy diff A B`);
}

/**
 * Every write of the CLI goes through the plain-text sanitiser: what it prints quotes manifests,
 * policies and paths, and in a workflow a line of stdout or stderr can be a workflow command.
 * (JSON is written with terminalJson first, which the sanitiser leaves as it is.)
 */
function sanitised(io: Io): Io {
  return { ...io, out: (text) => io.out(plainText(text)), err: (text) => io.err(plainText(text)) };
}

export function main(argv: string[], raw: Io): number | Promise<number> {
  const io = sanitised(raw);
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-V') {
      io.out(`${TOOL_VERSION}\n`);
      return 0;
    }
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'init':
        return init(rest, io);
      case 'explain':
        return explain(rest, io);
      case 'replay':
        return replayCommand(rest, io);
      case 'policy':
        return policyCommand(rest, io);
      case 'portfolio':
        return portfolioCommand(rest, io, io.env ?? process.env).catch((error: unknown) => failure(error, io));
      default:
        // `pilot-readiness path/to/manifest.yml` is a natural first try: treat it as check.
        if (command.endsWith('.yml') || command.endsWith('.yaml')) return check(argv, io);
        throw new UsageError(`unknown command "${command}"; run pilot-readiness --help`);
    }
  } catch (error) {
    return failure(error, io);
  }
}

/** Any failure as an exit code, with the message on stderr: 2 for what a person can fix, 3 for a bug. */
function failure(error: unknown, io: Io): number {
  if (error instanceof InputError) {
    for (const finding of error.findings) io.err(`error: ${plainLine(formatFinding(finding))}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    io.err(`error: ${plainLine(error.message)}\n`);
    return 2;
  }
  if (error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`error: ${error.message}\nrun pilot-readiness --help for usage\n`);
    return 2;
  }
  io.err(`internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in pilot-readiness; please report it with the command you ran.\n`);
  return 3;
}
