// One pull request through the gate: read its facts and the trusted policy, evaluate every pilot
// manifest it touches, ask the roles not yet asked, then publish one status and one comment.
// API round trips for one PR: facts (1) + tree (1) + manifests (1) + teams (≤1) + review request (≤1)
// + status (1) + comment (≤2), plus 1 per central policy in the policy's extends chain (at most 6):
// at most 9 with one central policy, whatever the review count.
import { minimatch } from 'minimatch';
import { posix } from 'node:path';
import type { ActionInputs } from '../action/inputs.js';
import type { GitHubClient } from '../adapters/github/client.js';
import { upsertStickyComment } from '../adapters/github/comment.js';
import { fetchFileTexts, fetchTree, type FileAt, type FileText, type TreeEntryKind } from '../adapters/github/files.js';
import { fetchPolicySource } from '../adapters/github/policy-source.js';
import { fetchFreshness, fetchPullRequestFacts } from '../adapters/github/pull-request.js';
import { requestReviews } from '../adapters/github/reviews.js';
import { setCommitStatus, type CommitState } from '../adapters/github/status.js';
import { fetchTeamMembers } from '../adapters/github/teams.js';
import { GitHubAccessError, GitHubApiError } from '../adapters/github/errors.js';
import { isBundledPolicy, loadBundledPolicy } from '../core/bundled.js';
import { formatSpan } from '../core/duration.js';
import { evaluate, rolesToRequest, type EvaluationInput } from '../core/evaluate.js';
import { worstOf } from '../core/decide.js';
import { comparePolicies, isCentralReference, resolvePolicy, type AsyncPolicyReader, type Comparison } from '../core/layering/index.js';
import { reviewerRoles, type LoadedPolicy } from '../core/policy.js';
import { renderFailureMarkdown, renderMarkdown } from '../report/markdown.js';
import type { Decision, Finding, Manifest, PrFacts, RepoFiles, Report } from '../core/types.js';
import { renderPolicyReview, type PolicyReview } from '../report/policy-review.js';
import { plainLine } from '../report/plain.js';
import { parseYaml } from '../core/yaml.js';
import { approvedHead, manifestData, pairPilots, type ManifestAt, type PilotPair } from '../core/governance.js';
import { sortReviews } from '../core/signoff/reviews.js';
import { InputError } from '../core/errors.js';
import type { ActionContext } from '../action/run.js';

export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  fork: boolean;
}

export interface PullRequestOutcome {
  number: number;
  decision: Decision;
  reports: Report[];
  /** Why there is no report (for a PR that touches no pilot). */
  note: string;
  warnings: string[];
  /** Problems found in a policy the pull request changes, at their lines in its head version. */
  errors: Finding[];
  /**
   * Why the commit status could not be written, when it could not: an earlier status of the same
   * commit (say a `success` before an approval was dismissed) may still stand, so the run fails.
   */
  statusNotWritten?: string;
  /** Why this run cannot vouch for the pull request (it changes the gate's own workflow file). */
  untrusted?: string;
}

/**
 * A pull request in the policy's own repository that edits the policy: the pilots are still judged by
 * the base version, but the proposed version is validated (its extends chain included) and compared
 * with the base, so reviewers see what it tightens or loosens. One round trip (the head text).
 */
