// The REST endpoints the fake serves, each keyed by its OpenAPI name so answers can be checked against GitHub's description.

import type { Permission, TokenIdentity } from './scenario.js';
import { allows, reaches } from './scenario.js';
import {
  combinedStatusJson,
  commentJson,
  diffEntryJson,
  errorJson,
  publicUserJson,
  pullJson,
  pullSimpleJson,
  statusJson,
  userJson,
  type Site,
} from './rest-json.js';
import type { Entry, RepoRecord } from './world.js';
import { blobSha, syntheticSha } from './world.js';

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  identity: TokenIdentity;
  site: Site;
}

export interface RestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers to answer with an HTTP error, as GitHub would. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

type Params = Record<string, string>;
interface Route {
  /** The OpenAPI key, e.g. "GET /repos/{owner}/{repo}/pulls". */
  endpoint: string;
  method: string;
  pattern: RegExp;
  handle(req: RestRequest, params: Params): RestAnswer;
}

const DOCS = {
  user: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  tree: 'https://docs.github.com/rest/git/trees#get-a-tree',
  contents: 'https://docs.github.com/rest/repos/contents#get-repository-content',
  status: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
  statuses: 'https://docs.github.com/rest/commits/statuses#list-commit-statuses-for-a-reference',
  comments: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  reviewers: 'https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request',
  pulls: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests',
  members: 'https://docs.github.com/rest/teams/members#list-team-members',
};

export const MAX_COMMENT_LENGTH = 65536;

const routes: Route[] = [];
function route(endpoint: string, handle: Route['handle']): void {
  const [method = '', template = ''] = endpoint.split(' ');
  const source = template
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_, name: string) => (name === 'path' ? `(?<${name}>.*)` : `(?<${name}>[^/]+)`));
  routes.push({ endpoint, method, pattern: new RegExp(`^${source}/?$`), handle });
}

/** The route for a request, with its decoded path parameters. */
export function findRoute(method: string, path: string): { route: Route; params: Params } | undefined {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) {
      const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { route: r, params };
    }
  }
  return undefined;
}

export function routeEndpoints(): string[] {
  return routes.map((r) => r.endpoint);
}

// ---------------------------------------------------------------- helpers

function need(req: RestRequest, permission: Permission | Permission[], level: 'read' | 'write', docs: string): void {
  const options = Array.isArray(permission) ? permission : [permission];
  if (options.some((p) => allows(req.identity, p, level))) return;
  const who = req.identity.app ? 'integration' : 'personal access token';
  throw new HttpError(403, errorJson(403, `Resource not accessible by ${who}`, docs));
}

function notFound(docs = 'https://docs.github.com/rest'): HttpError {
  return new HttpError(404, errorJson(404, 'Not Found', docs));
}

function repoOf(req: RestRequest, params: Params): RepoRecord {
  const repo = req.site.world.repo(params.owner ?? '', params.repo ?? '');
  if (!repo || !reaches(req.identity, repo.owner, repo.name)) throw notFound();
  return repo;
}

