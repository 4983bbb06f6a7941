// `pilot-readiness check`: one manifest against the policy, with the PR facts when given.
import { dirname, posix, relative, resolve, sep } from 'node:path';
import { findRepoRoot, readTextFile } from '../../adapters/local/files.js';
import { committedView, manifestsAt, manifestsOnDisk, readBase, worktreeView } from '../../adapters/local/git.js';
import { isBundledPolicy } from '../../core/bundled.js';
import type { CommitFiles, ManifestAt, pairPilots as PairPilots } from '../../core/governance.js';
import { formatFinding, InputError, UsageError } from '../../core/errors.js';
import { resolveBundled } from '../../core/layering/layers.js';
import type { Policy, RepoFiles, Report } from '../../core/types.js';
import { TOOL_VERSION } from '../../core/version.js';
import { plainLine, terminalJson } from '../../report/plain.js';
import { readArgs } from '../args.js';
import { outputFile } from '../output.js';
import { parseNow } from '../now.js';
import type { Io } from '../terminal.js';

function exitFor(report: Report): number {
  if (report.errors.length > 0) return 2;
  return report.decision === 'ready' ? 0 : 1;
}

// Each format's renderer is loaded when asked for; the text one comes with the engine (see check).
async function render(report: Report, format: string, policy: Policy, text: (report: Report) => string): Promise<string> {
  if (format === 'json') return `${terminalJson(report)}\n`;
  if (format === 'sarif') return `${terminalJson((await import('../../report/sarif.js')).renderSarif([report], policy, TOOL_VERSION))}\n`;
  if (format === 'markdown') return (await import('../../report/markdown.js')).renderMarkdown(report);
  return text(report);
}

/**
 * Start-up is most of a check's time, so the work overlaps: git lists HEAD's files while the engine
 * loads (import()), and what only some runs need is loaded only by them: a policy file's layering
 * (a bundled policy is pre-parsed), the facts validator (--pr), the Markdown and SARIF renderers.
 */
