// Injected failures: each fault matches requests by method, path, GraphQL operation or token, for a number of times.

import { cursorOf } from './graphql.js';
import { PAGING_FAULTS, type FaultKind, type FaultSpec } from './scenario.js';

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
  /** Serve the request normally, then rewrite the paging of its answer. */
  rewrite?: PageRewrite;
}

/** Hostile paging: what a page-* fault does to an answer that is otherwise served normally. */
export interface PageRewrite {
  kind: 'page-null-cursor' | 'page-repeated-cursor' | 'page-endless';
  /** GraphQL: the connection field rewritten. */
  connection?: string;
  /** Kept across the fault's uses: the one cursor it repeats, and how many fresh cursors it made up. */
  state: { cursor?: string; made: number };
}

const SECONDARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';

function preset(
  kind: FaultKind,
  retryAfter: number,
): { status: number; headers: Record<string, string>; body: unknown } | 'reset' | 'malformed' | 'rewrite' {
  switch (kind) {
    case 'page-null-cursor':
    case 'page-repeated-cursor':
    case 'page-endless':
      return 'rewrite';
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
  private readonly states: Array<PageRewrite['state']>;

  constructor(specs: FaultSpec[] = []) {
    for (const spec of specs) check(spec);
    this.specs = specs;
    this.remaining = specs.map((s) => (s.times === 'always' ? Infinity : (s.times ?? 1)));
    this.states = specs.map(() => ({ made: 0 }));
  }

  /** Adds a fault while the server runs (e.g. after a first successful call). */
  add(spec: FaultSpec): void {
    check(spec);
    this.specs.push(spec);
    this.remaining.push(spec.times === 'always' ? Infinity : (spec.times ?? 1));
    this.states.push({ made: 0 });
  }

  /** The first fault that matches and has uses left; using it counts down its times. */
  take(target: FaultTarget): FaultAction | undefined {
    const index = this.specs.findIndex((spec, i) => (this.remaining[i] ?? 0) > 0 && matches(spec, target));
    const spec = this.specs[index];
    if (!spec) return undefined;
    this.remaining[index] = (this.remaining[index] ?? 1) - 1;
    return actionOf(spec, this.states[index] ?? { made: 0 });
  }
}

function check(spec: FaultSpec): void {
  if (spec.match.path !== undefined) new RegExp(spec.match.path);
  const paging = spec.kind !== undefined && PAGING_FAULTS.includes(spec.kind);
  if (spec.connection !== undefined && !paging)
    throw new Error(`fault ${JSON.stringify(spec.match)}: connection applies only to the page-* kinds`);
  if (!paging) return;
  if (spec.respond !== undefined || spec.malformed_json)
    throw new Error(`fault ${spec.kind}: the answer is served normally and its paging rewritten; it takes no respond or malformed_json`);
  // REST pages are linked by URL, which cannot be null: a Link header either has a next page or not.
  if (spec.kind === 'page-null-cursor' && !spec.connection)
    throw new Error('fault page-null-cursor is for GraphQL connections: name the connection (reviews, members, …)');
}

function matches(spec: FaultSpec, t: FaultTarget): boolean {
  const m = spec.match;
  if (m.method && m.method.toUpperCase() !== t.method) return false;
  if (m.path !== undefined && !new RegExp(m.path).test(t.path)) return false;
  if (m.operation !== undefined && m.operation !== t.operation) return false;
  if (m.token !== undefined && m.token !== t.token) return false;
  return true;
}

function actionOf(spec: FaultSpec, state: PageRewrite['state']): FaultAction {
  const delayMs = spec.delay_ms ?? 0;
  const base = spec.kind ? preset(spec.kind, spec.retry_after ?? 1) : undefined;
  if (base === 'reset') return { delayMs, reset: true };
  if (base === 'rewrite') {
    return {
      delayMs,
      rewrite: { kind: spec.kind as PageRewrite['kind'], ...(spec.connection ? { connection: spec.connection } : {}), state },
    };
  }
  if (base === 'malformed' || spec.malformed_json) {
    return {
      delayMs,
      respond: {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"data": {"repository": {"pullRequest": ',
      },
    };
  }
  const respond = spec.respond ?? base;
  if (!respond) return { delayMs };
  const headers = { ...(base?.headers ?? {}), ...(respond.headers ?? {}) };
  const body = respond.body === undefined ? '' : typeof respond.body === 'string' ? respond.body : JSON.stringify(respond.body);
  if (!headers['content-type'] && typeof respond.body !== 'string') headers['content-type'] = 'application/json; charset=utf-8';
  return { delayMs, respond: { status: respond.status, headers, body } };
}

// ---------------------------------------------------------------- hostile paging

type PageInfo = { hasNextPage?: boolean; endCursor?: string | null; hasPreviousPage?: boolean; startCursor?: string | null };

/** A cursor the fake's connections accept, far past any item: a page after it is empty. */
const freshCursor = (state: PageRewrite['state']): string => cursorOf(1_000_000 + state.made++);

/**
 * Rewrites, in place, the pageInfo of every `rewrite.connection` in a GraphQL answer: more pages with a
 * null cursor, with the same cursor every time, or with a new cursor every time. Returns how many
 * connections it rewrote (0: the answer holds none, and is left alone).
 */
export function rewriteGraphQLPaging(answer: unknown, rewrite: PageRewrite): number {
  let rewritten = 0;
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    for (const [key, child] of Object.entries(value)) {
      const pageInfo =
        key === rewrite.connection && child !== null && typeof child === 'object' ? (child as { pageInfo?: PageInfo }).pageInfo : undefined;
      if (pageInfo) {
        rewritten++;
        // A connection read backward (last/before) asks for hasPreviousPage and startCursor instead.
        const [more, cursor] =
          'hasPreviousPage' in pageInfo ? (['hasPreviousPage', 'startCursor'] as const) : (['hasNextPage', 'endCursor'] as const);
        pageInfo[more] = true;
        if (rewrite.kind === 'page-null-cursor') pageInfo[cursor] = null;
        else if (rewrite.kind === 'page-repeated-cursor')
          pageInfo[cursor] = rewrite.state.cursor ??= pageInfo[cursor] ?? freshCursor(rewrite.state);
        else pageInfo[cursor] = freshCursor(rewrite.state);
      }
      visit(child);
    }
  };
  visit((answer as { data?: unknown } | null)?.data);
  return rewritten;
}

/**
 * The Link header a REST page gets under a paging fault: `next` to the very page just served
 * (page-repeated-cursor), or to the page after it whatever the listing holds (page-endless). null for
 * page-null-cursor, which has no REST form.
 */
export function rewrittenLink(url: URL, rewrite: PageRewrite): string | null {
  if (rewrite.kind === 'page-null-cursor') return null;
  const next = new URL(url);
  if (rewrite.kind === 'page-endless') next.searchParams.set('page', String((Number(url.searchParams.get('page')) || 1) + 1));
  return `<${next.toString()}>; rel="next"`;
}
