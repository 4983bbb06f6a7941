// Reading one pull request, writing nothing: its facts, the trusted policy, the pilots it touches at
// head and base, and the team members the rules need. Shared by the gate and the portfolio.
import type { GitHubClient } from '../adapters/github/client.js';
import { GitHubApiError } from '../adapters/github/errors.js';
import type { FileAt, FileText } from '../adapters/github/files.js';
import { fetchPullRequestFacts, type BotComment, type GateStatus } from '../adapters/github/pull-request.js';
import { fetchTeamMembers } from '../adapters/github/teams.js';
import { InputError } from '../core/errors.js';
import { evaluate, rolesToRequest, type EvaluationInput } from '../core/evaluate.js';
import { manifestData, type ManifestAt, type PilotPair } from '../core/governance.js';
import { reviewerRoles, type LoadedPolicy } from '../core/policy.js';
import type { Finding, Manifest, PrFacts, Report } from '../core/types.js';
import { fileTexts, gatedPilots, matching, treeAt, treeFiles, unmatchedManifests, withEvidenceTexts, type TreeCache } from './manifests.js';
import { loadTrustedPolicy, policySpec, type PolicySources } from './trusted-policy.js';

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
  /** The gate's own comments on the pull request, read with its facts (empty unless asked for). */
  botComments: BotComment[];
  /** The head's status of the gate's context, when asked for and readable (null: there is none). */
  headStatus?: GateStatus | null;
  /** Files named like manifests, in folders the PR touches, that the manifest pattern does not match: each an error. */
  unmatched: Finding[];
  /** The trusted policy the pilots are judged by (the base branch's, for a repository path). */
  policy: LoadedPolicy;
  /** Gated manifests, repository-relative. */
  gated: string[];
  /** The facts as read, with team members; evaluateWith() adds each manifest's base owner. */
  facts: PrFacts;
  /** `now` defaults to the read's; the deploy-time gate evaluates the same reading at two instants. */
  evaluateWith(facts: PrFacts, now?: Date): Report[];
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
  /** Central policies already read in this run (the portfolio shares them between pull requests). */
  policySources?: PolicySources;
  /** Read the gate's own comments with the facts (the gate finds its sticky comment there). */
  comments?: boolean;
  /** Read the head's status of this context with the facts (the gate writes only a changed status). */
  statusContext?: string;
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
  const trustedFiles: FileAt[] = spec.kind === 'base' ? [{ ref: target.baseSha, path: spec.path }] : [];
  const read = await fetchPullRequestFacts(
    gh,
    { owner, repo, number: target.number },
    {
      trustedFiles,
      ...(options.comments ? { comments: true } : {}),
      ...(options.statusContext !== undefined ? { statusContext: options.statusContext } : {}),
    },
  );
  warnings.push(...read.warnings);
  const policy = await loadTrustedPolicy(gh, spec, read.trustedFiles[0]?.text, warnings, options.policySources);
  // In a merge queue the files judged are the queue's commit and its parent (what the group merges
  // into); the facts (reviews, commits, head_sha) stay the pull request's own.
  const headSha = target.queuedSha ?? read.facts.head_sha;
  const baseSha = target.queuedSha ? target.baseSha : read.baseSha;
  const [tree, baseTree] = await Promise.all([
    treeAt(gh, { owner, repo }, headSha, options.trees),
    treeAt(gh, { owner, repo }, baseSha, options.trees),
  ]);
  // The policy file is never a pilot, even where the manifest pattern matches its name.
  const notPolicy = (path: string) => spec.kind !== 'base' || path !== spec.path;
  const headPaths = matching(tree, options.manifest).filter(notPolicy);
  const basePaths = matching(baseTree, options.manifest).filter(notPolicy);
  const unmatched = unmatchedManifests(
    tree,
    [...headPaths, ...(spec.kind === 'base' ? [spec.path] : [])],
    options.manifest,
    read.changedFiles,
  );
  const common = {
    headSha,
    baseRef: read.facts.base_ref,
    changedFiles: read.changedFiles,
    policy,
    unmatched,
    freshness: read.freshness,
    baseSha: read.baseSha,
    botComments: read.botComments,
    ...(read.headStatus !== undefined && !target.queuedSha ? { headStatus: read.headStatus } : {}),
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
  const bases = pilots.map((p): PrFacts['base_manifest'] => {
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
    facts: { ...facts, base_manifest: bases[i] ?? null },
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
