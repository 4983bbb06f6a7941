// The deploy-time gate as a job: judge the commit being deployed again now, and say why it may not ship.
import type { GitHubClient } from '../adapters/github/client.js';
import { holdingBack } from '../core/deployment.js';
import { renderDeploymentMarkdown } from '../report/deployment.js';
import { plainLine } from '../report/plain.js';
import type { AttestationVerifier } from './ports.js';
import { type ArtifactStore, type RunResult, settled } from './run-result.js';
import { verifyDeployment } from './verify-deployment.js';

export interface DeploymentJob {
  owner: string;
  repo: string;
  /** The commit being deployed. */
  sha: string;
  policy: string;
  manifest: string;
  now: Date;
  policyReader?: GitHubClient;
  /** An attestation bundle to check, already read, with the verifier of its signature. */
  attestation?: { bundle: unknown; verifier: AttestationVerifier };
}

/** `mode: deployment`: the verdict's outputs, file and summary; the step fails unless the commit may ship. */
export function runDeploymentJob(gh: GitHubClient, job: DeploymentJob, artifacts: ArtifactStore): Promise<RunResult> {
  return settled(async (run) => {
    const { owner, repo, sha, ...options } = job;
    const verdict = await verifyDeployment(gh, { owner, repo, sha }, options);
    const path = artifacts.writeJson('pilot-readiness-deployment.json', verdict);
    run.output('decision', verdict.decision);
    run.output('ready', String(verdict.decision === 'ready'));
    run.output('report', path);
    run.output(
      'blocking',
      // Both judgements: a pilot refused because it was not ready at the merge blocks as much as one that aged since.
      [...new Set([...verdict.atMerge, ...verdict.atDeploy].flatMap(holdingBack))].join(','),
    );
    run.summarise(renderDeploymentMarkdown(verdict));
    for (const note of verdict.notes) run.annotate({ level: 'notice', message: plainLine(`pilot-readiness: ${note}`) });
    if (verdict.decision !== 'ready')
      run.fail(plainLine(`pilot-readiness: commit ${sha.slice(0, 12)} may not be deployed: ${verdict.reasons.join('; ')}`));
  });
}