export async function check(args: string[], io: Io): Promise<number> {
  const parsed = readArgs(
    io,
    'check',
    args,
    {
      policy: { type: 'string' },
      pr: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      worktree: { type: 'boolean', default: false },
      base: { type: 'string' },
    },
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('check takes one manifest; run it once per manifest');
  const format = values.format!;
  if (!['text', 'json', 'markdown', 'sarif'].includes(format))
    throw new UsageError(`--format ${format}: use text, json, markdown or sarif`);
  const output = values.output === undefined ? null : outputFile(values.output, io.cwd);
  const manifestPath = resolve(io.cwd, positionals[0] ?? 'pilot-readiness.yml');
  const gitRoot = findRepoRoot(dirname(manifestPath));
  const root = gitRoot ?? dirname(manifestPath);
  const repoPath = relative(root, manifestPath).split(sep).join('/');
  // Started first, awaited once the inputs are read, so that git lists HEAD's files while the engine
  // loads; should reading an input fail, both settle unobserved.
  const committed = !values.worktree && gitRoot ? committedView(gitRoot) : null;
  committed?.catch(() => undefined);
  const engine = import('./check-engine.js');
  engine.catch(() => undefined);
  const policyName = values.policy ?? 'default';
  const policy = isBundledPolicy(policyName) ? resolveBundled(policyName) : (await import('../io.js')).loadPolicyArg(values.policy, io.cwd);
  const facts =
    values.pr === undefined
      ? null
      : (await import('../../core/facts.js')).parseFacts(readTextFile(resolve(io.cwd, values.pr), values.pr), values.pr);
  // CI judges the head commit's tree: by default so does check; --worktree counts the files on disk.
  const view = values.worktree
    ? worktreeView(root)
    : committed
      ? await committed
      : worktreeView(root, `note: ${relative(io.cwd, root) || '.'} is not in a git repository: evidence is checked in the files on disk`);
  // The manifest too is the one CI reads: HEAD's, unless --worktree (or no git) says the disk's.
  const manifest = view.manifest(repoPath, relative(io.cwd, manifestPath) || manifestPath);
  const manifestText = manifest.text;
  const { baseFromFacts, evaluate, pairPilots, renderText, UNREAD_COMMIT } = await engine;
  if (view.notice) io.err(`${plainLine(view.notice)}\n`);
  if (manifest.note) io.err(`${plainLine(manifest.note)}\n`);
  const base =
    values.base === undefined
      ? null
      : baseOf(
          values.base,
          gitRoot,
          { path: repoPath, text: manifestText },
          { worktree: values.worktree === true, files: view.files, pairPilots, unread: UNREAD_COMMIT, policy: policy.policy },
          io,
        );
  // A facts file's base_manifest is the pull request's base; --base fills what old facts did not record.
  const based = baseFromFacts(facts, base ? { path: base.path, text: base.text } : undefined);
  const report = evaluate({
    manifest: { path: repoPath, text: manifestText },
    policy,
    files: view.files,
    facts: based.facts,
    now: parseNow(values.now, io),
    ...(based.base ? { base: based.base } : {}),
    ...(base ? { changedFiles: base.changed } : {}),
  });
  output?.write(`${JSON.stringify(report, null, 2)}\n`);
  // Invalid input: one line per problem on stderr. The JSON report still goes to stdout for tools;
  // a text scorecard of a manifest that could not be read would only repeat the errors.
  for (const path of view.uncommitted())
    io.err(`warning: ${plainLine(path)} exists but is not committed: CI will not see it; commit it or pass --worktree\n`);
  for (const error of report.errors) io.err(`error: ${plainLine(formatFinding(error))}\n`);
  if (format !== 'text' || report.gates.length > 0) io.out(await render(report, format, policy.policy, renderText));
  return exitFor(report);
}

/**
 * --base REF: the pilot's manifest at REF, against which values fixed before the evaluation are
 * compared, and the paths changed since. The pilot is found at REF as the Action finds it on the base
 * branch (pairPilots: by pilot.name, else by path, else the pilot whose evidence it carries on, known
 * by the blobs of the files judged), among the files named like the manifest; a pairing the Action
 * refuses (two manifests with one pilot.name, a new pilot carrying on two) is an error here too.
 * Skipped with a note saying why when there is no such pilot (a new pilot), no git, or git cannot
 * read the manifests.
 */
function baseOf(
  ref: string,
  gitRoot: string | null,
  manifest: ManifestAt,
  how: { worktree: boolean; files: RepoFiles; pairPilots: typeof PairPilots; unread: CommitFiles; policy: Policy },
  io: Io,
): { path: string; text: string; changed: string[] } | null {
  const skip = (why: string) => {
    io.err(`${plainLine(`note: --base ${ref}: ${why}; thresholds fixed before the evaluation are not compared`)}\n`);
    return null;
  };
  if (gitRoot === null) return skip('the manifest is not in a git repository');
  const read = readBase(gitRoot, ref, how.worktree);
  if (!read.ok) return skip(read.why);
  const fileName = posix.basename(manifest.path);
  const atBase = manifestsAt(gitRoot, read.sha, fileName);
  if (!atBase.ok) return skip(`cannot read the manifests at ${ref}: ${atBase.why}`);
  // The head's other manifests as the evidence is read: HEAD's, or with --worktree the disk's.
  const atHead = how.worktree ? manifestsOnDisk(gitRoot, fileName) : manifestsAt(gitRoot, 'HEAD', fileName);
  if (!atHead.ok) return skip(`cannot read the manifests ${how.worktree ? 'on disk' : 'at HEAD'}: ${atHead.why}`);
  const pairing = how.pairPilots({
    base: atBase.at.manifests,
    head: [...atHead.at.manifests.filter((m) => m.path !== manifest.path), manifest],
    headKind: () => 'missing',
    headPaths: () => [],
    changedFiles: read.changed,
    policy: how.policy,
    differing: new Set(),
    baseFiles: how.unread,
    headFiles: how.unread,
    everyPilot: true,
    baseBlob: atBase.at.blob,
    // Evidence is recognised by the bytes judged: HEAD's blobs, or with --worktree the disk's.
    headBlob: (path) => (how.files.stat(path) === 'file' ? how.files.hash?.(path)?.git_blob_sha : undefined),
  });
  if (pairing.errors.length > 0) throw new InputError(pairing.errors);
  const base = pairing.pilots.find((pair) => pair.head?.path === manifest.path)?.base;
  if (!base) return skip(`${ref} holds no ${manifest.path} (a new pilot)`);
  return { path: base.path, text: base.text, changed: read.changed };
}
