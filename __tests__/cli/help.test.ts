// `COMMAND --help` prints that command's usage and exits 0; a bad option is one line naming it,
// then the command's usage, exit 2: never Node's parseArgs text, never a stack trace.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('--help for every command', () => {
  it.each([
    [['check', '--help'], 'pilot-readiness check [MANIFEST]'],
    [['check', 'nope.yml', '--polcy', 'x', '-h'], 'pilot-readiness check [MANIFEST]'],
    [['init', '--help'], 'pilot-readiness init [--risk low|medium|high]'],
    [['explain', '-h'], 'pilot-readiness explain [ID]'],
    [['replay', '--help'], 'pilot-readiness replay REPORT.json'],
    [['policy', '--help'], 'pilot-readiness policy diff A B'],
    [['policy', 'check', '--help'], 'pilot-readiness policy check PATH'],
    [['policy', 'diff', '--help'], 'pilot-readiness policy diff A B'],
    [['portfolio', '--help'], 'pilot-readiness portfolio --merge A.json'],
    [['help', 'portfolio'], 'pilot-readiness portfolio --org ORG'],
    [['verify', '--help'], 'pilot-readiness verify --sha SHA'],
    [['help', 'verify'], 'the deploy-time gate'],
  ])('%j prints its usage and exits 0', (args, usage) => {
    const result = cli(args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage:\n {2}pilot-readiness /);
    expect(result.stdout).toContain(usage);
  });

  it('a subcommand help shows that subcommand only', () => {
    expect(cli(['policy', 'check', '--help']).stdout).not.toContain('policy diff');
    expect(cli(['check', '--help']).stdout).not.toContain('pilot-readiness init');
  });

  it('a --help after -- is an argument, not a request for help', () => {
    const result = cli(['check', '--', '--help']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: --help: no such file\n');
  });
});

describe('bad options', () => {
  const CHECK_USAGE =
    'usage: pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]\n' +
    '                             [--format text|json|markdown|sarif] [--output REPORT.json] [--worktree]\n';
  it.each([
    [['check', '--polcy', 'default'], 'error: check has no option --polcy\n', CHECK_USAGE],
    [['check', '-x'], 'error: check has no option -x\n', CHECK_USAGE],
    [['check', '--policy'], 'error: --policy needs a value\n', CHECK_USAGE],
    [
      ['check', '--policy', '--now', '2026-11-20'],
      'error: --policy needs a value (for a value that starts with "-", write --policy=VALUE)\n',
      CHECK_USAGE,
    ],
    [['init', 'extra'], 'error: init takes no argument "extra"\n', 'usage: pilot-readiness init '],
    [['init', '--force=yes'], 'error: --force takes no value (--force=yes)\n', 'usage: pilot-readiness init '],
    [['explain', '--format', 'json'], 'error: explain has no option --format\n', 'usage: pilot-readiness explain [ID]'],
    [['replay', '--now', 'x'], 'error: replay has no option --now\n', 'usage: pilot-readiness replay REPORT.json'],
    [['policy', 'diff', '--fromat', 'json'], 'error: policy diff has no option --fromat\n', 'usage: pilot-readiness policy diff A B'],
    [
      ['policy', 'lint'],
      'error: unknown policy command "lint": use policy check PATH or policy diff A B\n',
      'usage: pilot-readiness policy check PATH [--format text|json]\n       pilot-readiness policy diff A B',
    ],
    [['portfolio', '--org'], 'error: --org needs a value\n', 'usage: pilot-readiness portfolio --org ORG'],
    [['verify', '--sha'], 'error: --sha needs a value\n', 'usage: pilot-readiness verify --sha SHA'],
    [['verify', 'abc123'], 'error: verify takes no argument "abc123"\n', 'usage: pilot-readiness verify --sha SHA'],
  ])('%j: one line naming it, then the usage, exit 2', (args, line, usage) => {
    const result = cli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(line)).toBe(true);
    expect(result.stderr.slice(line.length).startsWith(usage)).toBe(true);
    // Never Node's own wording, never a trace.
    expect(result.stderr).not.toMatch(/Unknown option|To specify a positional|ERR_PARSE_ARGS|\n\s+at /);
  });
});