async function reviewPolicyChange(gh: GitHubClient, ctx: ActionContext, path: string, reading: PullRequestReading, warnings: string[]): Promise<PolicyReview> {
  const [head] = await fetchFileTexts(gh, { owner: ctx.owner, repo: ctx.repo }, [{ ref: reading.headSha, path }]);
  if (head?.text === null || head === undefined) {
    return { path, valid: false, errors: [{ message: `this pull request deletes the policy ${path}: once merged, every gated pull request would fail closed until a policy is back`, location: null }] };
  }
  try {
    const proposed = await resolvePolicy({ text: head.text, source: path, file: path }, centralReader(gh, warnings));
    const raw = comparePolicies(reading.policy.policy, proposed.policy, proposed.locate, { parentName: `${path} on ${reading.baseRef}`, advice: false });
    // Every finding in the pull request's own file: a setting it inherits (say from extends: default)
    // is placed at its extends line, or its first line, never in the file it extends.
    const parsed = parseYaml(head.text, path);
    const fallback = parsed.has(['extends']) ? parsed.locateKey(['extends']) : parsed.locate([]);
    const own = <T extends Finding>(f: T): T => (f.location && f.location.file === path ? f : { ...f, location: fallback });
    const comparison = { ...raw, tightenings: raw.tightenings.map(own), loosenings: raw.loosenings.map(own) };
    if (comparison.loosenings.length === 0) return { path, valid: true, deleted: false, comparison };
    // A loosening needs an owner of the base policy (policy_owners): never the author.
    const owners = reading.policy.policy.policy_owners ?? [];
    const teams = owners.filter((o) => o.includes('/'));
    const members = teams.length > 0 ? await fetchTeamMembers(ctx.members ?? gh, teams) : {};
    const people = [...owners.filter((o) => !o.includes('/')), ...teams.flatMap((t) => members[t] ?? [])];
    const reviews = sortReviews(reading.facts.reviews);
    const approvedBy = people.find((login) => approvedHead(reviews, login, reading.facts)) ?? null;
    return { path, valid: true, deleted: false, comparison, approval: { owners, approvedBy } };
  } catch (error) {
    if (error instanceof InputError) return { path, valid: false, errors: error.findings };
    throw error;
  }
}

const STATE: Record<Decision, CommitState> = { ready: 'success', pending: 'pending', blocked: 'failure' };

/**
 * What a policy change alone lets through: an invalid one nothing; one that loosens, only with the
 * approval of an owner of the base policy (policy_owners), and nothing when it names none.
 */
export function policyVerdict(review: PolicyReview): Decision {
  if (!review.valid) return 'blocked';
  if (review.comparison.loosenings.length === 0) return 'ready';
  const approval = review.approval;
  if (!approval || approval.owners.length === 0) return 'blocked';
  return approval.approvedBy !== null ? 'ready' : 'pending';
}

/** The policy's source as the PR will read it: bundled, central (pinned repo) or a path at the base sha. */
export type PolicySpec = { kind: 'bundled'; name: string } | { kind: 'central'; reference: string } | { kind: 'base'; path: string };

