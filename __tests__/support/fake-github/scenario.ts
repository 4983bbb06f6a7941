// The scenario format: what a test writes to describe a GitHub (repositories, pulls, orgs, tokens, faults).
// Documented for humans in README.md; loadScenario reads the same shape from a JSON or YAML file.

import { readFileSync } from 'node:fs';
import { JSON_SCHEMA, load } from 'js-yaml';

export type Permission = 'contents' | 'pull_requests' | 'issues' | 'statuses' | 'members';
export type Access = 'none' | 'read' | 'write';
export const PERMISSIONS: readonly Permission[] = ['contents', 'pull_requests', 'issues', 'statuses', 'members'];

export interface TokenSpec {
  /** Who the token acts as. Default github-actions[bot]. */
  login?: string;
  /**
   * An installation token (GITHUB_TOKEN, GitHub App): GET /user answers 403 and GraphQL `viewer` fails,
   * as on github.com. Default: true when the login ends in [bot].
   */
  app?: boolean;
  /** 'write-all' (default), 'read-only' (a fork PR's GITHUB_TOKEN: all read, members none), or per permission; unlisted = none. */
  permissions?: 'write-all' | 'read-only' | Partial<Record<Permission, Access>>;
  /**
   * owner/name of the only repositories the token reaches (an installation token minted with
   * actions/create-github-app-token's `repositories:`): any other is invisible to it, as on github.com
   * (REST 404, GraphQL NOT_FOUND, left out of an organisation's list). Absent: every repository.
   */
  repositories?: string[];
}

/** A file's content: text, a symlink, binary bytes, or a submodule. */
export type FileSpec = string | { symlink: string } | { base64: string } | { submodule: string };

export type ReviewStateSpec = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewSpec {
  id?: number;
  user: string;
  state: ReviewStateSpec;
  submitted_at?: string;
  /** Default: the PR's head sha. */
  commit_id?: string;
  body?: string;
}

export type TimelineEventSpec =
  | {
      event: 'review_requested' | 'review_request_removed';
      created_at: string;
      /** A user login (bots end in [bot]). */
      requested_reviewer?: string;
      /** A team as org/slug (or slug, in the repository owner's org). */
      requested_team?: string;
      actor?: string;
    }
  | { event: 'ready_for_review' | 'convert_to_draft'; created_at: string; actor?: string };

export interface CommentSpec {
  id?: number;
  user: string;
  body: string;
  created_at?: string;
}

export interface PullSpec {
  number: number;
  title?: string;
  body?: string;
  /** The author's login. */
  user: string;
  state?: 'open' | 'closed';
  draft?: boolean;
  created_at?: string;
  head: { sha: string; ref?: string /** owner/name of a fork */; repo?: string };
  base: { sha: string; ref?: string };
  /** Changed files (paths). */
  files?: Array<
    string | { filename: string; status?: 'added' | 'removed' | 'modified' | 'renamed'; additions?: number; deletions?: number }
  >;
  commits?: Array<{ sha: string; at?: string; files?: string[]; message?: string }>;
  reviews?: ReviewSpec[];
  timeline?: TimelineEventSpec[];
  comments?: CommentSpec[];
  /** Pending review requests (logins and org/slug); POST requested_reviewers adds to them. */
  requested_reviewers?: string[];
  /** A merged pull request: when (state should be closed) and the commit it merged as (squash or merge commit). */
  merged_at?: string;
  merge_commit_sha?: string;
}

export interface StatusSpec {
  state: 'error' | 'failure' | 'pending' | 'success';
  context?: string;
  description?: string | null;
  target_url?: string | null;
  creator?: string;
  created_at?: string;
}

