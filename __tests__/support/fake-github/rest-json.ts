// Builders of REST response bodies in the shapes GitHub documents (checked against the OpenAPI fixture).

import type { CommentRecord, PullRecord, RepoRecord, StatusRecord, TeamRecord, World } from './world.js';
import { EPOCH, blobSha, syntheticSha } from './world.js';

export interface Site {
  /** Where the fake answers, e.g. http://127.0.0.1:4321 (stands in for https://api.github.com). */
  api: string;
  web: string;
  world: World;
}

export function userJson(site: Site, login: string): Record<string, unknown> {
  const api = `${site.api}/users/${encodeURIComponent(login)}`;
  const id = site.world.idFor(`user:${login.toLowerCase()}`);
  return {
    login,
    id,
    node_id: nodeId(login.endsWith('[bot]') ? 'BOT' : 'U', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${site.web}/${login.replace(/\[bot\]$/, '')}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

export function publicUserJson(site: Site, login: string): Record<string, unknown> {
  return {
    ...userJson(site, login),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

export function repoJson(site: Site, repo: RepoRecord): Record<string, unknown> {
  const api = `${site.api}/repos/${repo.fullName}`;
  const html = `${site.web}/${repo.fullName}`;
  const host = new URL(site.web).host;
  const urls = Object.fromEntries(
    [
      ['archive_url', '/{archive_format}{/ref}'],
      ['assignees_url', '/assignees{/user}'],
      ['blobs_url', '/git/blobs{/sha}'],
      ['branches_url', '/branches{/branch}'],
      ['collaborators_url', '/collaborators{/collaborator}'],
      ['comments_url', '/comments{/number}'],
      ['commits_url', '/commits{/sha}'],
      ['compare_url', '/compare/{base}...{head}'],
      ['contents_url', '/contents/{+path}'],
      ['contributors_url', '/contributors'],
      ['deployments_url', '/deployments'],
      ['downloads_url', '/downloads'],
      ['events_url', '/events'],
      ['forks_url', '/forks'],
      ['git_commits_url', '/git/commits{/sha}'],
      ['git_refs_url', '/git/refs{/sha}'],
      ['git_tags_url', '/git/tags{/sha}'],
      ['hooks_url', '/hooks'],
      ['issue_comment_url', '/issues/comments{/number}'],
      ['issue_events_url', '/issues/events{/number}'],
      ['issues_url', '/issues{/number}'],
      ['keys_url', '/keys{/key_id}'],
      ['labels_url', '/labels{/name}'],
      ['languages_url', '/languages'],
      ['merges_url', '/merges'],
      ['milestones_url', '/milestones{/number}'],
      ['notifications_url', '/notifications{?since,all,participating}'],
      ['pulls_url', '/pulls{/number}'],
      ['releases_url', '/releases{/id}'],
      ['stargazers_url', '/stargazers'],
      ['statuses_url', '/statuses/{sha}'],
      ['subscribers_url', '/subscribers'],
      ['subscription_url', '/subscription'],
      ['tags_url', '/tags'],
      ['teams_url', '/teams'],
      ['trees_url', '/git/trees{/sha}'],
    ].map(([key, suffix]) => [key, `${api}${suffix}`]),
  );
  const isPrivate = repo.spec.private ?? false;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userJson(site, repo.owner),
    private: isPrivate,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...urls,
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.spec.default_branch ?? 'main',
    open_issues: 0,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: isPrivate ? 'private' : 'public',
    license: null,
    pushed_at: EPOCH,
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

function pullState(pull: PullRecord): 'open' | 'closed' {
  return pull.spec.state ?? 'open';
}

function pullLinks(site: Site, repo: RepoRecord, number: number, headSha: string): Record<string, { href: string }> {
  const api = `${site.api}/repos/${repo.fullName}`;
  return {
    self: { href: `${api}/pulls/${number}` },
    html: { href: `${site.web}/${repo.fullName}/pull/${number}` },
    issue: { href: `${api}/issues/${number}` },
    comments: { href: `${api}/issues/${number}/comments` },
    review_comments: { href: `${api}/pulls/${number}/comments` },
    review_comment: { href: `${api}/pulls/comments{/number}` },
    commits: { href: `${api}/pulls/${number}/commits` },
    statuses: { href: `${api}/statuses/${headSha}` },
  };
}

function branchJson(site: Site, repo: RepoRecord, side: { sha: string; ref?: string }, fallbackRef: string): Record<string, unknown> {
  const ref = side.ref ?? fallbackRef;
  return {
    label: `${repo.owner}:${ref}`,
    ref,
    sha: side.sha,
    user: userJson(site, repo.owner),
    repo: repoJson(site, repo),
  };
}

/** `pull-request-simple`, as GET /pulls lists it. */
export function pullSimpleJson(site: Site, repo: RepoRecord, pull: PullRecord): Record<string, unknown> {
  const p = pull.spec;
  const api = `${site.api}/repos/${repo.fullName}`;
  const created = p.created_at ?? EPOCH;
  const links = pullLinks(site, repo, p.number, p.head.sha);
  const users = pull.requested.filter((r) => !r.includes('/'));
  const teams = pull.requested.filter((r) => r.includes('/'));
  const headRepo = p.head.repo ? site.world.repo(...(p.head.repo.split('/') as [string, string])) : undefined;
  return {
    url: `${api}/pulls/${p.number}`,
    id: site.world.idFor(`pull:${repo.fullName}#${p.number}`),
    node_id: nodeId('PR', p.number),
    html_url: `${site.web}/${repo.fullName}/pull/${p.number}`,
    diff_url: `${site.web}/${repo.fullName}/pull/${p.number}.diff`,
    patch_url: `${site.web}/${repo.fullName}/pull/${p.number}.patch`,
    issue_url: `${api}/issues/${p.number}`,
    commits_url: `${api}/pulls/${p.number}/commits`,
    review_comments_url: `${api}/pulls/${p.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${p.number}/comments`,
    statuses_url: `${api}/statuses/${p.head.sha}`,
    number: p.number,
    state: pullState(pull),
    locked: false,
    title: p.title ?? `Pull request #${p.number}`,
    user: userJson(site, p.user),
    body: p.body ?? null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: created,
    updated_at: created,
    closed_at: pullState(pull) === 'closed' ? created : null,
    merged_at: p.merged_at ?? null,
    merge_commit_sha: p.merge_commit_sha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: users.map((login) => userJson(site, login)),
    requested_teams: teams.map((slug) => teamJson(site, teamOrStub(site, slug))),
    head: branchJson(site, headRepo ?? repo, p.head, `pull-${p.number}`),
    base: branchJson(site, repo, p.base, repo.spec.default_branch ?? 'main'),
    _links: links,
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: p.draft ?? false,
  };
}

/** `pull-request`, as GET /pulls/{n} returns it. */
export function pullJson(site: Site, repo: RepoRecord, pull: PullRecord): Record<string, unknown> {
  const p = pull.spec;
  return {
    ...pullSimpleJson(site, repo, pull),
    requested_teams: pull.requested.filter((r) => r.includes('/')).map((slug) => teamJson(site, teamOrStub(site, slug), true)),
    merged: p.merged_at !== undefined,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: repo.comments.filter((c) => c.issue_number === p.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: p.commits?.length ?? 1,
    additions: 0,
    deletions: 0,
    changed_files: p.files?.length ?? 0,
  };
}

export function diffEntryJson(
  site: Site,
  repo: RepoRecord,
  pull: PullRecord,
  file: NonNullable<PullRecord['spec']['files']>[number],
): Record<string, unknown> {
  const f = typeof file === 'string' ? { filename: file } : file;
  const additions = f.additions ?? 1;
  const deletions = f.deletions ?? 0;
  const path = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: fileSha(site, repo, pull.spec.head.sha, f.filename),
    filename: f.filename,
    status: f.status ?? 'modified',
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${site.web}/${repo.fullName}/blob/${pull.spec.head.sha}/${path}`,
    raw_url: `${site.web}/${repo.fullName}/raw/${pull.spec.head.sha}/${path}`,
    contents_url: `${site.api}/repos/${repo.fullName}/contents/${path}?ref=${pull.spec.head.sha}`,
  };
}

function fileSha(site: Site, repo: RepoRecord, ref: string, path: string): string {
  const key = site.world.resolveRef(repo, ref);
  const entry = key === undefined ? undefined : site.world.entry(repo, key, path);
  return entry?.kind === 'file' ? blobSha(entry.bytes) : syntheticSha(`${repo.fullName}@${ref}:${path}`);
}

export function commentJson(site: Site, repo: RepoRecord, comment: CommentRecord): Record<string, unknown> {
  const api = `${site.api}/repos/${repo.fullName}`;
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${site.web}/${repo.fullName}/pull/${comment.issue_number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(site, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    issue_url: `${api}/issues/${comment.issue_number}`,
    author_association: comment.user.endsWith('[bot]') ? 'NONE' : 'CONTRIBUTOR',
    performed_via_github_app: null,
    reactions: {
      url: `${api}/issues/comments/${comment.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    },
  };
}

export function statusJson(site: Site, repo: RepoRecord, status: StatusRecord): Record<string, unknown> {
  const creator = userJson(site, status.creator);
  return {
    url: `${site.api}/repos/${repo.fullName}/statuses/${status.sha}`,
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: nodeId('SC', status.id),
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.updated_at,
    creator,
  };
}

/** The latest status per context, newest first, as GitHub reports them. */
export function latestStatuses(list: StatusRecord[]): StatusRecord[] {
  const byContext = new Map<string, StatusRecord>();
  for (const status of list) byContext.set(status.context, status);
  return [...byContext.values()].reverse();
}

export function combinedStatusJson(site: Site, repo: RepoRecord, sha: string, list: StatusRecord[]): Record<string, unknown> {
  const latest = latestStatuses(list);
  const states = latest.map((s) => s.state);
  const state = states.some((s) => s === 'error' || s === 'failure')
    ? 'failure'
    : states.length > 0 && states.every((s) => s === 'success')
      ? 'success'
      : 'pending';
  return {
    state,
    sha,
    total_count: latest.length,
    statuses: latest.map((s) => {
      const full = statusJson(site, repo, s);
      delete full.creator;
      return full;
    }),
    repository: minimalRepoJson(site, repo),
    commit_url: `${site.api}/repos/${repo.fullName}/commits/${sha}`,
    url: `${site.api}/repos/${repo.fullName}/commits/${sha}/status`,
  };
}

function minimalRepoJson(site: Site, repo: RepoRecord): Record<string, unknown> {
  const full = repoJson(site, repo);
  for (const key of ['homepage', 'language', 'license', 'mirror_url', 'forks', 'open_issues', 'watchers']) delete full[key];
  return full;
}

/** `team` (pull-request-simple lists these) or, with simple, `team-simple` (pull-request lists those). */
export function teamJson(site: Site, team: TeamRecord, simple = false): Record<string, unknown> {
  return {
    ...(simple ? {} : { parent: null }),
    id: team.id,
    node_id: nodeId('T', team.id),
    url: `${site.api}/organizations/${site.world.idFor(`org:${team.org.toLowerCase()}`)}/team/${team.id}`,
    html_url: `${site.web}/orgs/${team.org}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: null,
    privacy: team.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${site.api}/organizations/${site.world.idFor(`org:${team.org.toLowerCase()}`)}/team/${team.id}/members{/member}`,
    repositories_url: `${site.api}/organizations/${site.world.idFor(`org:${team.org.toLowerCase()}`)}/team/${team.id}/repos`,
    type: 'organization',
  };
}

/** A team named in a review request but not described under orgs: still shown, with no members. */
function teamOrStub(site: Site, orgSlug: string): TeamRecord {
  const [org = '', slug = ''] = orgSlug.split('/');
  return (
    site.world.team(org, slug) ?? {
      org,
      slug,
      id: site.world.idFor(`team:${orgSlug.toLowerCase()}`),
      name: slug,
      members: [],
      privacy: 'closed',
    }
  );
}

export function errorJson(status: number, message: string, docs = 'https://docs.github.com/rest'): Record<string, unknown> {
  return { message, documentation_url: docs, status: String(status) };
}

/** GitHub's node ids are opaque; these only need to be stable and distinct. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(String(id)).toString('base64url')}`;
}
