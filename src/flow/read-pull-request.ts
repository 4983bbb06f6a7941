// Reading one pull request, writing nothing: its facts, the trusted policy, the pilots it touches at
// head and base, and the team members the rules need. Shared by the gate and the portfolio.
import type { GitHubClient } from '../adapters/github/client.js';
import { GitHubApiError } from '../adapters/github/errors.js';
import { fetchFileTexts, type FileText } from '../adapters/github/files.js';
import { fetchHeadPulls } from '../adapters/github/head-pulls.js';
import {
  fetchPullRequestBase,
  fetchPullRequestFacts,
  type BotComment,
  type GateStatus,
  type HeadPull,
} from '../adapters/github/pull-request.js';
import { fetchTeamMembers } from '../adapters/github/teams.js';
import { ungatedBase } from '../core/branches.js';
import { InputError } from '../core/errors.js';
import { evaluate, rolesToRequest, type BaseManifestInput, type EvaluationInput } from '../core/evaluate.js';
import { manifestData, type ManifestAt, type PilotPair } from '../core/governance.js';
import { reviewerRoles, type LoadedPolicy } from '../core/policy.js';
import type { Finding, Manifest, PrFacts, Report } from '../core/types.js';
import {
  blobIn,
  fileTexts,
  gatedPilots,
  matching,
  treeAt,
  treeFiles,
  unmatchedManifests,
  withEvidenceTexts,
  type TreeCache,
} from './manifests.js';
import { type CentralPolicies, loadTrustedPolicy, policyPathIn, policySpec, type PolicySources } from './trusted-policy.js';

/** What reading one pull request gives: its gated manifests and how to evaluate them against given facts. */
export interface PullRequestReading {
  /** The commit whose files were judged: the pull request's head, or the merge queue's commit. */
  headSha: string;
  baseRef: string;
  /** Paths the pull request changes. */
  changedFiles: string[];
  /** What the decision depends on, as read (see fetchFreshness): re-read before a success is written. */
  freshness: string;
  /** The pull request's base commit as GitHub reports it now (the payload's may be older). */
  baseSha: string;
  /**
   * The trusted policy file's blobs at the base and default branches' tips, as the sweep's record and
   * the freshness check compare them ('' for a policy that lives elsewhere, or in a merge queue).
   */
  policyBlobs: string;
  /** The gate's own comments on the pull request, read with its facts (empty unless asked for). */
  botComments: BotComment[];
  /** The head's status of the gate's context, when asked for and readable (null: there is none). */
  headStatus?: GateStatus | null;
  /** Files named like manifests, in folders the PR touches, that the manifest pattern does not match: each an error. */
  unmatched: Finding[];
  /** The trusted policy the pilots are judged by (the base branch's, for a repository path). */
  policy: LoadedPolicy;
  /**
   * The policy file where it lives in this repository (a repository path, or a central policy's own
   * repository), as the base holds it now: what a pull request that changes it is compared with.
   * Null when the policy lives elsewhere (bundled, or central in another repository).
   */
  policyFile: { path: string; text: string | null; central: boolean } | null;
  /** Gated manifests, repository-relative. */
  gated: string[];
  /** The facts as read, with team members; evaluateWith() adds each manifest's base owner. */
  facts: PrFacts;
  /** `now` defaults to the read's; the deploy-time gate evaluates the same reading at two instants. */
  evaluateWith(facts: PrFacts, now?: Date): Report[];
  /** Whom to ask for reviews, over every gated pilot, without evaluating them. */
  toRequest(facts: PrFacts): { people: string[]; teams: string[] };
  /**
   * With `sharedHead`: why the pull request's base is not a branch the policy gates (then nothing
   * else was read: its base's files and policy are not trusted), or null when it is.
   */
  ungated?: string | null;
  /**
   * With `sharedHead: true` (not in a merge queue): the other open pull requests whose head is this one's,
   * each with whether its base is gated (by the same trusted policy: see baseGating).
   */
  sharingHead?: SharingPull[];
  /** With `sharedHead`: whether a pull request to `branch` counts, by the policy that judged this base. */
  gatesBase?: (branch: string) => boolean;
}

