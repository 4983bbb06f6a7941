// The facts of one pull request (author, readiness, commits, review requests, reviews, changed files)
// and the trusted files at its base branch's tip (or at given commits), read in one GraphQL query plus
// a page query per extra 100 items.

import type { PrFacts, ReviewState } from '../../core/types.js';
import type { GitHubClient } from './client.js';
import { GitHubApiError, graphqlErrors, toGitHubError } from './errors.js';
import { BLOB_FRAGMENT, blobText, fileSelections, type FileAt, type FileText } from './files.js';
import { MAX_PAGES, PageGuard } from './paging.js';

export interface PullRequestId {
  owner: string;
  repo: string;
  number: number;
}

export interface PullRequestFacts {
  /** PrFacts without `teams` and `base_manifest`, which the caller resolves. */
  facts: Omit<PrFacts, 'teams' | 'base_manifest'>;
  baseSha: string;
  headRef: string;
  /** Paths the pull request changes (its whole diff), in GitHub's order. */
  changedFiles: string[];
  /** The requested trusted files, in the order asked, with null for each one missing. */
  trustedFiles: FileText[];
  /**
   * The files asked for at the base branch as it stands now (`baseFiles`), read at its tip in the same
   * query: null when none were asked for, or the base branch no longer exists. baseRefOid (baseSha) trails that tip, and an event
   * payload's base.sha may be older still (a re-run of an old run).
   */
  currentBase: { sha: string; files: FileText[] } | null;
  /**
   * What the decision depended on, in one string (head, the latest reviews and their states, the
   * count of review-request and readiness events): compared with fetchFreshness before a success is
   * written, so that a dismissal between the read and the write cannot leave a stale success.
   */
  freshness: string;
  /**
   * The pull request's comments that the token wrote (GitHub's viewerDidAuthor: a person's own, with a
   * person's token), or, when GitHub marks none as the token's, those written by any bot account.
   * Empty unless asked for (`comments: true`). The sticky report and the reminders are found here,
   * with no request of their own; a reminder counts only when `byViewer` and `bot` both hold.
   */
  botComments: BotComment[];
  /**
   * The head commit's status of the asked-for context as GitHub holds it; null when there is none, and
   * undefined when it was not asked for or could not be read (the token may not read statuses).
   */
  headStatus?: GateStatus | null;
  /** What the read set aside, one sentence each (comments past the most it reads); [] when nothing. */
  warnings: string[];
  /** The trusted policy file's blobs at the base and default branches' tips (see policyBlobs), when asked for (`policyPath`). */
  policyBlobs?: string;
  /** The repository's default branch and its head commit, when asked for (`sharedHead`). */
  defaultBranch?: { name: string; sha: string };
  /**
   * The other open pull requests of this repository whose head is this one's, when asked for
   * (`sharedHead`); else where fetchHeadPulls must ask: `commit` when the last commit GitHub lists is
   * not the head (over 250 commits), `open-pulls` when GitHub's list for the head cannot tell (a
   * commit the default branch holds: see headPulls).
   */
  sharingHead?: HeadPull[] | HeadPullsSource;
}

/** Where the open pull requests sharing a head are asked: of the commit itself, or of the repository's open pull requests. */
export type HeadPullsSource = 'commit' | 'open-pulls';

/** A comment the gate may update: its own. */
export interface BotComment {
  id: number;
  url: string;
  body: string;
  author: string;
  /** When GitHub created it: a reminder's sending instant. */
  createdAt: string;
  /**
   * GitHub says the token wrote it (viewerDidAuthor). False for the fallback "any bot" comments: those
   * may hold the sticky report, but never count as a reminder sent (another app could post a marker).
   */
  byViewer: boolean;
  /** GitHub says a bot account wrote it (GITHUB_TOKEN's github-actions[bot], a GitHub App), not a person. */
  bot: boolean;
}

/** One commit status of the gate's context, as read with GraphQL. */
export interface GateStatus {
  state: 'success' | 'pending' | 'failure' | 'error';
  description: string;
  targetUrl: string | null;
  /** When GitHub recorded it (set by GitHub, not by the writer). */
  createdAt: string;
  /** Who wrote it: REST's login (bots end in [bot]), and whether it is a bot account. */
  creator: { login: string; bot: boolean } | null;
}

/** Reviews compared by the freshness check: the latest ones, as one page can carry. */
export const FRESH_REVIEWS = 100;

export function fingerprint(
  head: string,
  reviews: ReadonlyArray<{ databaseId: number | null; fullDatabaseId: string | null; state: string }>,
  totalReviews: number,
  dismissed: number,
  timeline: number,
): string {
  const latest = reviews.slice(-FRESH_REVIEWS).map((r) => `${r.fullDatabaseId ?? r.databaseId ?? '?'}:${r.state}`);
  // Dismissals are counted over every review: one of an approval older than the latest 100 changes the count.
  return `${head}|${totalReviews}|${dismissed}|${latest.join(',')}|${timeline}`;
}

export const TIMELINE_TYPES = '[REVIEW_REQUESTED_EVENT, REVIEW_REQUEST_REMOVED_EVENT, READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT]';

/** What fetchFreshness compares, on any pull request: its head and review state. */
const FRESHNESS_FIELDS = `headRefOid
      reviews(last: ${FRESH_REVIEWS}) { totalCount nodes { databaseId fullDatabaseId state } }
      dismissed: reviews(first: 1, states: [DISMISSED]) { totalCount }
      timelineItems(last: 1, itemTypes: ${TIMELINE_TYPES}) { filteredCount }`;

