// One pull request through the gate: read its facts and the trusted policy, evaluate every pilot
// manifest it touches, ask the roles not yet asked, then publish one status and one comment.
// API round trips for one PR: facts, with the gate's own comments and its status on the head (1) +
// head and base trees (2, REST: GraphQL has no recursive tree) + manifests (1) + evidence contents
// (≤2: 1, 2 with a dvc.yaml, only when an entry names a metrics artifact or the policy checks a
// document's size or headings) + teams (≤1) + review request (≤1) + freshness before a success (≤1) +
// status (≤1, only when it changes) + comment (≤1, only when it changes), plus 1 per central policy in
// the policy's extends chain (at most 6): without evidence contents, 4 when nothing changed and 7 on a
// first run (see docs/benchmarks.md, "API round trips"). Rare cases cost more: a repository policy and a
// base other than the default branch, 1 (the default branch's policy, which says whether that base is
// gated); other open pull requests with the same head, each one's read (never a write); a head the
// default branch holds (GitHub's list for the commit then names no open pull request), a query per 100
// open pull requests, again before a success.
import type { GitHubClient } from '../adapters/github/client.js';
import { upsertStickyComment } from '../adapters/github/comment.js';
import { GitHubAccessError, GitHubApiError, isRateLimited } from '../adapters/github/errors.js';
import { fetchOpenHeadPulls } from '../adapters/github/head-pulls.js';
import { fetchFreshness } from '../adapters/github/pull-request.js';
import { requestReviews } from '../adapters/github/reviews.js';
import { setCommitStatus, shortDescription, type CommitState } from '../adapters/github/status.js';
import { headVerdict, type HeadVerdict } from '../core/branches.js';
import { worstOf } from '../core/decide.js';
import { InputError, messageOf } from '../core/errors.js';
import { policyChangeStatus, policyVerdict, type PolicyReview } from '../core/policy-review.js';
import { TOOL_VERSION } from '../core/evaluate.js';
import {
  inputsDigest,
  linkWithBackoff,
  linkWithRecord,
  nextBackoff,
  nextTimeChange,
  recordOf,
  RECORD_MAX_AGE_MS,
  writtenByGate,
} from '../core/sweep.js';
import type { Decision, Finding, PrFacts, Report } from '../core/types.js';
import { renderFailureMarkdown, withoutEvaluationInstant } from '../report/markdown.js';
import { plainLine } from '../report/plain.js';
import { renderPullRequestComment } from '../report/comment.js';
import { renderPolicyReview } from '../report/policy-review.js';
import { statusDescription } from '../report/status.js';
import type { TreeCache } from './manifests.js';
import { reviewPolicyChange } from './policy-change.js';
import type { GateSettings, PullRequestRef } from './ports.js';
import { readPullRequest, ungatedBaseOf, type PullRequestReading, type ReadOptions } from './read-pull-request.js';
import { readReminders, sendReminders, withSentReminders } from './reminders.js';

/** The run a pull request is gated in: where, when, and what it shares with the other pull requests of a sweep. */
export interface GateContext {
  eventName: string;
  owner: string;
  repo: string;
  /** Link written on the commit status; null outside a workflow run. */
  runUrl: string | null;
  /** The GitHub server's web address (GITHUB_SERVER_URL): where the comment's locations link to. */
  serverUrl?: string;
  now: Date;
  /** GITHUB_WORKFLOW_REF: owner/repo/path@ref of the workflow file that runs this job (null when unset). */
  workflowRef: string | null;
  /** Trees read in this run, shared by the pull requests of a sweep (they mostly share a base). */
  trees: TreeCache;
  /** The client for org/team members when members-token is given (least privilege). */
  members?: GitHubClient;
  /** The client for central policies when policy-token is given (least privilege: read-only, on the policy's repository). */
  policyReader?: GitHubClient;
}

/**
 * What the job summary shows for a pull request besides its reports: Markdown already rendered (a
 * policy change's review, or why the gate cannot vouch for it), or one plain sentence (why there is
 * no report), which the summary escapes.
 */
export type OutcomeNote = { markdown: string } | { sentence: string };

