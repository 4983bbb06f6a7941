// Points every documented use of this repository's Action and reusable workflow (README, docs/,
// examples/, .github/workflows/) at one commit of this repository, with that commit's version beside
// it: `node scripts/pin.mjs <sha>`. The pin is what users copy, so it must be a commit that has every
// input, output and behaviour the documentation describes; __tests__/package/pins.test.ts checks it.
//
// A reusable workflow cannot name its own commit, so whoever calls `pilot-readiness.yml@X` runs the
// Action that X's reusable workflow pins. When that is not X's build, this script first commits the
// reusable workflow pinned to X (same build, one file changed) and pins everything to that commit.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REUSABLE_WORKFLOW = '.github/workflows/pilot-readiness.yml';

/** `uses: pilot-readiness/pilot-readiness@REF # vX.Y.Z` and the reusable workflow's `…/pilot-readiness.yml@REF`. */
const USES =
  /(pilot-readiness\/pilot-readiness(?:\/\.github\/workflows\/pilot-readiness\.yml)?@)[0-9A-Za-z._/-]+(?:[ \t]+#[ \t]*v\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)?/g;
/** A checkout of this repository (to run its CLI): `repository: pilot-readiness/pilot-readiness` then `ref: REF # vX.Y.Z`. */
const CHECKOUT =
  /(repository:[ \t]*pilot-readiness\/pilot-readiness[ \t]*\n(?:[ \t]+[\w-]+:.*\n)*?[ \t]+ref:[ \t]*)[^\s#]+(?:[ \t]+#[ \t]*v\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)?/g;

class PinError extends Error {}

function git(...args) {
  const run = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (run.error) throw new PinError(`git could not be run (${run.error.message}): install git and run this in a clone of the repository`);
  return { ok: run.status === 0, out: run.stdout.trim(), err: run.stderr.trim() };
}

/** The files whose pins users copy: the README, docs/, examples/ and this repository's workflows. */
function pinnedFiles(root = ROOT) {
  const walk = (dir) =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(join(root, path)).isDirectory()) return walk(path);
      return /\.(md|ya?ml)$/.test(name) ? [path.split('\\').join('/')] : [];
    });
  return ['README.md', ...walk('docs'), ...walk('examples'), ...walk('.github/workflows')];
}

/** The full sha of a commit of this repository's history, or a PinError saying why not. */
function resolveCommit(given) {
  if (!/^[0-9a-f]{7,40}$/.test(given ?? ''))
    throw new PinError(
      `"${given ?? ''}" is not a commit sha: give the commit's hexadecimal sha (git rev-parse <commit>), not a tag or branch`,
    );
  if (git('rev-parse', '--is-shallow-repository').out === 'true')
    throw new PinError('this clone is shallow, so a commit cannot be checked against the history: run git fetch --unshallow first');
  const full = git('rev-parse', '--verify', '--quiet', `${given}^{commit}`);
  if (!full.ok) throw new PinError(`${given} is not a commit of this repository: fetch it, or check the sha`);
  if (!git('merge-base', '--is-ancestor', full.out, 'HEAD').ok)
    throw new PinError(
      `${full.out} is not in the history of HEAD: pin a commit of the branch you will push, or users would pin a commit GitHub may not have`,
    );
  for (const file of ['action.yml', 'dist/index.js', 'package.json'])
    if (!git('cat-file', '-e', `${full.out}:${file}`).ok)
      throw new PinError(`${full.out} has no ${file}: it is not a built Action, pin a commit with dist/`);
  return full.out;
}

/** What a commit runs as the Action: its action.yml and dist/ (their git object ids). */
function buildOf(sha) {
  return `${git('rev-parse', `${sha}:action.yml`).out} ${git('rev-parse', `${sha}:dist`).out}`;
}

/** The commit a commit's reusable workflow runs the Action at, or null when it pins none. */
function actionPinOfReusableWorkflow(sha) {
  const text = git('show', `${sha}:${REUSABLE_WORKFLOW}`).out;
  return /uses:\s*pilot-readiness\/pilot-readiness@([0-9a-f]{40})\b/.exec(text)?.[1] ?? null;
}

const versionOf = (sha) => JSON.parse(git('show', `${sha}:package.json`).out).version;

/** Rewrites the pins of `files` (all of them by default) to `sha # vVERSION`; returns how many changed per file. */
function rewrite(sha, version, files = pinnedFiles()) {
  const changed = [];
  for (const file of files) {
    const before = readFileSync(join(ROOT, file), 'utf8');
    let count = 0;
    const pinned = (_all, prefix) => {
      count++;
      return `${prefix}${sha} # v${version}`;
    };
    const after = before.replace(USES, pinned).replace(CHECKOUT, pinned);
    if (after !== before) writeFileSync(join(ROOT, file), after);
    if (count > 0) changed.push({ file, count });
  }
  return changed;
}

/** Makes the reusable workflow run `sha`'s build in a commit of its own on HEAD, and returns that commit. */
function commitReusableWorkflowPin(sha, version) {
  if (git('status', '--porcelain', '--untracked-files=no').out !== '')
    throw new PinError('the working tree has changes: commit or stash them first (this run commits the reusable workflow pin)');
  if (buildOf('HEAD') !== buildOf(sha))
    throw new PinError(
      `HEAD's action.yml or dist/ differ from ${sha}'s: pin the commit whose build HEAD holds (rebuild and commit dist/ first)`,
    );
  rewrite(sha, version, [REUSABLE_WORKFLOW]);
  const message = `Pin the reusable workflow's Action to ${sha.slice(0, 7)}\n\nA reusable workflow cannot name its own commit: this commit has the same build as ${sha}\nand its reusable workflow runs that build, so callers can pin this commit for both.`;
  const commit = git('commit', '--quiet', '-m', message, '--', REUSABLE_WORKFLOW);
  if (!commit.ok) {
    // A refusal changes nothing: the rewritten workflow goes back as it was.
    git('checkout', '--', REUSABLE_WORKFLOW);
    throw new PinError(`git commit failed: ${commit.err}`);
  }
  return git('rev-parse', 'HEAD').out;
}

function main(args) {
  if (args.length !== 1 || args[0] === '--help')
    throw new PinError(
      'usage: node scripts/pin.mjs <commit-sha>   (every pin in README, docs/, examples/ and .github/workflows/ then names that commit)',
    );
  let sha = resolveCommit(args[0]);
  const version = versionOf(sha);
  const runs = actionPinOfReusableWorkflow(sha);
  if (runs === null || buildOf(runs) !== buildOf(sha)) {
    sha = commitReusableWorkflowPin(sha, version);
    console.log(`pin: committed ${sha.slice(0, 7)}: its reusable workflow runs the Action at ${args[0]} (the same build)`);
  }
  const changed = rewrite(sha, version);
  for (const { file, count } of changed) console.log(`pin: ${file}: ${count} pin${count === 1 ? '' : 's'}`);
  console.log(`pin: every pin now names ${sha} # v${version}; review with git diff and commit`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof PinError)) throw error;
    console.error(`pin: ${error.message}`);
    process.exit(2);
  }
}