type FreshnessAnswer = {
  headRefOid: string;
  reviews: {
    totalCount: number;
    nodes: Array<{ databaseId: number | null; fullDatabaseId: string | null; state: string } | null> | null;
  } | null;
  dismissed: { totalCount: number } | null;
  timelineItems: { filteredCount: number } | null;
};

function freshnessOf(pr: FreshnessAnswer, endpoint: string, what: string): string {
  if (!pr.reviews || !pr.dismissed || !pr.timelineItems)
    throw new GitHubApiError(endpoint, null, `the answer has no review state for ${what}`);
  return fingerprint(
    pr.headRefOid,
    (pr.reviews.nodes ?? []).filter((n): n is NonNullable<typeof n> => n !== null),
    pr.reviews.totalCount,
    pr.dismissed.totalCount,
    pr.timelineItems.filteredCount,
  );
}

/**
 * The trusted policy file's blob where the gate reads it: at the tip of the pull request's base branch
 * (the policy that judges it) and of the default branch (the one that says which bases are gated).
 * The sweep's record and the freshness check before a success compare it, so a policy tightened on
 * either branch ends a standing success. The blob, not the tip: a push that leaves the policy alone
 * neither makes every pull request due nor ends a back-off.
 */
const policyBlobAt = (ref: 'baseRef' | 'defaultBranchRef', alias: string): string =>
  `${alias}: ${ref} { target { ... on Commit { policyBlob: file(path: $policyPath) { oid } } } }`;
/** Read on a pull request (its base branch's tip). */
export const POLICY_AT_BASE = policyBlobAt('baseRef', 'policyAtBase');
/** Read on the repository (the default branch's tip). */
export const POLICY_AT_DEFAULT = policyBlobAt('defaultBranchRef', 'policyAtDefault');

type PolicyBlobAnswer = { target?: { policyBlob?: { oid?: string } | null } | null } | null | undefined;

/** Both blobs in one string, '-' for a policy (or a branch) that is not there. */
export function policyBlobs(atBase: unknown, atDefault: unknown): string {
  const oid = (answer: unknown) => (answer as PolicyBlobAnswer)?.target?.policyBlob?.oid ?? '-';
  return `${oid(atBase)}|${oid(atDefault)}`;
}

/**
 * GitHub lists at most this many pull requests for a commit in one page; a head shared by more is
 * not judged (fail closed) rather than judged on a part of them.
 */
const HEAD_PULLS = 100;

/** What tells whether a pull request (as a commit's or the repository's listing gives it) shares a head. */
export const headPullFields = (freshness: boolean): string =>
  `number state headRefOid baseRefName baseRefOid baseRepository { nameWithOwner } ${freshness ? FRESHNESS_FIELDS : ''}`;

/**
 * The pull requests GitHub associates with a commit: the merged one that brought it in and, only for a
 * commit the default branch does not hold, the open ones that hold it (see headPulls).
 */
export const headPullsSelection = (freshness: boolean): string =>
  `associatedPullRequests(first: ${HEAD_PULLS}) { pageInfo { hasNextPage } nodes { ${headPullFields(freshness)} } }`;

export type HeadPullNode = {
  number: number;
  state: string;
  headRefOid: string;
  baseRefName: string;
  baseRefOid: string;
  baseRepository: { nameWithOwner: string } | null;
} & Partial<FreshnessAnswer>;
export type HeadPullsAnswer = { pageInfo: { hasNextPage: boolean }; nodes: Array<HeadPullNode | null> | null } | null | undefined;

/** An open pull request of this repository whose head is the commit asked about. */
export interface HeadPull {
  number: number;
  baseRef: string;
  baseSha: string;
  /** Its freshness (see fetchFreshness), when read with it. */
  freshness?: string;
}

/** The pull request a head is asked about for, and that head: the others sharing it are wanted. */
export interface HeadOf {
  owner: string;
  repo: string;
  sha: string;
  /** The pull request whose head `sha` is (left out of the answer). */
  self: number;
}

/** The open pull requests of this repository among `nodes` whose head is `where.sha`, this one included, by number. */
export function openWithHead(nodes: ReadonlyArray<HeadPullNode | null>, where: HeadOf, endpoint: string): HeadPull[] {
  const repository = `${where.owner}/${where.repo}`.toLowerCase();
  return nodes
    .filter((n): n is HeadPullNode => n !== null)
    .filter(
      (n) =>
        n.state === 'OPEN' &&
        n.headRefOid?.toLowerCase() === where.sha.toLowerCase() &&
        (n.baseRepository?.nameWithOwner ?? '').toLowerCase() === repository,
    )
    .map((n) => ({
      number: n.number,
      baseRef: n.baseRefName,
      baseSha: n.baseRefOid,
      ...(n.reviews !== undefined ? { freshness: freshnessOf(n as FreshnessAnswer, endpoint, `#${n.number}`) } : {}),
    }))
    .sort((a, b) => a.number - b.number);
}

/**
 * The other open pull requests of this repository whose head is `sha`, by number, from the pull requests
 * GitHub associates with the commit: a commit status belongs to the commit, so each of them is judged by
 * the status written on it. Null when that list cannot tell: GitHub lists open pull requests there only
 * for a commit the default branch does not hold (for one it holds, say main's tip in a pull request
 * from main into a release branch, only the merged pull request that brought it in). The pull request
 * asked about is open with that head, so it is in every list that holds the others; a list without it
 * says nothing of them, and the caller asks the repository's open pull requests (fetchOpenHeadPulls).
 */