export interface PullRequestOutcome {
  number: number;
  decision: Decision;
  /**
   * The decision written on the head commit: the worst of the open pull requests sharing it (absent
   * when none was written). A ready pull request whose head holds another decision vouches for nothing.
   */
  headDecision?: Decision;
  reports: Report[];
  /** What the summary adds to the reports; null when nothing. */
  note: OutcomeNote | null;
  warnings: string[];
  /** Problems found in a policy the pull request changes, at their lines in its head version. */
  errors: Finding[];
  /**
   * Why the commit status could not be written, when it could not: an earlier status of the same
   * commit (say a `success` before an approval was dismissed) may still stand, so the run fails.
   */
  statusNotWritten?: string;
  /** Why this run cannot vouch for the pull request (it changes the gate's own workflow file). */
  untrusted?: string;
}

const STATE: Record<Decision, CommitState> = { ready: 'success', pending: 'pending', blocked: 'failure' };

/**
 * Asks the roles not yet asked (this starts their windows), before the one evaluation of the run, and
 * returns the facts as they now stand (null when nobody was asked).
 */
async function askRoles(gh: GitHubClient, ctx: GateContext, reading: PullRequestReading, warnings: string[]): Promise<PrFacts | null> {
  const facts = reading.facts;
  const { people, teams } = reading.toRequest(facts);
  if (people.length === 0 && teams.length === 0) return null;
  const result = await requestReviews(gh, {
    owner: ctx.owner,
    repo: ctx.repo,
    number: facts.number,
    reviewers: people,
    team_reviewers: teams,
  });
  if (!result.ok) {
    warnings.push(`${result.warning}; those roles stay not requested, and their windows have not started`);
    return null;
  }
  const at = ctx.now.toISOString();
  const requested = [
    ...result.requested.reviewers,
    ...result.requested.team_reviewers.map((t) => (t.includes('/') ? t : `${ctx.owner}/${t}`)),
  ];
  return { ...facts, review_requests: [...facts.review_requests, ...requested.map((reviewer) => ({ reviewer, at }))] };
}

/** A status that must not fail the run on its own (the run fails anyway): why it could not be written, or null. */
async function bestEffortStatus(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  status: { sha: string; state: 'error' | 'failure'; description: string; targetUrl?: string },
): Promise<string | null> {
  const targetUrl = status.targetUrl ?? ctx.runUrl;
  try {
    await setCommitStatus(gh, {
      owner: ctx.owner,
      repo: ctx.repo,
      sha: status.sha,
      state: status.state,
      context: inputs.statusContext,
      description: plainLine(status.description),
      ...(targetUrl ? { target_url: targetUrl } : {}),
    });
    return null;
  } catch (error) {
    return `could not set the ${inputs.statusContext} status to ${status.state} either: ${messageOf(error)}`;
  }
}

/** Where the gate's status links: the run, else (outside a workflow run) the pull request. */
function statusLink(ctx: GateContext, number: number): string {
  return ctx.runUrl ?? `${ctx.serverUrl ?? 'https://github.com'}/${ctx.owner}/${ctx.repo}/pull/${number}`;
}

/**
 * Marks a pull request that could not be evaluated with an `error` status on its head (on
 * merge_group, the queue's commit), so that an earlier `success` of the same commit (say, before an
 * approval was dismissed) cannot stand while nothing is verified. In a sweep the status records when
 * to try again (back-off), so that pull requests failing every time cannot starve the others; the
 * inputs in that record are those the sweep listed, so any change since ends the wait. Nothing is
 * written for a pull request whose base the policy does not gate (read apart from what failed): it
 * counts for nobody's verdict, and anyone who can push a branch can open one with a real pull request's
 * head and contents that cannot be read. Best effort: the run fails anyway; a refusal here, or why
 * nothing was written, is returned as a warning.
 */
export async function markUnverified(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  pr: PullRequestRef,
  reason: string,
  /** What failed: after a rate limit, the base is not read (it would wait for the limit too) and the error is written. */
  cause?: unknown,
): Promise<string | null> {
  // Fail closed: when whether the base is gated cannot be known either, the error is written.
  const ungated =
    pr.queued || isRateLimited(cause)
      ? null
      : await ungatedBaseOf(gh, { owner: ctx.owner, repo: ctx.repo, number: pr.number }, inputs.policy, [], {
          reader: ctx.policyReader,
        }).catch(() => null);
  if (ungated !== null)
    return `#${pr.number} could not be verified, and no status was written on ${pr.headSha.slice(0, 7)}: its ${ungated}, so its failure does not speak for that commit, which other pull requests may share`;
  const backoff = pr.sweep ? nextBackoff(pr.sweep.failedTries, pr.sweep.inputs, ctx.now) : null;
  return bestEffortStatus(gh, ctx, inputs, {
    sha: pr.headSha,
    state: 'error',
    description: `could not be verified: ${reason}`,
    ...(backoff ? { targetUrl: linkWithBackoff(statusLink(ctx, pr.number), backoff) } : {}),
  });
}

