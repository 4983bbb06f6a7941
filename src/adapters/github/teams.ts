// Members of the org teams a policy or manifest names, all read in one GraphQL query (plus pages for big teams).

import { InputError } from '../../core/errors.js';
import type { GitHubClient } from './client.js';
import { GitHubAccessError, GitHubApiError, TEAMS_ADVICE, graphqlErrors, toGitHubError } from './errors.js';
import { MAX_PAGES, PageGuard } from './paging.js';

const TEAM = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/;

type MembersPage = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ login: string } | null> | null };
/** What one `tN: organization(…)` alias holds. */
type OrganizationAnswer = { team: { members: MembersPage } | null } | null;

function teamsQuery(teams: ReadonlyArray<{ org: string; slug: string; after: string | null }>): {
  query: string;
  variables: Record<string, unknown>;
} {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const fields: string[] = [];
  teams.forEach((team, i) => {
    Object.assign(variables, { [`o${i}`]: team.org, [`s${i}`]: team.slug, [`a${i}`]: team.after });
    declarations.push(`$o${i}: String!, $s${i}: String!, $a${i}: String`);
    fields.push(`t${i}: organization(login: $o${i}) {
    team(slug: $s${i}) {
      members(first: 100, after: $a${i}, membership: ALL) { pageInfo { hasNextPage endCursor } nodes { login } }
    }
  }`);
  });
  return { query: `query TeamMembers(${declarations.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}

/** `org/slug` → member logins (child teams' members included), for every slug given. */
export async function fetchTeamMembers(octokit: GitHubClient, slugs: readonly string[]): Promise<Record<string, string[]>> {
  const wanted = [...new Set(slugs)].map((slug) => {
    const m = TEAM.exec(slug);
    if (!m) throw new InputError(`"${slug}" is not a team: write teams as org/team-slug, e.g. acme/appsec`);
    // Each team's paging is bounded: an answer that says there are more members without a way forward fails the read.
    const guard = new PageGuard(`GraphQL TeamMembers (${slug})`, `the members of ${slug}`, MAX_PAGES.teamMembers);
    return { key: slug, org: m[1] ?? '', slug: m[2] ?? '', after: null as string | null, guard };
  });
  const members: Record<string, string[]> = Object.fromEntries(wanted.map((t) => [t.key, []]));
  let pending = wanted;
  while (pending.length > 0) {
    const { query, variables } = teamsQuery(pending);
    const data = await readTeams(octokit, query, variables, pending);
    const next: typeof pending = [];
    pending.forEach((team, i) => {
      const answer = data[`t${i}`] as OrganizationAnswer | undefined;
      const page = answer?.team?.members;
      if (!page) throw cannotRead(team.key, 'not found, or not visible to this token');
      for (const node of page.nodes ?? []) if (node) members[team.key]?.push(node.login);
      const after = team.guard.next(page.pageInfo?.hasNextPage === true, page.pageInfo?.endCursor);
      if (after !== null) next.push({ ...team, after });
    });
    pending = next;
  }
  return members;
}

function cannotRead(team: string, why: string): GitHubAccessError {
  return new GitHubAccessError(`GraphQL organization.team (${team})`, null, TEAMS_ADVICE, why);
}

async function readTeams(
  octokit: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
  teams: ReadonlyArray<{ key: string }>,
): Promise<Record<string, unknown>> {
  try {
    const data: unknown = await octokit.graphql(query, variables);
    if (data === null || typeof data !== 'object') throw new GitHubApiError('GraphQL TeamMembers', null, 'the answer has no data');
    return data as Record<string, unknown>;
  } catch (error) {
    // GitHub answers FORBIDDEN or NOT_FOUND on the team (or its organization) when the token may not read it.
    const refused = graphqlErrors(error).find((e) => e.type === 'FORBIDDEN' || e.type === 'NOT_FOUND' || e.type === 'INSUFFICIENT_SCOPES');
    if (refused) {
      const index = Number(/^t(\d+)$/.exec(String(refused.path?.[0] ?? ''))?.[1] ?? 0);
      throw cannotRead(teams[index]?.key ?? teams.map((t) => t.key).join(', '), `${refused.type}: ${refused.message}`);
    }
    throw toGitHubError(error, 'teams', 'GraphQL TeamMembers');
  }
}
