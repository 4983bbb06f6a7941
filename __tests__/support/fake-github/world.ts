// The fake's mutable state, built from a scenario: what REST and GraphQL read, and what writes change.

import { createHash } from 'node:crypto';
import type {
  CommentSpec,
  FileSpec,
  OrgSpec,
  PullSpec,
  RepoSpec,
  Scenario,
  StatusSpec,
  TeamSpec,
  TimelineEventSpec,
  TokenIdentity,
} from './scenario.js';
import { tokenIdentity } from './scenario.js';

export const EPOCH = '2024-01-01T00:00:00Z';

export interface CommentRecord {
  id: number;
  issue_number: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: StatusSpec['state'];
  context: string;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface PullRecord {
  spec: PullSpec;
  timeline: TimelineEventSpec[];
  requested: string[];
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  spec: RepoSpec;
  pulls: Map<number, PullRecord>;
  comments: CommentRecord[];
  statuses: Map<string, StatusRecord[]>;
}

export interface TeamRecord {
  org: string;
  slug: string;
  id: number;
  name: string;
  members: string[];
  privacy: 'closed' | 'secret';
}

export type Entry =
  | { kind: 'file'; path: string; bytes: Buffer }
  | { kind: 'symlink'; path: string; target: string }
  | { kind: 'submodule'; path: string; url: string }
  | { kind: 'dir'; path: string };

export class World {
  readonly repos = new Map<string, RepoRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly orgs = new Set<string>();
  /** Orgs whose team members only tokens with an explicit members permission may read. */
  readonly hiddenMembers = new Set<string>();
  private readonly scenario: Scenario;
  private readonly ids = new Map<string, number>();
  private nextId = 1000;

  constructor(scenario: Scenario) {
    this.scenario = scenario;
    for (const [fullName, spec] of Object.entries(scenario.repos ?? {})) this.addRepo(fullName, spec);
    for (const [org, spec] of Object.entries(scenario.orgs ?? {})) this.addOrg(org, spec);
  }

  /** The identity behind an Authorization header value; null for an unknown token. */
  identify(token: string): TokenIdentity | null {
    const tokens = this.scenario.tokens;
    if (!tokens) return tokenIdentity(undefined);
    const spec = tokens[token];
    return spec ? tokenIdentity(spec) : null;
  }

  /** A stable number for a login, repository or anything else that needs an id. */
  idFor(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(key, id);
    }
    return id;
  }

  newId(): number {
    return this.nextId++;
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  team(org: string, slug: string): TeamRecord | undefined {
    return this.teams.get(`${org}/${slug}`.toLowerCase());
  }

  /** May this token read the members of the org's teams? */
  canReadMembers(identity: TokenIdentity, org: string): boolean {
    if (identity.access.members === 'none') return false;
    return !this.hiddenMembers.has(org.toLowerCase()) || identity.explicitMembers;
  }

  /** Resolves a branch, tag or sha to the key of `files` that holds its tree; undefined when unknown. */
  resolveRef(repo: RepoRecord, ref: string): string | undefined {
    const { files = {}, branches = {}, tags = {} } = repo.spec;
    const name = refName(repo, ref);
    const sha = branches[name] ?? tags[name];
    if (sha !== undefined && files[sha] !== undefined) return sha;
    if (files[ref] !== undefined) return ref;
    if (files[name] !== undefined) return name;
    if (sha !== undefined) return sha;
    if (/^[0-9a-f]{40}$/.test(ref) && (repo.spec.commits?.[ref] || this.isPullCommit(repo, ref))) return ref;
    return undefined;
  }

  /** The commit sha a ref names, for answers that report one. */
  commitSha(repo: RepoRecord, ref: string): string | undefined {
    const name = refName(repo, ref);
    const { branches = {}, tags = {} } = repo.spec;
    const sha = branches[name] ?? tags[name];
    if (sha) return sha;
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    return this.resolveRef(repo, ref) !== undefined ? syntheticSha(`${repo.fullName}@${ref}`) : undefined;
  }

  /** Every entry (files, symlinks, submodules and the folders that hold them) of a tree, sorted by path. */
  entries(repo: RepoRecord, key: string): Entry[] {
    const files = repo.spec.files?.[key] ?? {};
    const out = new Map<string, Entry>();
    for (const [rawPath, spec] of Object.entries(files)) {
      const path = rawPath.replace(/^\/+|\/+$/g, '');
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!out.has(dir)) out.set(dir, { kind: 'dir', path: dir });
      }
      out.set(path, entryOf(path, spec));
    }
    return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  entry(repo: RepoRecord, key: string, path: string): Entry | undefined {
    const clean = path.replace(/^\/+|\/+$/g, '');
    return this.entries(repo, key).find((e) => e.path === clean);
  }