/**
 * A merge queue's commit whose pull request cannot be known (its head_ref has another shape): a
 * failure with the reason, so the queue never merges what nothing vouched for. Best effort, as above.
 */
export function refuseQueuedCommit(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  sha: string,
  reason: string,
): Promise<string | null> {
  return bestEffortStatus(gh, ctx, inputs, { sha, state: 'failure', description: `merge queue: ${reason}` });
}

/**
 * Events on which GitHub runs a workflow file that holds the pull request's changes: the merge ref on
 * pull_request events, and on merge_group the queue's merge commit (base + the pull request).
 */
const MERGE_REF_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment', 'merge_group']);

/**
 * Why this run's inputs cannot be trusted, or null: on pull_request events the workflow file (and so
 * the gate's inputs: policy, manifest pattern, mode) comes from the pull request's merge ref, and on
 * merge_group from the queue's merge commit, which holds the pull request's changes. When the
 * pull request changes that very file, it chose its own gate. A workflow from another repository (a
 * required workflow or a reusable one called by the central repository) or the base branch's
 * (pull_request_target, schedule) is trusted.
 */
export function untrustedWorkflow(
  eventName: string,
  workflowRef: string | null,
  repository: string,
  changedFiles: readonly string[],
): string | null {
  if (!MERGE_REF_EVENTS.has(eventName)) return null;
  if (workflowRef === null) {
    return `GITHUB_WORKFLOW_REF is not set, so which workflow file runs the gate cannot be checked; on ${eventName} that file comes from the pull request`;
  }
  const at = workflowRef.lastIndexOf('@');
  const file = at < 0 ? workflowRef : workflowRef.slice(0, at);
  const [owner = '', repo = '', ...path] = file.split('/');
  if (`${owner}/${repo}`.toLowerCase() !== repository.toLowerCase()) return null;
  const workflow = path.join('/');
  // The running file, and any local workflow or action it can call (uses: ./.github/...): the gate
  // cannot tell which of them its job reads, so a change to any of them is a change to the gate.
  const changed = changedFiles.find(
    (file) => file === workflow || file.startsWith('.github/workflows/') || file.startsWith('.github/actions/'),
  );
  if (changed === undefined) return null;
  return `this pull request changes ${changed}, ${changed === workflow ? 'the workflow file that runs the gate' : `a workflow or action of this repository that the gate's workflow (${workflow}) may use`}, so it could choose the gate's own inputs; merge the workflow change on its own first, or run the gate as a required workflow from a central repository`;
}

/**
 * The gate's settings and version as one string: part of every sweep record's inputs, so that a
 * changed workflow (policy, pattern, mode...) or a new version judges every pull request again.
 */
export function settingsKey(inputs: GateSettings): string {
  return JSON.stringify([
    TOOL_VERSION,
    inputs.policy,
    inputs.manifest,
    inputs.mode,
    inputs.comment,
    inputs.statusContext,
    inputs.requestReviews,
  ]);
}

/** Where one pull request's verdict is written: its commit status (re-checked before a success) and its sticky comment. */
interface Publisher {
  /**
   * `next`: when time alone changes the decision, recorded for the sweep (null: it never does);
   * undefined: no record, so the next sweep judges the pull request again.
   */
  status(state: CommitState, description: string, next?: string | null, sharers?: readonly SharerRead[]): Promise<void>;
  comment(body: string, shortBody: string): Promise<void>;
  /** Why a status could not be written, once one could not (the run then fails). */
  readonly statusNotWritten: string | undefined;
}

function publisherFor(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  pr: PullRequestRef,
  reading: PullRequestReading,
  warnings: string[],
): Publisher {
  let statusNotWritten: string | undefined;
  const earlier = `An earlier ${inputs.statusContext} status of ${reading.headSha.slice(0, 7)} may still stand`;
  const inputsRead = inputsDigest({
    settings: settingsKey(inputs),
    headSha: reading.headSha,
    baseSha: reading.baseSha,
    policy: reading.policyBlobs,
    draft: reading.facts.draft,
    freshness: reading.freshness,
  });
  const link = statusLink(ctx, pr.number);
  return {
    get statusNotWritten() {
      return statusNotWritten;
    },
    async status(state, description, next, sharers = []) {
      const targetUrl = next === undefined ? link : linkWithRecord(link, { next, inputs: inputsRead });
      // The same status, with the same record, already on the head, written within half a record's
      // life by the gate (the rule the sweep applies: the token's login when GitHub names it through
      // the gate's own comments, else a bot), linking into this repository: writing it again would
      // change nothing (its link keeps pointing at the run that wrote it).
      const standing = reading.headStatus;
      const viewer = reading.botComments.find((c) => c.byViewer)?.author ?? null;
      if (
        standing &&
        writtenByGate(standing.creator, viewer) &&
        (standing.targetUrl ?? '').startsWith(`${ctx.serverUrl ?? 'https://github.com'}/${ctx.owner}/${ctx.repo}/`) &&
        standing.state === state &&
        standing.description === shortDescription(plainLine(description)) &&
        next !== undefined &&
        JSON.stringify(recordOf(standing.targetUrl)) === JSON.stringify({ next, inputs: inputsRead }) &&
        ctx.now.getTime() - Date.parse(standing.createdAt) < RECORD_MAX_AGE_MS / 2
      )
        return;
      // A success is re-checked first: a review dismissed (or a push) between the read and this write
      // must not leave a success that no longer holds. Pending and failure are safe to write as read.
      // The same query asks which open pull requests share the head now, each with its own freshness: a
      // success speaks for all of them, so one opened or changed since they were judged holds it back too.
      if (state === 'success') {
        // The policy is compared too: one tightened on the base branch since the read judges anew.
        const policyPath = reading.policyBlobs !== '' ? reading.policyFile?.path : undefined;
        const now = await fetchFreshness(
          gh,
          { owner: ctx.owner, repo: ctx.repo, number: pr.number },
          pr.queued ? undefined : reading.headSha,
          policyPath,
        );
        // GitHub's list for a head the default branch holds names no open pull request: then every open one is read.
        const sharing =
          now.sharing === null
            ? await fetchOpenHeadPulls(gh, { owner: ctx.owner, repo: ctx.repo, sha: reading.headSha, self: pr.number }, true)
            : (now.sharing ?? []);
        // Only those whose base is gated count towards the head's verdict, so only they are compared.
        const sharersNow = sharing.filter((p) => p.number !== pr.number && (reading.gatesBase?.(p.baseRef) ?? true));
        const sharersSame =
          pr.queued ||
          (sharersNow.length === sharers.length &&
            sharersNow.every((p, i) => p.number === sharers[i]!.number && p.freshness === sharers[i]!.freshness));
        if (now.freshness !== reading.freshness || !sharersSame) {
          statusNotWritten = `the pull request${sharersSame ? '' : ', or another open pull request with the same head commit,'} changed while it was evaluated (a push, a review, a dismissal, a review request${sharersSame ? '' : ', a pull request opened or closed'}), so success was not written; the run for that change, or the next sweep, decides. ${earlier}`;
          return;
        }
        if (policyPath !== undefined && now.policyBlobs !== reading.policyBlobs) {
          statusNotWritten = `the policy ${policyPath} changed on ${reading.baseRef} or the default branch while the pull request was evaluated, so success was not written; the next sweep judges it by the new policy. ${earlier}`;
          return;
        }
      }
      try {
        await setCommitStatus(gh, {
          owner: ctx.owner,
          repo: ctx.repo,
          sha: reading.headSha,
          state,
          context: inputs.statusContext,
          description: plainLine(description),
          target_url: targetUrl,
        });
      } catch (error) {
        // Fail closed: whatever the decision, a status that cannot be written fails the run, since an
        // earlier status of this commit may still stand.
        if (!(error instanceof GitHubAccessError) && !(error instanceof GitHubApiError)) throw error;
        const why = pr.fork
          ? 'this pull request comes from a fork, whose workflow token is read-only'
          : error instanceof GitHubAccessError
            ? 'the token may not write commit statuses (it needs statuses: write)'
            : 'GitHub did not accept the write (an outage or a refusal)';
        statusNotWritten = `could not set the ${inputs.statusContext} status to ${state} (${why}): ${error.message}. ${earlier}, so this run fails; the next run or scheduled sweep that can write it replaces it`;
      }
    },
    async comment(body, shortBody) {
      // A merge queue's run reports on the queue's commit only: the pull request already has its comment.
      if (!inputs.comment || pr.queued) return;
      // The gate's own comments were read with the facts: the sticky one is found there, without a listing.
      const result = await upsertStickyComment(gh, {
        owner: ctx.owner,
        repo: ctx.repo,
        number: pr.number,
        key: 'readiness',
        body,
        shortBody,
        known: reading.botComments,
        // A run that only finds the same again does not rewrite the comment for its footer's instant.
        comparable: withoutEvaluationInstant,
      });
      // The advice for a refused comment already explains forks; other failures (5xx) do not.
      if (!result.ok)
        warnings.push(
          `${result.warning}${pr.fork && !/fork/i.test(result.warning) ? ' (pull requests from forks get a read-only token: the scorecard is in the job summary)' : ''}`,
        );
    },
  };
}

/**
 * One pull request through the gate: read once, refuse a pull request that chose its own gate, ask
 * the roles not yet asked, evaluate each pilot once, then write one status and one comment.
 */
export async function gatePullRequest(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  pr: PullRequestRef,
): Promise<PullRequestOutcome> {
  const warnings: string[] = [];
  const reading = await readPullRequest(
    gh,
    { owner: ctx.owner, repo: ctx.repo, number: pr.number, baseSha: pr.baseSha, ...(pr.queued ? { queuedSha: pr.headSha } : {}) },
    readOptions(ctx, inputs, true),
    warnings,
  );
  const publish = publisherFor(gh, ctx, inputs, pr, reading, warnings);

  // The queue's branch names the pull request and the base branch; a pull request that targets another
  // branch is not the one this group merges (fail closed: markUnverified marks the queue's commit).
  if (pr.queued && reading.baseRef !== pr.baseRef) {
    throw new InputError(
      `the merge queue merges into ${pr.baseRef}, but pull request #${pr.number} targets ${reading.baseRef}, so it is not the pull request this group holds`,
    );
  }

  const verdict = await judge(gh, ctx, inputs, pr, reading, warnings, true);
  // A run whose inputs the pull request chose speaks for no other pull request: their verdict, read
  // with those inputs, is not theirs (a success from it would vouch for a head through a chosen gate).
  const head = verdict.untrusted ? { ...verdict, sharers: [] } : await headVerdictFor(gh, ctx, inputs, reading, verdict);
  await publish.status(STATE[head.decision], head.description, head.next, head.sharers);
  if (verdict.comment) {
    if (verdict.comment.plain) {
      if (inputs.comment && !pr.queued) {
        const result = await upsertStickyComment(gh, {
          owner: ctx.owner,
          repo: ctx.repo,
          number: pr.number,
          key: 'readiness',
          body: verdict.comment.body,
          shortBody: verdict.comment.shortBody,
          known: reading.botComments,
        });
        if (!result.ok) warnings.push(result.warning);
      }
    } else await publish.comment(verdict.comment.body, verdict.comment.shortBody);
  }
  const { decision, reports, note, errors, untrusted } = verdict;
  return {
    number: pr.number,
    decision,
    headDecision: head.decision,
    reports,
    note,
    errors,
    ...(untrusted ? { untrusted } : {}),
    warnings,
    ...(publish.statusNotWritten ? { statusNotWritten: publish.statusNotWritten } : {}),
  };
}