export function headPulls(answer: HeadPullsAnswer, where: HeadOf, endpoint: string): HeadPull[] | null {
  if (!answer) throw new GitHubApiError(endpoint, null, `the answer has no pull requests for ${where.sha.slice(0, 7)}`);
  if (answer.pageInfo?.hasNextPage)
    throw new GitHubApiError(
      endpoint,
      null,
      `GitHub associates more than ${HEAD_PULLS} pull requests with ${where.sha.slice(0, 7)}, so which open ones share it as their head cannot be known; close the pull requests that do not need it`,
    );
  const open = openWithHead(answer.nodes ?? [], where, endpoint);
  if (!open.some((p) => p.number === where.self)) return null;
  return open.filter((p) => p.number !== where.self);
}

const freshnessQuery = (
  head: boolean,
  policy: boolean,
): string => `query PullRequestFreshness($owner: String!, $repo: String!, $number: Int!${head ? ', $head: GitObjectID!' : ''}${policy ? ', $policyPath: String!' : ''}) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      ${FRESHNESS_FIELDS}
      ${policy ? POLICY_AT_BASE : ''}
    }
    ${head ? `headCommit: object(oid: $head) { ... on Commit { ${headPullsSelection(true)} } }` : ''}
    ${policy ? POLICY_AT_DEFAULT : ''}
  }
}`;

/** The freshness as it stands now, and with `head`, the other open pull requests that have it as their head, each with its own. */
export interface Freshness {
  freshness: string;
  /** Absent unless `head` was given; null when GitHub's list for the commit cannot tell (see headPulls). */
  sharing?: HeadPull[] | null;
  /** The policy file's blobs now (see policyBlobs); absent unless `policyPath` was given. */
  policyBlobs?: string;
}

/**
 * The pull request's freshness as it stands now (one query), to compare with the one read with its
 * facts; with `head`, in the same query, the open pull requests whose head that commit is, with theirs;
 * with `policyPath`, the trusted policy's blobs at the base and default branches' tips.
 */
export async function fetchFreshness(octokit: GitHubClient, id: PullRequestId, head?: string, policyPath?: string): Promise<Freshness> {
  const endpoint = `GraphQL PullRequestFreshness (${id.owner}/${id.repo}#${id.number})`;
  type Answer = {
    repository: {
      pullRequest: (FreshnessAnswer & { policyAtBase?: unknown }) | null;
      headCommit?: { associatedPullRequests?: HeadPullsAnswer } | null;
      policyAtDefault?: unknown;
    } | null;
  };
  const data = await query<Answer>(octokit, endpoint, freshnessQuery(head !== undefined, policyPath !== undefined), {
    owner: id.owner,
    repo: id.repo,
    number: id.number,
    ...(head !== undefined ? { head } : {}),
    ...(policyPath !== undefined ? { policyPath } : {}),
  });
  const pr = data.repository?.pullRequest;
  if (!pr) throw new GitHubApiError(endpoint, null, 'the answer has no pull request');
  const freshness = freshnessOf(pr, endpoint, `#${id.number}`);
  const policy = policyPath !== undefined ? { policyBlobs: policyBlobs(pr.policyAtBase, data.repository?.policyAtDefault) } : {};
  if (head === undefined) return { freshness, ...policy };
  const sharing = headPulls(
    data.repository?.headCommit?.associatedPullRequests,
    { owner: id.owner, repo: id.repo, sha: head, self: id.number },
    endpoint,
  );
  return { freshness, sharing, ...policy };
}

const BASE_QUERY = `query PullRequestBase($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) { baseRefName }
    defaultBranchRef { name target { oid } }
  }
}`;

/**
 * A pull request's base branch and the repository's default branch with its head commit (one small
 * query): what says whether its base is gated, read apart from its facts, which can fail for what the
 * pull request holds (more files than GitHub lists, more reviews than the gate reads).
 */
export async function fetchPullRequestBase(
  octokit: GitHubClient,
  id: PullRequestId,
): Promise<{ baseRef: string; defaultBranch: { name: string; sha: string } }> {
  const endpoint = `GraphQL PullRequestBase (${id.owner}/${id.repo}#${id.number})`;
  type Answer = {
    repository: {
      pullRequest: { baseRefName: string } | null;
      defaultBranchRef: { name: string; target: { oid: string } | null } | null;
    } | null;
  };
  const data = await query<Answer>(octokit, endpoint, BASE_QUERY, { owner: id.owner, repo: id.repo, number: id.number });
  const pr = data.repository?.pullRequest;
  const ref = data.repository?.defaultBranchRef;
  if (!pr?.baseRefName) throw new GitHubApiError(endpoint, null, 'the answer has no pull request');
  if (!ref?.name || !ref.target?.oid)
    throw new GitHubApiError(endpoint, null, 'the answer has no default branch, so which branches the gate counts for cannot be known');
  return { baseRef: pr.baseRefName, defaultBranch: { name: ref.name, sha: ref.target.oid } };
}

const PAGE = 100;