  private isPullCommit(repo: RepoRecord, sha: string): boolean {
    for (const pull of repo.pulls.values()) {
      if (pull.spec.head.sha === sha || pull.spec.base.sha === sha || pull.spec.merge_commit_sha === sha) return true;
      if (pull.spec.commits?.some((c) => c.sha === sha)) return true;
    }
    return false;
  }

  private addRepo(fullName: string, spec: RepoSpec): void {
    const [owner, name, extra] = fullName.split('/');
    if (!owner || !name || extra !== undefined) throw new Error(`scenario repos: "${fullName}" is not owner/name`);
    const record: RepoRecord = {
      id: this.idFor(`repo:${fullName.toLowerCase()}`),
      owner,
      name,
      fullName,
      spec,
      pulls: new Map(),
      comments: [],
      statuses: new Map(),
    };
    for (const pull of spec.pulls ?? []) {
      for (const sha of [pull.head?.sha, pull.base?.sha, ...(pull.commits ?? []).map((c) => c.sha)]) {
        if (typeof sha !== 'string')
          throw new Error(
            `scenario ${fullName}: pull #${pull.number} has a sha that is not a string (quote shas made only of digits in YAML)`,
          );
      }
      if (record.pulls.has(pull.number)) throw new Error(`scenario ${fullName}: pull #${pull.number} appears twice`);
      record.pulls.set(pull.number, { spec: pull, timeline: [...(pull.timeline ?? [])], requested: [...(pull.requested_reviewers ?? [])] });
      for (const comment of pull.comments ?? []) record.comments.push(this.commentRecord(pull.number, comment, pull.created_at));
    }
    for (const [sha, list] of Object.entries(spec.statuses ?? {})) {
      record.statuses.set(
        sha,
        list.map((s) => ({
          id: this.newId(),
          sha,
          state: s.state,
          context: s.context ?? 'default',
          description: s.description ?? null,
          target_url: s.target_url ?? null,
          creator: s.creator ?? 'github-actions[bot]',
          created_at: s.created_at ?? EPOCH,
          updated_at: s.created_at ?? EPOCH,
        })),
      );
    }
    this.repos.set(fullName.toLowerCase(), record);
  }

  private commentRecord(issue: number, spec: CommentSpec, fallbackAt: string | undefined): CommentRecord {
    const at = spec.created_at ?? fallbackAt ?? EPOCH;
    const id = spec.id ?? this.newId();
    this.ids.set(`comment:${id}`, id);
    return { id, issue_number: issue, user: spec.user, body: spec.body, created_at: at, updated_at: at };
  }

  private addOrg(org: string, spec: OrgSpec): void {
    this.orgs.add(org.toLowerCase());
    if (spec.members_visible === false) this.hiddenMembers.add(org.toLowerCase());
    for (const [slug, team] of Object.entries(spec.teams ?? {})) {
      const t: TeamSpec = Array.isArray(team) ? { members: team } : team;
      this.teams.set(`${org}/${slug}`.toLowerCase(), {
        org,
        slug,
        id: this.idFor(`team:${org}/${slug}`.toLowerCase()),
        name: t.name ?? slug,
        members: t.members,
        privacy: t.privacy ?? 'closed',
      });
    }
  }
}

function entryOf(path: string, spec: FileSpec): Entry {
  if (typeof spec === 'string') return { kind: 'file', path, bytes: Buffer.from(spec, 'utf8') };
  if ('symlink' in spec) return { kind: 'symlink', path, target: spec.symlink };
  if ('base64' in spec) return { kind: 'file', path, bytes: Buffer.from(spec.base64, 'base64') };
  if ('submodule' in spec) return { kind: 'submodule', path, url: spec.submodule };
  throw new Error(`scenario files: ${path} has an unknown content form`);
}

/** Git's blob id: the sha1 of "blob <size>\0<bytes>". */
export function blobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A deterministic 40-hex id for things the scenario does not name (trees, unnamed refs). */
export function syntheticSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** Binary as git sees it: a NUL byte in the first 8000 bytes. */
export function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** A ref as git spells it (main, heads/main, refs/heads/main, tags/v1, refs/tags/v1, HEAD for the default branch) to the name of a branch or tag. */
function refName(repo: RepoRecord, ref: string): string {
  if (ref === 'HEAD') return repo.spec.default_branch ?? 'main';
  if (ref in (repo.spec.branches ?? {}) || ref in (repo.spec.tags ?? {})) return ref;
  return ref.replace(/^(?:refs\/)?(?:heads|tags)\//, '');
}