/** One pull request's verdict before anything is written: its status and the comment that explains it. */
interface Verdict extends Pick<PullRequestOutcome, 'decision' | 'reports' | 'note' | 'errors' | 'untrusted'> {
  description: string;
  /** The sweep's record (see Publisher.status): when time alone changes it; undefined: no record. */
  next?: string | null;
  /** The sticky comment; `plain`: written as it is, not compared without its instant. */
  comment: { body: string; shortBody: string; plain?: boolean } | null;
}

/**
 * Judges one pull request as read: refuses one that chose its own gate or targets a branch the policy
 * does not gate, reviews a policy change, evaluates each pilot once. `live`: the pull request whose
 * run this is, whose roles not yet asked are asked and whose due reminders are posted; another pull
 * request sharing its head is judged the same way with nothing written.
 */
async function judge(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  pr: PullRequestRef,
  reading: PullRequestReading,
  warnings: string[],
  live: boolean,
): Promise<Verdict> {
  // Fail closed when the pull request chose the gate's own workflow file (and so its inputs).
  const untrusted = untrustedWorkflow(ctx.eventName, ctx.workflowRef, `${ctx.owner}/${ctx.repo}`, reading.changedFiles);
  if (untrusted) {
    const text = renderFailureMarkdown('Pilot readiness', untrusted, { level: 2 });
    // No record: a sweep (whose workflow the pull request cannot change) judges it again.
    return {
      decision: 'blocked',
      description: "the gate's own workflow file is changed by this pull request",
      comment: { body: text, shortBody: text, plain: true },
      reports: [],
      note: { markdown: text },
      errors: [],
      untrusted,
    };
  }

  if (reading.ungated) {
    const text = renderFailureMarkdown(
      'Pilot readiness',
      `${reading.ungated}. The gate's success counts only for pull requests to the branches its policy gates, so this one cannot pass; retarget it to one of them, or ask the policy owners to add its base to branches`,
      { level: 2 },
    );
    return {
      decision: 'blocked',
      description: reading.ungated,
      next: null,
      comment: { body: text, shortBody: text },
      reports: [],
      note: { markdown: text },
      errors: [],
    };
  }

  // A pilot the pattern would skip is an error, never a silent pass.
  if (reading.unmatched.length > 0) throw new InputError(reading.unmatched);

  // A pull request that changes the policy file where it lives (the repository's own, or a central
  // policy in its own repository) is a policy change: a loosening needs an owner of the base version.
  const policyFile = reading.policyFile;
  const review =
    policyFile !== null && reading.changedFiles.includes(policyFile.path)
      ? await reviewPolicyChange(gh, ctx, policyFile.path, reading, warnings)
      : null;
  const reviewErrors = review && !review.valid ? review.errors : [];

  if (reading.gated.length === 0) {
    if (review) {
      const { decision, description, text } = policyChangeAlone(review);
      return {
        decision,
        description,
        next: null,
        comment: { body: text, shortBody: text },
        reports: [],
        note: { markdown: text },
        errors: reviewErrors,
      };
    }
    // Branch protection requires the status on every PR: one that touches no pilot passes it.
    return {
      decision: 'ready',
      description: `no pilot manifest (${inputs.manifest}) touched`,
      next: null,
      comment: null,
      reports: [],
      note: { sentence: `touches no pilot manifest (${inputs.manifest})` },
      errors: [],
    };
  }

  // In a merge queue nobody is asked: a request would start a window on a pull request that is
  // already on its way in, and the group's verdict must rest on the sign-offs as they stand.
  const asked = live && inputs.requestReviews && !pr.queued ? await askRoles(gh, ctx, reading, warnings) : null;
  // On merge_group the sign-offs are the pull request's reviews, judged against its own head
  // (facts.head_sha), not against the queue's commit: GitHub builds the group from that head and
  // takes the pull request out of the queue when its head moves, so an approval of the head is an
  // approval of what is queued (the rest of the commit is the base branch, trusted as it is). A
  // review of an older commit is stale exactly as it is on the pull request (invalidate_on_push):
  // it approved content that is no longer what would merge, and counts for nothing under `any`.
  const reports = await evaluateAndRemind(gh, ctx, pr, reading, asked ?? reading.facts, warnings, live);

  let decision = worstOf([...reports.map((r) => r.decision), ...(review ? [policyVerdict(review)] : [])]);
  if (reviewErrors.length > 0) decision = 'blocked';
  const { body, shortBody, policyNote } = renderPullRequestComment(reports, review, ctx.serverUrl ? { serverUrl: ctx.serverUrl } : {});
  return {
    decision,
    // An invalid policy change speaks for the status: its own pull request must not merge as it is.
    description: review && reviewErrors.length > 0 ? policyChangeStatus(review).description : statusDescription(reports, ctx.now),
    next: nextTimeChange(reports, ctx.now),
    comment: { body, shortBody },
    reports,
    note: policyNote ? { markdown: policyNote } : null,
    errors: reviewErrors,
  };
}

