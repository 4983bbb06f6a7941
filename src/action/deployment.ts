// The Action's deployment mode and its attestations: the deploy-time gate as a step of a deploy job,
// and the readiness statement signed when a pull request's decision is ready.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noSignatureVerifier } from '../adapters/github/attest.js';
import type { GitHubClient } from '../adapters/github/client.js';
import { buildStatement, type Statement } from '../core/attestation.js';
import { InputError, messageOf } from '../core/errors.js';
import { holdingBack, nameOf, notReady as notReadyText } from '../core/deployment.js';
import type { PullRequestOutcome } from '../flow/gate-pull-request.js';
import type { AttestationSigner } from '../flow/ports.js';
import { verifyDeployment } from '../flow/verify-deployment.js';
import { renderDeploymentMarkdown } from '../report/deployment.js';
import { plainLine } from '../report/plain.js';
import type { RunnerContext } from './event.js';
import type { ActionInputs } from './inputs.js';
import * as runtime from './runtime.js';

/** The commit a deploy job ships: the input, else the deployment's, else the triggering run's head, else GITHUB_SHA. */
export function deploymentSha(given: string, ctx: RunnerContext, githubSha: string | undefined): string {
  if (given) return given;
  const payload = ctx.payload as { deployment?: { sha?: unknown }; workflow_run?: { head_sha?: unknown } };
  const fromEvent =
    ctx.eventName === 'deployment' || ctx.eventName === 'deployment_status' || ctx.eventName === 'deployment_protection_rule'
      ? payload.deployment?.sha
      : ctx.eventName === 'workflow_run'
        ? payload.workflow_run?.head_sha
        : undefined;
  if (typeof fromEvent === 'string' && fromEvent) return fromEvent;
  if (githubSha) return githubSha;
  throw new InputError(
    "mode: deployment needs the commit being deployed: pass the input sha (the workflow's github.sha, or the deployment's sha)",
  );
}

function readBundle(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`input attestation: cannot read ${path} as JSON (${messageOf(error)})`);
  }
}

/** `mode: deployment`: judge the commit again now; fail with the reasons unless it may ship. */
export async function runDeploymentMode(
  gh: GitHubClient,
  ctx: RunnerContext,
  inputs: ActionInputs,
  summary: string[],
  policyReader?: GitHubClient,
): Promise<void> {
  const sha = deploymentSha(inputs.sha, ctx, process.env.GITHUB_SHA);
  const verdict = await verifyDeployment(
    gh,
    { owner: ctx.owner, repo: ctx.repo, sha },
    {
      policy: inputs.policy,
      ...(policyReader ? { policyReader } : {}),
      manifest: inputs.manifest,
      now: ctx.now,
      ...(inputs.attestation ? { attestation: { bundle: readBundle(inputs.attestation), verifier: noSignatureVerifier } } : {}),
    },
  );
  const path = join(ctx.tempDir, 'pilot-readiness-deployment.json');
  writeFileSync(path, `${JSON.stringify(verdict, null, 2)}\n`);
  runtime.output('decision', verdict.decision);
  runtime.output('ready', String(verdict.decision === 'ready'));
  runtime.output('report', path);
  runtime.output(
    'blocking',
    // Both judgements: a pilot refused because it was not ready at the merge blocks as much as one that aged since.
    [...new Set([...verdict.atMerge, ...verdict.atDeploy].flatMap(holdingBack))].join(','),
  );
  summary.push(renderDeploymentMarkdown(verdict));
  for (const note of verdict.notes) runtime.annotate({ level: 'notice', message: plainLine(`pilot-readiness: ${note}`) });
  if (verdict.decision !== 'ready')
    runtime.fail(plainLine(`pilot-readiness: commit ${sha.slice(0, 12)} may not be deployed: ${verdict.reasons.join('; ')}`));
}

/**
 * `attest: true`: for each pull request whose decision is ready, the readiness statement of the head
 * commit its reports judged (the head read from GitHub, not the event's, which a push may have
 * overtaken), written to a file and signed. A pull request whose success the run held back (a change
 * between the read and the write, a status it could not write) is not attested. A statement that
 * cannot be signed fails the run: a deploy pipeline that asked for attestations must not find a ready
 * pull request without one.
 */
