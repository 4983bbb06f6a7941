// `pilot-readiness policy check|diff`: a policy's chain validated, or what one policy changes against another.
import { CommandUsageError, readArgs } from '../args.js';
import { InputError, UsageError } from '../../core/errors.js';
import { comparePolicies, type ResolvedPolicy } from '../../core/layering/index.js';
import { terminalJson } from '../../report/plain.js';
import { checkJson, checkLine, diffJson, diffText } from '../../report/policy-diff.js';
import { loadPolicyArg, type Io } from '../io.js';
import { commandHelp, usageLines } from '../usage.js';

/** `policy check PATH` and `policy diff A B`: exit 0 fine, 1 B loosens A, 2 invalid. */
export function policyCommand(args: string[], io: Io): number {
  const [sub, ...rest] = args;
  if (sub !== 'check' && sub !== 'diff') {
    if (sub === '--help' || sub === '-h') {
      io.out(commandHelp('policy'));
      return 0;
    }
    const what = sub === undefined ? 'policy needs a subcommand' : `unknown policy command "${sub}"`;
    throw new CommandUsageError(`${what}: use policy check PATH or policy diff A B`, usageLines('policy'));
  }
  const parsed = readArgs(io, `policy ${sub}`, rest, { format: { type: 'string', default: 'text' } }, true);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
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
    if (positionals.length !== 2)
      throw new UsageError('policy diff takes two policies: pilot-readiness policy diff A B (what B changes against A)');
    const [a, b] = positionals as [string, string];
    const [from, to] = [load(a), load(b)];
    const comparison = comparePolicies(from.policy, to.policy, to.locate, { parentName: a, advice: false });
    if (format === 'json') json(diffJson(comparison, a, b));
    else io.out(diffText(comparison, a, b));
    return comparison.loosenings.length > 0 ? 1 : 0;
  }
  throw new UsageError(`unknown policy command "${sub}"`);
}
