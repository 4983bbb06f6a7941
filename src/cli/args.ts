// Every command's arguments read one way: `--help` (or -h) anywhere before `--` prints the command's
// usage; an unknown option, a missing value or an unexpected argument is a one-line usage error
// followed by the command's usage, never Node's own parseArgs text.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';
import type { Io } from './io.js';
import { commandHelp, usageLines, type CommandName } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A usage error that shows the command's usage after its one line. */
export class CommandUsageError extends UsageError {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** The problem with a command line, found from parseArgs' tokens; null when it parses. */
function problemOf(command: string, args: string[], options: Options, allowPositionals: boolean): string | null {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !allowPositionals) return `${command} takes no argument "${token.value}"`;
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) return `${command} has no option ${token.rawName}`;
    if (option.type === 'boolean' && token.inlineValue) return `${token.rawName} takes no value (${token.rawName}=${token.value})`;
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))))
      return `${token.rawName} needs a value${token.value === undefined ? '' : ` (for a value that starts with "-", write ${token.rawName}=VALUE)`}`;
  }
  return null;
}

/**
 * A command's options and positionals; null when --help was asked for and the usage is printed
 * (the command then exits 0).
 */
export function readArgs<O extends Options>(
  io: Io,
  command: CommandName | 'policy',
  args: string[],
  options: O,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>> | null {
  const end = args.indexOf('--');
  if ((end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    io.out(commandHelp(command));
    return null;
  }
  const problem = problemOf(command, args, options, allowPositionals);
  if (problem) throw new CommandUsageError(problem, usageLines(command));
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // The token check above should leave nothing for parseArgs to refuse; if it does, say so in our words.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      throw new CommandUsageError(`${command}: these arguments cannot be read (${args.join(' ')})`, usageLines(command));
    throw error;
  }
}