export async function attestReady(outcomes: PullRequestOutcome[], ctx: RunnerContext, signer: AttestationSigner): Promise<string | null> {
  const ready = outcomes.filter((o) => o.decision === 'ready' && o.reports.length > 0 && !o.statusNotWritten && !o.untrusted);
  if (ready.length === 0) return null;
  const statements: Statement[] = [];
  for (const outcome of ready) {
    const heads = new Set(outcome.reports.map((r) => r.inputs?.facts?.head_sha));
    const head = heads.size === 1 ? [...heads][0] : undefined;
    if (typeof head !== 'string' || head === '')
      throw new InputError(`#${outcome.number}: its reports do not name one head commit they judged, so it cannot be attested`);
    const statement = buildStatement({
      repository: `${ctx.owner}/${ctx.repo}`,
      pullRequest: outcome.number,
      headSha: head,
      commits: [head],
      reports: outcome.reports,
    });
    const signed = await signer.sign(statement);
    statements.push(statement);
    runtime.annotate({
      level: 'notice',
      message: `pilot-readiness: readiness attestation of #${outcome.number} at ${head.slice(0, 12)} signed${signed.id ? ` (attestation ${signed.id})` : ''}`,
    });
  }
  const path = join(ctx.tempDir, 'pilot-readiness-attestation.json');
  writeFileSync(path, `${JSON.stringify(statements.length === 1 ? statements[0] : statements, null, 2)}\n`);
  runtime.output('attestation', path);
  return path;
}

/** A pull_request `closed` event of a merged pull request: its number, head and merge commit; null otherwise. */
export function mergedPullRequest(ctx: RunnerContext): { number: number; headSha: string; mergeSha: string } | null {
  if (ctx.eventName !== 'pull_request' && ctx.eventName !== 'pull_request_target') return null;
  const pr = ctx.payload.pull_request as
    | { number?: unknown; merged?: unknown; merge_commit_sha?: unknown; head?: { sha?: unknown } }
    | undefined;
  if (ctx.payload.action !== 'closed' || pr?.merged !== true) return null;
  if (typeof pr.merge_commit_sha !== 'string' || typeof pr.head?.sha !== 'string' || typeof pr.number !== 'number') return null;
  return { number: pr.number, headSha: pr.head.sha, mergeSha: pr.merge_commit_sha };
}

/**
 * `attest: true` on the merge of a pull request: the deploy-time gate's reading of the merge commit
 * (sign-offs up to the merge, judged at the merge), attested with both the head and the merge commit
 * as subjects, so a deploy pipeline can look the attestation up by the commit it ships. A merge
 * that had no ready decision is not attested, and the step fails with the reasons.
 */
export async function attestMerge(
  gh: GitHubClient,
  ctx: RunnerContext,
  inputs: ActionInputs,
  merged: { number: number; headSha: string; mergeSha: string },
  signer: AttestationSigner,
  summary: string[],
  policyReader?: GitHubClient,
): Promise<void> {
  const verdict = await verifyDeployment(
    gh,
    { owner: ctx.owner, repo: ctx.repo, sha: merged.mergeSha },
    { policy: inputs.policy, manifest: inputs.manifest, now: ctx.now, ...(policyReader ? { policyReader } : {}) },
  );
  if (verdict.pullRequest?.number !== merged.number) {
    throw new InputError(
      `the merge commit ${merged.mergeSha.slice(0, 12)} of #${merged.number} is not traced to it (${verdict.reasons.join('; ') || `GitHub traces it to #${verdict.pullRequest?.number}`}); nothing is attested`,
    );
  }
  const notReady = verdict.atMerge.filter((r) => r.decision !== 'ready');
  if (verdict.atMerge.length === 0 || notReady.length > 0) {
    summary.push(renderDeploymentMarkdown(verdict));
    runtime.fail(
      plainLine(
        `pilot-readiness: #${merged.number} was merged without a ready decision, so it is not attested: ${notReady.map((r) => `${nameOf(r)}: ${notReadyText(r)}`).join('; ') || 'it touches no pilot manifest'}`,
      ),
    );
    return;
  }
  const statement = buildStatement({
    repository: `${ctx.owner}/${ctx.repo}`,
    pullRequest: merged.number,
    headSha: verdict.pullRequest.headSha,
    commits: [verdict.pullRequest.headSha, merged.mergeSha],
    reports: verdict.atMerge,
  });
  const signed = await signer.sign(statement);
  const path = join(ctx.tempDir, 'pilot-readiness-attestation.json');
  writeFileSync(path, `${JSON.stringify(statement, null, 2)}\n`);
  runtime.output('attestation', path);
  runtime.annotate({
    level: 'notice',
    message: `pilot-readiness: readiness attestation of #${merged.number} at its merge ${merged.mergeSha.slice(0, 12)} signed${signed.id ? ` (attestation ${signed.id})` : ''}`,
  });
}
