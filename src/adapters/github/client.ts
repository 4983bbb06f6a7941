// The octokit client every GitHub adapter takes: octokit with the REST methods and pagination (what
// @actions/github's getOctokit gives), bounded retries of 5xx answers and of rate limits (honouring
// retry-after), each retry logged, and the runner's proxy settings.
//
// Built from @octokit/core and its plugins rather than through @actions/github: that package loads
// @actions/http-client and undici (about 100 ms of every run's start) to route requests through a
// proxy, which most runners do not have. The same proxy code is loaded here only when a proxy applies.

import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../../flow/ports.js';
import { GitHubApiError } from './errors.js';

const GitHubOctokit = Octokit.plugin(restEndpointMethods, paginateRest);

export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export type { Logger };

export interface GitHubClientOptions {
  /** The REST API root. Default: GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  log: Logger;
  /** Retries of a 5xx answer or a network failure. Default 3. */
  retries?: number;
  /** Retries of a rate-limited request. Default 2. */
  rateLimitRetries?: number;
  /** Longest rate-limit wait worth making, in seconds; a longer one fails instead. Default 120. */
  maxRateLimitWaitSeconds?: number;
  /**
   * Milliseconds per unit of back-off: a 5xx retry waits n² units, a rate-limit retry waits retry-after
   * units. Default 1000 (seconds, as GitHub means them); tests pass 1.
   */
  retryUnitMs?: number;
  /**
   * Space writes and GraphQL calls one second apart, as GitHub asks of integrations to avoid secondary
   * rate limits. Default true; tests turn it off to run fast.
   */
  paceWrites?: boolean;
  /** Abandon a request that has not answered in this many milliseconds. Default 60000. */
  timeoutMs?: number;
  /** Counts every request sent, each retry included (a sweep's budget); clients may share one. */
  tally?: RequestTally;
}

/** Requests sent so far, as GitHub counts them against a token's limits: every attempt. */
export interface RequestTally {
  sent: number;
}

/** A limiter group that lets every job through at once: what paceWrites: false puts in place of the write spacing. */
const unpaced = {
  key: () => ({ schedule: <T>(_options: unknown, job: () => Promise<T> | T): Promise<T> => Promise.resolve().then(job) }),
};

type RequestOptions = { method?: string; url?: string; request?: { retryCount?: number; signal?: AbortSignal } };
type Response = { status: number; headers: Record<string, unknown>; data: unknown };

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '', 'https://api.github.com').pathname;
  } catch {
    return url ?? '';
  }
}

/**
 * Guards every attempt: bounds how long it may take, turns a JSON answer that does not parse (which
 * octokit hands over as a string) into an error, and logs each failure so every retry is visible.
 */
function attemptGuard(log: Logger, timeoutMs: number, tally: RequestTally | undefined) {
  return (octokit: Octokit) => {
    octokit.hook.before('request', (options: RequestOptions) => {
      // Inside the retry and throttling wrappers: every attempt passes here.
      if (tally) tally.sent++;
      options.request ??= {};
      options.request.signal = AbortSignal.timeout(timeoutMs);
    });
    octokit.hook.after('request', (response: Response, options: RequestOptions) => {
      const json = String(response.headers['content-type'] ?? '').includes('json');
      if (json && response.status !== 204 && typeof response.data === 'string') {
        const error = new GitHubApiError(`${options.method ?? ''} ${pathOf(options.url)}`, response.status, 'the answer is not valid JSON');
        // The throttling plugin reads error.response on every failure.
        throw Object.assign(error, { response });
      }
    });
    octokit.hook.error('request', (error: Error & { status?: number }, options: RequestOptions) => {
      const attempt = (options.request?.retryCount ?? 0) + 1;
      const status = error.status ?? 'no answer';
      if (typeof error.status !== 'number' || error.status >= 500) {
        log.warning(
          `GitHub API ${options.method ?? ''} ${pathOf(options.url)} failed (${status}: ${error.message.split('\n')[0]}) on attempt ${attempt}`,
        );
      } else {
        log.debug?.(`GitHub API ${options.method ?? ''} ${pathOf(options.url)} answered ${status} on attempt ${attempt}`);
      }
      throw error;
    });
    return {};
  };
}

