// Injected failures: each fault matches requests by method, path, GraphQL operation or token, for a number of times.

import type { FaultKind, FaultSpec } from './scenario.js';

export interface FaultTarget {
  method: string;
  path: string;
  operation: string | null;
  token: string | null;
}

/** What to do instead of (or before) serving a request normally. */
export interface FaultAction {
  delayMs: number;
  /** Absent: after the delay, serve the request normally. */
  respond?: { status: number; headers: Record<string, string>; body: string };
  reset?: boolean;
}

const SECONDARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';

function preset(kind: FaultKind, retryAfter: number): { status: number; headers: Record<string, string>; body: unknown } | 'reset' | 'malformed' {
  switch (kind) {
    case 'server-error':
      return { status: 500, headers: {}, body: { message: 'Server Error' } };
    case 'bad-gateway':
      return { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
    case 'secondary-rate-limit':
      return {
        status: 403,
        headers: { 'retry-after': String(retryAfter) },
        body: {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: SECONDARY_DOCS,
        },
      };
    case 'rate-limit':
      return {
        status: 403,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
        },
        body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: SECONDARY_DOCS },
      };
    case 'malformed-json':
      return 'malformed';
    case 'reset':
      return 'reset';
  }
}

export class Faults {
  private readonly specs: FaultSpec[];
  private readonly remaining: number[];

  constructor(specs: FaultSpec[] = []) {
    for (const spec of specs) {
      if (spec.match.path !== undefined) new RegExp(spec.match.path);
    }
    this.specs = specs;
    this.remaining = specs.map((s) => (s.times === 'always' ? Infinity : (s.times ?? 1)));
  }

  /** Adds a fault while the server runs (e.g. after a first successful call). */
  add(spec: FaultSpec): void {
    this.specs.push(spec);
    this.remaining.push(spec.times === 'always' ? Infinity : (spec.times ?? 1));
  }

  /** The first fault that matches and has uses left; using it counts down its times. */
  take(target: FaultTarget): FaultAction | undefined {
    const index = this.specs.findIndex((spec, i) => (this.remaining[i] ?? 0) > 0 && matches(spec, target));
    const spec = this.specs[index];
    if (!spec) return undefined;
    this.remaining[index] = (this.remaining[index] ?? 1) - 1;
    return actionOf(spec);
  }
}

function matches(spec: FaultSpec, t: FaultTarget): boolean {
  const m = spec.match;
  if (m.method && m.method.toUpperCase() !== t.method) return false;
  if (m.path !== undefined && !new RegExp(m.path).test(t.path)) return false;
  if (m.operation !== undefined && m.operation !== t.operation) return false;
  if (m.token !== undefined && m.token !== t.token) return false;
  return true;
}

function actionOf(spec: FaultSpec): FaultAction {
  const delayMs = spec.delay_ms ?? 0;
  const base = spec.kind ? preset(spec.kind, spec.retry_after ?? 1) : undefined;
  if (base === 'reset') return { delayMs, reset: true };
  if (base === 'malformed' || spec.malformed_json) {
    return { delayMs, respond: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"data": {"repository": {"pullRequest": ' } };
  }
  const respond = spec.respond ?? base;
  if (!respond) return { delayMs };
  const headers = { ...(base?.headers ?? {}), ...(respond.headers ?? {}) };
  const body = respond.body === undefined ? '' : typeof respond.body === 'string' ? respond.body : JSON.stringify(respond.body);
  if (!headers['content-type'] && typeof respond.body !== 'string') headers['content-type'] = 'application/json; charset=utf-8';
  return { delayMs, respond: { status: respond.status, headers, body } };
}
