// A pull request that edits the policy in the policy's own repository: the pilots are still judged by
// the base version, but the proposed version is validated and compared with it, and a loosening needs
// an owner of the base policy.
import type { GitHubClient } from '../adapters/github/client.js';
import { fetchFileTexts } from '../adapters/github/files.js';
import { fetchTeamMembers } from '../adapters/github/teams.js';
import { InputError } from '../core/errors.js';
import { approvedHead } from '../core/governance.js';
import { comparePolicies, resolvePolicy } from '../core/layering/index.js';
import type { LoadedPolicy } from '../core/policy.js';
import { sortReviews } from '../core/signoff/reviews.js';
import type { PolicyReview } from '../core/policy-review.js';
import type { Finding } from '../core/types.js';
import { parseYaml } from '../core/yaml.js';
import type { PullRequestReading } from './read-pull-request.js';
import { type CentralPolicies, centralReader } from './trusted-policy.js';

/**
 * A pull request in the policy's own repository that edits the policy: the pilots are still judged by
 * the trusted version, but the proposed version is validated (its extends chain included) and compared
 * with the base, so reviewers see what it tightens or loosens. One round trip (the head text), plus,
 * for a central policy, one per central policy its base version extends.
 */
export async function reviewPolicyChange(
  gh: GitHubClient,
  ctx: { owner: string; repo: string; members?: GitHubClient; policyReader?: GitHubClient },
  path: string,
  reading: PullRequestReading,
  warnings: string[],
): Promise<PolicyReview> {
  const [head] = await fetchFileTexts(gh, { owner: ctx.owner, repo: ctx.repo }, [{ ref: reading.headSha, path }]);
  if (head?.text === null || head === undefined) {
    return {
      path,
      valid: false,
      errors: [
        {
          message: `this pull request deletes the policy ${path}: once merged, every gated pull request would fail closed until a policy is back`,
          location: null,
        },
      ],
    };
  }
  try {
    const central = { reader: ctx.policyReader };
    const base = await baseVersion(gh, path, reading, warnings, central);
    const proposed = await resolvePolicy({ text: head.text, source: path, file: path }, centralReader(gh, warnings, central));
    const raw = comparePolicies(base.policy, proposed.policy, proposed.locate, {
      parentName: `${path} on ${reading.baseRef}`,
      advice: false,
    });
    // Every finding in the pull request's own file: a setting it inherits (say from extends: default)
    // is placed at its extends line, or its first line, never in the file it extends.
    const parsed = parseYaml(head.text, path);
    const fallback = parsed.has(['extends']) ? parsed.locateKey(['extends']) : parsed.locate([]);
    const own = <T extends Finding>(f: T): T => (f.location && f.location.file === path ? f : { ...f, location: fallback });
    // Owners named where the base names none are a change to who governs this very file: in a layer
    // over a parent they loosen nothing the parent requires, but here they would let someone approve
    // what the base lets no one approve, so they need the base's owners like a loosening.
    const comparison = {
      tightenings: raw.tightenings.map(own),
      loosenings: [...raw.loosenings, ...raw.changes].map(own),
      changes: [],
    };
    if (comparison.loosenings.length === 0) return { path, valid: true, deleted: false, comparison };
    // A loosening needs an owner of the base policy (policy_owners): never the author.
    const owners = base.policy.policy_owners ?? [];
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

/**
 * The version a policy change is compared with. A repository policy's is the policy the pilots are
 * judged by. A central policy's own repository judges its pilots by the pinned reference, which may
 * be another commit: the base branch's version is resolved here (its extends chain read as the head's
 * is), and when the base holds none (the pull request adds it) the pinned policy stands in, so that
 * its owners decide.
 */
async function baseVersion(
  gh: GitHubClient,
  path: string,
  reading: PullRequestReading,
  warnings: string[],
  central: CentralPolicies,
): Promise<LoadedPolicy> {
  const file = reading.policyFile;
  if (!file?.central || file.text === null) return reading.policy;
  const source = `${path} on ${reading.baseRef}`;
  return resolvePolicy({ text: file.text, source, file: path }, centralReader(gh, warnings, central));
}
