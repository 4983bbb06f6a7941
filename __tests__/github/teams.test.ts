// fetchTeamMembers: every team in one GraphQL query, and the exact advice when the token cannot read teams.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { fetchTeamMembers } from '../../src/adapters/github/teams.js';
import { GitHubAccessError } from '../../src/adapters/github/errors.js';

const ADVICE =
  'GITHUB_TOKEN cannot read organization teams; pass a token with read:org (a fine-grained token with Members: read, or a GitHub App with members:read) as github-token';

const big = Array.from({ length: 230 }, (_, i) => `member-${i}`);
const SCENARIO: Scenario = {
  tokens: {
    'org-reader': { login: 'gate-app[bot]', permissions: { members: 'read' } },
    'gh-token': { login: 'github-actions[bot]', permissions: { contents: 'read', pull_requests: 'write', statuses: 'write' } },
  },
  orgs: {
    acme: { teams: { appsec: ['kim-sec', 'lee-sec'], legal: { members: ['lou'], privacy: 'secret' }, everyone: big } },
    umbrella: { teams: { risk: ['ria'] } },
  },
};

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('fetchTeamMembers', () => {
  it('reads several teams of several orgs in one request', async () => {
    gh = await startGitHub(SCENARIO);
    const members = await fetchTeamMembers(fakeClient(gh, { token: 'org-reader' }), [
      'acme/appsec',
      'acme/legal',
      'umbrella/risk',
      'acme/appsec',
    ]);
    expect(members).toEqual({ 'acme/appsec': ['kim-sec', 'lee-sec'], 'acme/legal': ['lou'], 'umbrella/risk': ['ria'] });
    expect(gh.count()).toBe(1);
  });

  it('pages a team of more than 100 members, asking again only for that team', async () => {
    gh = await startGitHub(SCENARIO);
    const members = await fetchTeamMembers(fakeClient(gh, { token: 'org-reader' }), ['acme/everyone', 'acme/appsec']);
    expect(members['acme/everyone']).toEqual(big);
    expect(gh.count()).toBe(3);
    expect(Object.keys(gh.requests[2]?.variables ?? {})).toEqual(['o0', 's0', 'a0']);
  });

  it('makes no request for no teams', async () => {
    gh = await startGitHub(SCENARIO);
    expect(await fetchTeamMembers(fakeClient(gh), [])).toEqual({});
    expect(gh.count()).toBe(0);
  });

  it('gives the exact advice when GITHUB_TOKEN cannot read teams (FORBIDDEN)', async () => {
    gh = await startGitHub(SCENARIO);
    const error = await fetchTeamMembers(fakeClient(gh, { token: 'gh-token' }), ['acme/appsec']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as GitHubAccessError).needed).toBe(ADVICE);
    expect((error as Error).message).toBe(
      `GitHub refused GraphQL organization.team (acme/appsec) (FORBIDDEN: Resource not accessible by integration): ${ADVICE}`,
    );
  });

  it('gives the same advice for a team that cannot be found, naming it', async () => {
    gh = await startGitHub(SCENARIO);
    const error = await fetchTeamMembers(fakeClient(gh, { token: 'org-reader' }), ['acme/appsec', 'acme/apsec']).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `GitHub refused GraphQL organization.team (acme/apsec) (not found, or not visible to this token): ${ADVICE}`,
    );
  });

  it('names an organization GitHub does not know', async () => {
    gh = await startGitHub(SCENARIO);
    const error = await fetchTeamMembers(fakeClient(gh, { token: 'org-reader' }), ['acme/appsec', 'nope/x']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as Error).message).toContain("(nope/x) (NOT_FOUND: Could not resolve to an Organization with the login of 'nope'.)");
  });

  it('rejects a slug that is not org/team', async () => {
    gh = await startGitHub(SCENARIO);
    await expect(fetchTeamMembers(fakeClient(gh), ['appsec'])).rejects.toThrow(
      '"appsec" is not a team: write teams as org/team-slug, e.g. acme/appsec',
    );
  });
});
