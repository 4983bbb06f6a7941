// The deploy-time gate: for the commit a deploy job is about to ship, find the merged pull request
// that produced it, and judge its pilots again at the deployment instant (evidence ages, waivers
// expire) with the sign-offs as they stood at the merge (reviews, review requests and the gate's own
// reminders up to it). Writes nothing. Fail closed: a commit no
// merged pull request vouches for, or one whose pilots are no longer ready, is refused with reasons;
// an unknown commit or a GitHub failure is an error.
//
// Tracing rule: the commit must be the merge commit GitHub records for the pull request
// (`mergeCommit`): for a squash merge the squashed commit, for a merge commit the merge itself, for a
// rebase merge the last rebased commit. A later commit of the branch is not traced back to earlier
// pull requests: whatever was pushed on top of them would pass unjudged. Deploy the merge commit.
//
// Reminders: silence that needs the gate's reminder (consent_requires_reminder) counts only with a
// reminder the token itself posted (GitHub's viewerDidAuthor), found as the pull request gate finds
// them. A deploy job's GITHUB_TOKEN is the same app as the gate's (github-actions[bot]); any other
// token sees no reminder of its own, so such a pilot is refused, saying which token to use.
import type { GitHubClient } from '../adapters/github/client.js';
import { fetchCommitPulls, fetchPullMerge } from '../adapters/github/commit-pulls.js';
import { checkStatement } from '../core/attestation.js';
import {
  awaitingReminder,
  type DeploymentVerdict,
  factsAtMerge,
  type ListedPullRequest,
  nameOf,
  notReady,
  refusal,
} from '../core/deployment.js';
import { InputError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import type { AttestationVerifier } from './ports.js';
import { readPullRequest } from './read-pull-request.js';
import { type FoundReminder, readReminders, withSentReminders } from './reminders.js';

export interface DeploymentTarget {
  owner: string;
  repo: string;
  sha: string;
}

export interface DeploymentOptions {
  policy: string;
  manifest: string;
  /** The deployment instant. */
  now: Date;
  members?: GitHubClient;
  /** The client that reads central policies, when a separate policy-token is given. */
  policyReader?: GitHubClient;
  /** An attestation bundle to verify (signature through the verifier, content by checkStatement). */
  attestation?: { bundle: unknown; verifier: AttestationVerifier };
}

const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export async function verifyDeployment(gh: GitHubClient, target: DeploymentTarget, options: DeploymentOptions): Promise<DeploymentVerdict> {
  const sha = target.sha.trim().toLowerCase();
  if (!COMMIT_SHA.test(sha))
    throw new InputError(`"${target.sha}" is not a commit sha (40 or 64 hex digits): pass the full sha of the commit being deployed`);
  const repository = `${target.owner}/${target.repo}`;
  const verdict: DeploymentVerdict = {
    sha,
    decision: 'blocked',
    pullRequest: null,
    reasons: [],
    notes: [],
    atMerge: [],
    atDeploy: [],
    attestation: null,
  };
  const refuse = (reason: string): DeploymentVerdict => ({ ...verdict, reasons: [...verdict.reasons, reason] });

  const listed = await fetchCommitPulls(gh, { owner: target.owner, repo: target.repo, sha });
  if (!listed.commit)
    throw new InputError(`commit ${sha} is not in ${repository}: check the sha (and that the token can read the repository)`);
  if (listed.commit.oid !== sha)
    throw new InputError(`GitHub answered commit ${listed.commit.oid} for ${sha}; the gate refuses an answer about another commit`);
  const claims: ListedPullRequest[] = [];
  for (const pr of listed.pulls) {
    const why = refusal(pr, repository, sha);
    if (why) verdict.notes.push(why);
    else if (!claims.some((c) => c.number === pr.number)) claims.push(pr);
  }
  if (claims.length === 0) {
    return refuse(
      `commit ${sha.slice(0, 12)} was not produced by a merged pull request of ${repository}: it was pushed directly (bypassing the pull request gate) or is not a merge commit${verdict.notes.length > 0 ? ` (${verdict.notes.join('; ')})` : ''}`,
    );
  }
  if (claims.length > 1)
    return refuse(
      `pull requests ${claims.map((c) => `#${c.number}`).join(' and ')} all claim ${sha.slice(0, 12)} as their merge commit; the gate cannot tell which produced it`,
    );
  const claim = claims[0]!;
  // The list is GitHub's index of the commit; the pull request's own record must say the same.
  const own = await fetchPullMerge(gh, { owner: target.owner, repo: target.repo, number: claim.number });
  const ownWhy = refusal(own, repository, sha);
  if (ownWhy || own.mergedAt !== claim.mergedAt)
    return refuse(
      `GitHub lists #${claim.number} as merged into ${sha.slice(0, 12)}, but #${claim.number}'s own record disagrees (${ownWhy ?? `merged at ${own.mergedAt}`})`,
    );
  const mergedAt = own.mergedAt!;
  const parent = listed.commit.parents[0];
  if (!parent)
    return refuse(`commit ${sha.slice(0, 12)} has no parent, so the base it merged into (and its trusted policy) cannot be read`);
  // A rebase merge of several commits: the first parent is the pull request's own previous commit, so
  // a policy or manifest it changed would be read as the base's (fail closed rather than trust it).
  if (listed.commit.firstParentPulls.includes(claim.number))
    return refuse(
      `commit ${sha.slice(0, 12)}'s first parent ${parent.slice(0, 12)} belongs to #${claim.number} itself (a rebase merge of several commits), so the base branch it merged into, and its trusted policy, cannot be read from it; merge with a merge commit or squash, or deploy with the policy pinned centrally`,
    );

  const warnings: string[] = [];
  // The files judged are the deployed commit's; the base, and so the trusted policy, its first parent.
  const reading = await readPullRequest(
    gh,
    { owner: target.owner, repo: target.repo, number: claim.number, baseSha: parent, queuedSha: sha },
    {
      policy: options.policy,
      manifest: options.manifest,
      now: options.now,
      // The reminders the gate sent are among its own comments, as for the pull request gate.
      comments: true,
      ...(options.members ? { members: options.members } : {}),
      ...(options.policyReader ? { policyReader: options.policyReader } : {}),
    },
    warnings,
  );
  verdict.notes.push(...warnings);
  verdict.pullRequest = { number: claim.number, mergedAt, headSha: reading.facts.head_sha, baseSha: parent };
  if (reading.unmatched.length > 0) throw new InputError(reading.unmatched);

  // Every reminder marker, read once: the counted ones judge the silence, the rest explain a refusal.
  const reminders = readReminders(reading.botComments);
  const facts = factsAtMerge(withSentReminders(reading.facts, reminders), mergedAt);
  verdict.atMerge = reading.evaluateWith(facts, new Date(mergedAt));
  verdict.atDeploy = reading.evaluateWith(facts, options.now);
  if (reading.gated.length === 0) verdict.notes.push(`#${claim.number} touches no pilot manifest (${options.manifest}): no pilot to judge`);
  for (const report of verdict.atMerge) {
    if (report.decision === 'ready') continue;
    verdict.reasons.push(`${nameOf(report)}: no ready decision at the merge of #${claim.number} (${mergedAt}): ${notReady(report)}`);
    const unreminded = awaitingReminder(report, mergedAt);
    if (unreminded.length > 0) verdict.reasons.push(withoutReminder(report, unreminded, reminders, claim.number, mergedAt));
  }
  for (const report of verdict.atDeploy)
    if (report.decision !== 'ready')
      verdict.reasons.push(
        `${nameOf(report)}: not ready at the deployment instant (${options.now.toISOString()}): ${notReady(report)}${report.reasons.length > 0 ? `; ${report.reasons.join('; ')}` : ''}`,
      );

  if (options.attestation) {
    const signed = await options.attestation.verifier.verify(options.attestation.bundle);
    const problems = signed.ok
      ? checkStatement(signed.statement, { repository, commits: [reading.facts.head_sha, sha], pullRequest: claim.number })
      : [`signature not verified: ${signed.reason}`];
    verdict.attestation = { verified: problems.length === 0, problems };
    for (const problem of problems) verdict.reasons.push(`attestation: ${problem}`);
  }
  return { ...verdict, decision: verdict.reasons.length === 0 ? 'ready' : 'blocked' };
}

/**
 * Why silence did not count at the merge for roles that needed the gate's reminder, and what to do:
 * a reminder posted after the merge, or one the token did not write (another app's), is named.
 */
function withoutReminder(report: Report, roles: string[], found: readonly FoundReminder[], number: number, mergedAt: string): string {
  const pilot = report.pilot?.name;
  const merge = Date.parse(mergedAt);
  const forRole = (role: string) => (r: { pilot: string; role: string }) => r.pilot === pilot && r.role === role;
  const details = roles.flatMap((role) => {
    const mine = found.filter(forRole(role));
    const late = mine.filter((r) => r.counted && Date.parse(r.at) > merge);
    const foreign = mine.filter((r) => !r.counted);
    return [
      ...(late.length > 0 ? [`${role}'s reminder was posted at ${late[0]!.at}, after the merge`] : []),
      ...(foreign.length > 0
        ? [
            `a reminder for ${role} was posted by ${[...new Set(foreign.map((r) => r.author))].join(', ')}, which is not this token's bot account`,
          ]
        : []),
    ];
  });
  return `${nameOf(report)}: silence counts as consent for ${roles.join(', ')} only after the gate's own reminder (consent_requires_reminder), and this token's bot account posted none on #${number} by its merge${details.length > 0 ? ` (${details.join('; ')})` : ''}; verify the deployment with the same token or GitHub App that gates the pull requests: only its reminders count, never another account's or a person's`;
}
