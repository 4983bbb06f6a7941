// A central policy `owner/repo/path@ref` under every spelling of a ref that can move: each row is a
// way to make a movable ref look pinned, and asserts the warning the gate shows (none only for a full
// commit sha). Run through the GitHub adapter against the fake GitHub, which resolves refs as git does.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { fetchPolicySource, type RefKind } from '../../src/adapters/github/policy-source.js';

const PINNED = 'a1'.repeat(20);
const TIP = 'f0'.repeat(20);
const RELEASE = 'b2'.repeat(20);
const SHA_NAMED_BRANCH = 'c3'.repeat(20);
const PATH = 'policies/pilot.yml';
const files = { 'policies/pilot.yml': 'version: 1\n' };
const SCENARIO: Scenario = {
  repos: {
    'acme/ml-governance': {
      default_branch: 'main',
      branches: { main: TIP, release: RELEASE, both: TIP, 'tags/v9': TIP, [SHA_NAMED_BRANCH]: TIP },
      tags: { 'v1.2.0': PINNED, both: PINNED },
      files: { [PINNED]: files, [TIP]: files, [RELEASE]: files },
    },
  },
};

const BRANCH = 'which can change without review in this repository';
const TAG = 'a tag can be moved';

const ROWS: Array<[string, RefKind, string | undefined]> = [
  ['main', 'branch', BRANCH],
  ['refs/heads/main', 'branch', BRANCH],
  ['heads/main', 'branch', BRANCH],
  ['HEAD', 'branch', 'follows HEAD, which follows the default branch'],
  ['release', 'branch', BRANCH],
  ['refs/heads/release', 'branch', BRANCH],
  ['tags/v9 (a branch whose name starts like a tag)', 'branch', BRANCH],
  [`${SHA_NAMED_BRANCH} (a branch named like a sha)`, 'branch', BRANCH],
  ['v1.2.0', 'tag', TAG],
  ['refs/tags/v1.2.0', 'tag', TAG],
  ['tags/v1.2.0', 'tag', TAG],
  ['both (a tag and a branch of one name)', 'tag', 'names both a tag and a branch'],
  [`${PINNED} (a full commit sha)`, 'sha', undefined],
];

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

describe('a central policy ref that can move is never taken for pinned', () => {
  it.each(ROWS)('@%s', async (row, kind, warning) => {
    const ref = row.split(' ')[0]!;
    gh = await startGitHub(SCENARIO);
    const source = await fetchPolicySource(fakeClient(gh), `acme/ml-governance/${PATH}@${ref}`);
    expect(source.refKind).toBe(kind);
    if (warning === undefined) {
      expect(source.warning).toBeUndefined();
    } else {
      expect(source.warning).toContain(warning);
      // Every warning names the commit to pin instead.
      expect(source.warning).toContain(`pin the commit sha: @${source.sha}`);
      expect(source.sha).toMatch(/^[0-9a-f]{40}$/);
    }
  });
});
