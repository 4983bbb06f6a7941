// The deploy-time gate's flow against the fake GitHub: which pull request a commit is traced to, the
// re-evaluation at the deployment instant with the sign-offs recorded at the merge, and the
// attestation checked through a fake verifier (the seam a Sigstore verifier plugs into).
import { describe, expect, it } from 'vitest';
import { noSignatureVerifier } from '../../src/adapters/github/attest.js';
import { GitHubApiError } from '../../src/adapters/github/errors.js';
import { buildStatement } from '../../src/core/attestation.js';
import { InputError } from '../../src/core/errors.js';
import type { AttestationVerifier } from '../../src/flow/ports.js';
import { verifyDeployment, type DeploymentOptions } from '../../src/flow/verify-deployment.js';
import { fakeClient } from '../support/fake-github/client.js';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { BASE, HEAD, OWNER, REPO, review, sha } from '../e2e/scenario.js';
import { MERGED, POLICY_PATH, PUSHED, READY, WAIVABLE_POLICY, daysFromNow, deployWorld, waivedManifest } from './world.js';

const startGitHub = fakeGitHubPerTest();
const target = (commit: string) => ({ owner: 'acme', repo: 'models', sha: commit });
const options = (extra: Partial<DeploymentOptions> = {}): DeploymentOptions => ({
  policy: 'default',
  manifest: '**/pilot-readiness.yml',
  now: new Date(),
  ...extra,
});

async function verify(scenario: ReturnType<typeof deployWorld>, commit = MERGED, extra: Partial<DeploymentOptions> = {}) {
  const gh = await startGitHub(scenario);
  return verifyDeployment(fakeClient(gh, { token: 'gh-token' }), target(commit), options(extra));
}

describe('a commit traced to the pull request that produced it', () => {
  it('passes when it is the squash commit of a pull request that was ready and still is', async () => {
    const verdict = await verify(deployWorld());
    expect(verdict.reasons).toEqual([]);
    expect(verdict.decision).toBe('ready');
    expect(verdict.pullRequest).toMatchObject({ number: 7, headSha: HEAD, baseSha: BASE });
    expect(verdict.atMerge.map((r) => r.decision)).toEqual(['ready']);
    expect(verdict.atDeploy.map((r) => r.decision)).toEqual(['ready']);
    // Judged at the merge instant, then now; the files are the merged commit's.
    expect(verdict.atMerge[0]?.now).toBe(new Date(verdict.pullRequest!.mergedAt).toISOString());
    expect(verdict.atDeploy[0]?.inputs.facts?.head_sha).toBe(HEAD);
  });

  it('passes when it is the merge commit (two parents: the base first, the head second)', async () => {
    const verdict = await verify(deployWorld({ kind: 'merge' }));
    expect(verdict).toMatchObject({ decision: 'ready', pullRequest: { number: 7, baseSha: BASE } });
  });

  it("refuses the pull request's head commit itself: only its merge commit is what was merged", async () => {
    const verdict = await verify(deployWorld({ kind: 'merge' }), HEAD);
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons).toEqual([
      `commit ${HEAD.slice(0, 12)} was not produced by a merged pull request of acme/models: it was pushed directly (bypassing the pull request gate) or is not a merge commit (#7 contains this commit but merged as ${MERGED.slice(0, 12)}: deploy its merge commit)`,
    ]);
  });

  it('refuses a commit pushed directly to the branch, and says so', async () => {
    const verdict = await verify(deployWorld(), PUSHED);
    expect(verdict).toMatchObject({ decision: 'blocked', pullRequest: null, atDeploy: [] });
    expect(verdict.reasons).toEqual([
      `commit ${PUSHED.slice(0, 12)} was not produced by a merged pull request of acme/models: it was pushed directly (bypassing the pull request gate) or is not a merge commit`,
    ]);
  });
});

describe('the re-evaluation at the deployment instant', () => {
  it('refuses the same commit once a waiver has expired', async () => {
    const scenario = deployWorld({
      manifest: waivedManifest(daysFromNow(5).toISOString().slice(0, 10)),
      base: { [POLICY_PATH]: WAIVABLE_POLICY },
    });
    const gh = await startGitHub(scenario);
    const client = fakeClient(gh, { token: 'gh-token' });
    const today = await verifyDeployment(client, target(MERGED), options({ policy: POLICY_PATH }));
    expect(today.reasons).toEqual([]);
    expect(today.atDeploy[0]?.waivers?.[0]).toMatchObject({ criterion: 'OPS-4' });

    const later = await verifyDeployment(client, target(MERGED), options({ policy: POLICY_PATH, now: daysFromNow(10) }));
    expect(later.decision).toBe('blocked');
    expect(later.atMerge.map((r) => r.decision)).toEqual(['ready']);
    expect(later.atDeploy.map((r) => r.decision)).toEqual(['blocked']);
    expect(later.reasons).toHaveLength(1);
    // An expired waiver is an error in the manifest, and its criterion is missing again.
    expect(later.reasons[0]).toMatch(
      /^churn-forecast: not ready at the deployment instant \(.*\): blocked \(manifest, OPS-4\); .*criterion OPS-4 has no evidence$/,
    );
    expect(JSON.stringify(later.atDeploy[0]?.errors)).toMatch(/expired/);
  });

  it('refuses the same commit once its evidence has aged past the policy', async () => {
    const gh = await startGitHub(deployWorld());
    const verdict = await verifyDeployment(fakeClient(gh, { token: 'gh-token' }), target(MERGED), options({ now: daysFromNow(400) }));
    expect(verdict.decision).toBe('blocked');
    expect(verdict.atMerge.map((r) => r.decision)).toEqual(['ready']);
    expect(verdict.atDeploy[0]?.decision).toBe('blocked');
    expect(verdict.reasons[0]).toMatch(
      /not ready at the deployment instant .*: blocked \(DR-2, .*\); criterion DR-2 fails its evidence checks/,
    );
    const dr2 = verdict.atDeploy[0]?.criteria.find((c) => c.id === 'DR-2');
    expect(JSON.stringify(dr2)).toMatch(/days old; the policy accepts at most/);
  });

  it('counts only the reviews submitted up to the merge: an approval after it does not make it ready', async () => {
    const late = { ...READY, reviews: [review('kim-sec', 'APPROVED', 15), review(OWNER, 'APPROVED', 0.2)] };
    const verdict = await verify(deployWorld({ pr: late, mergedDaysAgo: 0.5 }));
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons).toEqual([
      expect.stringMatching(/^churn-forecast: no ready decision at the merge of #7 \(.*\): pending \(owner\)$/),
      expect.stringMatching(/^churn-forecast: not ready at the deployment instant .*: pending \(owner\)/),
    ]);
  });

  it('ignores an objection filed after the merge: the decision rests on what was recorded then', async () => {
    const objected = { ...READY, reviews: [...READY.reviews!, review('kim-sec', 'CHANGES_REQUESTED', 0.1)] };
    const verdict = await verify(deployWorld({ pr: objected, mergedDaysAgo: 0.5 }));
    expect(verdict.decision).toBe('ready');
    expect(verdict.atDeploy[0]?.inputs.facts?.reviews.map((r) => r.state)).toEqual(['APPROVED', 'APPROVED']);
  });
});