/**
 * The fetch that goes through the proxy the runner sets for `baseUrl` (https_proxy / HTTPS_PROXY,
 * http_proxy / HTTP_PROXY, minus no_proxy and loopback addresses: @actions/http-client's own rules),
 * or undefined for octokit's default, the global fetch. The proxy's agent and undici are loaded on the
 * first request, only when a proxy applies; as in @actions/github, the proxy URL's user and password
 * authenticate to the proxy.
 */
export function proxiedFetch(baseUrl: string): typeof globalThis.fetch | undefined {
  let target: URL;
  try {
    target = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (!getProxyUrl(target)) return undefined;
  let loaded: Promise<(url: string, init: object) => Promise<globalThis.Response>> | undefined;
  const load = async () => {
    const [{ HttpClient }, undici] = await Promise.all([import('@actions/http-client'), import('undici')]);
    // undici is CommonJS: bundled, its import() gives the module as `default` only.
    const undiciFetch = (undici.fetch ?? (undici as unknown as { default: typeof undici }).default.fetch) as typeof undici.fetch;
    const dispatcher = new HttpClient().getAgentDispatcher(baseUrl);
    return (url: string, init: object) => undiciFetch(url, { ...init, dispatcher } as never) as unknown as Promise<globalThis.Response>;
  };
  return (async (url: string | URL | Request, init?: RequestInit) => {
    loaded ??= load();
    return (await loaded)(String(url), init ?? {});
  }) as typeof globalThis.fetch;
}

/** The user agent GitHub sees: octokit's own, tagged with the runner's orchestration id when there is one (as @actions/github does). */
export function userAgentOf(orchestrationId: string | undefined): string | undefined {
  const id = orchestrationId?.trim();
  return id ? `pilot-readiness actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}

export function createGitHubClient(token: string, options: GitHubClientOptions): GitHubClient {
  const { log } = options;
  const unit = options.retryUnitMs ?? 1000;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const where = `${request.method ?? ''} ${pathOf(request.url)}`;
      if (retryCount >= rateLimitRetries || retryAfter > maxWait) {
        log.warning(`GitHub ${kind} hit on ${where}; giving up after ${retryCount} retries (retry-after ${retryAfter}s)`);
        return false;
      }
      log.warning(`GitHub ${kind} hit on ${where}; retrying after ${retryAfter}s (retry ${retryCount + 1} of ${rateLimitRetries})`);
      return true;
    };
  // An empty value (an unset variable passed on) means the default, as getOctokit had it.
  const baseUrl = (options.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const fetch = proxiedFetch(baseUrl);
  const userAgent = userAgentOf(process.env.ACTIONS_ORCHESTRATION_ID);
  const Client = GitHubOctokit.plugin(attemptGuard(log, options.timeoutMs ?? 60_000, options.tally), retry, throttling);
  return new Client({
    auth: `token ${token}`,
    baseUrl,
    ...(userAgent ? { userAgent } : {}),
    ...(fetch ? { request: { fetch } } : {}),
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.warning(m), error: (m: string) => log.warning(m) },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...(options.paceWrites === false ? { write: unpaced as never, notifications: unpaced as never } : {}),
    },
  });
}

/**
 * Retry timing from the environment, for GitHub Enterprise Server operators and for tests that must not
 * wait real seconds: PILOT_READINESS_RETRY_UNIT_MS (default 1000) scales every back-off, and
 * PILOT_READINESS_PACE_WRITES=false turns off the one-second spacing of writes. The Action and the CLI
 * read it alike.
 */
export function clientTuning(env: Record<string, string | undefined>): Pick<GitHubClientOptions, 'retryUnitMs' | 'paceWrites'> {
  const unit = Number(env.PILOT_READINESS_RETRY_UNIT_MS);
  return {
    ...(Number.isFinite(unit) && unit > 0 ? { retryUnitMs: unit } : {}),
    ...(env.PILOT_READINESS_PACE_WRITES === 'false' ? { paceWrites: false } : {}),
  };
}