/** What another open pull request with the same head was judged, and the freshness it was judged at. */
export interface SharerRead {
  number: number;
  freshness: string;
}

/**
 * The status the head commit carries: this pull request's verdict alone in the common case (one open
 * pull request per head, known from the facts query at no cost); else the worst over those sharing the
 * head whose base is gated (headVerdict), each read and judged by this same flow with nothing written.
 * A shared head carries no sweep record: a change to any of its pull requests changes its status, so
 * each sweep judges it again.
 */
async function headVerdictFor(
  gh: GitHubClient,
  ctx: GateContext,
  inputs: GateSettings,
  reading: PullRequestReading,
  verdict: Verdict,
): Promise<{ decision: Decision; description: string; next?: string | null; sharers: SharerRead[] }> {
  const others = reading.sharingHead ?? [];
  if (others.length === 0) return { ...verdict, sharers: [] };
  const own: HeadVerdict = {
    number: reading.facts.number,
    gatedBase: !reading.ungated,
    decision: verdict.decision,
    description: verdict.description,
  };
  const judged: HeadVerdict[] = [];
  const sharers: SharerRead[] = [];
  for (const other of others) {
    // Left out of the worst, and never read: its base is not one the policy counts (see baseGating).
    if (!other.gatedBase) {
      judged.push({ number: other.number, gatedBase: false, decision: 'blocked', description: 'its base is not a gated branch' });
      continue;
    }
    const pr: PullRequestRef = {
      number: other.number,
      headSha: reading.headSha,
      baseSha: other.baseSha,
      baseRef: other.baseRef,
      fork: false,
    };
    try {
      const theirs = await readPullRequest(
        gh,
        { owner: ctx.owner, repo: ctx.repo, number: other.number, baseSha: other.baseSha },
        readOptions(ctx, inputs, false),
        [],
      );
      const result = await judge(gh, ctx, inputs, pr, theirs, [], false);
      judged.push({ number: other.number, gatedBase: !theirs.ungated, decision: result.decision, description: result.description });
      sharers.push({ number: other.number, freshness: theirs.freshness });
    } catch (error) {
      // Fail closed: a pull request on this head that cannot be judged holds the head back.
      judged.push({
        number: other.number,
        gatedBase: true,
        decision: 'blocked',
        description: `could not be verified: ${messageOf(error)}`,
      });
      sharers.push({ number: other.number, freshness: '' });
    }
  }
  return { ...headVerdict(own, judged), sharers };
}

