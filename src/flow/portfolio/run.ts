// The portfolio runner: every repository of an organisation (or a shard of them), its open deployment
// pull requests and the pilots on its default branch, read and evaluated without writing anything.
//
// API budget (what __tests__/portfolio/runner.test.ts measures), with a bundled or central policy:
//   1 per 100 repositories (the organisation's list, GraphQL)
//   + per repository: 1 per 100 open PRs (REST list) + 1 (default-branch tree) + ≤1 (the texts of the
//     manifests no open PR gates, and a repository-path policy, in one GraphQL query)
//   + per open non-draft PR: facts (1, plus 1 per extra 100 reviews/commits/files) + head tree (1)
//     + manifests at head and base (1, none when the PR touches no pilot) + team members (≤1)
//   + once per run: each central policy of the chain (1 each; a policy is read once, then shared).
// Draft PRs cost nothing beyond the list. Rate limits are retried (honouring retry-after) by the client;
// when one outlasts the retries, no new repository is started and the run returns what it finished, so
// that a second call with the same state resumes where it stopped.
import type { GitHubClient } from '../../adapters/github/client.js';
import { fetchFileTexts, type FileText, type TreeEntryKind } from '../../adapters/github/files.js';
import { isRateLimited } from '../../adapters/github/errors.js';
import { listOrgRepositories, type OrgRepository } from '../../adapters/github/org.js';
import { listOpenPullRequests, type OpenPullRequest } from '../../adapters/github/pulls.js';
import { InputError, messageOf, UserError } from '../../core/errors.js';
import { evaluate } from '../../core/evaluate.js';
import type { LoadedPolicy } from '../../core/policy.js';
import type { RepoFiles, Report } from '../../core/types.js';
import {
  isRepositoryFailure,
  portfolioReport,
  repositoryFailure,
  type PortfolioInput,
  type PortfolioPullRequest,
  type PortfolioState,
} from '../../core/portfolio.js';
import { plainLine } from '../../report/plain.js';
import { matching, treeAt, treeFiles, withEvidenceTexts, type TreeCache } from '../manifests.js';
import type { Logger } from '../ports.js';
import { readPullRequest, type PullRequestReading } from '../read-pull-request.js';
import { loadTrustedPolicy, policyPathIn, policySpec, type PolicySources, type PolicySpec } from '../trusted-policy.js';

export type { PortfolioState } from '../../core/portfolio.js';

export interface PortfolioOptions {
  org: string;
  /** Names (or owner/names) within the org to read; default every unarchived repository. */
  repositories?: string[];
  /** 'default', a central owner/repo/path@ref, or a path read in each repository at its default branch head. */
  policy: string;
  /** Glob of pilot manifests. */
  manifest: string;
  now: Date;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Keep the repositories whose 0-based position in the name-sorted list % count === index - 1. */
  shard?: { index: number; count: number };
  /** https://github.com, for pull request links. */
  serverUrl: string;
  log: Logger;
  /** The client that reads central policies, when a separate policy-token is given. */
  policyReader?: GitHubClient;
}

export interface PortfolioRun {
  /** Every pilot read so far (those of the state passed in included), repository by repository. */
  inputs: PortfolioInput[];
  /** Pass it back to resume a run that stopped early. */
  state: PortfolioState;
  /** Why the run stopped before reading every repository; null when it read them all. */
  incomplete: string | null;
  /**
   * Unarchived repositories the token sees in the organisation (listed), those this run covers (total:
   * the named ones, the shard's share), how many of them failed as a whole, and how many came from the state.
   */
  repositories: { listed: number; total: number; failed: number; resumed: number };
}

/** Thrown into the work still queued once the run has decided to stop. */
class Stopped extends Error {}

