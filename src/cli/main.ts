// The `pilot-readiness` command line: the same engine as the Action, on local files.
// Exit codes: 0 ready (or a command that succeeded), 1 not ready, 2 invalid input or usage, 3 a bug.
import { BUG_EXIT, formatFinding, messageOf, UsageError, UserError, USER_ERROR_EXIT } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { plainLine } from '../report/plain.js';
import { firstSourceFrame } from '../adapters/local/source-map.js';
import { CommandUsageError } from './args.js';
import { sanitised, type Io } from './terminal.js';
import { COMMAND_USAGE, commandHelp, fullUsage, type CommandName } from './usage.js';

export type { Io };

const isTopic = (topic: string): topic is CommandName | 'policy' => topic === 'policy' || topic in COMMAND_USAGE;

export function main(argv: string[], raw: Io): number | Promise<number> {
  const io = sanitised(raw);
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      // `help check` is `check --help`.
      const topic = command === 'help' ? rest.join(' ') : '';
      if (isTopic(topic)) io.out(commandHelp(topic));
      else io.out(fullUsage());
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-V') {
      io.out(`${TOOL_VERSION}\n`);
      return 0;
    }
    // Each command loads only what it needs: the engine, the renderers and the GitHub client are
    // imported when the command runs, not to print usage or the version.
    const run = async (): Promise<number> => {
      switch (command) {
        case 'check':
          return (await import('./commands/check.js')).check(rest, io);
        case 'init':
          return (await import('./commands/init.js')).init(rest, io);
        case 'explain':
          return (await import('./commands/explain.js')).explain(rest, io);
        case 'replay':
          return (await import('./commands/replay.js')).replayCommand(rest, io);
        case 'policy':
          return (await import('./commands/policy.js')).policyCommand(rest, io);
        case 'portfolio':
          return (await import('./commands/portfolio.js')).portfolioCommand(rest, io, io.env ?? process.env);
        case 'verify':
          return (await import('./commands/verify.js')).verifyCommand(rest, io, io.env ?? process.env);
        default:
          // `pilot-readiness path/to/manifest.yml` is a natural first try: treat it as check.
          if (command.endsWith('.yml') || command.endsWith('.yaml')) return (await import('./commands/check.js')).check(argv, io);
          throw new UsageError(`unknown command "${command}"; run pilot-readiness --help`);
      }
    };
    return run().catch((error: unknown) => failure(error, io));
  } catch (error) {
    return failure(error, io);
  }
}

/** Any failure as an exit code, with the message on stderr: 2 for what a person can fix, 3 for a bug. */
function failure(error: unknown, io: Io): number {
  if (error instanceof UserError) {
    for (const finding of error.findings) io.err(`error: ${plainLine(formatFinding(finding))}\n`);
    if (error instanceof CommandUsageError) io.err(`usage: ${error.usage.replace(/\n/g, '\n       ')}\n`);
    return USER_ERROR_EXIT;
  }
  const where = error instanceof Error && error.stack ? firstSourceFrame(error.stack) : undefined;
  io.err(
    `internal error: ${plainLine(messageOf(error))}${where ? ` (at ${where})` : ''}\nThis is a bug in pilot-readiness; please report it with the command you ran.\n`,
  );
  return BUG_EXIT;
}
