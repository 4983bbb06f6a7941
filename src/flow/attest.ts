// Readiness attestations: the statement signed when a pull request's decision is ready, and the one
// signed at its merge, each written to a file its `attestation` output names.
import type { GitHubClient } from '../adapters/github/client.js';
import { buildStatement, type Statement } from '../core/attestation.js';
import { nameOf, notReady as notReadyText } from '../core/deployment.js';
import { InputError } from '../core/errors.js';
import { renderDeploymentMarkdown } from '../report/deployment.js';
import { plainLine } from '../report/plain.js';
import type { PullRequestOutcome } from './gate-pull-request.js';
import type { AttestationSigner } from './ports.js';
import type { ArtifactStore, RunRecorder } from './run-result.js';
import { verifyDeployment } from './verify-deployment.js';

/** Where the statements go and who signs them: the repository, the files' store and the signer. */
export interface AttestationPorts {
  owner: string;
  repo: string;
  artifacts: ArtifactStore;
  signer: AttestationSigner;
}

const ATTESTATION_FILE = 'pilot-readiness-attestation.json';

/**
 * `attest: true`: for each pull request whose decision is ready, the readiness statement of the head
 * commit its reports judged (the head read from GitHub, not the event's, which a push may have
 * overtaken), written to a file and signed. A pull request whose success the run held back (a change
 * between the read and the write, a status it could not write, a head another pull request holds
 * back) is not attested. A statement that
 * cannot be signed fails the run: a deploy pipeline that asked for attestations must not find a ready
 * pull request without one.
 */
export async function attestReady(outcomes: PullRequestOutcome[], ports: AttestationPorts, run: RunRecorder): Promise<string | null> {
  // Ready on its own and on its head: a head that another pull request holds back is not vouched for.
  const ready = outcomes.filter(
    (o) => o.decision === 'ready' && o.headDecision === 'ready' && o.reports.length > 0 && !o.statusNotWritten && !o.untrusted,
  );
  if (ready.length === 0) return null;
  const statements: Statement[] = [];
  for (const outcome of ready) {
    const heads = new Set(outcome.reports.map((r) => r.inputs?.facts?.head_sha));
    const head = heads.size === 1 ? [...heads][0] : undefined;
    if (typeof head !== 'string' || head === '')
      throw new InputError(`#${outcome.number}: its reports do not name one head commit they judged, so it cannot be attested`);
    const statement = buildStatement({
      repository: `${ports.owner}/${ports.repo}`,
      pullRequest: outcome.number,
      headSha: head,
      commits: [head],
      reports: outcome.reports,
    });
    const signed = await ports.signer.sign(statement);
    statements.push(statement);
    run.annotate({
      level: 'notice',
      message: `pilot-readiness: readiness attestation of #${outcome.number} at ${head.slice(0, 12)} signed${signed.id ? ` (attestation ${signed.id})` : ''}`,
    });
  }
  const path = ports.artifacts.writeJson(ATTESTATION_FILE, statements.length === 1 ? statements[0] : statements);
  run.output('attestation', path);
  return path;
}

/** A merged pull request as its `closed` event names it. */
export interface MergedPullRequest {
  number: number;
  headSha: string;
  mergeSha: string;
}

/**
 * `attest: true` on the merge of a pull request: the deploy-time gate's reading of the merge commit
 * (sign-offs up to the merge, judged at the merge), attested with both the head and the merge commit
 * as subjects, so a deploy pipeline can look the attestation up by the commit it ships. A merge
 * that had no ready decision is not attested, and the step fails with the reasons.
 */
export async function attestMerge(
  gh: GitHubClient,
  ports: AttestationPorts,
  settings: { policy: string; manifest: string; now: Date; policyReader?: GitHubClient },
  merged: MergedPullRequest,
  run: RunRecorder,
): Promise<void> {
  const verdict = await verifyDeployment(gh, { owner: ports.owner, repo: ports.repo, sha: merged.mergeSha }, settings);
  if (verdict.pullRequest?.number !== merged.number) {
    throw new InputError(
      `the merge commit ${merged.mergeSha.slice(0, 12)} of #${merged.number} is not traced to it (${verdict.reasons.join('; ') || `GitHub traces it to #${verdict.pullRequest?.number}`}); nothing is attested`,
    );
  }
  const notReady = verdict.atMerge.filter((r) => r.decision !== 'ready');
  if (verdict.atMerge.length === 0 || notReady.length > 0) {
    run.summarise(renderDeploymentMarkdown(verdict));
    run.fail(
      plainLine(
        `pilot-readiness: #${merged.number} was merged without a ready decision, so it is not attested: ${notReady.map((r) => `${nameOf(r)}: ${notReadyText(r)}`).join('; ') || 'it touches no pilot manifest'}`,
      ),
    );
    return;
  }
  const statement = buildStatement({
    repository: `${ports.owner}/${ports.repo}`,
    pullRequest: merged.number,
    headSha: verdict.pullRequest.headSha,
    commits: [verdict.pullRequest.headSha, merged.mergeSha],
    reports: verdict.atMerge,
  });
  const signed = await ports.signer.sign(statement);
  const path = ports.artifacts.writeJson(ATTESTATION_FILE, statement);
  run.output('attestation', path);
  run.annotate({
    level: 'notice',
    message: `pilot-readiness: readiness attestation of #${merged.number} at its merge ${merged.mergeSha.slice(0, 12)} signed${signed.id ? ` (attestation ${signed.id})` : ''}`,
  });
}
