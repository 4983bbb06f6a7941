// The built Action with a policy that extends others: central references are fetched pinned (a branch
// warns), default needs no request, a repository path is refused, and the report names every policy read.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import { runAction } from '../e2e/run-action.js';
import {
  DEFAULT_POLICY_TEXT,
  HEAD,
  MANIFEST,
  OWNER,
  pilotFiles,
  pull,
  pullRequestEvent,
  reportOf,
  review,
  world,
} from '../e2e/scenario.js';

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

const POLICY_PATH = '.github/pilot-readiness-policy.yml';
const V3 = 'a3'.repeat(20);
const TIP = 'f0'.repeat(20);
const CENTRAL_PATH = 'policies/org.yml';
/** The organisation's policy: default with a three-week legal window. */
const ORG = 'version: 1\nname: acme\nextends: default\nroles:\n  legal: { window: 21d }\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** acme/models, whose base-branch policy is `repoPolicy`, and acme/governance holding ORG at tag v3 and on main. */
function scenario(repoPolicy: string): Scenario {
  const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)], files: [MANIFEST] });
  const base = world({ pulls: [p], base: { ...pilotFiles(), [POLICY_PATH]: repoPolicy }, heads: { [HEAD]: pilotFiles() } });
  return {
    ...base,
    repos: {
      ...base.repos,
      'acme/governance': {
        default_branch: 'main',
        branches: { main: TIP },
        tags: { v3: V3 },
        files: { [V3]: { [CENTRAL_PATH]: ORG }, [TIP]: { [CENTRAL_PATH]: ORG } },
      },
    },
  } as Scenario;
}

async function run(repoPolicy: string) {
  gh = await startGitHub(scenario(repoPolicy));
  const p = pull({ requestedDaysAgo: 3, reviews: [review(OWNER, 'APPROVED', 1)], files: [MANIFEST] });
  return runAction({ gh, event: 'pull_request', payload: pullRequestEvent('synchronize', p), with: { policy: POLICY_PATH } });
}

describe('the Action resolves extends', () => {
  it('over a central policy pinned to a tag, over default: one request for the central policy, every sha256 in the report', async () => {
    const repo = `version: 1\nname: acme-models\nextends: acme/governance/${CENTRAL_PATH}@v3\nroles:\n  security: { window: 10d }\n`;
    const result = await run(repo);
    const report = reportOf(result);
    expect(report.policy).toEqual({
      name: 'acme-models',
      source: POLICY_PATH,
      sha256: sha256(repo),
      chain: [
        { source: POLICY_PATH, sha256: sha256(repo) },
        { source: `acme/governance/${CENTRAL_PATH}@v3`, sha256: sha256(ORG) },
        { source: 'default', sha256: sha256(DEFAULT_POLICY_TEXT) },
      ],
    });
    expect(report.roles.map((r) => [r.role, r.window])).toEqual([
      ['legal', '21d'],
      ['security', '10d'],
    ]);
    expect(report.inputs.policy.parents?.map((p) => p.source)).toEqual([`acme/governance/${CENTRAL_PATH}@v3`, 'default']);
    expect(result.requests.filter((r) => r.operation === 'PolicySource')).toHaveLength(1);
    // A tag can be moved: the one warning says so and names the sha to pin.
    expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringContaining(`policy acme/governance/${CENTRAL_PATH}@v3 reads the tag v3: a tag can be moved`),
    ]);
  });

  it('warns when the central policy follows a branch', async () => {
    const result = await run(`version: 1\nextends: acme/governance/${CENTRAL_PATH}@main\n`);
    expect(reportOf(result).policy.chain?.[1]).toEqual({ source: `acme/governance/${CENTRAL_PATH}@main`, sha256: sha256(ORG) });
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringContaining(
          `policy acme/governance/${CENTRAL_PATH}@main follows the branch main, which can change without review in this repository; pin the commit sha: @`,
        ),
      }),
    );
  });

  it('refuses a repository path, at the extends line of the base-branch policy', async () => {
    const result = await run('version: 1\nextends: ../org.yml\n');
    const advice =
      'extends ../org.yml: in the Action a policy may extend only default or a central policy pinned as owner/repo/path@ref (for example acme/governance/policies/pilot-readiness.yml@v1); a repository path is not read. Publish that policy in a central repository and extend it by reference';
    expect(result.status).toBe(1);
    expect(result.outputs).toEqual({});
    expect(result.annotations[0]).toEqual({ level: 'error', message: advice, file: POLICY_PATH, line: 2, col: 10 });
  });

  it('refuses a base-branch policy that loosens the central one, naming each loosening', async () => {
    const result = await run(`version: 1\nextends: acme/governance/${CENTRAL_PATH}@v3\nroles:\n  legal: { window: 14d }\n`);
    expect(result.status).toBe(1);
    expect(result.annotations[0]).toEqual({
      level: 'error',
      message: `roles.legal.window 14d is shorter than 21d in acme/governance/${CENTRAL_PATH}@v3: a child policy may only lengthen windows`,
      file: POLICY_PATH,
      line: 4,
      col: 20,
    });
  });
});
