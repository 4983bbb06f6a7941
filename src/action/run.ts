// Composition root of the Action: inputs and the event → GitHub clients → a job of the flow → its
// result mapped to the runner. It decides nothing; a GitHub App server would compose the same jobs.
// Nothing here talks to the runner but through ./runtime.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionsAttestSigner, noSignatureVerifier } from '../adapters/github/attest.js';
import { clientTuning, createGitHubClient, type GitHubClient, type RequestTally } from '../adapters/github/client.js';
import { runDeploymentJob } from '../flow/deployment-job.js';
import { type GateTrigger, runGateJob } from '../flow/gate-job.js';
import { runPortfolioJob } from '../flow/portfolio/job.js';
import { type ArtifactStore, RunRecorder, type RunResult } from '../flow/run-result.js';
import { deploymentSha, mergedPullRequest, readBundle } from './deployment.js';
import { pullRequestsFor, readRunnerContext, type RunnerContext } from './event.js';
import { type ActionInputs, readInputs } from './inputs.js';
import * as runtime from './runtime.js';

/** The runner's temporary folder, where the files the outputs name are written. */
const artifactsIn = (tempDir: string): ArtifactStore => ({
  writeJson(fileName, body) {
    const path = join(tempDir, fileName);
    writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
    return path;
  },
});

/** The clients made from the narrower tokens, when given (least privilege): members-token reads team members, policy-token central policies. */
function clientsOf(inputs: ActionInputs, ctx: RunnerContext, tally: RequestTally) {
  const client = (token: string) =>
    createGitHubClient(token, { baseUrl: ctx.apiUrl, log: runtime.runnerLog, tally, ...clientTuning(process.env) });
  const readers: { members?: GitHubClient; policyReader?: GitHubClient } = {
    ...(inputs.membersToken ? { members: client(inputs.membersToken) } : {}),
    ...(inputs.policyToken ? { policyReader: client(inputs.policyToken) } : {}),
  };
  return { gh: client(inputs.token), readers };
}

function gateTrigger(ctx: RunnerContext, inputs: ActionInputs): GateTrigger {
  const merged = inputs.attest ? mergedPullRequest(ctx) : null;
  if (merged) return { kind: 'merged', merged };
  if (ctx.eventName === 'schedule' || ctx.eventName === 'workflow_dispatch') return { kind: 'sweep' };
  return { kind: 'event', targets: pullRequestsFor(ctx) };
}

async function runJob(): Promise<RunResult> {
  const inputs = readInputs();
  const ctx = readRunnerContext(process.env, process.cwd());
  const tally: RequestTally = { sent: 0 };
  const { gh, readers } = clientsOf(inputs, ctx, tally);
  const artifacts = artifactsIn(ctx.tempDir);
  const { owner, repo, now } = ctx;
  const reader = readers.policyReader ? { policyReader: readers.policyReader } : {};
  if (inputs.mode === 'portfolio') {
    const org = inputs.organization || owner;
    const scope = {
      ...(inputs.repositories.length > 0 ? { repositories: inputs.repositories } : {}),
      ...(inputs.shard ? { shard: inputs.shard } : {}),
    };
    const options = {
      ...reader,
      org,
      policy: inputs.policy,
      manifest: inputs.manifest,
      now,
      serverUrl: ctx.serverUrl,
      log: runtime.runnerLog,
    };
    return runPortfolioJob(gh, { ...options, ...scope }, artifacts);
  }
  if (inputs.mode === 'deployment') {
    const sha = deploymentSha(inputs.sha, ctx, process.env.GITHUB_SHA);
    const attestation = inputs.attestation
      ? { attestation: { bundle: readBundle(inputs.attestation), verifier: noSignatureVerifier } }
      : {};
    return runDeploymentJob(
      gh,
      { owner, repo, sha, policy: inputs.policy, ...reader, manifest: inputs.manifest, now, ...attestation },
      artifacts,
    );
  }
  const { serverUrl, runUrl, eventName, workflowRef } = ctx;
  const context = { eventName, owner, repo, runUrl, serverUrl, now, workflowRef, ...readers };
  // The signer is made on demand: @actions/attest loads only when a statement is signed.
  const attestation = { owner, repo, artifacts, signer: actionsAttestSigner(inputs.token) };
  return runGateJob({ gh, context, tally, attestation }, inputs, gateTrigger(ctx, inputs));
}

export async function run(): Promise<void> {
  let result: RunResult;
  try {
    result = await runJob();
  } catch (error) {
    // Fail closed: inputs or an event that cannot be read fail the step, with advice rather than a stack trace.
    const failed = new RunRecorder();
    failed.failWith(error, 'Pilot readiness');
    result = failed.result;
  }
  await runtime.publish(result);
}