/** How the gate reads a pull request: `live` for the one whose run this is (its comments and its head's status too). */
function readOptions(ctx: GateContext, inputs: GateSettings, live: boolean): ReadOptions {
  return {
    policy: inputs.policy,
    manifest: inputs.manifest,
    now: ctx.now,
    trees: ctx.trees,
    // Always: the reminders already sent are found among the gate's own comments, as is the sticky report.
    comments: true,
    ...(live ? { statusContext: inputs.statusContext } : {}),
    // Another pull request's sharers are this one's: read again, they would be a query per 100 open pull requests for nothing.
    sharedHead: live ? true : 'base',
    ...(ctx.members ? { members: ctx.members } : {}),
    ...(ctx.policyReader ? { policyReader: ctx.policyReader } : {}),
  };
}

/**
 * Evaluates the pull request with the reminders already sent (found among the gate's own comments,
 * read with the facts: a marker in anyone else's comment is not a reminder), posts those now due
 * (never in a merge queue), and re-evaluates when one was posted so that the report says so.
 */
async function evaluateAndRemind(
  gh: GitHubClient,
  ctx: GateContext,
  pr: PullRequestRef,
  reading: PullRequestReading,
  facts: PrFacts,
  warnings: string[],
  live: boolean,
): Promise<Report[]> {
  const where = { owner: ctx.owner, repo: ctx.repo, number: pr.number };
  const judged = withSentReminders(facts, readReminders(reading.botComments));
  let reports = reading.evaluateWith(judged);
  if (live && !pr.queued) {
    const posted = await sendReminders(gh, where, reports, ctx.now, warnings);
    if (posted.length > 0) reports = reading.evaluateWith({ ...judged, reminders: [...(judged.reminders ?? []), ...posted] });
  }
  return reports;
}

/** The policy's own pull request, touching no pilot: an invalid policy must not merge; a valid one passes, with its diff shown. */
function policyChangeAlone(review: PolicyReview): { decision: Decision; description: string; text: string } {
  return { ...policyChangeStatus(review), text: renderPolicyReview(review) };
}
