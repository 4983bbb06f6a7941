// Scenarios for the end-to-end tests: a repository acme/models holding the churn-forecast example
// pilot, pull requests touching it, and events as the runner delivers them. Every instant is relative
// to the real clock (the Action's `now`), so nothing ages: "requested 20 days ago", evidence dated
// as old as it is in the example relative to the demo's fixed clock.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FakeGitHub } from '../support/fake-github/index.js';
import type { PullSpec, ReviewSpec, Scenario, TimelineEventSpec } from '../support/fake-github/scenario.js';
import type { StatusRecord } from '../support/fake-github/world.js';
import type { Report } from '../../src/core/types.js';
import { ROOT, type ActionRun } from './run-action.js';

export const DAY = 86_400_000;
export const REPO = 'acme/models';
export const PILOT_DIR = 'pilots/churn-forecast';
export const MANIFEST = `${PILOT_DIR}/pilot-readiness.yml`;
export const BASE = 'b'.repeat(40);
export const AUTHOR = 'dev-lin';
export const OWNER = 'sam-cto';

/** A 40-hex sha that is easy to tell apart in failures: sha('c', 7) → "c7c7…". */
export function sha(tag: string, n = 1): string {
  return `${tag}${n.toString(16)}`.repeat(20).slice(0, 40);
}
export const HEAD = sha('c', 1);

/** An ISO instant `days` before now (fractions allowed), without milliseconds, as GitHub writes them. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// ---------------------------------------------------------------- the pilot's files

const EXAMPLE = join(ROOT, 'examples', 'churn-forecast');
/** The instant the example's evidence dates were chosen against (the demo's --now). */
const EXAMPLE_NOW = Date.parse('2026-11-20T12:00:00Z');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The example manifest with each evidence date moved so that it is as old today as it was at the demo's clock. */
export function exampleManifest(): string {
  const text = readFileSync(join(EXAMPLE, 'pilot-readiness.yml'), 'utf8');
  return text.replace(/date: (\d{4}-\d{2}-\d{2})/g, (_, date: string) => {
    const age = EXAMPLE_NOW - Date.parse(`${date}T12:00:00Z`);
    return `date: ${new Date(Date.now() - age).toISOString().slice(0, 10)}`;
  });
}

/** The 1-based line of the first manifest line that contains `text` (where annotations must point). */
export function lineOf(manifest: string, text: string): number {
  const index = manifest.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`the manifest has no line containing ${JSON.stringify(text)}`);
  return index + 1;
}

/** Where an annotation on `token`, in the first manifest line containing `lineText`, must point (1-based). */
export function at(manifest: string, lineText: string, token: string): { file: string; line: number; col: number } {
  const line = lineOf(manifest, lineText);
  const col = (manifest.split('\n')[line - 1] ?? '').indexOf(token) + 1;
  if (col === 0) throw new Error(`line ${line} has no ${JSON.stringify(token)}`);
  return { file: MANIFEST, line, col };
}

/** The pilot's folder as a commit holds it: the (re-dated) manifest and every evidence file of the example. */
export function pilotFiles(manifest = exampleManifest(), dir = PILOT_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of filesUnder(EXAMPLE)) {
    const rel = relative(EXAMPLE, path).split('\\').join('/');
    // The recorded PR facts (pr-*.json) are not part of the pilot; its JSON evaluation outputs are.
    if (rel === 'pilot-readiness.yml' || /^pr-[^/]*\.json$/.test(rel)) continue;
    files[`${dir}/${rel}`] = readFileSync(path, 'utf8');
  }
  files[`${dir}/pilot-readiness.yml`] = manifest;
  return files;
}

export const DEFAULT_POLICY_TEXT = readFileSync(join(ROOT, 'policies', 'default.yml'), 'utf8');

// ---------------------------------------------------------------- pull requests

export interface PullOptions {
  number?: number;
  head?: string;
  author?: string;
  /** When the PR was opened (ready for review), in days before now. */
  openedDaysAgo?: number;
  /** Review requests for the manifest's legal and security reviewers this many days ago; null: never asked. */
  requestedDaysAgo?: number | null;
  reviews?: ReviewSpec[];
  files?: string[];
  timeline?: TimelineEventSpec[];
  commits?: PullSpec['commits'];
  fork?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
}