function pullOf(repo: RepoRecord, number: string | undefined) {
  const pull = repo.pulls.get(Number(number));
  if (!pull) throw notFound();
  return pull;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Real pagination: per_page (default 30, at most 100), page, and a Link header GitHub's way. */
function paginate(req: RestRequest, items: unknown[]): RestAnswer {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
  const pageNumber = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const body = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const link = (n: number, rel: string): string => {
    const q = new URLSearchParams(req.query);
    q.set('per_page', String(perPage));
    q.set('page', String(n));
    return `<${req.site.api}${req.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNumber > 1) links.push(link(pageNumber - 1, 'prev'));
  if (pageNumber < last) links.push(link(pageNumber + 1, 'next'), link(last, 'last'));
  if (pageNumber > 1) links.push(link(1, 'first'));
  return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function treeKey(req: RestRequest, repo: RepoRecord, ref: string): string {
  const key = req.site.world.resolveRef(repo, ref);
  if (key === undefined) throw new HttpError(404, errorJson(404, `No commit found for the ref ${ref}`, DOCS.contents));
  return key;
}

// ---------------------------------------------------------------- identity

route('GET /user', (req) => {
  if (req.identity.app) throw new HttpError(403, errorJson(403, 'Resource not accessible by integration', DOCS.user));
  return { status: 200, body: publicUserJson(req.site, req.identity.login) };
});

// ---------------------------------------------------------------- contents

const MODES: Record<Entry['kind'], { mode: string; type: string }> = {
  file: { mode: '100644', type: 'blob' },
  symlink: { mode: '120000', type: 'blob' },
  submodule: { mode: '160000', type: 'commit' },
  dir: { mode: '040000', type: 'tree' },
};

function entrySha(repo: RepoRecord, key: string, entry: Entry): string {
  if (entry.kind === 'file') return blobSha(entry.bytes);
  if (entry.kind === 'symlink') return blobSha(Buffer.from(entry.target));
  // A submodule's sha is the commit it pins: the same in every tree that pins the same one (the
  // scenario names only its URL), as the gate's tree comparison expects.
  if (entry.kind === 'submodule') return syntheticSha(`${repo.fullName}:${entry.path}:${entry.url}`);
  return syntheticSha(`${repo.fullName}@${key}:${entry.path}`);
}

function entrySize(entry: Entry): number {
  if (entry.kind === 'file') return entry.bytes.length;
  if (entry.kind === 'symlink') return Buffer.byteLength(entry.target);
  return 0;
}

route('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'contents', 'read', DOCS.tree);
  const ref = params.tree_sha ?? '';
  const key = req.site.world.resolveRef(repo, ref);
  if (key === undefined) throw notFound(DOCS.tree);
  const all = req.site.world.entries(repo, key);
  const recursive = req.query.has('recursive');
  const listed = recursive ? all : all.filter((e) => !e.path.includes('/'));
  const limit = repo.spec.tree_entry_limit ?? 100_000;
  const api = `${req.site.api}/repos/${repo.fullName}`;
  const tree = listed.slice(0, limit).map((entry) => {
    const sha = entrySha(repo, key, entry);
    const { mode, type } = MODES[entry.kind];
    return {
      path: entry.path,
      mode,
      type,
      sha,
      ...(type === 'blob' ? { size: entrySize(entry), url: `${api}/git/blobs/${sha}` } : {}),
      ...(type === 'tree' ? { url: `${api}/git/trees/${sha}` } : {}),
    };
  });
  const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : syntheticSha(`${repo.fullName}@${key}`);
  return { status: 200, body: { sha, url: `${api}/git/trees/${sha}`, tree, truncated: listed.length > limit } };
});

function contentItem(req: RestRequest, repo: RepoRecord, key: string, ref: string, entry: Entry): Record<string, unknown> {
  const sha = entrySha(repo, key, entry);
  const api = `${req.site.api}/repos/${repo.fullName}`;
  const encoded = entry.path.split('/').map(encodeURIComponent).join('/');
  const url = `${api}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const kind = entry.kind === 'file' ? 'blob' : entry.kind === 'dir' ? 'tree' : 'blob';
  const html = `${req.site.web}/${repo.fullName}/${kind}/${encodeURIComponent(ref)}/${encoded}`;
  const gitUrl = entry.kind === 'dir' ? `${api}/git/trees/${sha}` : entry.kind === 'submodule' ? null : `${api}/git/blobs/${sha}`;
  const download =
    entry.kind === 'file' || entry.kind === 'symlink' ? `${req.site.web}/${repo.fullName}/raw/${encodeURIComponent(ref)}/${encoded}` : null;
  return {
    type: entry.kind,
    size: entrySize(entry),
    name: entry.path.split('/').pop(),
    path: entry.path,
    sha,
    url,
    git_url: gitUrl,
    html_url: entry.kind === 'submodule' ? null : html,
    download_url: download,
    _links: { self: url, git: gitUrl, html: entry.kind === 'submodule' ? null : html },
  };
}

/** Where a symlink points, as a repository path; null when it leaves the repository. */
function symlinkTarget(linkPath: string, target: string): string | null {
  if (target.startsWith('/')) return null;
  const parts = linkPath.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

route('GET /repos/{owner}/{repo}/contents/{path}', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'contents', 'read', DOCS.contents);
  const ref = req.query.get('ref') ?? repo.spec.default_branch ?? 'main';
  const key = treeKey(req, repo, ref);
  const path = (params.path ?? '').replace(/^\/+|\/+$/g, '');
  const entries = req.site.world.entries(repo, key);
  if (path === '' || entries.some((e) => e.kind === 'dir' && e.path === path)) {
    const prefix = path === '' ? '' : `${path}/`;
    const children = entries.filter((e) => e.path.startsWith(prefix) && !e.path.slice(prefix.length).includes('/'));
    return { status: 200, body: children.map((e) => contentItem(req, repo, key, ref, e)) };
  }
  let entry = entries.find((e) => e.path === path);
  if (!entry) throw notFound(DOCS.contents);
  // GitHub answers a symlink to a file in the repository with that file.
  if (entry.kind === 'symlink') {
    const link = entry;
    const targetPath = symlinkTarget(link.path, link.target);
    const target = targetPath === null ? undefined : entries.find((e) => e.path === targetPath);
    if (target?.kind === 'file') entry = target;
    else return { status: 200, body: { ...contentItem(req, repo, key, ref, link), target: link.target } };
  }
  const item = contentItem(req, repo, key, ref, entry);
  if (entry.kind === 'submodule') return { status: 200, body: { ...item, submodule_git_url: entry.url } };
  if (entry.kind !== 'file') throw notFound(DOCS.contents);
  // Files over 1 MB come without content (encoding "none"), as the docs say.
  const tooBig = entry.bytes.length > 1024 * 1024;
  const base64 = tooBig ? '' : (entry.bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n');
  return { status: 200, body: { ...item, content: tooBig ? '' : `${base64}\n`, encoding: tooBig ? 'none' : 'base64' } };
});

// ---------------------------------------------------------------- statuses

route('POST /repos/{owner}/{repo}/statuses/{sha}', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'statuses', 'write', DOCS.status);
  const sha = params.sha ?? '';
  if (req.site.world.resolveRef(repo, sha) === undefined) {
    throw new HttpError(422, { message: `No commit found for SHA: ${sha}`, documentation_url: DOCS.status, status: '422' });
  }
  const body = req.body as {
    state: 'error' | 'failure' | 'pending' | 'success';
    target_url?: string | null;
    description?: string | null;
    context?: string;
  };
  if ((body.description ?? '').length > 140) {
    throw new HttpError(422, {
      message: 'Validation Failed',
      errors: [
        { resource: 'Status', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' },
      ],
      documentation_url: DOCS.status,
    });
  }
  const at = now();
  const record = {
    id: req.site.world.newId(),
    sha,
    state: body.state,
    context: body.context ?? 'default',
    description: body.description ?? null,
    target_url: body.target_url ?? null,
    creator: req.identity.login,
    created_at: at,
    updated_at: at,
  };
  const list = repo.statuses.get(sha) ?? [];
  list.push(record);
  repo.statuses.set(sha, list);
  return { status: 201, body: statusJson(req.site, repo, record) };
});

function statusesFor(req: RestRequest, repo: RepoRecord, ref: string) {
  const sha = req.site.world.commitSha(repo, ref);
  if (sha === undefined) throw new HttpError(404, errorJson(404, `No commit found for SHA: ${ref}`, DOCS.statuses));
  return { sha, list: repo.statuses.get(sha) ?? [] };
}

route('GET /repos/{owner}/{repo}/commits/{ref}/statuses', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'statuses', 'read', DOCS.statuses);
  const { list } = statusesFor(req, repo, params.ref ?? '');
  return paginate(
    req,
    [...list].reverse().map((s) => statusJson(req.site, repo, s)),
  );
});