/** Another open pull request with the same head, and whether its base is one the policy gates. */
export interface SharingPull extends HeadPull {
  gatedBase: boolean;
}

export interface ReadOptions {
  policy: string;
  manifest: string;
  now: Date;
  /** The client that reads org/team members, when a separate members-token is given. */
  members?: GitHubClient;
  /** The client that reads central policies, when a separate policy-token is given. */
  policyReader?: GitHubClient;
  /**
   * Trees already read in this run, by commit sha: the pull requests of a repository mostly share
   * their base (the default branch's head), so a sweep or the portfolio reads it once.
   */
  trees?: TreeCache;
  /** Central policies already read in this run (the portfolio shares them between pull requests). */
  policySources?: PolicySources;
  /** Read the gate's own comments with the facts (the gate finds its sticky comment there). */
  comments?: boolean;
  /** Read the head's status of this context with the facts (the gate writes only a changed status). */
  statusContext?: string;
  /**
   * Check the base against the branches the policy gates, and list the other open pull requests
   * sharing the head (the gate, whose status belongs to the head commit, not to the pull request);
   * `base`: the check alone, for a pull request read as another's sharer (the sharers are that one's).
   */
  sharedHead?: boolean | 'base';
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
 * and the pilots gated are those of the base or the head whose folder, manifest or any path it reads
 * (evidence, metrics sources, a dvc.yaml and the files it names) differs between the base and head
 * trees or is among the changed files, including manifests the head deletes, renames, moves or turns
 * into something that is not a regular file. A dvc.yaml is read for this only for a pilot nothing
 * else gates.
 */
export async function readPullRequest(
  gh: GitHubClient,
  target: { owner: string; repo: string; number: number; baseSha: string; queuedSha?: string },
  options: ReadOptions,
  warnings: string[],
): Promise<PullRequestReading> {
  const { owner, repo } = target;
  const spec = policySpec(options.policy);
  const policyPath = policyPathIn(spec, target);
  const queued = target.queuedSha !== undefined;
  // The policy is read at the base as it stands now, on every run: the caller's baseSha comes from an
  // event payload that a re-run replays as it was (a looser policy, since tightened), and GitHub's
  // baseRefOid trails the branch. So the facts query reads it at the base branch's tip. A merge queue's
  // commit is judged against its parent, what the group merges into.
  const read = await fetchPullRequestFacts(
    gh,
    { owner, repo, number: target.number },
    {
      ...(policyPath !== null && queued ? { trustedFiles: [{ ref: target.baseSha, path: policyPath }] } : {}),
      ...(policyPath !== null && !queued ? { baseFiles: [policyPath], policyPath } : {}),
      ...(options.comments ? { comments: true } : {}),
      ...(options.statusContext !== undefined ? { statusContext: options.statusContext } : {}),
      ...(options.sharedHead ? { sharedHead: true } : {}),
    },
  );
  warnings.push(...read.warnings);
  if (policyPath !== null && !queued && read.currentBase === null) {
    throw new InputError(
      `the base branch ${read.facts.base_ref} of #${target.number} no longer exists, so the policy ${policyPath} cannot be read from it; retarget the pull request to an existing branch`,
    );
  }
  const policyText = policyPath === null ? undefined : (queued ? read.trustedFiles[0] : read.currentBase?.files[0])?.text;
  const central = { reader: options.policyReader, sources: options.policySources };
  const gating = options.sharedHead
    ? await baseGating(gh, { ...target, sharers: options.sharedHead === true }, spec, read, policyText, warnings, central)
    : null;
  // In a merge queue the files judged are the queue's commit and its parent (what the group merges
  // into); the facts (reviews, commits, head_sha) stay the pull request's own.
  const headSha = target.queuedSha ?? read.facts.head_sha;
  const baseSha = queued ? target.baseSha : read.baseSha;
  // Before its base's policy is loaded: a branch the gate does not count may hold any file there.
  if (gating?.ungated) return ungatedReading(headSha, read, gating, queued);
  const policy = gating?.judges ?? (await loadTrustedPolicy(gh, spec, policyText, warnings, central));
  const [tree, baseTree] = await Promise.all([
    treeAt(gh, { owner, repo }, headSha, options.trees),
    treeAt(gh, { owner, repo }, baseSha, options.trees),
  ]);
  // The policy file is never a pilot, even where the manifest pattern matches its name (a central
  // policy at policies/pilot-readiness.yml, in its own repository, under the default pattern).
  const notPolicy = (path: string) => path !== policyPath;
  const headPaths = matching(tree, options.manifest).filter(notPolicy);
  const basePaths = matching(baseTree, options.manifest).filter(notPolicy);
  const unmatched = unmatchedManifests(
    tree,
    [...headPaths, ...(policyPath !== null ? [policyPath] : [])],
    options.manifest,
    read.changedFiles,
  );
  const common = {
    headSha,
    ...(gating ? { ungated: gating.ungated, sharingHead: gating.sharingHead, gatesBase: gating.gatesBase } : {}),
    baseRef: read.facts.base_ref,
    changedFiles: read.changedFiles,
    policy,
    policyFile: policyPath === null ? null : { path: policyPath, text: policyText ?? null, central: spec.kind === 'central' },
    unmatched,
    freshness: read.freshness,
    baseSha: read.baseSha,
    policyBlobs: read.policyBlobs ?? '',
    botComments: read.botComments,
    ...(read.headStatus !== undefined && !queued ? { headStatus: read.headStatus } : {}),
  };
  const none = (): PullRequestReading => ({
    ...common,
    gated: [],
    facts: { ...read.facts, teams: {}, base_manifest: null },
    evaluateWith: () => [],
    toRequest: () => ({ people: [], teams: [] }),
  });
  if (headPaths.length === 0 && basePaths.length === 0) return none();

  const texts = await fileTexts(gh, { owner, repo }, [
    ...headPaths.map((path) => ({ ref: headSha, path })),
    ...basePaths.map((path) => ({ ref: baseSha, path })),
  ]);
  // The trees list each of these as a regular file: a missing text is an answer that cannot be
  // trusted (dropping a base manifest would make its pilot look new, with no base owner to ask).
  const present = (list: FileText[]): ManifestAt[] =>
    list.map(({ path, ref, text }) => {
      if (text === null)
        throw new GitHubApiError(
          `GraphQL FileTexts (${owner}/${repo})`,
          null,
          `the tree at ${ref} lists ${path}, but GitHub returned no text for it; pilot-readiness cannot tell which pilot it is, so it stops here`,
        );
      return { path, text };
    });
  const { pairing, headTexts } = await gatedPilots(
    gh,
    { owner, repo },
    { head: { sha: headSha, tree }, base: { sha: baseSha, tree: baseTree } },
    {
      head: present(texts.slice(0, headPaths.length)),
      base: present(texts.slice(headPaths.length)),
      headKind: (path) => tree.get(path) ?? 'missing',
      headPaths: () => tree.keys(),
      changedFiles: read.changedFiles,
      policy: policy.policy,
      // A renamed or moved pilot is known by its evidence, by path or by content (its history follows it).
      baseBlob: blobIn(baseTree),
      headBlob: blobIn(tree),
    },
  );
  if (pairing.errors.length > 0) throw new InputError(pairing.errors);
  const pilots = pairing.pilots;
  if (pilots.length === 0) return none();

  const teamSlugs = teamsNamed(
    policy,
    pilots.flatMap((p) => [p.head, p.base]).map((m) => (m ? (manifestData(m) as Partial<Manifest> | null) : null)),
  );
  const teams = teamSlugs.length > 0 ? await fetchTeamMembers(options.members ?? gh, teamSlugs) : {};
  const bases = pilots.map((p): BaseManifestInput | null => {
    if (p.base === null) return null;
    const baseOwner = ownerOf(p.base);
    if (baseOwner === null) {
      warnings.push(`${p.base.path} on ${read.facts.base_ref} names no valid owner, so changes to its pilot cannot be checked against it`);
      return null;
    }
    return { owner: baseOwner, path: p.base.path, text: p.base.text };
  });
  let files = treeFiles(tree);
  const inputFor = (pilot: PilotPair, i: number, facts: PrFacts, now = options.now): EvaluationInput => ({
    // The head manifest itself (not a copy): the core reads it once for both rolesToRequest and evaluate.
    manifest: pilot.head ? pilot.head : { path: pilot.base!.path, text: null, ...(pilot.retired ? { retired: pilot.retired } : {}) },
    policy,
    files,
    // The base reaches the engine as `base` alone; the emptied key keeps the recorded facts' shape.
    facts: { ...facts, base_manifest: null },
    ...(bases[i] ? { base: bases[i] } : {}),
    now,
    changedFiles: read.changedFiles,
  });
  // Evidence the engine reads (metrics artifacts, documents it checks) comes from the head commit too.
  files = await withEvidenceTexts(
    gh,
    { owner, repo },
    headSha,
    tree,
    pilots.map((pilot, i) => inputFor(pilot, i, { ...read.facts, teams })),
    headTexts,
  );
  return {
    ...common,
    gated: pilots.map((p) => (p.head ?? p.base)!.path),
    facts: { ...read.facts, teams, base_manifest: null },
    evaluateWith: (facts, now) => pilots.map((pilot, i) => evaluate(inputFor(pilot, i, facts, now))),
    toRequest: (facts) => {
      const people = new Set<string>();
      const teamSet = new Set<string>();
      pilots.forEach((pilot, i) => {
        const asked = rolesToRequest(inputFor(pilot, i, facts));
        for (const person of asked.people) people.add(person);
        for (const team of asked.teams) teamSet.add(team);
      });
      return { people: [...people], teams: [...teamSet] };
    },
  };
}

type FactsRead = Awaited<ReturnType<typeof fetchPullRequestFacts>>;

/** Whether the base is gated, by a policy its branch cannot choose, and who else shares the head. */
interface BaseGating {
  ungated: string | null;
  sharingHead: SharingPull[];
  gatesBase: (branch: string) => boolean;
  /** The policy that says which bases are gated (the default branch's, for a repository path). */
  gating: LoadedPolicy;
  /** The same policy, when it is also the one the pull request is judged by (its base is the default branch, or it is not a repository path). */
  judges: LoadedPolicy | null;
}

/**
 * Which policy says whether the base is gated: the bundled or central one, or for a repository path
 * the default branch's file, since a branch whose pull requests the gate does not count is nobody's
 * trusted side (its policy could list itself). The same policy says it of every pull request sharing
 * the head, from GitHub's list, so one to an ungated base is never read (it could not be, or hold
 * anything). Costs a file read only for a base other than the default branch; the head's sharers
 * cost a query only past 250 commits, or a query per 100 open pull requests for a head the default
 * branch holds (see PullRequestFacts.sharingHead).
 */
async function baseGating(
  gh: GitHubClient,
  /** `sharers`: list the other open pull requests with the same head too. */
  target: { owner: string; repo: string; queuedSha?: string; sharers: boolean },
  spec: ReturnType<typeof policySpec>,
  read: FactsRead,
  /** The policy file's text at the base as it stands now (see readPullRequest). */
  baseText: string | null | undefined,
  warnings: string[],
  central: CentralPolicies,
): Promise<BaseGating> {
  const { owner, repo } = target;
  const defaultBranch = read.defaultBranch!;
  const onDefault = read.facts.base_ref === defaultBranch.name;
  const gating = await gatingPolicy(
    gh,
    { owner, repo },
    spec,
    defaultBranch,
    warnings,
    central,
    onDefault ? { text: baseText } : undefined,
  );
  const gatesBase = (branch: string) => ungatedBase(gating.policy, branch, defaultBranch.name) === null;
  // A merge queue's commit is nobody's head: its status speaks for the queued pull request alone.
  const listed = read.sharingHead ?? 'commit';
  const others =
    target.queuedSha || !target.sharers
      ? []
      : Array.isArray(listed)
        ? listed
        : await fetchHeadPulls(gh, { owner, repo, sha: read.facts.head_sha, self: read.facts.number }, listed);
  return {
    ungated: ungatedBase(gating.policy, read.facts.base_ref, defaultBranch.name),
    sharingHead: others.map((p) => ({ ...p, gatedBase: gatesBase(p.baseRef) })),
    gatesBase,
    gating,
    judges: spec.kind !== 'base' || onDefault ? gating : null,
  };
}

/**
 * The policy that says which bases are gated: the bundled or central one, or for a repository path the
 * default branch's file at its tip (`known`: as already read), never a base branch's own.
 */
async function gatingPolicy(
  gh: GitHubClient,
  where: { owner: string; repo: string },
  spec: ReturnType<typeof policySpec>,
  defaultBranch: { name: string; sha: string },
  warnings: string[],
  central: CentralPolicies,
  known?: { text: string | null | undefined },
): Promise<LoadedPolicy> {
  const text =
    spec.kind === 'base' && known === undefined
      ? (await fetchFileTexts(gh, where, [{ ref: defaultBranch.sha, path: spec.path }]))[0]?.text
      : known?.text;
  // Read from the default branch (not the base the caller knows): a missing file is named there.
  return loadTrustedPolicy(gh, spec, text, warnings, central, known === undefined ? defaultBranch.name : undefined);
}

/**
 * Why a pull request's base is not a branch the policy gates, or null when it is, from a read apart
 * from its facts (its base, the default branch, the gating policy): a run that could not read the pull
 * request itself (more files than GitHub lists, more reviews than the gate reads) still knows whether
 * its failure may speak for the head it shares. Throws when that cannot be known.
 */
export async function ungatedBaseOf(
  gh: GitHubClient,
  target: { owner: string; repo: string; number: number },
  policy: string,
  warnings: string[],
  central: CentralPolicies = {},
): Promise<string | null> {
  const { baseRef, defaultBranch } = await fetchPullRequestBase(gh, target);
  const gating = await gatingPolicy(gh, target, policySpec(policy), defaultBranch, warnings, central);
  return ungatedBase(gating.policy, baseRef, defaultBranch.name);
}

/** A pull request to a branch the policy does not gate: nothing of it is read further, and it passes nothing. */
function ungatedReading(headSha: string, read: FactsRead, gating: BaseGating, queued: boolean): PullRequestReading {
  return {
    headSha,
    ungated: gating.ungated,
    sharingHead: gating.sharingHead,
    gatesBase: gating.gatesBase,
    baseRef: read.facts.base_ref,
    changedFiles: read.changedFiles,
    policy: gating.gating,
    // It earns no success whatever it changes, so a change of the policy file there is not reviewed.
    policyFile: null,
    unmatched: [],
    freshness: read.freshness,
    baseSha: read.baseSha,
    policyBlobs: read.policyBlobs ?? '',
    botComments: read.botComments,
    ...(read.headStatus !== undefined && !queued ? { headStatus: read.headStatus } : {}),
    gated: [],
    facts: { ...read.facts, teams: {}, base_manifest: null },
    evaluateWith: () => [],
    toRequest: () => ({ people: [], teams: [] }),
  };
}