export interface RepoSpec {
  default_branch?: string;
  /** Archived repositories are left out of an organisation's portfolio. */
  archived?: boolean;
  private?: boolean;
  /** Branch name → commit sha. */
  branches?: Record<string, string>;
  /** Tag name → commit sha (lightweight tags). */
  tags?: Record<string, string>;
  /** Commit sha (or branch/tag name) → path → content. */
  files?: Record<string, Record<string, FileSpec>>;
  /** Kept minimal: enough for the commit dates GraphQL and REST report. */
  commits?: Record<string, { parents?: string[]; date?: string; message?: string }>;
  pulls?: PullSpec[];
  /** Commit sha → statuses already set, oldest first. */
  statuses?: Record<string, StatusSpec[]>;
  /** Trees with more entries come back with truncated: true (GitHub's limit is 100,000 entries / 7 MB). */
  tree_entry_limit?: number;
  /** When given, review requests for anyone else fail with 422 as on GitHub. */
  collaborators?: string[];
  /**
   * Commit sha → the pull requests GraphQL Commit.associatedPullRequests lists for it, overriding the
   * default (the pull requests that merged as it, else those that hold it, merged ones only for a
   * commit on the default branch, as on GitHub): numbers of this
   * repository's pull requests, or "owner/repo#n" for another repository's (a hostile answer).
   */
  associated_pulls?: Record<string, Array<number | string>>;
}

export interface TeamSpec {
  members: string[];
  name?: string;
  privacy?: 'closed' | 'secret';
}

export interface OrgSpec {
  teams?: Record<string, string[] | TeamSpec>;
  /**
   * Default true. false: team members are readable only by tokens whose `permissions` map grants
   * `members` explicitly (the write-all default does not), as GITHUB_TOKEN never can.
   */
  members_visible?: boolean;
}

export type FaultKind =
  | 'server-error'
  | 'bad-gateway'
  | 'secondary-rate-limit'
  | 'rate-limit'
  | 'malformed-json'
  | 'reset'
  // Hostile paging: the request is served normally, then its answer says there is more in a way that cannot end.
  | 'page-null-cursor'
  | 'page-repeated-cursor'
  | 'page-endless';

/** The fault kinds that rewrite a normal answer's paging instead of replacing the answer. */
export const PAGING_FAULTS: readonly FaultKind[] = ['page-null-cursor', 'page-repeated-cursor', 'page-endless'];

export interface FaultSpec {
  /** Every given field must match. path is a regular expression tested against the URL path. */
  match: { method?: string; path?: string; operation?: string; token?: string };
  /** How many matching requests the fault applies to. Default 1; 'always' for every one. */
  times?: number | 'always';
  /** A preset; `respond` and `malformed_json` override or complete it. */
  kind?: FaultKind;
  /** For secondary-rate-limit and rate-limit: the retry-after seconds. Default 1. */
  retry_after?: number;
  respond?: { status: number; headers?: Record<string, string>; body?: unknown };
  /** Wait before answering (the request is then served normally unless respond/kind say otherwise). */
  delay_ms?: number;
  /** Answer 200 with a body that is not valid JSON. */
  malformed_json?: boolean;
  /**
   * For the page-* kinds on GraphQL: the connection field whose pageInfo is rewritten wherever it occurs
   * in the answer (reviews, timelineItems, commits, files, members, repositories). REST answers get their
   * Link header rewritten instead.
   */
  connection?: string;
}

export interface Scenario {
  /** Token string → identity and permissions. Absent: any token is accepted as github-actions[bot] with write-all. */
  tokens?: Record<string, TokenSpec>;
  repos?: Record<string, RepoSpec>;
  orgs?: Record<string, OrgSpec>;
  faults?: FaultSpec[];
}

const KEYS: Record<string, readonly string[]> = {
  token: ['login', 'app', 'permissions', 'repositories'],
  repo: [
    'default_branch',
    'private',
    'archived',
    'branches',
    'tags',
    'files',
    'commits',
    'pulls',
    'statuses',
    'tree_entry_limit',
    'collaborators',
    'associated_pulls',
  ],
  pull: [
    'number',
    'title',
    'body',
    'user',
    'state',
    'draft',
    'created_at',
    'head',
    'base',
    'files',
    'commits',
    'reviews',
    'timeline',
    'comments',
    'requested_reviewers',
    'merged_at',
    'merge_commit_sha',
  ],
  review: ['id', 'user', 'state', 'submitted_at', 'commit_id', 'body'],
  event: ['event', 'created_at', 'requested_reviewer', 'requested_team', 'actor'],
  org: ['teams', 'members_visible'],
  fault: ['match', 'times', 'kind', 'retry_after', 'respond', 'delay_ms', 'malformed_json', 'connection'],
};