export function review(user: string, state: ReviewSpec['state'], days: number, extra: Partial<ReviewSpec> = {}): ReviewSpec {
  return { user, state, submitted_at: daysAgo(days), ...extra };
}

/** A pull request that changes the pilot's manifest; legal and security asked `requestedDaysAgo` days ago. */
export function pull(options: PullOptions = {}): PullSpec {
  const head = options.head ?? HEAD;
  const opened = options.openedDaysAgo ?? Math.max(options.requestedDaysAgo ?? 0, 0) + 0.01;
  const requested = options.requestedDaysAgo;
  const timeline: TimelineEventSpec[] =
    options.timeline ??
    (requested === null || requested === undefined
      ? []
      : [
          { event: 'review_requested', created_at: daysAgo(requested), requested_reviewer: 'lee-legal', actor: AUTHOR },
          { event: 'review_requested', created_at: daysAgo(requested), requested_reviewer: 'kim-sec', actor: AUTHOR },
        ]);
  return {
    number: options.number ?? 7,
    title: 'Ship the churn forecast',
    user: options.author ?? AUTHOR,
    created_at: daysAgo(opened),
    draft: options.draft ?? false,
    state: options.state ?? 'open',
    head: { sha: head, ref: 'churn-forecast', ...(options.fork ? { repo: options.fork } : {}) },
    base: { sha: BASE, ref: 'main' },
    files: options.files ?? [MANIFEST],
    commits: options.commits ?? [{ sha: head, at: daysAgo(opened + 0.01) }],
    reviews: options.reviews ?? [],
    timeline,
  };
}

export interface WorldOptions {
  pulls?: PullSpec[];
  /** Files at each head sha; default: the example pilot at HEAD. */
  heads?: Record<string, Record<string, string>>;
  /** Files on the base branch; default: the pilot as it is at the head, so the owner is not being handed over. */
  base?: Record<string, string>;
  tokens?: Scenario['tokens'];
  orgs?: Scenario['orgs'];
  faults?: Scenario['faults'];
}

/** acme/models with its pull requests; the GITHUB_TOKEN (gh-token) has the permissions the README asks for. */
export function world(options: WorldOptions = {}): Scenario {
  const heads = options.heads ?? { [HEAD]: pilotFiles() };
  return {
    tokens: options.tokens ?? {
      'gh-token': {
        login: 'github-actions[bot]',
        permissions: { contents: 'read', pull_requests: 'write', issues: 'write', statuses: 'write' },
      },
    },
    repos: {
      [REPO]: {
        default_branch: 'main',
        branches: { main: BASE },
        files: { [BASE]: options.base ?? pilotFiles(), ...heads },
        pulls: options.pulls ?? [pull()],
      },
    },
    ...(options.orgs ? { orgs: options.orgs } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  };
}

// ---------------------------------------------------------------- events, from GitHub's own examples

const require = createRequire(import.meta.url);
const EXAMPLES = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, unknown>> }>;