const FRAGMENTS = `fragment ActorLogin on Actor { __typename login }
fragment ReviewPage on PullRequestReviewConnection {
  pageInfo { hasNextPage endCursor }
  nodes { databaseId fullDatabaseId author { ...ActorLogin } state submittedAt commit { oid } body }
}
fragment TimelinePage on PullRequestTimelineItemsConnection {
  pageInfo { hasNextPage endCursor }
  nodes {
    __typename
    ... on ReviewRequestedEvent {
      createdAt
      requestedReviewer { __typename ... on Actor { login } ... on Team { combinedSlug } }
    }
    ... on ReviewRequestRemovedEvent {
      createdAt
      requestedReviewer { __typename ... on Actor { login } ... on Team { combinedSlug } }
    }
    ... on ReadyForReviewEvent { createdAt }
    ... on ConvertToDraftEvent { createdAt }
  }
}
fragment CommitPage on PullRequestCommitConnection {
  pageInfo { hasNextPage endCursor }
  nodes { commit { oid committedDate } }
}
fragment FilePage on PullRequestChangedFileConnection {
  pageInfo { hasNextPage endCursor }
  nodes { path }
}`;

// Comments are read newest first (last/before), unlike the other connections. Anyone who may comment
// can post more than the most the gate reads (MAX_PAGES.comments); past that the read goes on with
// what it has rather than fail (which would lock the pull request out of the gate for good). Newest
// first keeps in sight what the gate wrote last: a report comment or reminder it posts after a flood
// is among the newest on its next run, where reading oldest first would never see it again (and post
// it anew on every run). What is missed stays fail closed: a reminder not seen lets no silence count
// (the role stays pending and the reminder is posted again), a report comment not seen is posted anew.
const COMMENT_FRAGMENT = `fragment CommentPage on IssueCommentConnection {
  totalCount
  pageInfo { hasPreviousPage startCursor }
  nodes { databaseId url body createdAt viewerDidAuthor author { ...ActorLogin } }
}`;

/** The gate's own status on a commit: `status { context(name: $statusContext) { ...GateStatus } }`. */
export const STATUS_FRAGMENT = `fragment GateStatus on StatusContext {
  state description targetUrl createdAt creator { __typename login }
}`;

export type Actor = { __typename: string; login: string } | null;
type Page<T> = {
  /** Forward pages say hasNextPage/endCursor; the comments, read backward, hasPreviousPage/startCursor. */
  pageInfo: { hasNextPage?: boolean; endCursor?: string | null; hasPreviousPage?: boolean; startCursor?: string | null };
  nodes: Array<T | null> | null;
  totalCount?: number;
};
type ReviewNode = {
  databaseId: number | null;
  fullDatabaseId: string | null;
  author: Actor;
  state: string;
  submittedAt: string | null;
  commit: { oid: string } | null;
  body: string;
};
type TimelineNode = {
  __typename: string;
  createdAt?: string;
  requestedReviewer?: { __typename: string; login?: string; combinedSlug?: string } | null;
};
type CommitNode = { commit: { oid: string; committedDate: string } };
type FileNode = { path: string };
type CommentNode = {
  databaseId: number | null;
  url: string;
  body: string;
  createdAt: string;
  viewerDidAuthor: boolean;
  author: Actor;
};
/** A StatusContext as GraphQL answers it. */
export type StatusAnswer = {
  state: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
  creator: Actor;
} | null;

interface PullRequestAnswer {
  number: number;
  author: Actor;
  isDraft: boolean;
  createdAt: string;
  headRefOid: string;
  headRefName: string;
  baseRefName: string;
  baseRefOid: string;
  /** How many files the pull request changes: GitHub lists at most 3,000 of them. */
  changedFiles: number;
  reviews: Page<ReviewNode> | null;
  timelineItems: Page<TimelineNode>;
  commits: Page<CommitNode>;
  files: Page<FileNode> | null;
  comments?: Page<CommentNode> | null;
  headCommit?: {
    nodes: Array<{
      commit: { oid: string; gateStatus?: { context: StatusAnswer } | null; associatedPullRequests?: HeadPullsAnswer };
    } | null> | null;
  } | null;
  baseRef?: { target: ({ __typename: string; oid: string } & Record<string, { object: unknown } | null | string>) | null } | null;
  policyAtBase?: unknown;
}

const CONNECTIONS = ['reviews', 'timelineItems', 'commits', 'files', 'comments'] as const;
type Connection = (typeof CONNECTIONS)[number];

/** Each connection's page limit, and its name in errors. */
const LIMITS: Record<Connection, { what: string; maxPages: number }> = {
  reviews: { what: 'reviews', maxPages: MAX_PAGES.reviews },
  timelineItems: { what: 'timeline events', maxPages: MAX_PAGES.timeline },
  commits: { what: 'commits', maxPages: MAX_PAGES.commits },
  files: { what: 'changed files', maxPages: MAX_PAGES.files },
  comments: { what: 'comments', maxPages: MAX_PAGES.comments },
};

/** The head commit (the last of the pull request's commits, checked against headRefOid), with what is asked of it. */
const headCommit = (statusContext: boolean, sharedHead: boolean): string =>
  statusContext || sharedHead
    ? `headCommit: commits(last: 1) { nodes { commit { oid ${statusContext ? 'gateStatus: status { context(name: $statusContext) { ...GateStatus } }' : ''} ${sharedHead ? headPullsSelection(false) : ''} } } }`
    : '';