/** At most `size` jobs at once, in the order they asked. */
function limiter(size: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** A failure that belongs to one repository or PR (reported, the run goes on); anything else is a bug. */
function isReadFailure(error: unknown): boolean {
  return error instanceof UserError;
}

interface Target {
  /** owner/name */
  repository: string;
  /** null: named in `repositories` but not found among the organisation's unarchived repositories. */
  found: OrgRepository | null;
}

/** The organisation's repositories this run covers: the named ones (or all), name-sorted, then the shard's share. */
function targetsOf(org: string, listed: OrgRepository[], options: PortfolioOptions): Target[] {
  const byName = new Map(listed.map((r) => [r.repository.toLowerCase(), r]));
  let targets: Target[];
  if (options.repositories && options.repositories.length > 0) {
    const names = [...new Set(options.repositories.map((n) => (n.includes('/') ? n : `${org}/${n}`).toLowerCase()))];
    targets = names.map((name) => {
      const found = byName.get(name) ?? null;
      return { repository: found?.repository ?? name, found };
    });
  } else {
    targets = listed.map((r) => ({ repository: r.repository, found: r }));
  }
  targets.sort((a, b) =>
    a.repository.toLowerCase() < b.repository.toLowerCase() ? -1 : a.repository.toLowerCase() > b.repository.toLowerCase() ? 1 : 0,
  );
  const shard = options.shard;
  return shard ? targets.filter((_, i) => i % shard.count === shard.index - 1) : targets;
}

export async function runPortfolio(gh: GitHubClient, options: PortfolioOptions, state?: PortfolioState): Promise<PortfolioRun> {
  const { org, log } = options;
  if (state && state.org.toLowerCase() !== org.toLowerCase())
    throw new InputError(`the portfolio state is for ${state.org}, not ${org}; start afresh without it`);
  const spec = policySpec(options.policy);
  const policySources: PolicySources = new Map();
  const done: Record<string, PortfolioInput[]> = { ...(state?.done ?? {}) };
  let listed: OrgRepository[] = [];
  const result = (total: Target[], incomplete: string | null): PortfolioRun => {
    const covered = total.filter((t) => done[t.repository]);
    return {
      inputs: covered.flatMap((t) => done[t.repository] ?? []),
      state: { version: 1, org, done },
      incomplete,
      repositories: {
        listed: listed.length,
        total: total.length,
        failed: covered.filter((t) => (done[t.repository] ?? []).some(isRepositoryFailure)).length,
        resumed: total.filter((t) => state?.done[t.repository]).length,
      },
    };
  };

  const warned = new Set<string>();
  const warn = (warnings: string[]) => {
    for (const warning of warnings.filter((w) => !warned.has(w))) {
      warned.add(warning);
      log.warning(plainLine(warning));
    }
  };

  try {
    listed = await listOrgRepositories(gh, org);
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    return result(
      [],
      `rate-limited while listing the repositories of ${org} (${messageOf(error)}); re-run later with the same state to resume`,
    );
  }
  const targets = targetsOf(org, listed, options);

  // A bundled or central policy is the same for every repository: read (and checked) once, up front,
  // so that a policy that cannot be read fails the run rather than every pilot.
  let sharedPolicy: LoadedPolicy | null = null;
  if (spec.kind !== 'base') {
    const warnings: string[] = [];
    try {
      sharedPolicy = await loadTrustedPolicy(gh, spec, undefined, warnings, { reader: options.policyReader, sources: policySources });
    } catch (error) {
      if (!isRateLimited(error)) throw error;
      return result(
        targets,
        `rate-limited while reading the policy ${options.policy} (${messageOf(error)}); re-run later with the same state to resume`,
      );
    }
    warn(warnings);
  }

  const stopped = await readAll(
    gh,
    targets.filter((t) => !done[t.repository]),
    done,
    { spec, policy: sharedPolicy, sources: policySources },
    options,
    warn,
  );

  const remaining = targets.filter((t) => !done[t.repository]).length;
  if (stopped) {
    log.warning(plainLine(`GitHub's rate limit stopped the portfolio of ${org}: ${stopped}`));
    return result(
      targets,
      `the GitHub rate limit stopped the run with ${remaining} of ${targets.length} repositories not read (${stopped}); re-run later with the same state to resume`,
    );
  }
  return result(targets, null);
}

/** What every repository of a run is read with: the policy spec, and the policy and central sources shared by all. */
interface Shared {
  spec: PolicySpec;
  /** The bundled or central policy read once up front (null for a repository path). */
  policy: LoadedPolicy | null;
  sources: PolicySources;
}

/**
 * Reads the queued repositories into `done`, a few at once (options.concurrency, default 4). A
 * repository that cannot be read becomes one failure entry; a rate limit stops the queue (what is
 * in flight finishes or is abandoned) and is returned, so that the run can be resumed.
 */
async function readAll(
  gh: GitHubClient,
  queue: Target[],
  done: Record<string, PortfolioInput[]>,
  shared: Shared,
  options: PortfolioOptions,
  warn: (warnings: string[]) => void,
): Promise<string | null> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const limit = limiter(concurrency);
  let stopped: string | null = null;
  const step = <T>(job: () => Promise<T>): Promise<T> =>
    limit(async () => {
      if (stopped) throw new Stopped();
      return job();
    });
  let next = 0;
  const worker = async () => {
    while (!stopped && next < queue.length) {
      const target = queue[next++]!;
      if (!target.found) {
        done[target.repository] = [
          repositoryFailure(target.repository, `not found among the unarchived repositories of ${options.org} that the token can see`),
        ];
        continue;
      }
      const warnings: string[] = [];
      try {
        done[target.repository] = await readRepository(gh, target.found, shared, options, step, warnings);
      } catch (error) {
        if (error instanceof Stopped) continue;
        if (isRateLimited(error)) {
          stopped ??= messageOf(error);
          continue;
        }
        if (!isReadFailure(error)) throw error;
        done[target.repository] = [repositoryFailure(target.repository, messageOf(error))];
      } finally {
        warn(warnings);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return stopped;
}

type Step = <T>(job: () => Promise<T>) => Promise<T>;

/**
 * Like Promise.all, but waits for every job before throwing (a rate limit first, as it decides what the
 * run does next), so that no request of a failed repository is still running when the run returns.
 */
async function settleAll<T extends readonly unknown[]>(jobs: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(jobs);
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown);
  if (failures.length > 0) throw failures.find(isRateLimited) ?? failures[0];
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** One open PR as read: its reading and reports, or why it could not be read. */
type PullReading = { pr: OpenPullRequest; reading: PullRequestReading; reports: Report[] } | { pr: OpenPullRequest; error: string };

function linkOf(serverUrl: string, repository: string, pr: OpenPullRequest, readyAt: string | null): PortfolioPullRequest {
  return { number: pr.number, title: pr.title, url: `${serverUrl.replace(/\/+$/, '')}/${repository}/pull/${pr.number}`, ready_at: readyAt };
}

/**
 * One repository: its open non-draft PRs read as the gate reads them, then the default branch's pilots
 * that no open PR gates, evaluated offline. A PR that cannot be read becomes an error entry; a rate
 * limit is thrown, so that the repository is left for the resumed run.
 */
async function readRepository(
  gh: GitHubClient,
  repository: OrgRepository,
  shared: Shared,
  options: PortfolioOptions,
  step: Step,
  warnings: string[],
): Promise<PortfolioInput[]> {
  const [owner = '', repo = ''] = repository.repository.split('/');
  const name = repository.repository;
  const headSha = repository.headSha;
  // The default branch's tree is the base of most of its pull requests: read once.
  const trees: TreeCache = new Map();
  const [pulls, tree] = await settleAll([
    step(() => listOpenPullRequests(gh, { owner, repo })),
    headSha ? step(() => treeAt(gh, { owner, repo }, headSha, trees)) : Promise.resolve(new Map<string, TreeEntryKind>()),
  ] as const);

  const inputs: PortfolioInput[] = [];
  const gated = new Set<string>();
  const readings = await settleAll(
    pulls
      .filter((pr) => !pr.draft)
      .map((pr) =>
        step(async (): Promise<PullReading> => {
          const reading = await readPullRequest(
            gh,
            { owner, repo, number: pr.number, baseSha: pr.baseSha },
            {
              policy: options.policy,
              manifest: options.manifest,
              now: options.now,
              trees,
              policySources: shared.sources,
              ...(options.policyReader ? { policyReader: options.policyReader } : {}),
            },
            warnings,
          );
          if (reading.unmatched.length > 0) throw new InputError(reading.unmatched);
          return { pr, reading, reports: reading.evaluateWith(reading.facts) };
        }).catch((error: unknown) => {
          if (error instanceof Stopped || isRateLimited(error) || !isReadFailure(error)) throw error;
          return { pr, error: messageOf(error) } satisfies PullReading;
        }),
      ),
  );
  for (const r of readings) {
    if ('error' in r) {
      inputs.push({
        repository: name,
        manifest: '',
        pullRequest: linkOf(options.serverUrl, name, r.pr, null),
        report: null,
        error: r.error,
      });
      continue;
    }
    const link = linkOf(options.serverUrl, name, r.pr, r.reading.facts.ready_at);
    r.reading.gated.forEach((path, i) => {
      gated.add(path);
      const report = r.reports[i];
      inputs.push({ repository: name, manifest: path, pullRequest: link, report: report ? portfolioReport(report) : null });
    });
  }

  // The policy file, where it lives in this repository, is never a pilot (see readPullRequest).
  const policyPath = policyPathIn(shared.spec, { owner, repo });
  const manifests = matching(tree, options.manifest).filter((path) => path !== policyPath);
  const offline = manifests.filter((path) => !gated.has(path));
  if (offline.length === 0 || !headSha) return inputs;

  // The pilots no open PR deploys, as the default branch holds them, in one query with a repository-path policy.
  // If they cannot be read, each is listed with the reason; the pull requests read above stay.
  const spec = shared.spec;
  const policyFile = spec.kind === 'base' ? [{ ref: headSha, path: spec.path }] : [];
  let texts: FileText[];
  let policy: LoadedPolicy;
  try {
    texts = await step(() => fetchFileTexts(gh, { owner, repo }, [...offline.map((path) => ({ ref: headSha, path })), ...policyFile]));
    const central = { reader: options.policyReader, sources: shared.sources };
    policy = shared.policy ?? (await step(() => loadTrustedPolicy(gh, spec, texts[offline.length]?.text, warnings, central)));
  } catch (error) {
    if (error instanceof Stopped || isRateLimited(error) || !isReadFailure(error)) throw error;
    const reason = `could not be read at the head of ${repository.defaultBranch}: ${messageOf(error)}`;
    return [...inputs, ...offline.map((path) => ({ repository: name, manifest: path, pullRequest: null, report: null, error: reason }))];
  }
  const offlineInputs = offline.map((path, i) => ({
    manifest: { path, text: texts[i]?.text ?? '' },
    policy,
    files: treeFiles(tree),
    facts: null,
    now: options.now,
  }));
  let files: RepoFiles;
  try {
    files = await step(() => withEvidenceTexts(gh, { owner, repo }, headSha, tree, offlineInputs));
  } catch (error) {
    if (error instanceof Stopped || isRateLimited(error) || !isReadFailure(error)) throw error;
    const reason = `evidence could not be read at the head of ${repository.defaultBranch}: ${messageOf(error)}`;
    return [...inputs, ...offline.map((path) => ({ repository: name, manifest: path, pullRequest: null, report: null, error: reason }))];
  }
  for (const [i, path] of offline.entries()) {
    const report = evaluate({ ...offlineInputs[i]!, files });
    inputs.push({ repository: name, manifest: path, pullRequest: null, report: portfolioReport(report) });
  }
  return inputs;
}
