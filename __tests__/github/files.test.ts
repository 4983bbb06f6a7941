// fetchTree and fetchFileTexts: the repository at one commit, failing closed where GitHub cannot say everything.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { fetchFileTexts, fetchTree } from '../../src/adapters/github/files.js';
import { GitHubApiError } from '../../src/adapters/github/errors.js';
import { InputError } from '../../src/core/errors.js';

const SHA = 'e'.repeat(40);
const REPO = { owner: 'acme', repo: 'models' };
const FILES = {
  'pilots/churn/pilot.yml': 'version: 1\n',
  'pilots/churn/card.md': '# Card\n',
  'pilots/churn/latest': { symlink: 'card.md' },
  'vendor/eval-kit': { submodule: 'https://github.com/acme/eval-kit' },
  'data/sample.bin': { base64: Buffer.from([1, 0, 2]).toString('base64') },
};

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

async function start(extra: Partial<NonNullable<Scenario['repos']>[string]> = {}): Promise<FakeGitHub> {
  gh = await startGitHub({ repos: { 'acme/models': { branches: { main: SHA }, files: { [SHA]: FILES }, ...extra } } });
  return gh;
}

describe('fetchTree', () => {
  it('maps every path to file, dir, symlink or submodule in one request', async () => {
    const gh = await start();
    const tree = await fetchTree(fakeClient(gh), { ...REPO, sha: SHA });
    expect(Object.fromEntries(tree)).toEqual({
      data: 'dir',
      'data/sample.bin': 'file',
      pilots: 'dir',
      'pilots/churn': 'dir',
      'pilots/churn/card.md': 'file',
      'pilots/churn/latest': 'symlink',
      'pilots/churn/pilot.yml': 'file',
      vendor: 'dir',
      'vendor/eval-kit': 'submodule',
    });
    expect(gh.requests.map((r) => [r.endpoint, r.query])).toEqual([['GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { recursive: '1' }]]);
  });

  it('fails closed when GitHub truncates the tree', async () => {
    const gh = await start({ tree_entry_limit: 3 });
    const error = await fetchTree(fakeClient(gh), { ...REPO, sha: SHA }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toContain(
      `the tree of acme/models at ${SHA} has more entries than GitHub lists in one answer (truncated)`,
    );
    expect((error as Error).message).toContain('fails closed');
  });

  it('names the commit GitHub does not know', async () => {
    const gh = await start();
    await expect(fetchTree(fakeClient(gh), { ...REPO, sha: 'f'.repeat(40) })).rejects.toThrow(
      `GitHub GET /repos/acme/models/git/trees/${'f'.repeat(40)} failed (404): Not Found`,
    );
  });
});

describe('fetchFileTexts', () => {
  it('reads several files in one GraphQL query, null for a missing one, by sha or branch', async () => {
    const gh = await start();
    const texts = await fetchFileTexts(fakeClient(gh), REPO, [
      { ref: SHA, path: 'pilots/churn/pilot.yml' },
      { ref: 'main', path: 'pilots/churn/card.md' },
      { ref: SHA, path: 'pilots/other/pilot.yml' },
    ]);
    expect(texts.map((t) => t.text)).toEqual(['version: 1\n', '# Card\n', null]);
    expect(gh.count()).toBe(1);
  });

  it('makes no request for no files', async () => {
    const gh = await start();
    expect(await fetchFileTexts(fakeClient(gh), REPO, [])).toEqual([]);
    expect(gh.count()).toBe(0);
  });

  it('refuses binary files, folders and files over 1 MiB', async () => {
    const gh = await start({ files: { [SHA]: { ...FILES, 'big.yml': 'a'.repeat(1024 * 1024 + 10) } } });
    const client = fakeClient(gh);
    await expect(fetchFileTexts(client, REPO, [{ ref: SHA, path: 'data/sample.bin' }])).rejects.toThrow(InputError);
    await expect(fetchFileTexts(client, REPO, [{ ref: SHA, path: 'pilots/churn' }])).rejects.toThrow(
      `pilots/churn at ${SHA} in acme/models is a folder, not a file`,
    );
    await expect(fetchFileTexts(client, REPO, [{ ref: SHA, path: 'big.yml' }])).rejects.toThrow(
      /is 1048586 bytes; pilot-readiness reads trusted files up to 1048576 bytes/,
    );
  });
});