export function policySpec(input: string): PolicySpec {
  if (isBundledPolicy(input)) return { kind: 'bundled', name: input };
  if (isCentralReference(input)) return { kind: 'central', reference: input };
  const path = posix.normalize(input.replace(/^\.\//, ''));
  if (path.startsWith('../') || path.startsWith('/')) throw new InputError(`input policy: "${input}" must be a path inside this repository, "default", or owner/repo/path@ref`);
  return { kind: 'base', path };
}

/** The head commit's tree as the engine's repository view. Symlinks and submodules cannot be verified: refused. */
export function treeFiles(tree: Map<string, TreeEntryKind>): RepoFiles {
  return {
    stat(path) {
      const kind = tree.get(path);
      if (kind === undefined) return 'missing';
      if (kind === 'file' || kind === 'dir') return kind;
      return 'unverifiable';
    },
  };
}

/** Every org/team slug the policy or a manifest names: the teams whose members the rules need. */
function teamsNamed(policy: LoadedPolicy, manifests: Array<Partial<Manifest> | null>): string[] {
  const teams = new Set<string>();
  const add = (list: unknown) => {
    if (Array.isArray(list)) for (const item of list) if (typeof item === 'string' && item.includes('/')) teams.add(item);
  };
  add(policy.policy.roles.owner.allowed);
  for (const [, role] of reviewerRoles(policy.policy)) add(role.members);
  for (const manifest of manifests) {
    const reviewers = manifest?.reviewers;
    if (reviewers && typeof reviewers === 'object') for (const list of Object.values(reviewers)) add(list);
  }
  return [...teams].sort();
}

/** `21/23 criteria · legal 9d left` and the like: what the status check shows beside its state. */
export function statusDescription(reports: Report[], now: Date): string {
  if (reports.length > 1) {
    const counts = (['blocked', 'pending', 'ready'] as Decision[]).map((d) => [d, reports.filter((r) => r.decision === d).length] as const).filter(([, n]) => n > 0);
    return `${reports.length} pilots: ${counts.map(([d, n]) => `${n} ${d}`).join(', ')}`;
  }
  const report = reports[0]!;
  const retiring = report.governance_changes?.find((change) => change.kind === 'retired');
  if (retiring) return retiring.approved ? `retiring ${report.pilot?.name ?? report.manifest.path}: approved` : `retiring ${report.pilot?.name ?? report.manifest.path}: awaiting ${retiring.needs.map((n) => n.who).join(', ')}`;
  const score = `${report.score.met}/${report.score.required} criteria`;
  if (report.errors.length > 0) return `invalid manifest ${report.manifest.path}: ${report.errors.length} error(s)`;
  if (report.decision === 'ready') return `${score} · roles consulted · owner approved`;
  if (report.decision === 'blocked') return `${score} · blocked by ${report.blocking.join(', ')}`;
  const open = report.roles.filter((r) => r.required && r.status === 'pending' && r.deadline);
  const windows = open.map((r) => `${r.role} ${formatSpan(Date.parse(r.deadline!) - now.getTime())} left`);
  return [score, ...windows, ...report.waiting_on.filter((w) => !open.some((r) => r.role === w)).map((w) => `awaiting ${w}`)].join(' · ');
}

/**
 * Reads what a trusted policy extends: a central owner/repo/path@ref, one request each, with a warning
 * when it follows a branch (default comes from the bundle without asking). A repository path is refused:
 * each link would cost a round trip at the base sha, and an organisation's policy belongs pinned in one place.
 */
function centralReader(gh: GitHubClient, warnings: string[]): AsyncPolicyReader {
  return async (reference) => {
    if (!isCentralReference(reference)) {
      throw new InputError(
        `extends ${reference}: in the Action a policy may extend only default or a central policy pinned as owner/repo/path@ref (for example acme/governance/policies/pilot-readiness.yml@v1); a repository path is not read. Publish that policy in a central repository and extend it by reference`,
      );
    }
    const source = await fetchPolicySource(gh, reference);
    if (source.warning) warnings.push(source.warning);
    return { text: source.text, source: source.source, file: source.source };
  };
}

export async function loadTrustedPolicy(gh: GitHubClient, spec: PolicySpec, baseText: string | null | undefined, warnings: string[]): Promise<LoadedPolicy> {
  if (spec.kind === 'bundled') return loadBundledPolicy(spec.name);
  const read = centralReader(gh, warnings);
  if (spec.kind === 'central') return resolvePolicy(await read(spec.reference, 'input policy'), read);
  if (baseText === null || baseText === undefined) {
    throw new InputError(
      `input policy: ${spec.path} does not exist on the base branch. The policy is read from the base branch, never from the pull request; merge it to the base branch first, or use policy: default`,
    );
  }
  return resolvePolicy({ text: baseText, source: spec.path, file: spec.path }, read);
}

/**
 * Asks the roles not yet asked (this starts their windows), before the one evaluation of the run, and
 * returns the facts as they now stand (null when nobody was asked).
 */
async function askRoles(gh: GitHubClient, ctx: ActionContext, reading: PullRequestReading, warnings: string[]): Promise<PrFacts | null> {
  const facts = reading.facts;
  const { people, teams } = reading.toRequest(facts);
  if (people.length === 0 && teams.length === 0) return null;
  const result = await requestReviews(gh, { owner: ctx.owner, repo: ctx.repo, number: facts.number, reviewers: people, team_reviewers: teams });
  if (!result.ok) {
    warnings.push(`${result.warning}; those roles stay not requested, and their windows have not started`);
    return null;
  }
  const at = ctx.now.toISOString();
  const requested = [...result.requested.reviewers, ...result.requested.team_reviewers.map((t) => (t.includes('/') ? t : `${ctx.owner}/${t}`))];
  return { ...facts, review_requests: [...facts.review_requests, ...requested.map((reviewer) => ({ reviewer, at }))] };
}

/**
 * Marks a pull request that could not be evaluated with an `error` status on its head, so that an
 * earlier `success` of the same commit (say, before an approval was dismissed) cannot stand while
 * nothing is verified. Best effort: the run fails anyway; a refusal here is returned as a warning.
 */
export async function markUnverified(gh: GitHubClient, ctx: ActionContext, inputs: ActionInputs, pr: PullRequestRef, reason: string): Promise<string | null> {
  try {
    await setCommitStatus(gh, {
      owner: ctx.owner,
      repo: ctx.repo,
      sha: pr.headSha,
      state: 'error',
      context: inputs.statusContext,
      description: plainLine(`could not be verified: ${reason}`),
      ...(ctx.runUrl ? { target_url: ctx.runUrl } : {}),
    });
    return null;
  } catch (error) {
    return `could not set the ${inputs.statusContext} status to error either: ${(error as Error).message}`;
  }
}

/** What reading one pull request gives: its gated manifests and how to evaluate them against given facts. */
export interface PullRequestReading {
  headSha: string;
  baseRef: string;
  /** Paths the pull request changes. */
  changedFiles: string[];
  /** What the decision depends on, as read (see fetchFreshness): re-read before a success is written. */
  freshness: string;
  /** Files named like manifests, in folders the PR touches, that the manifest pattern does not match: each an error. */
  unmatched: Finding[];
  /** The trusted policy the pilots are judged by (the base branch's, for a repository path). */
  policy: LoadedPolicy;
  /** Gated manifests, repository-relative. */
  gated: string[];
  /** The facts as read, with team members; evaluateWith() adds each manifest's base owner. */
  facts: PrFacts;
  evaluateWith(facts: PrFacts): Report[];
  /** Whom to ask for reviews, over every gated pilot, without evaluating them. */
  toRequest(facts: PrFacts): { people: string[]; teams: string[] };
}

export interface ReadOptions {
  policy: string;
  manifest: string;
  now: Date;
  /** The client that reads org/team members, when a separate members-token is given. */
  members?: GitHubClient;
  /**
   * Trees already read in this run, by commit sha: the pull requests of a repository mostly share
   * their base (the default branch's head), so a sweep or the portfolio reads it once.
   */
  trees?: TreeCache;
}

export type TreeCache = Map<string, Promise<Map<string, TreeEntryKind>>>;

export function treeAt(gh: GitHubClient, repo: { owner: string; repo: string }, sha: string, cache: TreeCache | undefined): Promise<Map<string, TreeEntryKind>> {
  if (!cache) return fetchTree(gh, { ...repo, sha });
  const key = `${repo.owner}/${repo.repo}@${sha}`.toLowerCase();
  let tree = cache.get(key);
  if (!tree) {
    tree = fetchTree(gh, { ...repo, sha });
    // A failed read is not kept: the next pull request asks again.
    tree.catch(() => cache.delete(key));
    cache.set(key, tree);
  }
  return tree;
}

/** Files read per GraphQL query: enough for most repositories in one, and well under GitHub's query limits. */
const TEXTS_PER_QUERY = 100;

async function fileTexts(gh: GitHubClient, repo: { owner: string; repo: string }, files: FileAt[]): Promise<FileText[]> {
  const out: FileText[] = [];
  for (let i = 0; i < files.length; i += TEXTS_PER_QUERY) out.push(...(await fetchFileTexts(gh, repo, files.slice(i, i + TEXTS_PER_QUERY))));
  return out;
}

/**
 * GitHub's own folder holds workflows, actions and the policy, never a pilot: the recommended workflow
 * file is .github/workflows/pilot-readiness.yml, which the default manifest pattern would match.
 */
const notGitHubFolder = (path: string): boolean => !path.startsWith('.github/');

/** The manifests a tree holds: regular files the pattern matches, outside .github/. */
export function matching(tree: Map<string, TreeEntryKind>, glob: string): string[] {
  return [...tree.entries()].filter(([path, kind]) => kind === 'file' && notGitHubFolder(path) && minimatch(path, glob, { dot: true })).map(([path]) => path).sort();
}

/** The names pilot manifests go by, whatever the manifest pattern says. */
const MANIFEST_NAMES = new Set(['pilot-readiness.yml', 'pilot-readiness.yaml']);

/**
 * A file named like a pilot manifest, in a folder the pull request touches, that the manifest pattern
 * does not match: a pilot the gate would otherwise skip. An error, never a silent pass.
 */
function unmatchedManifests(tree: Map<string, TreeEntryKind>, matched: readonly string[], glob: string, changed: readonly string[]): Finding[] {
  const known = new Set(matched);
  const findings: Finding[] = [];
  for (const [path, kind] of tree) {
    if (kind !== 'file' || known.has(path) || !notGitHubFolder(path) || !MANIFEST_NAMES.has(posix.basename(path))) continue;
    const dir = posix.dirname(path);
    if (!changed.some((file) => file === path || dir === '.' || file.startsWith(`${dir}/`))) continue;
    findings.push({
      message: `${path} looks like a pilot manifest, but the manifest pattern (${glob}) does not match it, so its pilot would not be gated: name it as the pattern expects, or widen the pattern in the trusted workflow`,
      location: { file: path, line: 1, column: 1 },
    });
  }
  return findings;
}

/** The base branch's owner of a pilot, read from its manifest there; null when that manifest names no valid login. */
function ownerOf(manifest: ManifestAt): string | null {
  const owner = manifestData(manifest)?.owner;
  return typeof owner === 'string' && owner.trim() !== '' ? owner : null;
}

/**
 * Reads one pull request and everything its evaluation needs, writing nothing: facts and the trusted
 * policy (1-2 round trips), the head and base trees (2, in parallel), every manifest at head and base
 * (1 per 100 manifests), team members (≤1). Shared by the gate and the portfolio.
 *
 * The base branch is the reference for every pilot: a pilot is identified by pilot.name across paths,
 * and the pilots gated are those of the base or the head whose folder, manifest or evidence the pull
 * request touches, including manifests the head deletes, renames, moves or turns into something that
 * is not a regular file.
 */
export async function readPullRequest(
  gh: GitHubClient,
  target: { owner: string; repo: string; number: number; baseSha: string },
  options: ReadOptions,
  warnings: string[],
): Promise<PullRequestReading> {
  const { owner, repo } = target;
  const spec = policySpec(options.policy);
  const trustedFiles: FileAt[] = spec.kind === 'base' ? [{ ref: target.baseSha, path: spec.path }] : [];
  const read = await fetchPullRequestFacts(gh, { owner, repo, number: target.number }, { trustedFiles });
  const policy = await loadTrustedPolicy(gh, spec, read.trustedFiles[0]?.text, warnings);
  const headSha = read.facts.head_sha;
  const [tree, baseTree] = await Promise.all([treeAt(gh, { owner, repo }, headSha, options.trees), treeAt(gh, { owner, repo }, read.baseSha, options.trees)]);
  // The policy file is never a pilot, even where the manifest pattern matches its name.
  const notPolicy = (path: string) => spec.kind !== 'base' || path !== spec.path;
  const headPaths = matching(tree, options.manifest).filter(notPolicy);
  const basePaths = matching(baseTree, options.manifest).filter(notPolicy);
  const unmatched = unmatchedManifests(tree, [...headPaths, ...(spec.kind === 'base' ? [spec.path] : [])], options.manifest, read.changedFiles);
  const common = { headSha, baseRef: read.facts.base_ref, changedFiles: read.changedFiles, policy, unmatched, freshness: read.freshness };
  const none = (): PullRequestReading => ({ ...common, gated: [], facts: { ...read.facts, teams: {}, base_manifest: null }, evaluateWith: () => [], toRequest: () => ({ people: [], teams: [] }) });
  if (headPaths.length === 0 && basePaths.length === 0) return none();

  const texts = await fileTexts(gh, { owner, repo }, [...headPaths.map((path) => ({ ref: headSha, path })), ...basePaths.map((path) => ({ ref: read.baseSha, path }))]);
  // The trees list each of these as a regular file: a missing text is an answer that cannot be
  // trusted (dropping a base manifest would make its pilot look new, with no base owner to ask).
  const present = (list: FileText[]): ManifestAt[] =>
    list.map(({ path, ref, text }) => {
      if (text === null) throw new GitHubApiError(`GraphQL FileTexts (${owner}/${repo})`, null, `the tree at ${ref} lists ${path}, but GitHub returned no text for it; pilot-readiness cannot tell which pilot it is, so it stops here`);
      return { path, text };
    });
  const pairing = pairPilots({
    head: present(texts.slice(0, headPaths.length)),
    base: present(texts.slice(headPaths.length)),
    headKind: (path) => tree.get(path) ?? 'missing',
    headPaths: () => tree.keys(),
    changedFiles: read.changedFiles,
  });
  if (pairing.errors.length > 0) throw new InputError(pairing.errors);
  const pilots = pairing.pilots;
  if (pilots.length === 0) return none();

  const teamSlugs = teamsNamed(policy, pilots.flatMap((p) => [p.head, p.base]).map((m) => (m ? (manifestData(m) as Partial<Manifest> | null) : null)));
  const teams = teamSlugs.length > 0 ? await fetchTeamMembers(options.members ?? gh, teamSlugs) : {};
  const files = treeFiles(tree);
  const bases = pilots.map((p): PrFacts['base_manifest'] => {
    if (p.base === null) return null;
    const baseOwner = ownerOf(p.base);
    if (baseOwner === null) {
      warnings.push(`${p.base.path} on ${read.facts.base_ref} names no valid owner, so changes to its pilot cannot be checked against it`);
      return null;
    }
    return { owner: baseOwner, path: p.base.path, text: p.base.text };
  });
  const inputFor = (pilot: PilotPair, i: number, facts: PrFacts): EvaluationInput => ({
    manifest: pilot.head ? { path: pilot.head.path, text: pilot.head.text } : { path: pilot.base!.path, text: null, ...(pilot.retired ? { retired: pilot.retired } : {}) },
    policy,
    files,
    facts: { ...facts, base_manifest: bases[i] ?? null },
    now: options.now,
  });
  return {
    ...common,
    gated: pilots.map((p) => (p.head ?? p.base)!.path),
    facts: { ...read.facts, teams, base_manifest: null },
    evaluateWith: (facts) => pilots.map((pilot, i) => evaluate(inputFor(pilot, i, facts))),
    toRequest: (facts) => {
      const people = new Set<string>();
      const teamSet = new Set<string>();
      pilots.forEach((pilot, i) => {
        const asked = rolesToRequest(inputFor(pilot, i, facts));
        asked.people.forEach((p) => people.add(p));
        asked.teams.forEach((t) => teamSet.add(t));
      });
      return { people: [...people], teams: [...teamSet] };
    },
  };
}

/** Events on which GitHub runs the workflow file of the pull request's merge ref, which the pull request controls. */
const MERGE_REF_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/**
 * Why this run's inputs cannot be trusted, or null: on pull_request events the workflow file (and so
 * the gate's inputs: policy, manifest pattern, mode) comes from the pull request's merge ref. When the
 * pull request changes that very file, it chose its own gate. A workflow from another repository (a
 * required workflow or a reusable one called by the central repository) or the base branch's
 * (pull_request_target, schedule) is trusted.
 */
export function untrustedWorkflow(eventName: string, workflowRef: string | null, repository: string, changedFiles: readonly string[]): string | null {
  if (!MERGE_REF_EVENTS.has(eventName)) return null;
  if (workflowRef === null) {
    return `GITHUB_WORKFLOW_REF is not set, so which workflow file runs the gate cannot be checked; on ${eventName} that file comes from the pull request`;
  }
  const at = workflowRef.lastIndexOf('@');
  const file = at < 0 ? workflowRef : workflowRef.slice(0, at);
  const [owner = '', repo = '', ...path] = file.split('/');
  if (`${owner}/${repo}`.toLowerCase() !== repository.toLowerCase()) return null;
  const workflow = path.join('/');
  // The running file, and any local workflow or action it can call (uses: ./.github/...): the gate
  // cannot tell which of them its job reads, so a change to any of them is a change to the gate.
  const changed = changedFiles.find((file) => file === workflow || file.startsWith('.github/workflows/') || file.startsWith('.github/actions/'));
  if (changed === undefined) return null;
  return `this pull request changes ${changed}, ${changed === workflow ? 'the workflow file that runs the gate' : `a workflow or action of this repository that the gate's workflow (${workflow}) may use`}, so it could choose the gate's own inputs; merge the workflow change on its own first, or run the gate as a required workflow from a central repository`;
}

export async function evaluatePullRequest(gh: GitHubClient, ctx: ActionContext, inputs: ActionInputs, pr: PullRequestRef): Promise<PullRequestOutcome | null> {
  const warnings: string[] = [];
  let statusNotWritten: string | undefined;
  const reading = await readPullRequest(gh, { owner: ctx.owner, repo: ctx.repo, number: pr.number, baseSha: pr.baseSha }, { policy: inputs.policy, manifest: inputs.manifest, now: ctx.now, trees: ctx.trees, ...(ctx.members ? { members: ctx.members } : {}) }, warnings);
  const status = async (state: CommitState, description: string) => {
    // A success is re-checked first: a review dismissed (or a push) between the read and this write
    // must not leave a success that no longer holds. Pending and failure are safe to write as read.
    if (state === 'success') {
      const now = await fetchFreshness(gh, { owner: ctx.owner, repo: ctx.repo, number: pr.number });
      if (now !== reading.freshness) {
        statusNotWritten = `the pull request changed while it was evaluated (a push, a review, a dismissal or a review request), so success was not written; the run for that change, or the next sweep, decides. An earlier ${inputs.statusContext} status of ${reading.headSha.slice(0, 7)} may still stand`;
        return;
      }
    }
    try {
      await setCommitStatus(gh, { owner: ctx.owner, repo: ctx.repo, sha: reading.headSha, state, context: inputs.statusContext, description: plainLine(description), ...(ctx.runUrl ? { target_url: ctx.runUrl } : {}) });
    } catch (error) {
      // Fail closed: whatever the decision, a status that cannot be written fails the run, since an
      // earlier status of this commit may still stand.
      if (!(error instanceof GitHubAccessError) && !(error instanceof GitHubApiError)) throw error;
      const why = pr.fork
        ? 'this pull request comes from a fork, whose workflow token is read-only'
        : error instanceof GitHubAccessError
          ? 'the token may not write commit statuses (it needs statuses: write)'
          : 'GitHub did not accept the write (an outage or a refusal)';
      statusNotWritten = `could not set the ${inputs.statusContext} status to ${state} (${why}): ${error.message}. An earlier ${inputs.statusContext} status of ${reading.headSha.slice(0, 7)} may still stand, so this run fails; the next run or scheduled sweep that can write it replaces it`;
    }
  };

  // Fail closed when the pull request chose the gate's own workflow file (and so its inputs).
  const untrusted = untrustedWorkflow(ctx.eventName, ctx.workflowRef, `${ctx.owner}/${ctx.repo}`, reading.changedFiles);
  if (untrusted) {
    await status('failure', 'the gate\'s own workflow file is changed by this pull request');
    const text = renderFailureMarkdown('Pilot readiness', untrusted, { level: 2 });
    if (inputs.comment) {
      const result = await upsertStickyComment(gh, { owner: ctx.owner, repo: ctx.repo, number: pr.number, key: 'readiness', body: text, shortBody: text });
      if (!result.ok) warnings.push(result.warning);
    }
    return { number: pr.number, decision: 'blocked', reports: [], note: text, warnings, errors: [], untrusted, ...(statusNotWritten ? { statusNotWritten } : {}) };
  }

  // A pilot the pattern would skip is an error, never a silent pass.
  if (reading.unmatched.length > 0) throw new InputError(reading.unmatched);

  const spec = policySpec(inputs.policy);
  const review = spec.kind === 'base' && reading.changedFiles.includes(spec.path) ? await reviewPolicyChange(gh, ctx, spec.path, reading, warnings) : null;
  const reviewErrors = review && !review.valid ? review.errors : [];
  const postComment = async (body: string, shortBody: string) => {
    if (!inputs.comment) return;
    const botLogin = await ctx.commentAuthor();
    const result = await upsertStickyComment(gh, { owner: ctx.owner, repo: ctx.repo, number: pr.number, key: 'readiness', body, shortBody, ...(botLogin ? { botLogin } : {}) });
    // The advice for a refused comment already explains forks; other failures (5xx) do not.
    if (!result.ok) warnings.push(`${result.warning}${pr.fork && !/fork/i.test(result.warning) ? ' (pull requests from forks get a read-only token: the scorecard is in the job summary)' : ''}`);
  };

  if (reading.gated.length === 0) {
    if (review) {
      // The policy's own pull request: an invalid policy must not merge; a valid one passes, with its diff shown.
      const counts = review.valid ? `tightens ${review.comparison.tightenings.length}, loosens ${review.comparison.loosenings.length}` : `${review.errors.length} problem(s)`;
      const verdict = policyVerdict(review);
      await status(STATE[verdict], `policy change ${review.valid ? 'valid' : 'invalid'}: ${counts}${verdict === 'pending' ? ' · awaiting a policy owner' : verdict === 'blocked' && review.valid ? ' · no policy owner may approve' : ''}`);
      const text = renderPolicyReview(review);
      await postComment(text, text);
      return { number: pr.number, decision: verdict, reports: [], note: text, warnings, errors: reviewErrors, ...(statusNotWritten ? { statusNotWritten } : {}) };
    }
    // Branch protection requires the status on every PR: one that touches no pilot passes it.
    await status('success', `no pilot manifest (${inputs.manifest}) touched`);
    return { number: pr.number, decision: 'ready', reports: [], note: `touches no pilot manifest (${inputs.manifest})`, warnings, errors: [], ...(statusNotWritten ? { statusNotWritten } : {}) };
  }

  const asked = inputs.requestReviews ? await askRoles(gh, ctx, reading, warnings) : null;
  const reports = reading.evaluateWith(asked ?? reading.facts);

  let decision = worstOf([...reports.map((r) => r.decision), ...(review ? [policyVerdict(review)] : [])]);
  if (reviewErrors.length > 0) decision = 'blocked';
  await status(STATE[decision], reviewErrors.length > 0 ? `policy change invalid: ${reviewErrors.length} problem(s)` : statusDescription(reports, ctx.now));
  const policyText = review ? `\n---\n\n${renderPolicyReview(review)}` : '';
  await postComment(
    reports.map((r) => renderMarkdown(r)).join('\n---\n\n') + policyText,
    reports.map((r) => renderMarkdown(r, { compact: true })).join('\n---\n\n') + policyText,
  );
  return { number: pr.number, decision, reports, note: policyText, warnings, errors: reviewErrors, ...(statusNotWritten ? { statusNotWritten } : {}) };
}
