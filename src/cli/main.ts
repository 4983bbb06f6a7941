// The `pilot-readiness` command line: the same engine as the Action, on local files.
// Exit codes: 0 ready (or a command that succeeded), 1 not ready, 2 invalid input or usage, 3 a bug.
import { BUG_EXIT, formatFinding, messageOf, UsageError, UserError, USER_ERROR_EXIT } from '../core/errors.js';
import { TOOL_VERSION } from '../core/evaluate.js';
import { plainLine } from '../report/plain.js';
import { check } from './commands/check.js';
import { explain } from './commands/explain.js';
import { init } from './commands/init.js';
import { policyCommand } from './commands/policy.js';
import { portfolioCommand } from './commands/portfolio.js';
import { replayCommand } from './commands/replay.js';
import { sanitised, type Io } from './io.js';

export type { Io };

const USAGE = `pilot-readiness ${TOOL_VERSION}: gate ML pilot deployments on a production-readiness policy

Usage:
  pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]
                        [--format text|json|markdown|sarif] [--output REPORT.json]
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
  if (error instanceof UserError) {
    for (const finding of error.findings) io.err(`error: ${plainLine(formatFinding(finding))}\n`);
    return USER_ERROR_EXIT;
  }
  if (error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    io.err(`error: ${error.message}\nrun pilot-readiness --help for usage\n`);
    return USER_ERROR_EXIT;
  }
  io.err(`internal error: ${messageOf(error)}\nThis is a bug in pilot-readiness; please report it with the command you ran.\n`);
  return BUG_EXIT;
}
