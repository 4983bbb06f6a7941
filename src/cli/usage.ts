// What each command accepts, in one place: `pilot-readiness COMMAND --help` prints its entry, a bad
// option prints it after the error, and `pilot-readiness --help` prints them all.
import { TOOL_VERSION } from '../core/version.js';

export const COMMAND_USAGE = {
  check: `pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]
                      [--format text|json|markdown|sarif] [--output REPORT.json] [--worktree]
                      [--base REF]`,
  init: `pilot-readiness init [--risk low|medium|high] [--policy default|PATH] [--name SLUG]
                     [--owner LOGIN] [--output pilot-readiness.yml] [--force]`,
  explain: 'pilot-readiness explain [ID] [--roles] [--policy default|PATH]',
  replay: 'pilot-readiness replay REPORT.json',
  'policy check': 'pilot-readiness policy check PATH [--format text|json]',
  'policy diff': 'pilot-readiness policy diff A B [--format text|json]',
  portfolio: `pilot-readiness portfolio --org ORG [--repos A,B] [--policy default|OWNER/REPO/PATH@REF|PATH]
                          [--manifest GLOB] [--shard I/N] [--now ISO] [--format markdown|json]
                          [--output PORTFOLIO.json] [--state STATE.json]
pilot-readiness portfolio --merge A.json B.json... [--format markdown|json] [--output PORTFOLIO.json]`,
  verify: `pilot-readiness verify --sha SHA [--repo OWNER/REPO] [--policy default|OWNER/REPO/PATH@REF|PATH]
                       [--manifest GLOB] [--now ISO] [--attestation BUNDLE.json]
                       [--format text|json|markdown] [--output VERDICT.json]`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

const ABOUT: Record<CommandName | 'policy', string> = {
  check: `evaluates MANIFEST (default ./pilot-readiness.yml) against the policy. The manifest and its
evidence are read from the files committed at HEAD of the git repository that holds the manifest,
as CI sees them; --worktree reads the files on disk instead (untracked and ignored ones count). With
--pr, the PR facts file adds the sign-offs: roles, windows, silence as consent, the accountable
owner's approval. With --base REF, the manifest at REF (read with git) is the reference for
values the policy fixes before the evaluation: one changed together with its evaluation's evidence
waits for the base owner's approval (and thresholds_confirmed_by's).`,
  init: `writes a starter manifest listing every criterion the policy sets for the risk tier, with
that tier's limits. Its placeholders (owner, title, reviewers, dates, links, metrics) are input
errors for check until they are replaced.`,
  explain: "prints a criterion's text, evidence requirements and framework references (no ID: all).",
  replay: 're-evaluates a saved JSON report from its recorded inputs; exit 0 only if the decision is the same.',
  policy: `check: validates a policy and the chain it extends, listing every loosening (exit 0 or 2).
diff: what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).
A policy's extends names default, or a path relative to the extending file; central
owner/repo/path@ref references are resolved by the Action only.`,
  'policy check': 'validates a policy and the chain it extends, listing every loosening (exit 0 or 2).',
  'policy diff': 'what B tightens and loosens against A (exit 0 when B only tightens, 1 when it loosens).',
  portfolio: `every pilot of ORG's unarchived repositories (or --repos), read through the GitHub API:
open deployment PRs and the default branch's pilots, longest waiting first. The token comes
from GITHUB_TOKEN or GH_TOKEN, the API root from GITHUB_API_URL (GitHub Enterprise Server:
https://HOST/api/v3). Exit 0 when every repository was read (whatever the decisions), 1 when a
rate limit stopped it: --state keeps what was read, and the same command resumes from it.
--shard 2/4 reads every fourth repository; --merge joins the shards' JSON files into one report.`,
  verify: `the deploy-time gate: finds the merged pull request whose merge commit is SHA (squash or
merge commit), judges its pilots again at --now (default: now) with the sign-offs recorded at
the merge, under the policy of SHA's first parent, and exits 1 with the reasons unless they
were ready at the merge and still are; a commit no merged pull request produced (a direct push)
exits 1 too. The repository comes from --repo or GITHUB_REPOSITORY, the token from GITHUB_TOKEN or
GH_TOKEN, the API root from GITHUB_API_URL. Exit 2 for an unknown commit or a GitHub failure.`,
};

const EXIT_CODES = 'Exit codes: 0 ready, 1 not ready (blocked or pending), 2 invalid input or usage, 3 internal error.';

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

/** The usage lines of one command (or of `policy`: both subcommands). */
export function usageLines(command: CommandName | 'policy'): string {
  if (command === 'policy') return `${COMMAND_USAGE['policy check']}\n${COMMAND_USAGE['policy diff']}`;
  return COMMAND_USAGE[command];
}

/** `COMMAND --help`: its usage and what it does. */
export function commandHelp(command: CommandName | 'policy'): string {
  const exits = command === 'check' ? `\n${EXIT_CODES}\n` : '';
  return `Usage:\n  ${indent(usageLines(command), '  ')}\n\n${ABOUT[command]}\n${exits}`;
}

/** `pilot-readiness --help`: every command. */
export function fullUsage(): string {
  const lines = (Object.keys(COMMAND_USAGE) as CommandName[]).map((c) => `  ${indent(COMMAND_USAGE[c], '  ')}`);
  const about = (['check', 'init', 'explain', 'replay', 'policy', 'portfolio', 'verify'] as const).map(
    (c) => `${c.padEnd(10)} ${indent(ABOUT[c], '           ')}`,
  );
  return `pilot-readiness ${TOOL_VERSION}: gate ML pilot deployments on a production-readiness policy

Usage:
${lines.join('\n')}
  pilot-readiness COMMAND --help | pilot-readiness --help | --version

${about.join('\n')}

${EXIT_CODES}
`;
}