route('GET /repos/{owner}/{repo}/commits/{ref}/status', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'statuses', 'read', DOCS.statuses);
  const { sha, list } = statusesFor(req, repo, params.ref ?? '');
  return { status: 200, body: combinedStatusJson(req.site, repo, sha, list) };
});

// ---------------------------------------------------------------- comments

route('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (req, params) => {
  const repo = repoOf(req, params);
  need(req, ['issues', 'pull_requests'], 'read', DOCS.comments);
  const pull = pullOf(repo, params.issue_number);
  const comments = repo.comments.filter((c) => c.issue_number === pull.spec.number);
  return paginate(
    req,
    comments.map((c) => commentJson(req.site, repo, c)),
  );
});

function checkCommentBody(body: string): void {
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new HttpError(422, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
        },
      ],
      documentation_url: DOCS.comments,
    });
  }
}

route('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (req, params) => {
  const repo = repoOf(req, params);
  need(req, ['issues', 'pull_requests'], 'write', DOCS.comments);
  const pull = pullOf(repo, params.issue_number);
  const { body } = req.body as { body: string };
  checkCommentBody(body);
  const at = now();
  const record = {
    id: req.site.world.newId(),
    issue_number: pull.spec.number,
    user: req.identity.login,
    body,
    created_at: at,
    updated_at: at,
  };
  repo.comments.push(record);
  return { status: 201, body: commentJson(req.site, repo, record) };
});