describe('fails closed', () => {
  it('on a commit the repository does not have', async () => {
    await expect(verify(deployWorld(), sha('f', 3))).rejects.toThrow(
      new InputError(`commit ${sha('f', 3)} is not in acme/models: check the sha (and that the token can read the repository)`),
    );
  });

  it('on something that is not a full sha', async () => {
    await expect(verify(deployWorld(), 'main')).rejects.toThrow(/"main" is not a commit sha \(40 or 64 hex digits\)/);
  });

  it('when GitHub fails', async () => {
    const scenario = deployWorld({ faults: [{ match: { operation: 'CommitPullRequests' }, times: 'always', kind: 'server-error' }] });
    const error = await verify(scenario).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toMatch(/^GitHub .* failed \(500\)/);
  });
});

describe('the attestation, through the verifier seam', () => {
  /** A verifier that accepts any signature and hands back the statement given: the signature is not what these rows test. */
  const trusting = (statement: unknown): AttestationVerifier => ({ verify: async () => ({ ok: true, statement }) });

  async function attested(make: (reports: Awaited<ReturnType<typeof verify>>['atMerge']) => AttestationVerifier) {
    const gh = await startGitHub(deployWorld());
    const client = fakeClient(gh, { token: 'gh-token' });
    const plain = await verifyDeployment(client, target(MERGED), options());
    return verifyDeployment(client, target(MERGED), options({ attestation: { bundle: {}, verifier: make(plain.atMerge) } }));
  }
  const statementFor = (reports: Awaited<ReturnType<typeof verify>>['atMerge'], commit = HEAD, number = 7) =>
    buildStatement({ repository: REPO, pullRequest: number, headSha: commit, commits: [commit], reports });

  it('of the head commit, whose reports replay to ready, is verified', async () => {
    const verdict = await attested((reports) => trusting(statementFor(reports)));
    expect(verdict.attestation).toEqual({ verified: true, problems: [] });
    expect(verdict.decision).toBe('ready');
  });

  it('forged for another commit is refused', async () => {
    const verdict = await attested((reports) => trusting(statementFor(reports, sha('f', 9))));
    expect(verdict.decision).toBe('blocked');
    // The subject, the predicate's head and the reports' own head all disagree with the commit.
    expect(verdict.reasons).toEqual([
      expect.stringMatching(/^attestation: no subject names commit /),
      expect.stringMatching(/^attestation: the predicate's head_sha "f9f9/),
      "attestation: predicate.reports[0] was not judged on pull request #7 at the predicate's head_sha",
    ]);
  });

  it('of another pull request is refused', async () => {
    const verdict = await attested((reports) => trusting(statementFor(reports, HEAD, 8)));
    expect(verdict.reasons).toEqual(['attestation: the predicate is about pull request #8, not #7']);
  });

  it('whose reports were edited to read ready is refused', async () => {
    const verdict = await attested((reports) => {
      const forged = structuredClone(statementFor(reports));
      forged.predicate.reports[0]!.inputs.facts!.reviews = [];
      return trusting(forged);
    });
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons).toEqual([
      expect.stringMatching(
        /^attestation: predicate\.reports\[0\] does not replay: different outcome: the report says ready, re-evaluation gives pending/,
      ),
    ]);
  });

  it('whose signature the verifier refuses is refused', async () => {
    const verdict = await attested(() => ({ verify: async () => ({ ok: false, reason: 'the certificate is not from the trusted root' }) }));
    expect(verdict.reasons).toEqual(['attestation: signature not verified: the certificate is not from the trusted root']);
  });

  it('is refused by the verifier this build ships, which cannot check a Sigstore signature', async () => {
    const verdict = await attested(() => noSignatureVerifier);
    expect(verdict.decision).toBe('blocked');
    expect(verdict.reasons).toEqual([
      expect.stringMatching(/^attestation: signature not verified: this build cannot verify Sigstore signatures/),
    ]);
  });
});
