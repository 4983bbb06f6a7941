// A central policy pinned as owner/repo/path@ref: parsed strictly, read in one query, its ref kind told.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { fetchPolicySource, parsePolicyReference } from '../../src/adapters/github/policy-source.js';
import { GitHubAccessError } from '../../src/adapters/github/errors.js';
import { InputError } from '../../src/core/errors.js';

const V1 = 'a1'.repeat(20);
const TIP = 'f0'.repeat(20);
const POLICY = 'version: 1\nname: acme\n';
const SCENARIO: Scenario = {
  repos: {
    'acme/ml-governance': {
      branches: { main: TIP },
      tags: { 'v1.2.0': V1 },
      files: { [V1]: { 'policies/pilot.yml': POLICY }, [TIP]: { 'policies/pilot.yml': `${POLICY}# newer\n` } },
    },
  },
};

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('parsePolicyReference', () => {
  it('splits owner, repo, path and ref', () => {
    expect(parsePolicyReference('acme/ml-governance/policies/pilot.yml@v1.2.0')).toEqual({
      owner: 'acme',
      repo: 'ml-governance',
      path: 'policies/pilot.yml',
      ref: 'v1.2.0',
    });
  });

  it.each([
    ['acme/ml-governance@v1', 'is not a central policy reference'],
    ['acme/ml-governance/policies/pilot.yml', 'is not a central policy reference'],
    ['acme/ml-governance/../x.yml@v1', 'must be a plain repository path'],
    ['acme/ml-governance/p.yml@v1..v2', 'is not a valid git ref'],
    ['-acme/r/p.yml@v1', 'is not a central policy reference'],
  ])('rejects %s, saying the expected form', (text, problem) => {
    expect(() => parsePolicyReference(text)).toThrow(InputError);
    expect(() => parsePolicyReference(text)).toThrow(problem);
    expect(() => parsePolicyReference(text)).toThrow(
      'owner/repo/path@ref (for example acme/ml-governance/policies/pilot-readiness.yml@v1.2.0)',
    );
  });
});

describe('fetchPolicySource', () => {
  it('reads a policy pinned to a tag in one request, with the commit it names', async () => {
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), 'acme/ml-governance/policies/pilot.yml@v1.2.0');
    expect(source).toEqual({
      text: POLICY,
      source: 'acme/ml-governance/policies/pilot.yml@v1.2.0',
      sha: V1,
      refKind: 'tag',
      warning: `policy acme/ml-governance/policies/pilot.yml@v1.2.0 reads the tag v1.2.0: a tag can be moved or deleted and re-created by whoever may push tags to acme/ml-governance; pin the commit sha: @${V1}`,
    });
    expect(gh.count()).toBe(1);
  });

  it('reads a policy pinned to a commit sha', async () => {
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), `acme/ml-governance/policies/pilot.yml@${V1}`);
    expect(source).toMatchObject({ text: POLICY, sha: V1, refKind: 'sha' });
    expect(source.warning).toBeUndefined();
  });

  it('warns when the policy follows a branch', async () => {
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), 'acme/ml-governance/policies/pilot.yml@main');
    expect(source).toMatchObject({ refKind: 'branch', sha: TIP, text: `${POLICY}# newer\n` });
    expect(source.warning).toBe(
      `policy acme/ml-governance/policies/pilot.yml@main follows the branch main, which can change without review in this repository; pin the commit sha: @${TIP}`,
    );
  });

  it.each(['refs/heads/main', 'heads/main'])('warns when the branch is spelled %s', async (ref) => {
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), `acme/ml-governance/policies/pilot.yml@${ref}`);
    expect(source).toMatchObject({ refKind: 'branch', sha: TIP, text: `${POLICY}# newer\n` });
    expect(source.warning).toBe(
      `policy acme/ml-governance/policies/pilot.yml@${ref} follows the branch ${ref}, which can change without review in this repository; pin the commit sha: @${TIP}`,
    );
  });

  it('warns when the policy follows HEAD, the default branch', async () => {
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), 'acme/ml-governance/policies/pilot.yml@HEAD');
    expect(source).toMatchObject({ refKind: 'branch', sha: TIP, text: `${POLICY}# newer\n` });
    expect(source.warning).toBe(
      `policy acme/ml-governance/policies/pilot.yml@HEAD follows HEAD, which follows the default branch, which can change without review in this repository; pin the commit sha: @${TIP}`,
    );
  });

  it.each(['refs/tags/v1.2.0', 'tags/v1.2.0'])('gives a tag spelled %s the softer warning', async (ref) => {
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), `acme/ml-governance/policies/pilot.yml@${ref}`);
    expect(source).toMatchObject({ refKind: 'tag', sha: V1, text: POLICY });
    expect(source.warning).toContain('a tag can be moved');
    expect(source.warning).toContain(`pin the commit sha: @${V1}`);
  });

  it('says so when a name is both a tag and a branch, and that the tag was read', async () => {
    gh = await startGitHub({
      repos: {
        'acme/ml-governance': {
          branches: { main: TIP, 'v1.2.0': TIP },
          tags: { 'v1.2.0': V1 },
          files: SCENARIO.repos!['acme/ml-governance']!.files!,
        },
      },
    });
    const source = await fetchPolicySource(fakeClient(gh), 'acme/ml-governance/policies/pilot.yml@v1.2.0');
    expect(source.refKind).toBe('tag');
    expect(source.warning).toContain('"v1.2.0" names both a tag and a branch; the tag was read.');
  });

  it('says which file or ref is missing', async () => {
    gh = await startGitHub(SCENARIO);
    await expect(fetchPolicySource(fakeClient(gh), 'acme/ml-governance/policies/none.yml@v1.2.0')).rejects.toThrow(
      'policy acme/ml-governance/policies/none.yml@v1.2.0: acme/ml-governance has no file policies/none.yml at v1.2.0',
    );
    await expect(fetchPolicySource(fakeClient(gh), 'acme/ml-governance/policies/pilot.yml@v9')).rejects.toThrow(
      'acme/ml-governance has no branch, tag or commit "v9"',
    );
  });

  it('explains a repository the token cannot see', async () => {
    gh = await startGitHub(SCENARIO);
    const error = await fetchPolicySource(fakeClient(gh), 'acme/secret-policies/p.yml@v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as Error).message).toContain("Could not resolve to a Repository with the name 'acme/secret-policies'.");
    expect((error as Error).message).toContain(
      'pass a read-only token with `contents: read` on that repository as policy-token (or give github-token that access)',
    );
  });

  it('names policy-token, and the permission it lacks, when that token reads the policy', async () => {
    gh = await startGitHub(SCENARIO);
    const error = await fetchPolicySource(fakeClient(gh), 'acme/secret-policies/p.yml@v1', 'policy-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as Error).message).toBe(
      "GitHub refused GraphQL PolicySource (acme/secret-policies) (NOT_FOUND: Could not resolve to a Repository with the name 'acme/secret-policies'.): the repository does not exist or policy-token cannot read it: policy-token needs `contents: read` on that repository (with actions/create-github-app-token: `permission-contents: read` and the repository in `repositories:`)",
    );
  });
});
