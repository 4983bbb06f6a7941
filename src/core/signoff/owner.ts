// The accountable owner: exactly one allowed person, not the PR author unless allowed, whose approval of the head commit is the deployment decision.
import type { DataPath, Manifest, OwnerResult, Policy, PrFacts, SourceLocation } from '../types.js';
import { TEAM_PERMISSION, isLogin, isTeam, sameLogin, shortSha, teamMembers } from './identity.js';
import { type Review, standing, verdictsOf } from './reviews.js';
import { headOnly } from './staleness.js';

export type OwnerSignoff = OwnerResult & { base_owner?: { login: string; status: 'approved' | 'awaiting' } };

export interface OwnerEvaluation {
  result: OwnerSignoff;
  /** The owner's approvals of the head commit since their last objection, oldest first: where overrides are read. */
  approvals: Review[];
}

export const OFFLINE_OWNER = "the owner's approval is checked on the pull request";

export function evaluateOwner(
  policy: Policy,
  manifest: Manifest,
  facts: PrFacts | null,
  locate: (path: DataPath) => SourceLocation | null,
  reviews: readonly Review[],
): OwnerEvaluation {
  const location = locate(['owner']);
  const login = manifest.owner;
  const invalid = (reason: string): OwnerEvaluation => ({
    result: { login: isLogin(login) ? login : null, status: 'invalid', reason, location },
    approvals: [],
  });
  const awaiting = (reason: string): OwnerEvaluation => ({ result: { login, status: 'awaiting', reason, location }, approvals: [] });

  const malformed = loginProblem(login);
  if (malformed !== null) return invalid(malformed);

  const rules = policy.roles.owner;
  let checkedOnPr: string[] = [];
  if (rules.allowed !== undefined && !rules.allowed.some((entry) => isLogin(entry) && sameLogin(entry, login))) {
    const teams = rules.allowed.filter(isTeam);
    const listed = rules.allowed.length > 0 ? rules.allowed.join(', ') : 'no one';
    const notAllowed = `owner: ${login} may not be the accountable owner; the policy's roles.owner.allowed lists ${listed}`;
    if (facts === null) {
      if (teams.length === 0) return invalid(notAllowed);
      checkedOnPr = teams;
    } else if (!teams.some((team) => teamMembers(facts.teams, team)?.some((member) => sameLogin(member, login)))) {
      const unresolved = teams.filter((team) => teamMembers(facts.teams, team) === undefined);
      if (unresolved.length > 0) {
        return invalid(
          `owner: cannot check that ${login} is in ${unresolved.join(', ')} (roles.owner.allowed): the team could not be resolved; ${TEAM_PERMISSION}`,
        );
      }
      return invalid(notAllowed);
    }
  }

  if (facts === null) {
    return awaiting(
      checkedOnPr.length > 0
        ? `${login}'s membership of ${checkedOnPr.join(' or ')} (roles.owner.allowed) is checked on the pull request, as is the owner's approval`
        : OFFLINE_OWNER,
    );
  }

  const isAuthor = sameLogin(login, facts.author);
  if (isAuthor && rules.allow_self !== true) {
    return invalid(
      `owner: ${login} opened this pull request and may not be its accountable owner (the policy does not set roles.owner.allow_self); name someone else`,
    );
  }

  const head = shortSha(facts.head_sha);
  const own = standing(verdictsOf(reviews, login), headOnly(facts));
  // GitHub never lets authors approve their own pull request. Where the policy allows the owner to
  // be the author, their decision is the pull request itself, once it is ready for review.
  const selfDecided = isAuthor && rules.allow_self === true && !facts.draft && facts.ready_at !== null;
  const ownerApproved = own.kind === 'approved' || selfDecided;
  const parts: string[] = [];
  if (!ownerApproved) {
    let text =
      own.kind === 'stale' && own.review
        ? `${login} approved ${shortSha(own.review.commit)}, but the head is now ${head}; ${login} must approve the head commit`
        : own.kind === 'objected'
          ? `${login} requested changes; awaiting ${login}'s approval of the head commit ${head}`
          : `awaiting ${login}'s approval of the head commit ${head}`;
    if (isAuthor) text += ' (GitHub does not let the author approve their own pull request)';
    parts.push(text);
  }

  let baseOwner: OwnerSignoff['base_owner'];
  const base = facts.base_manifest?.owner;
  if (base !== undefined && !sameLogin(base, login)) {
    const baseApproved = standing(verdictsOf(reviews, base), headOnly(facts)).kind === 'approved';
    baseOwner = { login: base, status: baseApproved ? 'approved' : 'awaiting' };
    if (!baseApproved) {
      let text = `${base} (the owner on the base branch) must also approve the head commit ${head} to hand ownership over to ${login}`;
      if (sameLogin(base, facts.author)) {
        text += `; GitHub does not let ${base} approve their own pull request, so have ${login} or someone else open the hand-over`;
      }
      parts.push(text);
    }
  }

  const approved = parts.length === 0;
  const reason = approved
    ? baseOwner
      ? `${login} approved the head commit ${head}, and ${baseOwner.login} (the owner on the base branch) approved the hand-over`
      : selfDecided
        ? `${login} opened this pull request and marked it ready for review at ${head}; the policy lets the owner be the author (allow_self), so that is their decision`
        : `${login} approved the head commit ${head}`
    : parts.join('; ');
  const result: OwnerSignoff = { login, status: approved ? 'approved' : 'awaiting', reason, location };
  if (baseOwner) result.base_owner = baseOwner;
  return { result, approvals: headApprovals(reviews, login, facts.head_sha) };
}

/** Why `owner` is not a single GitHub login, or null when it is one. */
export function loginProblem(owner: string): string | null {
  const text = owner.trim();
  if (text === '') return 'owner: no one is named; write exactly one GitHub login';
  if (isTeam(text)) return `owner: ${text} is a team; the accountable owner must be exactly one person: write one GitHub login`;
  if (/[\s,;&]/.test(text) || text.startsWith('[')) {
    return `owner: "${owner}" names more than one person; the accountable owner must be exactly one GitHub login`;
  }
  if (text.startsWith('@') && isLogin(text.slice(1))) return `owner: "${owner}" is not a GitHub login; write it without the @`;
  if (!isLogin(owner)) return `owner: "${owner}" is not a GitHub login (letters, digits and single hyphens, at most 39 characters)`;
  return null;
}

function headApprovals(reviews: readonly Review[], login: string, headSha: string): Review[] {
  const own = verdictsOf(reviews, login);
  let start = own.length;
  while (start > 0 && own[start - 1]?.state === 'APPROVED') start--;
  return own.slice(start).filter((review) => review.commit.toLowerCase() === headSha.toLowerCase());
}
