// Who fills each reviewer role: the policy's fixed members or the manifest's reviewers, with teams expanded.
import type { DataPath, Finding, Manifest, Policy, PrFacts, ReviewerRolePolicy, SourceLocation } from '../types.js';
import { didYouMean, isLogin, isTeam, loginKey, sameLogin, teamMembers } from './identity.js';

export interface RoleMembers {
  role: string;
  policy: ReviewerRolePolicy;
  /** Logins and org/team slugs as configured: the valid entries, without duplicates. */
  configured: string[];
  from: 'policy' | 'manifest' | 'none';
  /** Logins after team expansion, without duplicates (compared without case). Offline: the configured logins. */
  resolved: string[];
  /** Logins the policy or a team names for the role who may never count for it: the owner, the base owner, the PR author. */
  excluded: string[];
  /** The configured org/team slugs. */
  teams: string[];
  /** Teams that facts.teams does not list (always empty offline, where nothing is resolved). */
  unresolvedTeams: string[];
  location: SourceLocation | null;
}

export interface Membership {
  roles: RoleMembers[];
  errors: Finding[];
  warnings: Finding[];
}

/** The policy's reviewer roles in policy order: every role except the accountable owner. */
export function reviewerRoles(policy: Policy): Array<[string, ReviewerRolePolicy]> {
  const roles: Array<[string, ReviewerRolePolicy]> = [];
  for (const [name, role] of Object.entries(policy.roles)) {
    // A second accountable role is a policy error for the policy checker; it has no window to run here.
    if (name === 'owner' || !('window' in role)) continue;
    roles.push([name, role]);
  }
  return roles;
}

/**
 * The people who may never count as a member of a reviewer role: the accountable owner (and the base
 * branch's owner during a hand-over), whose reviews count only as the owner's, and the PR author.
 */
export function insidersOf(manifest: Manifest, facts: PrFacts | null): Array<{ login: string; why: string }> {
  const insiders = [{ login: manifest.owner, why: 'is the accountable owner of this pilot' }];
  const base = facts?.base_manifest?.owner;
  if (base !== undefined && !sameLogin(base, manifest.owner))
    insiders.push({ login: base, why: 'is the accountable owner of this pilot on the base branch' });
  if (facts) insiders.push({ login: facts.author, why: 'opened this pull request' });
  return insiders.filter((insider) => typeof insider.login === 'string' && insider.login !== '');
}

export function resolveMembers(
  policy: Policy,
  manifest: Manifest,
  facts: PrFacts | null,
  locate: (path: DataPath) => SourceLocation | null,
): Membership {
  const insiders = insidersOf(manifest, facts);
  const insider = (login: string) => insiders.find((who) => sameLogin(who.login, login));
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const roles = reviewerRoles(policy);
  const roleNames = roles.map(([name]) => name);
  const named = manifest.reviewers ?? {};

  // Entries of the manifest that name no reviewer role, or a role whose members the policy fixes.
  for (const name of Object.keys(named)) {
    const at = locate(['reviewers', name]);
    const role = roles.find(([candidate]) => candidate === name)?.[1];
    if (name === 'owner') {
      errors.push({
        message: 'reviewers.owner: the accountable owner is named by the top-level `owner` field, not under reviewers; remove this entry',
        location: at,
      });
    } else if (role === undefined) {
      const guess = didYouMean(name, roleNames);
      const known = roleNames.length > 0 ? roleNames.join(', ') : 'none';
      errors.push({
        message: guess
          ? `reviewers.${name}: the policy defines no role ${name}; did you mean ${guess}?`
          : `reviewers.${name}: the policy defines no role ${name} (its reviewer roles: ${known}); remove this entry`,
        location: at,
      });
    } else if (role.members !== undefined) {
      errors.push({ message: `reviewers.${name}: the policy fixes the members of role ${name}; remove this entry`, location: at });
    }
  }

  const result: RoleMembers[] = roles.map(([name, role]) => {
    const location = locate(['reviewers', name]);
    let configured: string[];
    let from: RoleMembers['from'];
    if (role.members !== undefined) {
      configured = dedupe(role.members.filter((entry) => isLogin(entry) || isTeam(entry)));
      from = 'policy';
    } else if (Object.hasOwn(named, name)) {
      const entries = named[name] ?? [];
      configured = [];
      entries.forEach((entry, index) => {
        const entryAt = locate(['reviewers', name, index]);
        if (!isLogin(entry) && !isTeam(entry)) {
          errors.push({ message: badEntry(name, index, entry), location: entryAt });
          return;
        }
        // Independence: reviewers advise the owner; the owner and the author cannot advise themselves.
        const who = isLogin(entry) ? insider(entry) : undefined;
        if (who !== undefined) {
          errors.push({
            message: `reviewers.${name}[${index}]: ${entry} ${who.why}, and may not also review for ${name}: a role's reviewers must be people other than the owner and the PR author; name someone else`,
            location: entryAt,
          });
          return;
        }
        configured.push(entry);
      });
      configured = dedupe(configured);
      from = 'manifest';
    } else {
      configured = [];
      from = 'none';
    }

    const teams = configured.filter(isTeam);
    const unresolvedTeams: string[] = [];
    const logins: string[] = configured.filter(isLogin);
    if (facts) {
      for (const team of teams) {
        const members = teamMembers(facts.teams, team);
        if (members === undefined) unresolvedTeams.push(team);
        else logins.push(...members);
      }
    }
    // Whoever named them (the policy, a team), the owner and the author never count for a role:
    // a team keeps its other members.
    const everyone = dedupe(logins);
    const resolved = everyone.filter((login) => insider(login) === undefined);
    const excluded = everyone.filter((login) => insider(login) !== undefined);
    return { role: name, policy: role, configured, from, resolved, excluded, teams, unresolvedTeams, location };
  });

  return { roles: result, errors, warnings };
}

function badEntry(role: string, index: number, entry: string): string {
  const where = `reviewers.${role}[${index}]`;
  if (entry.startsWith('@') && (isLogin(entry.slice(1)) || isTeam(entry.slice(1)))) {
    return `${where}: "${entry}" is not a GitHub login or org/team slug; write it without the @`;
  }
  return `${where}: "${entry}" is not a GitHub login or org/team slug; write a login such as octocat or a team such as acme/legal`;
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const name of names) {
    const key = loginKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
  }
  return kept;
}
