// listOpenPullRequests: every open PR, 100 per page, with what a sweep needs to evaluate each one.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub } from '../support/fake-github/index.js';
import { listOpenPullRequests } from '../../src/adapters/github/pulls.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('listOpenPullRequests', () => {
  it('reads 210 open pull requests in 3 pages of 100, skipping closed ones', async () => {
    const pulls = Array.from({ length: 220 }, (_, i) => ({
      number: i + 1,
      user: 'dev-ana',
      state: i >= 210 ? ('closed' as const) : ('open' as const),
      head: { sha: (i + 1).toString(16).padStart(40, '0'), ref: `b${i}` },
      base: { sha: 'b'.repeat(40), ref: 'main' },
    }));
    gh = await startGitHub({ repos: { 'acme/models': { pulls } } });
    const open = await listOpenPullRequests(fakeClient(gh), { owner: 'acme', repo: 'models' });
    expect(open).toHaveLength(210);
    expect(gh.requests.map((r) => [r.query.per_page, r.query.page ?? '1'])).toEqual([
      ['100', '1'],
      ['100', '2'],
      ['100', '3'],
    ]);
    expect(open.find((p) => p.number === 1)).toEqual({
      number: 1,
      title: 'Pull request #1',
      author: 'dev-ana',
      draft: false,
      headSha: '1'.padStart(40, '0'),
      headRef: 'b0',
      baseSha: 'b'.repeat(40),
      baseRef: 'main',
      fork: false,
    });
  });

  it('marks pull requests from forks', async () => {
    gh = await startGitHub({
      repos: {
        'acme/models': {
          pulls: [
            {
              number: 1,
              user: 'outsider',
              draft: true,
              head: { sha: 'a'.repeat(40), repo: 'outsider/models' },
              base: { sha: 'b'.repeat(40) },
            },
          ],
        },
        'outsider/models': {},
      },
    });
    const [pr] = await listOpenPullRequests(fakeClient(gh), { owner: 'acme', repo: 'models' });
    expect(pr).toMatchObject({ number: 1, fork: true, draft: true, author: 'outsider' });
  });
});
