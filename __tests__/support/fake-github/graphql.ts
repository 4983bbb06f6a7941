// POST /graphql: queries are parsed, validated and executed against GitHub's published schema, so a
// query github.com would reject is rejected here too; resolvers cover what the adapters read.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type GraphQLError, buildSchema, execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Permission, ReviewSpec, TimelineEventSpec, TokenIdentity } from './scenario.js';
import { allows, reaches } from './scenario.js';
import { nodeId } from './rest-json.js';
import type { CommentRecord, Entry, PullRecord, RepoRecord, StatusRecord, TeamRecord, World } from './world.js';
import { EPOCH, blobSha, isBinary, syntheticSha } from './world.js';

let cachedSchema: GraphQLSchema | undefined;

/**
 * @octokit/graphql-schema's schema.graphql, read directly: the package's entry point would also parse
 * its 5 MB introspection JSON, and its exports map hides the file from require.resolve.
 */
function schemaSource(): string {
  const dirs = createRequire(import.meta.url).resolve.paths('@octokit/graphql-schema') ?? [];
  for (const dir of dirs) {
    const file = join(dir, '@octokit', 'graphql-schema', 'schema.graphql');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error('@octokit/graphql-schema is not installed: the fake GitHub needs its schema.graphql');
}

/** Built once per process: the schema is 1.2 MB of SDL. */
export function githubSchema(): GraphQLSchema {
  // The published SDL declares two EnterpriseOwnerInfo fields twice, which graphql-js's SDL check
  // rejects; the schema itself is sound (validateSchema finds nothing), so that check is skipped.
  cachedSchema ??= buildSchema(schemaSource(), { assumeValidSDL: true });
  return cachedSchema;
}

/** An error with GitHub's `type` (NOT_FOUND, FORBIDDEN, ...), shown at the top level of the error as GitHub does. */
class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphQLRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * Parsed and validated queries by their text: the adapters send the same few query texts again and
 * again, and validating one against GitHub's whole schema costs milliseconds of the test's CPU.
 */
const checked = new Map<string, { document: DocumentNode; problems: readonly GraphQLError[] } | { error: GraphQLError }>();

function check(query: string): { document: DocumentNode; problems: readonly GraphQLError[] } | { error: GraphQLError } {
  let found = checked.get(query);
  if (!found) {
    try {
      const document = parse(query);
      found = { document, problems: validate(githubSchema(), document) };
    } catch (error) {
      found = { error: error as GraphQLError };
    }
    if (checked.size >= 1000) checked.clear();
    checked.set(query, found);
  }
  return found;
}

/** The operation a request names (for fault matching and recording); null when it cannot be told. */
export function operationNameOf(body: GraphQLRequest): string | null {
  if (typeof body.operationName === 'string') return body.operationName;
  if (typeof body.query !== 'string') return null;
  const found = check(body.query);
  if ('error' in found) return null;
  for (const def of found.document.definitions) if (def.kind === 'OperationDefinition') return def.name?.value ?? null;
  return null;
}

export async function runGraphQL(world: World, identity: TokenIdentity, apiBase: string, body: GraphQLRequest): Promise<unknown> {
  if (typeof body.query !== 'string') return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  const found = check(body.query);
  if ('error' in found) return { errors: [formatError(found.error)] };
  const { document, problems } = found;
  if (problems.length > 0) return { errors: problems.map(formatError) };
  const result = await execute({
    schema: githubSchema(),
    document,
    rootValue: root(new Resolvers(world, identity, apiBase)),
    variableValues: (body.variables ?? {}) as Record<string, unknown>,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  });
  return result.errors ? { data: result.data ?? null, errors: result.errors.map(formatError) } : { data: result.data };
}

function formatError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubGraphQLError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

// ---------------------------------------------------------------- connections

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** The opaque cursor of the item at `index` of a connection (base64, as GitHub's look). */
export const cursorOf = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString('base64');

function indexOf(cursor: string, name: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new GitHubGraphQLError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  void name;
  return Number(match[1]);
}

/** A Relay connection with GitHub's rules: first or last is required, and at most 100. */
function connection<T>(
  name: string,
  items: T[],
  args: ConnectionArgs,
  extra: Record<string, unknown> = {},
  /** Shapes only the items of the page (a flood of comments need not be shaped whole on every page). */
  shape: (item: T) => unknown = (item) => item,
): Record<string, unknown> {
  const { first, last, after, before } = args;
  if (first == null && last == null) {
    throw new GitHubGraphQLError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  }
  for (const [arg, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && value > 100) {
      throw new GitHubGraphQLError(
        'EXCESSIVE_PAGINATION',
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${arg}\` limit of 100 records.`,
      );
    }
  }
  let start = after ? indexOf(after, name) + 1 : 0;
  let end = before ? indexOf(before, name) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const slice = items.slice(start, end).map((item, i) => ({ node: shape(item), cursor: cursorOf(start + i) }));
  return {
    nodes: slice.map((e) => e.node),
    edges: slice,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice.at(-1)?.cursor ?? null,
    },
    ...extra,
  };
}

// ---------------------------------------------------------------- resolvers

const TIMELINE_TYPES: Record<TimelineEventSpec['event'], { itemType: string; typename: string }> = {
  review_requested: { itemType: 'REVIEW_REQUESTED_EVENT', typename: 'ReviewRequestedEvent' },
  review_request_removed: { itemType: 'REVIEW_REQUEST_REMOVED_EVENT', typename: 'ReviewRequestRemovedEvent' },
  ready_for_review: { itemType: 'READY_FOR_REVIEW_EVENT', typename: 'ReadyForReviewEvent' },
  convert_to_draft: { itemType: 'CONVERT_TO_DRAFT_EVENT', typename: 'ConvertToDraftEvent' },
};

class Resolvers {
  constructor(
    readonly world: World,
    readonly identity: TokenIdentity,
    readonly api: string,
  ) {}

  need(permission: Permission): void {
    if (!allows(this.identity, permission, 'read')) {
      throw new GitHubGraphQLError(
        'FORBIDDEN',
        `Resource not accessible by ${this.identity.app ? 'integration' : 'personal access token'}`,
      );
    }
  }

  /** User, or Bot for logins ending in [bot]: GraphQL shows a bot's login without the suffix. */
  actor(login: string | undefined): Record<string, unknown> | null {
    if (!login) return null;
    const bot = login.endsWith('[bot]');
    const id = this.world.idFor(`user:${login.toLowerCase()}`);
    return {
      __typename: bot ? 'Bot' : 'User',
      id: nodeId(bot ? 'BOT' : 'U', id),
      databaseId: id,
      login: bot ? login.slice(0, -'[bot]'.length) : login,
      url: `https://github.com/${login}`,
      resourcePath: `/${login}`,
      avatarUrl: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    };
  }

  team(team: TeamRecord): Record<string, unknown> {
    return {
      __typename: 'Team',
      id: nodeId('T', team.id),
      databaseId: team.id,
      slug: team.slug,
      name: team.name,
      combinedSlug: `${team.org}/${team.slug}`,
      organization: this.organization(team.org),
      members: (args: ConnectionArgs) =>
        connection(
          'members',
          team.members.map((login) => this.actor(login)),
          args,
        ),
    };
  }

  organization(login: string): Record<string, unknown> {
    return {
      __typename: 'Organization',
      id: nodeId('O', this.world.idFor(`org:${login.toLowerCase()}`)),
      login,
      team: ({ slug }: { slug: string }) => {
        if (!this.world.canReadMembers(this.identity, login)) {
          throw new GitHubGraphQLError(
            'FORBIDDEN',
            `Resource not accessible by ${this.identity.app ? 'integration' : 'personal access token'}`,
          );
        }
        const team = this.world.team(login, slug);
        return team ? this.team(team) : null;
      },
      // The organisation's repositories, by name (for the portfolio), with GitHub's isArchived filter.
      repositories: (args: ConnectionArgs & { isArchived?: boolean | null }) => {
        const owned = [...this.world.repos.values()]
          .filter((repo) => repo.owner.toLowerCase() === login.toLowerCase() && reaches(this.identity, repo.owner, repo.name))
          .filter((repo) => args.isArchived == null || (repo.spec.archived ?? false) === args.isArchived)
          .sort((a, b) => a.name.localeCompare(b.name));
        return connection(
          'repositories',
          owned.map((repo) => this.repository(repo)),
          args,
          { totalCount: owned.length },
        );
      },
    };
  }

  repository(repo: RepoRecord): Record<string, unknown> {
    return {
      __typename: 'Repository',
      id: nodeId('R', repo.id),
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: repo.fullName,
      owner: { __typename: 'Organization', login: repo.owner },
      isPrivate: repo.spec.private ?? false,
      isArchived: repo.spec.archived ?? false,
      // Open (or closed) pull requests by number, as a sweep lists them.
      pullRequests: (args: ConnectionArgs & { states?: string[] | null }) => {
        this.need('pull_requests');
        const pulls = [...repo.pulls.values()]
          .filter((pull) => !args.states || args.states.includes((pull.spec.state ?? 'open').toUpperCase()))
          .sort((a, b) => a.spec.number - b.spec.number);
        return connection(
          'pullRequests',
          pulls.map((pull) => this.pullRequest(repo, pull)),
          args,
        );
      },
      pullRequest: ({ number }: { number: number }) => {
        this.need('pull_requests');
        const pull = repo.pulls.get(number);
        if (!pull) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${number}.`);
        return this.pullRequest(repo, pull);
      },
      object: ({ expression, oid }: { expression?: string | null; oid?: string | null }) => {
        this.need('contents');
        return this.object(repo, expression ?? oid ?? '');
      },
      ref: ({ qualifiedName }: { qualifiedName: string }) => this.ref(repo, qualifiedName),
      defaultBranchRef: () => this.ref(repo, `refs/heads/${repo.spec.default_branch ?? 'main'}`),
    };
  }

  /** A branch or tag by full name (refs/heads/x, refs/tags/x) or short name; the default branch always exists. */
  ref(repo: RepoRecord, qualifiedName: string): Record<string, unknown> | null {
    const match = /^refs\/(heads|tags)\/(.+)$/.exec(qualifiedName);
    const kind = match?.[1];
    const name = match?.[2] ?? qualifiedName;
    const branches = repo.spec.branches ?? {};
    const tags = repo.spec.tags ?? {};
    if (kind !== 'tags' && (name in branches || name === (repo.spec.default_branch ?? 'main'))) {
      return this.refNode(repo, 'refs/heads/', name, branches[name] ?? syntheticSha(`${repo.fullName}@${name}`));
    }
    const tagSha = tags[name];
    if (kind !== 'heads' && tagSha !== undefined) return this.refNode(repo, 'refs/tags/', name, tagSha);
    return null;
  }

  refNode(repo: RepoRecord, prefix: string, name: string, sha: string): Record<string, unknown> {
    return { __typename: 'Ref', id: nodeId('REF', repo.id), name, prefix, target: this.commit(repo, sha) };
  }

  commit(repo: RepoRecord, sha: string, at?: string): Record<string, unknown> {
    const date = at ?? repo.spec.commits?.[sha]?.date ?? EPOCH;
    return {
      __typename: 'Commit',
      id: nodeId('C', this.world.idFor(`commit:${sha}`)),
      oid: sha,
      abbreviatedOid: sha.slice(0, 7),
      committedDate: date,
      authoredDate: date,
      message: repo.spec.commits?.[sha]?.message ?? '',
      url: `https://github.com/${repo.fullName}/commit/${sha}`,
      parents: (args: ConnectionArgs) =>
        connection(
          'parents',
          (repo.spec.commits?.[sha]?.parents ?? []).map((parent) => this.commit(repo, parent)),
          args,
        ),
      associatedPullRequests: (args: ConnectionArgs) => connection('associatedPullRequests', this.associatedPulls(repo, sha), args),
      status: () => this.status(repo, sha),
      file: ({ path }: { path: string }) => {
        this.need('contents');
        return this.treeEntry(repo, sha, path);
      },
    };
  }

  /** `Commit.file(path:)`: the tree entry at that path (its object as object(expression:) serves it), or null. */
  treeEntry(repo: RepoRecord, sha: string, path: string): Record<string, unknown> | null {
    const clean = path.replace(/^\/+|\/+$/g, '');
    const object = this.object(repo, `${sha}:${clean}`);
    if (object === null) return null;
    const name = clean.split('/').at(-1) ?? clean;
    return {
      __typename: 'TreeEntry',
      name,
      path: clean,
      oid: object.oid,
      type: object.__typename === 'Tree' ? 'tree' : 'blob',
      mode: object.__typename === 'Tree' ? 16384 : 33188,
      object,
    };
  }

  /** A commit's statuses: the latest of each context, as GitHub's Status object shows them; null when there is none. */
  status(repo: RepoRecord, sha: string): Record<string, unknown> | null {
    if (!allows(this.identity, 'statuses', 'read')) {
      throw new GitHubGraphQLError(
        'FORBIDDEN',
        `Resource not accessible by ${this.identity.app ? 'integration' : 'personal access token'}`,
      );
    }
    const latest = new Map<string, StatusRecord>();
    for (const record of repo.statuses.get(sha) ?? []) latest.set(record.context, record);
    if (latest.size === 0) return null;
    const contexts = [...latest.values()].map((record) => this.statusContext(record));
    const states = [...latest.values()].map((record) => record.state);
    const state = states.includes('error')
      ? 'ERROR'
      : states.includes('failure')
        ? 'FAILURE'
        : states.includes('pending')
          ? 'PENDING'
          : 'SUCCESS';
    return {
      __typename: 'Status',
      id: nodeId('SC', this.world.idFor(`status:${sha}`)),
      state,
      contexts,
      context: ({ name }: { name: string }) => {
        const record = latest.get(name);
        return record ? this.statusContext(record) : null;
      },
    };
  }

  statusContext(record: StatusRecord): Record<string, unknown> {
    return {
      __typename: 'StatusContext',
      id: nodeId('SC', record.id),
      context: record.context,
      state: record.state.toUpperCase(),
      description: record.description,
      targetUrl: record.target_url,
      createdAt: record.created_at,
      creator: this.actor(record.creator),
    };
  }

  /** An issue comment; viewerDidAuthor tells the token's own comments, as GitHub does for users and apps alike. */
  comment(repo: RepoRecord, comment: CommentRecord): Record<string, unknown> {
    return {
      __typename: 'IssueComment',
      id: nodeId('IC', comment.id),
      databaseId: comment.id,
      fullDatabaseId: String(comment.id),
      url: `https://github.com/${repo.fullName}/pull/${comment.issue_number}#issuecomment-${comment.id}`,
      body: comment.body,
      author: this.actor(comment.user),
      viewerDidAuthor: comment.user.toLowerCase() === this.identity.login.toLowerCase(),
      createdAt: comment.created_at,
      updatedAt: comment.updated_at,
    };
  }

  /**
   * As GitHub: the pull requests that merged as the commit, else the ones that hold it; for a commit on
   * the default branch (its tip, or reached from it through the scenario's commits' parents) only the
   * merged ones, as GitHub documents ("the merged Pull Request that introduced the commit"; open pull
   * requests "additionally" only for a commit not on the default branch). A scenario's associated_pulls
   * replaces the list (to serve a hostile answer).
   */
  associatedPulls(repo: RepoRecord, sha: string): Array<Record<string, unknown>> {
    const override = repo.spec.associated_pulls?.[sha];
    if (override) {
      return override.flatMap((ref) => {
        const [, other, n] = typeof ref === 'number' ? [null, repo.fullName, ref] : (/^(.+)#(\d+)$/.exec(ref) ?? []);
        const owner = this.world.repos.get(String(other).toLowerCase());
        const pull = owner?.pulls.get(Number(n));
        return owner && pull ? [this.pullRequest(owner, pull)] : [];
      });
    }
    const pulls = [...repo.pulls.values()];
    const merged = pulls.filter((p) => p.spec.merge_commit_sha === sha);
    const holding = pulls
      .filter((p) => p.spec.head.sha === sha || (p.spec.commits ?? []).some((c) => c.sha === sha))
      .filter((p) => !this.onDefaultBranch(repo, sha) || p.spec.merged_at !== undefined);
    return (merged.length > 0 ? merged : holding).map((p) => this.pullRequest(repo, p));
  }

  /** Whether the default branch holds `sha`: its tip, or an ancestor through the scenario's commits' parents. */
  onDefaultBranch(repo: RepoRecord, sha: string): boolean {
    const tip = repo.spec.branches?.[repo.spec.default_branch ?? 'main'];
    const seen = new Set<string>();
    const queue = tip ? [tip] : [];
    for (let commit = queue.shift(); commit !== undefined; commit = queue.shift()) {
      if (commit === sha) return true;
      if (seen.has(commit)) continue;
      seen.add(commit);
      queue.push(...(repo.spec.commits?.[commit]?.parents ?? []));
    }
    return false;
  }

  /** `object(expression: "rev:path")` → Blob, Tree or null; `object(expression: "rev")` → Commit. */
  object(repo: RepoRecord, expression: string): Record<string, unknown> | null {
    const colon = expression.indexOf(':');
    const rev = colon < 0 ? expression : expression.slice(0, colon);
    const path = colon < 0 ? null : expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
    const key = this.world.resolveRef(repo, rev);
    if (key === undefined) return null;
    if (path === null) return this.commit(repo, this.world.commitSha(repo, rev) ?? rev);
    const entries = this.world.entries(repo, key);
    if (path === '') return this.tree(repo, key, '', entries);
    const entry = entries.find((e) => e.path === path);
    if (!entry || entry.kind === 'submodule') return null;
    if (entry.kind === 'dir') return this.tree(repo, key, path, entries);
    // A symlink is a blob whose text is the link's target.
    const bytes = entry.kind === 'file' ? entry.bytes : Buffer.from(entry.target);
    return this.blob(bytes);
  }

  blob(bytes: Buffer): Record<string, unknown> {
    const oid = blobSha(bytes);
    const binary = isBinary(bytes);
    return {
      __typename: 'Blob',
      id: nodeId('B', this.world.idFor(`blob:${oid}`)),
      oid,
      abbreviatedOid: oid.slice(0, 7),
      byteSize: bytes.length,
      isBinary: binary,
      isTruncated: false,
      text: binary ? null : bytes.toString('utf8'),
    };
  }

  tree(repo: RepoRecord, key: string, path: string, entries: Entry[]): Record<string, unknown> {
    const prefix = path === '' ? '' : `${path}/`;
    const children = entries.filter((e) => e.path.startsWith(prefix) && !e.path.slice(prefix.length).includes('/'));
    const oid = syntheticSha(`${repo.fullName}@${key}:${path}`);
    return {
      __typename: 'Tree',
      id: nodeId('TR', this.world.idFor(`tree:${oid}`)),
      oid,
      abbreviatedOid: oid.slice(0, 7),
      entries: children.map((e) => ({
        name: e.path.slice(prefix.length),
        path: e.path,
        type: e.kind === 'dir' ? 'tree' : e.kind === 'submodule' ? 'commit' : 'blob',
        mode: e.kind === 'dir' ? 16384 : e.kind === 'symlink' ? 40960 : e.kind === 'submodule' ? 57344 : 33188,
      })),
    };
  }

  pullRequest(repo: RepoRecord, pull: PullRecord): Record<string, unknown> {
    const p = pull.spec;
    const created = p.created_at ?? EPOCH;
    return {
      __typename: 'PullRequest',
      id: nodeId('PR', this.world.idFor(`pull:${repo.fullName}#${p.number}`)),
      databaseId: this.world.idFor(`pull:${repo.fullName}#${p.number}`),
      number: p.number,
      title: p.title ?? `Pull request #${p.number}`,
      body: p.body ?? '',
      url: `https://github.com/${repo.fullName}/pull/${p.number}`,
      state: p.merged_at ? 'MERGED' : (p.state ?? 'open').toUpperCase(),
      merged: p.merged_at !== undefined,
      mergedAt: p.merged_at ?? null,
      mergeCommit: p.merge_commit_sha ? this.commit(repo, p.merge_commit_sha) : null,
      baseRepository: () => this.repository(repo),
      isDraft: p.draft ?? false,
      createdAt: created,
      updatedAt: created,
      author: this.actor(p.user),
      headRefOid: p.head.sha,
      headRefName: p.head.ref ?? `pull-${p.number}`,
      baseRefOid: p.base.sha,
      baseRefName: p.base.ref ?? repo.spec.default_branch ?? 'main',
      // The base branch as it stands: a scenario's branches say where it is now (GitHub's baseRefOid
      // trails it); a branch the scenario does not name stands at the pull request's base.
      baseRef: () => {
        const name = p.base.ref ?? repo.spec.default_branch ?? 'main';
        const tip = repo.spec.branches?.[name];
        return this.refNode(repo, 'refs/heads/', name, tip ?? p.base.sha);
      },
      changedFiles: (p.files ?? []).length,
      comments: (args: ConnectionArgs) =>
        connection(
          'comments',
          repo.comments.filter((c) => c.issue_number === p.number),
          args,
          {},
          (c) => this.comment(repo, c),
        ),
      headRepository: p.head.repo
        ? { __typename: 'Repository', nameWithOwner: p.head.repo }
        : { __typename: 'Repository', nameWithOwner: repo.fullName },
      isCrossRepository: !!p.head.repo && p.head.repo.toLowerCase() !== repo.fullName.toLowerCase(),
      reviews: (args: ConnectionArgs & { states?: string[] | null; author?: string | null }) => {
        const visible = (p.reviews ?? []).filter(
          (r) => r.state !== 'PENDING' || r.user.toLowerCase() === this.identity.login.toLowerCase(),
        );
        const picked = visible
          .filter((r) => !args.states || args.states.includes(r.state))
          .filter((r) => !args.author || r.user.toLowerCase() === args.author.toLowerCase());
        return connection(
          'reviews',
          picked.map((r, i) => this.review(repo, pull, r, i)),
          args,
        );
      },
      timelineItems: (args: ConnectionArgs & { itemTypes?: string[] | null; since?: string | null; skip?: number | null }) => {
        const events = pull.timeline
          .filter((e) => !args.itemTypes || args.itemTypes.includes(TIMELINE_TYPES[e.event].itemType))
          .filter((e) => !args.since || e.created_at >= args.since)
          .slice(args.skip ?? 0);
        const nodes = events.map((e, i) => this.timelineItem(repo, e, i));
        return connection('timelineItems', nodes, args, { filteredCount: nodes.length, pageCount: nodes.length, updatedAt: created });
      },
      commits: (args: ConnectionArgs) => {
        const commits = p.commits ?? [{ sha: p.head.sha, at: created }];
        return connection(
          'commits',
          commits.map((c) => ({
            __typename: 'PullRequestCommit',
            id: nodeId('PRC', this.world.idFor(`prc:${c.sha}`)),
            commit: this.commit(repo, c.sha, c.at),
          })),
          args,
        );
      },
      files: (args: ConnectionArgs) => {
        // GitHub lists at most 3,000 changed files of a pull request; changedFiles still counts them all.
        const files = (p.files ?? []).slice(0, 3000).map((f) => (typeof f === 'string' ? { filename: f } : f));
        const changeType = { added: 'ADDED', removed: 'DELETED', modified: 'MODIFIED', renamed: 'RENAMED' } as const;
        return connection(
          'files',
          files.map((f) => ({
            path: f.filename,
            additions: f.additions ?? 1,
            deletions: f.deletions ?? 0,
            changeType: changeType[f.status ?? 'modified'],
          })),
          args,
        );
      },
    };
  }

  review(repo: RepoRecord, pull: PullRecord, r: ReviewSpec, index: number): Record<string, unknown> {
    const id = r.id ?? this.world.idFor(`review:${repo.fullName}#${pull.spec.number}/${index}`);
    const at = r.submitted_at ?? pull.spec.created_at ?? EPOCH;
    return {
      __typename: 'PullRequestReview',
      id: nodeId('PRR', id),
      databaseId: id,
      fullDatabaseId: String(id),
      author: this.actor(r.user),
      state: r.state,
      body: r.body ?? '',
      submittedAt: r.state === 'PENDING' ? null : at,
      createdAt: at,
      commit: this.commit(repo, r.commit_id ?? pull.spec.head.sha),
      url: `https://github.com/${repo.fullName}/pull/${pull.spec.number}#pullrequestreview-${id}`,
    };
  }

  timelineItem(repo: RepoRecord, e: TimelineEventSpec, index: number): Record<string, unknown> {
    const base = {
      __typename: TIMELINE_TYPES[e.event].typename,
      id: nodeId('EV', this.world.idFor(`event:${repo.fullName}/${index}/${e.created_at}`)),
      createdAt: e.created_at,
      actor: this.actor(e.actor),
    };
    if (e.event === 'review_requested' || e.event === 'review_request_removed') {
      let requestedReviewer: Record<string, unknown> | null = null;
      if (e.requested_team) {
        const [org, slug] = e.requested_team.includes('/')
          ? (e.requested_team.split('/') as [string, string])
          : [repo.owner, e.requested_team];
        const team = this.world.team(org, slug) ?? {
          org,
          slug,
          id: this.world.idFor(`team:${org}/${slug}`.toLowerCase()),
          name: slug,
          members: [],
          privacy: 'closed' as const,
        };
        requestedReviewer = this.team(team);
      } else {
        requestedReviewer = this.actor(e.requested_reviewer);
      }
      return { ...base, requestedReviewer };
    }
    return { ...base, url: `https://github.com/${repo.fullName}`, resourcePath: `/${repo.fullName}` };
  }
}

function root(r: Resolvers): Record<string, unknown> {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = r.world.repo(owner, name);
      if (!repo || !reaches(r.identity, repo.owner, repo.name))
        throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return r.repository(repo);
    },
    organization: ({ login }: { login: string }) => {
      if (!r.world.orgs.has(login.toLowerCase())) {
        throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`);
      }
      return r.organization(login);
    },
    viewer: () => {
      // Installation tokens have no user behind them.
      if (r.identity.app) throw new GitHubGraphQLError('FORBIDDEN', 'Resource not accessible by integration');
      return r.actor(r.identity.login);
    },
    rateLimit: () => ({
      limit: 5000,
      cost: 1,
      remaining: 4999,
      used: 1,
      resetAt: new Date(Date.now() + 3600_000).toISOString(),
      nodeCount: 0,
    }),
  };
}