/** What the facts query reads besides the facts: trusted files, the comments, the head's status of one context. */
export interface FactsExtras {
  trustedFiles?: readonly FileAt[];
  /** Paths to read at the tip of the pull request's base branch, whatever commit the caller was told (see currentBase). */
  baseFiles?: readonly string[];
  /** Read the pull request's comments, to find the gate's own (see PullRequestFacts.botComments). */
  comments?: boolean;
  /** Read the head commit's status of this context (see PullRequestFacts.headStatus). */
  statusContext?: string;
  /** Read the default branch and the open pull requests sharing the head (see PullRequestFacts.sharingHead). */
  sharedHead?: boolean;
  /** The trusted policy's path in this repository: read its blobs (see PullRequestFacts.policyBlobs). */
  policyPath?: string;
}

/** `baseRef { target { ... on Commit { b0: file(path: $b0) { object { ...TrustedBlob } } } } }`: files at the base branch's tip. */
function baseSelections(paths: readonly string[]): { variables: Record<string, string>; declarations: string; field: string } {
  if (paths.length === 0) return { variables: {}, declarations: '', field: '' };
  const variables = Object.fromEntries(paths.map((path, i) => [`b${i}`, path.replace(/^\/+/, '')]));
  const files = paths.map((_, i) => `b${i}: file(path: $b${i}) { object { ...TrustedBlob } }`).join(' ');
  return {
    variables,
    declarations: paths.map((_, i) => `$b${i}: String!`).join(', '),
    field: `baseRef { target { __typename oid ... on Commit { ${files} } } }`,
  };
}

