// The trusted policy a pull request is judged by: bundled, central (a pinned owner/repo/path@ref) or a
// path read at the base sha, never the pull request's own version. Central policies a run has read are
// shared through a PolicySources cache, so a sweep or the portfolio reads each once.
import { posix } from 'node:path';
import type { GitHubClient } from '../adapters/github/client.js';
import { fetchPolicySource, parsePolicyReference, type PolicySource } from '../adapters/github/policy-source.js';
import { isBundledPolicy, loadBundledPolicy } from '../core/bundled.js';
import { InputError } from '../core/errors.js';
import { isCentralReference, resolvePolicy, type AsyncPolicyReader } from '../core/layering/index.js';
import type { LoadedPolicy } from '../core/policy.js';

/** The policy's source as the PR will read it: bundled, central (pinned repo) or a path at the base sha. */
export type PolicySpec = { kind: 'bundled'; name: string } | { kind: 'central'; reference: string } | { kind: 'base'; path: string };

export function policySpec(input: string): PolicySpec {
  if (isBundledPolicy(input)) return { kind: 'bundled', name: input };
  if (isCentralReference(input)) return { kind: 'central', reference: input };
  const path = posix.normalize(input.replace(/^\.\//, ''));
  if (path.startsWith('../') || path.startsWith('/'))
    throw new InputError(`input policy: "${input}" must be a path inside this repository, "default", or owner/repo/path@ref`);
  return { kind: 'base', path };
}

/**
 * Where the trusted policy lives in a repository, or null when it lives elsewhere: a repository path in
 * every repository the gate runs in, a central owner/repo/path@ref in its own repository only. That
 * file is never a pilot's manifest, and a pull request that changes it is a policy change.
 */
export function policyPathIn(spec: PolicySpec, repository: { owner: string; repo: string }): string | null {
  if (spec.kind === 'base') return spec.path;
  if (spec.kind === 'bundled') return null;
  const central = parsePolicyReference(spec.reference);
  const same = `${central.owner}/${central.repo}`.toLowerCase() === `${repository.owner}/${repository.repo}`.toLowerCase();
  return same ? central.path : null;
}

/**
 * Reads what a trusted policy extends: a central owner/repo/path@ref, one request each (with
 * policy-token's client when given), with a warning when it follows a branch (default comes from the bundle without asking). A repository path is refused:
 * each link would cost a round trip at the base sha, and an organisation's policy belongs pinned in one place.
 */
export function centralReader(gh: GitHubClient, warnings: string[], central: CentralPolicies = {}): AsyncPolicyReader {
  const { reader, sources } = central;
  const read = (reference: string) =>
    reader ? fetchPolicySource(reader, reference, 'policy-token') : fetchPolicySource(gh, reference, 'github-token');
  return async (reference) => {
    if (!isCentralReference(reference)) {
      throw new InputError(
        `extends ${reference}: in the Action a policy may extend only default or a central policy pinned as owner/repo/path@ref (for example acme/governance/policies/pilot-readiness.yml@v1); a repository path is not read. Publish that policy in a central repository and extend it by reference`,
      );
    }
    const source = await (sources ? shared(sources, reference, () => read(reference)) : read(reference));
    if (source.warning) warnings.push(source.warning);
    return { text: source.text, source: source.source, file: source.source };
  };
}

/**
 * How a run reads central policies: with the client made from policy-token when one is given (a
 * read-only token for the policy's repository alone, so that the gate's own token, which writes
 * statuses and comments, needs no access there), and each reference once when the reads are shared.
 */
export interface CentralPolicies {
  /** The client made from policy-token; absent: the gate's own client reads them. */
  reader?: GitHubClient;
  sources?: PolicySources;
}

/**
 * Central policies read in a run, by reference: a pinned policy does not change within a run, so the
 * portfolio reads each once however many pull requests ask for it. A failed read is not kept.
 */
export type PolicySources = Map<string, Promise<PolicySource>>;

function shared(sources: PolicySources, reference: string, read: () => Promise<PolicySource>): Promise<PolicySource> {
  let answer = sources.get(reference);
  if (!answer) {
    answer = read();
    sources.set(reference, answer);
    answer.catch(() => sources.delete(reference));
  }
  return answer;
}

/**
 * The trusted policy, from its spec; for a repository path, from `baseText`, the file as the base
 * branch holds it, or as the default branch does (`defaultBranch` names it) when the policy is asked
 * which base branches the gate counts: the advice for a missing file names the branch it was read on.
 */
export async function loadTrustedPolicy(
  gh: GitHubClient,
  spec: PolicySpec,
  baseText: string | null | undefined,
  warnings: string[],
  central: CentralPolicies = {},
  defaultBranch?: string,
): Promise<LoadedPolicy> {
  if (spec.kind === 'bundled') return loadBundledPolicy(spec.name);
  const read = centralReader(gh, warnings, central);
  if (spec.kind === 'central') return resolvePolicy(await read(spec.reference, 'input policy'), read);
  if ((baseText === null || baseText === undefined) && defaultBranch !== undefined) {
    throw new InputError(
      `input policy: ${spec.path} does not exist on the default branch, ${defaultBranch}. Which base branches the gate counts is read from the default branch's policy, never from a pull request or its base branch; merge it to ${defaultBranch} first, or use policy: default`,
    );
  }
  if (baseText === null || baseText === undefined) {
    throw new InputError(
      `input policy: ${spec.path} does not exist on the base branch. The policy is read from the base branch, never from the pull request; merge it to the base branch first, or use policy: default`,
    );
  }
  return resolvePolicy({ text: baseText, source: spec.path, file: spec.path }, read);
}
