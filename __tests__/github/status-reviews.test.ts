// setCommitStatus and requestReviews: the two writes besides the comment, with advice when refused.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { setCommitStatus, shortDescription } from '../../src/adapters/github/status.js';
import { requestReviews } from '../../src/adapters/github/reviews.js';
import { GitHubAccessError } from '../../src/adapters/github/errors.js';

const HEAD = 'c'.repeat(40);
const SCENARIO: Scenario = {
  tokens: {
    'gh-token': { permissions: { contents: 'read', pull_requests: 'write', statuses: 'write' } },
    'no-statuses': { permissions: { contents: 'read', pull_requests: 'write' } },
    'fork-token': { permissions: 'read-only' },
  },
  repos: { 'acme/models': { pulls: [{ number: 7, user: 'dev-ana', head: { sha: HEAD }, base: { sha: 'b'.repeat(40) } }] } },
  orgs: { acme: { teams: { appsec: ['kim-sec'] } } },
};

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('setCommitStatus', () => {
  it('sets the status on the head commit, description cut to 140 characters', async () => {
    gh = await startGitHub(SCENARIO);
    const description = `21/23 criteria · ${'legal 9d left · '.repeat(12)}`;
    await setCommitStatus(fakeClient(gh, { token: 'gh-token' }), {
      owner: 'acme',
      repo: 'models',
      sha: HEAD,
      state: 'pending',
      context: 'pilot-readiness',
      description,
      target_url: 'https://github.com/acme/models/actions/runs/1',
    });
    const [status] = gh.statuses('acme/models', HEAD);
    expect(status).toMatchObject({
      state: 'pending',
      context: 'pilot-readiness',
      target_url: 'https://github.com/acme/models/actions/runs/1',
      creator: 'github-actions[bot]',
    });
    expect([...(status?.description ?? '')]).toHaveLength(140);
    expect(status?.description?.endsWith('…')).toBe(true);
    expect(gh.count()).toBe(1);
  });

  it('keeps a short description as it is and never splits a character', () => {
    expect(shortDescription('ready  to\nship')).toBe('ready to ship');
    expect([...shortDescription('😀'.repeat(200))]).toHaveLength(140);
  });

  it('names `statuses: write` when refused', async () => {
    gh = await startGitHub(SCENARIO);
    const error = await setCommitStatus(fakeClient(gh, { token: 'no-statuses' }), {
      owner: 'acme',
      repo: 'models',
      sha: HEAD,
      state: 'success',
      context: 'c',
      description: 'd',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as Error).message).toBe(
      `GitHub refused POST /repos/acme/models/statuses/${HEAD} (403 Resource not accessible by integration): the token needs \`statuses: write\`: add \`permissions: { statuses: write }\` to the job`,
    );
    expect((error as GitHubAccessError).endpoint).toBe(`POST /repos/acme/models/statuses/${HEAD}`);
  });
});

describe('requestReviews', () => {
  const ask = (token: string, reviewers: string[], team_reviewers: string[]) =>
    requestReviews(fakeClient(gh!, { token }), { owner: 'acme', repo: 'models', number: 7, reviewers, team_reviewers });

  it('requests people and teams (org/slug or slug) in one request', async () => {
    gh = await startGitHub(SCENARIO);
    expect(await ask('gh-token', ['kim-sec', 'kim-sec'], ['acme/appsec'])).toEqual({
      ok: true,
      requested: { reviewers: ['kim-sec'], team_reviewers: ['appsec'] },
    });
    expect(gh.requests.map((r) => r.body)).toEqual([{ reviewers: ['kim-sec'], team_reviewers: ['appsec'] }]);
  });

  it('makes no request when there is no one to ask', async () => {
    gh = await startGitHub(SCENARIO);
    expect(await ask('gh-token', [], [])).toEqual({ ok: true, requested: { reviewers: [], team_reviewers: [] } });
    expect(gh.count()).toBe(0);
  });

  it('warns about teams of another organization, which GitHub cannot be asked for', async () => {
    gh = await startGitHub(SCENARIO);
    const result = await ask('gh-token', ['kim-sec'], ['umbrella/risk']);
    expect(result).toEqual({
      ok: false,
      warning: 'reviews were requested from kim-sec; not requested from umbrella/risk: GitHub only requests reviews from teams of acme',
    });
  });

  it('returns a warning, not a throw, when GitHub refuses (the author, a read-only token)', async () => {
    gh = await startGitHub(SCENARIO);
    const author = await ask('gh-token', ['dev-ana'], []);
    expect(author).toEqual({
      ok: false,
      warning:
        'reviews were not requested from dev-ana: GitHub POST /repos/acme/models/pulls/7/requested_reviewers failed (422): Review cannot be requested from pull request author.',
    });
    const fork = await ask('fork-token', ['kim-sec'], []);
    expect(!fork.ok && fork.warning).toMatch(
      /403 Resource not accessible by integration\): the token needs `pull-requests: write` to request reviews/,
    );
  });
});