function factsQuery({ trustedFiles: trusted = [], baseFiles = [], comments, statusContext, sharedHead = false, policyPath }: FactsExtras): {
  query: string;
  variables: Record<string, string>;
} {
  const { variables, declarations, fields } = fileSelections(trusted);
  const atBase = baseSelections(baseFiles);
  Object.assign(variables, atBase.variables);
  if (statusContext !== undefined) variables.statusContext = statusContext;
  if (policyPath !== undefined) variables.policyPath = policyPath;
  const declared = [
    declarations,
    atBase.declarations,
    statusContext !== undefined ? '$statusContext: String!' : '',
    policyPath !== undefined ? '$policyPath: String!' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const query = `query PullRequestFacts($owner: String!, $repo: String!, $number: Int!${declared ? `, ${declared}` : ''}) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      number
      author { ...ActorLogin }
      isDraft
      createdAt
      headRefOid
      headRefName
      baseRefName
      baseRefOid
      changedFiles
      reviews(first: ${PAGE}) { ...ReviewPage }
      timelineItems(first: ${PAGE}, itemTypes: ${TIMELINE_TYPES}) { ...TimelinePage }
      commits(first: ${PAGE}) { ...CommitPage }
      files(first: ${PAGE}) { ...FilePage }
      ${comments ? `comments(last: ${PAGE}) { ...CommentPage }` : ''}
      ${headCommit(statusContext !== undefined, sharedHead)}
      ${atBase.field}
      ${policyPath !== undefined ? POLICY_AT_BASE : ''}
    }
    ${sharedHead ? 'defaultBranchRef { name target { oid } }' : ''}
    ${policyPath !== undefined ? POLICY_AT_DEFAULT : ''}
    ${fields}
  }
}
${FRAGMENTS}
${comments ? COMMENT_FRAGMENT : ''}
${trusted.length + baseFiles.length > 0 ? BLOB_FRAGMENT : ''}
${statusContext !== undefined ? STATUS_FRAGMENT : ''}`;
  return { query, variables };
}

/** The next page of every connection that has more, in one query; the others are skipped with @include. */
const PAGE_QUERY = `query PullRequestFactsPage($owner: String!, $repo: String!, $number: Int!,
  $reviews: Boolean!, $reviewsAfter: String, $timeline: Boolean!, $timelineAfter: String,
  $commits: Boolean!, $commitsAfter: String, $files: Boolean!, $filesAfter: String,
  $comments: Boolean!, $commentsBefore: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      headRefOid
      reviews(first: ${PAGE}, after: $reviewsAfter) @include(if: $reviews) { ...ReviewPage }
      timelineItems(first: ${PAGE}, after: $timelineAfter, itemTypes: ${TIMELINE_TYPES}) @include(if: $timeline) { ...TimelinePage }
      commits(first: ${PAGE}, after: $commitsAfter) @include(if: $commits) { ...CommitPage }
      files(first: ${PAGE}, after: $filesAfter) @include(if: $files) { ...FilePage }
      comments(last: ${PAGE}, before: $commentsBefore) @include(if: $comments) { ...CommentPage }
    }
  }
}
${FRAGMENTS}
${COMMENT_FRAGMENT}`;

/** GraphQL shows a bot as `name` on a Bot; REST, and so policies, say `name[bot]`. */
export function actorLogin(actor: Actor): string {
  if (!actor) return 'ghost';
  return actor.__typename === 'Bot' && !actor.login.endsWith('[bot]') ? `${actor.login}[bot]` : actor.login;
}

const REVIEW_STATES = new Set<string>(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED']);

/**
 * When review could start: the last time the PR was marked ready for review, or its creation if it
 * was opened ready and never converted to draft; null while it is a draft.
 */
export function readyAt(
  isDraft: boolean,
  createdAt: string,
  events: ReadonlyArray<{ kind: 'ready' | 'draft'; at: string }>,
): string | null {
  if (isDraft) return null;
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const lastReady = sorted.filter((e) => e.kind === 'ready').at(-1);
  if (lastReady) return lastReady.at;
  // Opened as a draft, but its ready event is out of sight (deleted, or a timeline GitHub did not keep):
  // the latest draft conversion is the earliest moment it can have become ready.
  const lastDraft = sorted.filter((e) => e.kind === 'draft').at(-1);
  return lastDraft ? lastDraft.at : createdAt;
}

function nodes<T>(page: Page<T> | null | undefined): T[] {
  return (page?.nodes ?? []).filter((n): n is T => n !== null);
}

/**
 * Fields an answer may go without: GitHub answers the rest of the query and an error for them (say,
 * a token that may not read commit statuses). What they would have said is then unknown, never assumed.
 */
const OPTIONAL_FIELDS = new Set(['gateStatus']);

/** The data of an answer whose only errors are on optional fields; null when any other error is there. */
export function partialData(error: unknown, optional: ReadonlySet<string> = OPTIONAL_FIELDS): unknown {
  const errors = graphqlErrors(error);
  const data = (error as { data?: unknown } | null)?.data;
  if (errors.length === 0 || data === null || typeof data !== 'object') return null;
  return errors.every((e) => (e.path ?? []).some((part) => typeof part === 'string' && optional.has(part))) ? data : null;
}

async function query<T>(
  octokit: GitHubClient,
  endpoint: string,
  text: string,
  variables: Record<string, unknown>,
  unreadable?: Set<string>,
): Promise<T> {
  let data: unknown;
  try {
    data = await octokit.graphql(text, variables);
  } catch (error) {
    const partial = unreadable ? partialData(error) : null;
    if (partial !== null) {
      for (const e of graphqlErrors(error))
        for (const part of e.path ?? []) if (OPTIONAL_FIELDS.has(String(part))) unreadable?.add(String(part));
      return partial as T;
    }
    // A refusal on a trusted file (alias fN, or bN at the base branch) is about contents, anything else about the pull request.
    const onFile = graphqlErrors(error).some((e) => (e.path ?? []).some((part) => /^[fb]\d+$/.test(String(part))));
    throw toGitHubError(error, onFile ? 'contents' : 'pulls', endpoint);
  }
  if (data === null || typeof data !== 'object') throw new GitHubApiError(endpoint, null, 'the answer has no data');
  return data as T;
}

/** Whether a connection's page says there is more, and where it goes on: the comments go backward (newest first). */
function onward(c: Connection, page: Page<unknown> | null | undefined): { more: boolean; cursor: string | null | undefined } {
  const info = page?.pageInfo;
  return c === 'comments'
    ? { more: info?.hasPreviousPage === true, cursor: info?.startCursor }
    : { more: info?.hasNextPage === true, cursor: info?.endCursor };
}

/**
 * Reads every page of the connections; restarts once if the head moves while paging. Each
 * connection's paging is bounded (see paging.ts): an answer that says there is more without a way
 * forward fails the read rather than looping, and so do more pages than its most, except for the
 * comments, which stop there (`commentsCut`; see COMMENT_FRAGMENT).
 */
async function readPullRequest(
  octokit: GitHubClient,
  id: PullRequestId,
  extras: FactsExtras,
): Promise<{ pr: PullRequestAnswer; files: Record<string, unknown>; unreadable: Set<string>; commentsCut: boolean }> {
  const endpoint = `GraphQL PullRequestFacts (${id.owner}/${id.repo}#${id.number})`;
  const pageEndpoint = `GraphQL PullRequestFactsPage (${id.owner}/${id.repo}#${id.number})`;
  for (let attempt = 1; ; attempt++) {
    const { query: text, variables } = factsQuery(extras);
    const unreadable = new Set<string>();
    const data = await query<{ repository: ({ pullRequest: PullRequestAnswer | null } & Record<string, unknown>) | null }>(
      octokit,
      endpoint,
      text,
      {
        owner: id.owner,
        repo: id.repo,
        number: id.number,
        ...variables,
      },
      unreadable,
    );
    const pr = data.repository?.pullRequest;
    if (!data.repository || !pr) throw new GitHubApiError(endpoint, null, 'the answer has no pull request');
    const guards = Object.fromEntries(
      CONNECTIONS.map((c) => [
        c,
        new PageGuard(
          endpoint,
          LIMITS[c].what,
          LIMITS[c].maxPages,
          c === 'comments' ? 'backward' : 'cursor',
          c === 'comments' ? 'stop' : 'fail',
        ),
      ]),
    ) as Record<Connection, PageGuard>;
    const step = (c: Connection, page: Page<unknown> | null | undefined) => {
      const { more, cursor } = onward(c, page);
      return guards[c].next(more, cursor);
    };
    // Where each connection's next page starts; null once it is read to the end (or, for the comments, to the most read).
    const after = Object.fromEntries(CONNECTIONS.map((c) => [c, step(c, pr[c] as Page<unknown> | null | undefined)])) as Record<
      Connection,
      string | null
    >;
    let moved = false;
    while (CONNECTIONS.some((c) => after[c] !== null)) {
      const more = (c: Connection) => after[c] !== null;
      const page = await query<{ repository: { pullRequest: (Partial<PullRequestAnswer> & { headRefOid: string }) | null } | null }>(
        octokit,
        pageEndpoint,
        PAGE_QUERY,
        {
          owner: id.owner,
          repo: id.repo,
          number: id.number,
          reviews: more('reviews'),
          reviewsAfter: after.reviews,
          timeline: more('timelineItems'),
          timelineAfter: after.timelineItems,
          commits: more('commits'),
          commitsAfter: after.commits,
          files: more('files'),
          filesAfter: after.files,
          comments: more('comments'),
          commentsBefore: after.comments,
        },
      );
      const next = page.repository?.pullRequest;
      if (!next) throw new GitHubApiError(pageEndpoint, null, 'a page of the answer has no pull request');
      if (next.headRefOid !== pr.headRefOid) {
        moved = true;
        break;
      }
      for (const c of CONNECTIONS) {
        if (!more(c)) continue;
        const current = pr[c];
        const added = next[c] as Page<never> | null | undefined;
        // Asked for and not given: asking again would get the same nothing.
        if (!current || !added) throw new GitHubApiError(pageEndpoint, null, `a page of the answer has no ${LIMITS[c].what}`);
        // Kept oldest first: an older page of comments goes before those read.
        current.nodes = (
          c === 'comments' ? [...nodes(added), ...nodes(current as Page<unknown>)] : [...nodes(current as Page<unknown>), ...nodes(added)]
        ) as never;
        current.pageInfo = added.pageInfo;
        after[c] = step(c, added);
      }
    }
    if (!moved) return { pr, files: data.repository, unreadable, commentsCut: guards.comments.stopped };
    if (attempt >= 2) {
      throw new GitHubApiError(
        endpoint,
        null,
        'new commits kept arriving while the pull request was read; the run for the newest commit will decide',
      );
    }
  }
}

/**
 * Every path the pull request changes. GitHub lists at most 3,000: past that, which pilots the pull
 * request touches cannot be known, and a pilot it does touch must not pass as untouched (fail closed).
 */
function listedFiles(pr: PullRequestAnswer, endpoint: string): string[] {
  const paths = nodes(pr.files).map((f) => f.path);
  if (pr.changedFiles > paths.length) {
    throw new GitHubApiError(
      endpoint,
      null,
      `the pull request changes ${pr.changedFiles} files and GitHub lists only ${paths.length}, so the pilots it touches cannot be known: split it into smaller pull requests`,
    );
  }
  return paths;
}

const STATUS_STATES = new Set(['success', 'pending', 'failure', 'error']);

/** A status as the gate compares it; undefined when GitHub's answer is not one it can read (then it counts as unknown). */
export function gateStatus(answer: StatusAnswer): GateStatus | null | undefined {
  if (answer === null) return null;
  const state = String(answer.state ?? '').toLowerCase();
  if (!STATUS_STATES.has(state) || typeof answer.createdAt !== 'string') return undefined;
  return {
    state: state as GateStatus['state'],
    description: answer.description ?? '',
    targetUrl: answer.targetUrl ?? null,
    createdAt: answer.createdAt,
    creator: answer.creator ? { login: actorLogin(answer.creator), bot: answer.creator.__typename === 'Bot' } : null,
  };
}

/**
 * The comments the gate may treat as its own: those GitHub says the token wrote (a person's own, when
 * the token is a person's); when it says that of none, those of any bot account (GITHUB_TOKEN and
 * GitHub Apps comment as `<app>[bot]`). What each may be used for is the caller's: the sticky report
 * takes any of them, a reminder needs `byViewer` and `bot` (see flow/reminders.ts).
 */
export function ownComments(comments: readonly CommentNode[]): BotComment[] {
  const byViewer = comments.filter((c) => c.viewerDidAuthor === true);
  const chosen = byViewer.length > 0 ? byViewer : comments.filter((c) => c.author?.__typename === 'Bot');
  return chosen
    .filter((c) => typeof c.databaseId === 'number')
    .map((c) => ({
      id: c.databaseId as number,
      url: c.url,
      body: c.body,
      author: actorLogin(c.author),
      createdAt: c.createdAt,
      byViewer: c.viewerDidAuthor === true,
      bot: c.author?.__typename === 'Bot',
    }));
}

/** Why the comments were read only in part, and what that means for the gate (see COMMENT_FRAGMENT). */
export function commentsLeftOut(id: PullRequestId, read: number, total: number | undefined): string {
  const count = typeof total === 'number' && total > read ? `${total} comments` : `more than ${read} comments`;
  return `#${id.number} has ${count}, more than the ${MAX_PAGES.comments * PAGE} pilot-readiness reads (${MAX_PAGES.comments} pages of ${PAGE}): only the newest ${read} were read. A reminder or report comment of the gate among the older ones is not seen: a role whose silence needs that reminder stays pending until it is posted again, and a report comment not seen is posted anew`;
}

export async function fetchPullRequestFacts(octokit: GitHubClient, id: PullRequestId, extras: FactsExtras = {}): Promise<PullRequestFacts> {
  const trustedFiles = extras.trustedFiles ?? [];
  const { pr, files, unreadable, commentsCut } = await readPullRequest(octokit, id, extras);
  const head = pr.headCommit?.nodes?.[0]?.commit;
  // The status of the head as read; undefined when not asked, not readable, or of another commit.
  let headStatus: GateStatus | null | undefined;
  if (
    extras.statusContext !== undefined &&
    !unreadable.has('gateStatus') &&
    head &&
    head.oid === pr.headRefOid &&
    head.gateStatus !== undefined
  )
    headStatus = head.gateStatus === null ? null : gateStatus(head.gateStatus.context);
  const timeline = nodes(pr.timelineItems);
  const reviewRequests: PrFacts['review_requests'] = [];
  const drafts: Array<{ kind: 'ready' | 'draft'; at: string }> = [];
  for (const event of timeline) {
    if (!event.createdAt) continue;
    if (event.__typename === 'ReadyForReviewEvent') drafts.push({ kind: 'ready', at: event.createdAt });
    else if (event.__typename === 'ConvertToDraftEvent') drafts.push({ kind: 'draft', at: event.createdAt });
    else if ((event.__typename === 'ReviewRequestedEvent' || event.__typename === 'ReviewRequestRemovedEvent') && event.requestedReviewer) {
      const r = event.requestedReviewer;
      const reviewer =
        r.__typename === 'Team' ? r.combinedSlug : r.login ? actorLogin({ __typename: r.__typename, login: r.login }) : undefined;
      if (!reviewer) continue;
      // A removal ends the window of a role none of whose members or teams is still requested.
      reviewRequests.push(
        event.__typename === 'ReviewRequestRemovedEvent'
          ? { reviewer, at: event.createdAt, removed: true }
          : { reviewer, at: event.createdAt },
      );
    }
  }
  const reviews: PrFacts['reviews'] = [];
  for (const review of nodes(pr.reviews)) {
    // Pending reviews (not submitted) are visible only to their author and count for nothing.
    if (!review.submittedAt || !REVIEW_STATES.has(review.state) || !review.commit) continue;
    const id =
      review.databaseId ??
      (review.fullDatabaseId && Number.isSafeInteger(Number(review.fullDatabaseId))
        ? Number(review.fullDatabaseId)
        : review.fullDatabaseId);
    if (id === null) continue;
    reviews.push({
      id,
      author: actorLogin(review.author),
      state: review.state as ReviewState,
      at: review.submittedAt,
      commit: review.commit.oid,
      ...(review.body ? { body: review.body } : {}),
    });
  }
  return {
    facts: {
      version: 1,
      repository: `${id.owner}/${id.repo}`,
      number: pr.number,
      author: actorLogin(pr.author),
      head_sha: pr.headRefOid,
      base_ref: pr.baseRefName,
      draft: pr.isDraft,
      ready_at: readyAt(pr.isDraft, pr.createdAt, drafts),
      commits: nodes(pr.commits).map((c) => ({ sha: c.commit.oid, at: c.commit.committedDate })),
      review_requests: reviewRequests,
      reviews,
    },
    baseSha: pr.baseRefOid,
    headRef: pr.headRefName,
    freshness: fingerprint(
      pr.headRefOid,
      nodes(pr.reviews),
      nodes(pr.reviews).length,
      nodes(pr.reviews).filter((r) => r.state === 'DISMISSED').length,
      nodes(pr.timelineItems).length,
    ),
    changedFiles: listedFiles(pr, `GraphQL PullRequestFacts (${id.owner}/${id.repo}#${id.number})`),
    botComments: ownComments(nodes(pr.comments)),
    warnings: commentsCut ? [commentsLeftOut(id, nodes(pr.comments).length, pr.comments?.totalCount)] : [],
    ...(headStatus !== undefined ? { headStatus } : {}),
    ...(extras.sharedHead ? sharedHeadFacts(id, pr, files, head) : {}),
    trustedFiles: trustedFiles.map((file, i) => ({
      ...file,
      text: blobText(file, files[`f${i}`] as Parameters<typeof blobText>[1], `${id.owner}/${id.repo}`),
    })),
    currentBase: baseTip(pr, extras.baseFiles ?? [], `${id.owner}/${id.repo}`),
    ...(extras.policyPath !== undefined ? { policyBlobs: policyBlobs(pr.policyAtBase, files.policyAtDefault) } : {}),
  };
}

/** The files asked for at the base branch's tip; null when none were asked, or the branch is gone. */
function baseTip(pr: PullRequestAnswer, paths: readonly string[], where: string): PullRequestFacts['currentBase'] {
  const target = pr.baseRef?.target;
  if (paths.length === 0 || target?.__typename !== 'Commit') return null;
  const files = paths.map((path, i) => {
    const file = { ref: target.oid, path };
    const entry = target[`b${i}`] as { object: unknown } | null | undefined;
    return { ...file, text: blobText(file, (entry?.object ?? null) as Parameters<typeof blobText>[1], where) };
  });
  return { sha: target.oid, files };
}

/** The default branch and the other open pull requests with this head, as the facts query read them. */
function sharedHeadFacts(
  id: PullRequestId,
  pr: PullRequestAnswer,
  repository: Record<string, unknown>,
  head: { oid: string; associatedPullRequests?: HeadPullsAnswer } | undefined,
): Pick<PullRequestFacts, 'defaultBranch' | 'sharingHead'> {
  const endpoint = `GraphQL PullRequestFacts (${id.owner}/${id.repo}#${id.number})`;
  const ref = repository.defaultBranchRef as { name?: string; target?: { oid?: string } | null } | null | undefined;
  if (!ref?.name || !ref.target?.oid)
    throw new GitHubApiError(endpoint, null, 'the answer has no default branch, so which branches the gate counts for cannot be known');
  const sharingHead =
    head && head.oid === pr.headRefOid
      ? (headPulls(head.associatedPullRequests, { owner: id.owner, repo: id.repo, sha: pr.headRefOid, self: pr.number }, endpoint) ??
        'open-pulls')
      : 'commit';
  return { defaultBranch: { name: ref.name, sha: ref.target.oid }, sharingHead };
}