function checkKeys(value: unknown, kind: keyof typeof KEYS & string, where: string): void {
  if (value === null || typeof value !== 'object') throw new Error(`scenario ${where}: expected a mapping`);
  const allowed = KEYS[kind] ?? [];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Error(`scenario ${where}: unknown key "${key}" (a ${kind} has ${allowed.join(', ')})`);
  }
}

/** Catches misspelt keys, which would otherwise be ignored silently. */
export function checkScenario(s: Scenario): void {
  for (const [name, token] of Object.entries(s.tokens ?? {})) checkKeys(token, 'token', `tokens.${name}`);
  for (const [name, org] of Object.entries(s.orgs ?? {})) checkKeys(org, 'org', `orgs.${name}`);
  for (const [i, fault] of (s.faults ?? []).entries()) checkKeys(fault, 'fault', `faults[${i}]`);
  for (const [name, repo] of Object.entries(s.repos ?? {})) {
    checkKeys(repo, 'repo', `repos.${name}`);
    for (const pull of repo.pulls ?? []) {
      const where = `repos.${name} pull #${pull.number}`;
      checkKeys(pull, 'pull', where);
      for (const [i, r] of (pull.reviews ?? []).entries()) checkKeys(r, 'review', `${where} reviews[${i}]`);
      for (const [i, e] of (pull.timeline ?? []).entries()) checkKeys(e, 'event', `${where} timeline[${i}]`);
    }
  }
}

/** Reads a scenario from a .json, .yml or .yaml file. */
export function loadScenario(file: string): Scenario {
  const text = readFileSync(file, 'utf8');
  // The JSON schema keeps timestamps as strings (the default one would make them Dates).
  const data: unknown = file.endsWith('.json') ? JSON.parse(text) : load(text, { schema: JSON_SCHEMA });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${file}: a scenario is a mapping with repos, orgs, tokens and faults`);
  }
  const known = new Set(['tokens', 'repos', 'orgs', 'faults']);
  for (const key of Object.keys(data)) {
    if (!known.has(key)) throw new Error(`${file}: unknown scenario key "${key}" (expected ${[...known].join(', ')})`);
  }
  return data as Scenario;
}

export const DEFAULT_LOGIN = 'github-actions[bot]';

export interface TokenIdentity {
  login: string;
  app: boolean;
  access: Record<Permission, Access>;
  /** The token's permissions map names `members` (read or write). */
  explicitMembers: boolean;
  /** owner/name, lower-cased, of the only repositories the token reaches; null: every repository. */
  repositories: Set<string> | null;
}

export function tokenIdentity(spec: TokenSpec | undefined): TokenIdentity {
  const login = spec?.login ?? DEFAULT_LOGIN;
  const permissions = spec?.permissions ?? 'write-all';
  const access = Object.fromEntries(
    PERMISSIONS.map((p): [Permission, Access] => {
      if (permissions === 'write-all') return [p, p === 'members' ? 'read' : 'write'];
      if (permissions === 'read-only') return [p, p === 'members' ? 'none' : 'read'];
      return [p, permissions[p] ?? 'none'];
    }),
  ) as Record<Permission, Access>;
  const explicitMembers = typeof permissions === 'object' && permissions.members !== undefined && permissions.members !== 'none';
  const repositories = spec?.repositories ? new Set(spec.repositories.map((r) => r.toLowerCase())) : null;
  return { login, app: spec?.app ?? login.endsWith('[bot]'), access, explicitMembers, repositories };
}

/** Whether the token reaches the repository owner/name at all (its `repositories`, when narrowed). */
export function reaches(identity: TokenIdentity, owner: string, name: string): boolean {
  return identity.repositories === null || identity.repositories.has(`${owner}/${name}`.toLowerCase());
}

export function allows(identity: TokenIdentity, permission: Permission, needed: 'read' | 'write'): boolean {
  const have = identity.access[permission];
  return needed === 'read' ? have !== 'none' : have === 'write';
}