route('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', (req, params) => {
  const repo = repoOf(req, params);
  need(req, ['issues', 'pull_requests'], 'write', DOCS.comments);
  const record = repo.comments.find((c) => c.id === Number(params.comment_id));
  if (!record) throw notFound(DOCS.comments);
  const { body } = req.body as { body: string };
  checkCommentBody(body);
  record.body = body;
  record.updated_at = now();
  return { status: 200, body: commentJson(req.site, repo, record) };
});

// ---------------------------------------------------------------- pulls

route('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'pull_requests', 'write', DOCS.reviewers);
  const pull = pullOf(repo, params.pull_number);
  const { reviewers = [], team_reviewers = [] } = (req.body ?? {}) as { reviewers?: string[]; team_reviewers?: string[] };
  if (reviewers.some((r) => r.toLowerCase() === pull.spec.user.toLowerCase())) {
    throw new HttpError(422, {
      message: 'Review cannot be requested from pull request author.',
      documentation_url: DOCS.reviewers,
      status: '422',
    });
  }
  const teams = team_reviewers.map((slug) => `${repo.owner}/${slug}`);
  const collaborators = repo.spec.collaborators?.map((c) => c.toLowerCase());
  const unknownUser = collaborators && reviewers.some((r) => !collaborators.includes(r.toLowerCase()));
  const unknownTeam = teams.some((t) => !req.site.world.team(...(t.split('/') as [string, string])));
  if (unknownUser || unknownTeam) {
    throw new HttpError(422, {
      message: `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`,
      documentation_url: DOCS.reviewers,
      status: '422',
    });
  }
  const at = now();
  for (const reviewer of [...reviewers, ...teams]) {
    if (!pull.requested.includes(reviewer)) pull.requested.push(reviewer);
    pull.timeline.push(
      reviewer.includes('/')
        ? { event: 'review_requested', created_at: at, requested_team: reviewer, actor: req.identity.login }
        : { event: 'review_requested', created_at: at, requested_reviewer: reviewer, actor: req.identity.login },
    );
  }
  return { status: 201, body: pullSimpleJson(req.site, repo, pull) };
});

route('GET /repos/{owner}/{repo}/pulls', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'pull_requests', 'read', DOCS.pulls);
  const state = req.query.get('state') ?? 'open';
  const base = req.query.get('base');
  const pulls = [...repo.pulls.values()]
    .filter((p) => state === 'all' || (p.spec.state ?? 'open') === state)
    .filter((p) => !base || (p.spec.base.ref ?? repo.spec.default_branch ?? 'main') === base)
    .sort((a, b) => b.spec.number - a.spec.number);
  return paginate(
    req,
    pulls.map((p) => pullSimpleJson(req.site, repo, p)),
  );
});

route('GET /repos/{owner}/{repo}/pulls/{pull_number}', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'pull_requests', 'read', DOCS.pulls);
  return { status: 200, body: pullJson(req.site, repo, pullOf(repo, params.pull_number)) };
});

route('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', (req, params) => {
  const repo = repoOf(req, params);
  need(req, 'pull_requests', 'read', DOCS.pulls);
  const pull = pullOf(repo, params.pull_number);
  // GitHub lists at most 3000 files.
  const files = (pull.spec.files ?? []).slice(0, 3000);
  return paginate(
    req,
    files.map((f) => diffEntryJson(req.site, repo, pull, f)),
  );
});

// ---------------------------------------------------------------- teams

route('GET /orgs/{org}/teams/{team_slug}/members', (req, params) => {
  if (!req.site.world.canReadMembers(req.identity, params.org ?? '')) {
    throw new HttpError(
      403,
      errorJson(403, `Resource not accessible by ${req.identity.app ? 'integration' : 'personal access token'}`, DOCS.members),
    );
  }
  const team = req.site.world.team(params.org ?? '', params.team_slug ?? '');
  if (!team) throw notFound(DOCS.members);
  return paginate(
    req,
    team.members.map((login) => userJson(req.site, login)),
  );
});