function example(name: string, action: string): Record<string, any> {
  const found = EXAMPLES.find((e) => e.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}.${action} example`);
  return structuredClone(found) as Record<string, any>;
}

/** The example's repository object, renamed to acme/models. */
function retarget(repository: Record<string, any>, fullName = REPO): void {
  const [owner = '', name = ''] = fullName.split('/');
  repository.name = name;
  repository.full_name = fullName;
  repository.owner.login = owner;
}

/** A pull_request payload (GitHub's real example, adapted to the PR the scenario holds). */
export function pullRequestEvent(action: 'opened' | 'synchronize' | 'ready_for_review' | 'closed', p: PullSpec): Record<string, unknown> {
  const event = example('pull_request', action);
  const pr = event.pull_request;
  event.number = p.number;
  pr.number = p.number;
  pr.state = action === 'closed' ? 'closed' : (p.state ?? 'open');
  pr.draft = p.draft ?? false;
  pr.user.login = p.user;
  pr.head.sha = p.head.sha;
  pr.head.ref = p.head.ref ?? 'topic';
  pr.base.sha = p.base.sha;
  pr.base.ref = p.base.ref ?? 'main';
  retarget(pr.base.repo);
  retarget(pr.head.repo, p.head.repo ?? REPO);
  retarget(event.repository);
  return event;
}

/** A pull_request_review payload: GitHub's `submitted` (or `dismissed`) example with the review's state (lowercase, as webhooks write it). */
export function reviewEvent(
  p: PullSpec,
  r: { user: string; state: 'approved' | 'changes_requested' | 'commented' | 'dismissed'; commit?: string },
  action: 'submitted' | 'dismissed' = 'submitted',
): Record<string, unknown> {
  const event = example('pull_request_review', action);
  const base = pullRequestEvent('opened', p);
  event.pull_request = { ...event.pull_request, ...(base.pull_request as object) };
  event.repository = base.repository;
  event.review.state = r.state;
  event.review.user.login = r.user;
  event.review.commit_id = r.commit ?? p.head.sha;
  return event;
}

/** The merge queue's commit for a pull request in the e2e scenarios: the PR's changes on the base. */
export const QUEUED = sha('a', 9);

/**
 * A merge_group payload (GitHub's `checks_requested` example) for a group holding pull request `p`:
 * its branch gh-readonly-queue/<base>/pr-<number>-<base sha>, its commit `head`, its parent the base.
 */
export function mergeGroupEvent(p: PullSpec, head = QUEUED, headRef?: string): Record<string, unknown> {
  const event = example('merge_group', 'checks_requested');
  const base = p.base.ref ?? 'main';
  event.merge_group.head_sha = head;
  event.merge_group.head_ref = headRef ?? `refs/heads/gh-readonly-queue/${base}/pr-${p.number}-${p.base.sha}`;
  event.merge_group.base_sha = p.base.sha;
  event.merge_group.base_ref = `refs/heads/${base}`;
  event.merge_group.head_commit.id = head;
  retarget(event.repository);
  return event;
}

/** The payload the runner writes for `schedule` (there is no webhook for it, so no example). */
export function scheduleEvent(cron = '17 */6 * * *'): Record<string, unknown> {
  return { schedule: cron };
}

/** Any other example payload, retargeted to acme/models (push, issues…). */
export function otherEvent(name: string, action?: string): Record<string, unknown> {
  const found = EXAMPLES.find((e) => e.name === name)?.examples.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `.${action}` : ''} example`);
  const event = structuredClone(found) as Record<string, any>;
  if (event.repository) retarget(event.repository);
  return event;
}

// ---------------------------------------------------------------- reading the fake's state

/** A review submitted while the world runs (between two runs of the Action). */
export function submitReview(gh: FakeGitHub, number: number, r: ReviewSpec): void {
  const pullRecord = gh.world.repo('acme', 'models')?.pulls.get(number);
  if (!pullRecord) throw new Error(`no pull request #${number}`);
  pullRecord.spec = { ...pullRecord.spec, reviews: [...(pullRecord.spec.reviews ?? []), r] };
}

/**
 * The link on a status the gate wrote after judging: the run's, with the sweep's record in its fragment
 * (when time alone next changes the decision, and a digest of the inputs judged).
 */
export function recordedLink(next = '(?:none|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)'): RegExp {
  return new RegExp(`^${RUN_URL.replace(/[.]/g, '\\.')}#pilot-readiness=v1;next=${next};inputs=[0-9a-f]{32}$`);
}

/** The statuses the Action set on a commit under its context, oldest first. */
export function statuses(gh: FakeGitHub, commit = HEAD, context = 'pilot-readiness'): StatusRecord[] {
  return gh.statuses(REPO, commit).filter((s) => s.context === context);
}

/** The one report of a run that evaluated one pilot. */
export function reportOf(run: ActionRun): Report {
  const report = run.report;
  if (!report || 'reports' in report) throw new Error(`expected one report, got ${JSON.stringify(report)?.slice(0, 200)}`);
  return report;
}

/** Writes to GitHub during a run: "POST /repos/{owner}/{repo}/statuses/{sha}" and the like. */
export function writes(run: ActionRun): string[] {
  return run.requests.filter((r) => r.method !== 'GET' && r.endpoint !== 'POST /graphql').map((r) => r.endpoint ?? `${r.method} ${r.path}`);
}

export const MARKER = '<!-- pilot-readiness:readiness -->';
export const RUN_URL = 'https://github.com/acme/models/actions/runs/4242';

/**
 * Markdown as a reader sees its text: backslash escapes and the entities the escaper writes undone,
 * so a test can look for a message in a job summary whatever punctuation the escaper protected.
 */
export function shownText(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~&$:@])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200d/g, '');
}
