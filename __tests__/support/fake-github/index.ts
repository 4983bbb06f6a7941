// A fake GitHub API on 127.0.0.1 for adapter tests: REST and GraphQL served from a scenario, every
// request recorded, faults injected on demand. See README.md for the scenario format.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkRequest, checkResponse } from './contract.js';
import { Faults, rewriteGraphQLPaging, rewrittenLink } from './faults.js';
import { operationNameOf, runGraphQL, type GraphQLRequest } from './graphql.js';
import { HttpError, findRoute, type RestAnswer } from './rest.js';
import { errorJson, type Site } from './rest-json.js';
import { checkScenario, loadScenario, type FaultSpec, type Scenario } from './scenario.js';
import { World, type CommentRecord, type StatusRecord } from './world.js';

export type { Scenario } from './scenario.js';
export { loadScenario } from './scenario.js';

export interface RecordedRequest {
  method: string;
  /** The URL path, e.g. /repos/acme/models/pulls (under `enterprise`, without its /api/v3 prefix; /graphql for /api/graphql). */
  path: string;
  /** The URL path as requested, prefix and all. */
  rawPath: string;
  query: Record<string, string>;
  /** Parsed JSON body (or the raw text when it is not JSON); undefined without a body. */
  body: unknown;
  headers: { authorization?: string; accept?: string; 'user-agent'?: string; 'content-type'?: string };
  /** The token from the Authorization header; null without one. */
  token: string | null;
  /** The OpenAPI endpoint that served it ("GET /repos/{owner}/{repo}/pulls"), 'POST /graphql', or null when none matched. */
  endpoint: string | null;
  /** For GraphQL: the operation name and variables. */
  operation: string | null;
  variables?: Record<string, unknown>;
  /** Filled in once answered. */
  status: number;
  response: unknown;
  /** True when an injected fault answered (or delayed) it. */
  fault: boolean;
}

export interface RequestFilter {
  method?: string;
  /** Exact path, or a regular expression tested against it. */
  path?: string | RegExp;
  endpoint?: string;
  operation?: string;
}

export interface FakeGitHub {
  /** Base URL for octokit's baseUrl (GraphQL is at `${url}/graphql`; under `enterprise`, https://HOST/api/v3 with GraphQL at /api/graphql). */
  url: string;
  requests: RecordedRequest[];
  /** Answers that GitHub's OpenAPI description does not allow; close() fails when there are any. */
  violations: string[];
  world: World;
  /** How many recorded requests match. */
  count(filter?: RequestFilter): number;
  /** Recorded requests that match. */
  find(filter?: RequestFilter): RecordedRequest[];
  /** Adds a fault while running. */
  fault(spec: FaultSpec): void;
  /** Comments on an issue or pull request, oldest first. */
  comments(repo: string, number: number): CommentRecord[];
  /** Statuses set on a commit, oldest first. */
  statuses(repo: string, sha: string): StatusRecord[];
  /** Forgets recorded requests (not state). */
  clearRequests(): void;
  /** Stops the server; rejects when an answer broke GitHub's OpenAPI description. */
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  /** Check answers against the OpenAPI fixture (default true). */
  checkContract?: boolean;
  /**
   * Serve as GitHub Enterprise Server does: REST under /api/v3 and GraphQL at /api/graphql. A request
   * outside those prefixes is answered 404 and recorded as a violation.
   */
  enterprise?: boolean;
}

/** Under `enterprise`, the path GitHub.com would have served (null outside the prefixes); else the path itself. */
function servedPath(method: string, path: string, enterprise: boolean): string | null {
  if (!enterprise) return path;
  if (method === 'POST' && path === '/api/graphql') return '/graphql';
  return path.startsWith('/api/v3/') ? path.slice('/api/v3'.length) : null;
}

/** Starts the fake on a random loopback port. `scenario` is an object or a path to a .json/.yml file. */
export async function startFakeGitHub(scenario: Scenario | string = {}, options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const spec = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  checkScenario(spec);
  const world = new World(spec);
  const faults = new Faults([...(spec.faults ?? [])]);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const checkContract = options.checkContract ?? true;
  const sockets = new Set<Socket>();
  let closing: Promise<void> | null = null;
  const site: Site = { api: '', web: 'https://github.com', world };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push(`fake GitHub crashed on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'fake GitHub crashed' }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', site.api);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const body = parseBody(raw);
    const auth = req.headers.authorization;
    const token = auth ? auth.replace(/^(token|bearer)\s+/i, '') : null;
    const enterprise = options.enterprise ?? false;
    const served = servedPath(method, url.pathname, enterprise);
    const path = served ?? url.pathname;
    const isGraphQL = served !== null && method === 'POST' && path === '/graphql';
    const graphqlBody =
      isGraphQL && body.ok && typeof body.value === 'object' && body.value !== null ? (body.value as GraphQLRequest) : undefined;
    const match = isGraphQL || served === null ? undefined : findRoute(method, path);
    const record: RecordedRequest = {
      method,
      path,
      rawPath: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: body.value,
      headers: pick(req.headers, ['authorization', 'accept', 'user-agent', 'content-type']),
      token,
      endpoint: isGraphQL ? 'POST /graphql' : (match?.route.endpoint ?? null),
      operation: graphqlBody ? operationNameOf(graphqlBody) : null,
      ...(graphqlBody && typeof graphqlBody.variables === 'object' && graphqlBody.variables !== null
        ? { variables: graphqlBody.variables as Record<string, unknown> }
        : {}),
      status: 0,
      response: undefined,
      fault: false,
    };
    requests.push(record);

    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      record.response = payload;
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      send(res, status, { 'content-type': 'application/json; charset=utf-8', ...rateHeaders(isGraphQL), ...headers }, text);
    };

    if (served === null) {
      violations.push(`${method} ${url.pathname}: outside GitHub Enterprise Server's /api/v3 and /api/graphql`);
      return reply(404, errorJson(404, 'Not Found'));
    }
    const fault = faults.take({ method, path, operation: record.operation, token });
    const rewrite = fault?.rewrite;
    if (fault) {
      // A paging fault marks the request once it has rewritten something in its answer.
      record.fault = !rewrite;
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.reset) {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault.respond) {
        record.status = fault.respond.status;
        record.response = fault.respond.body;
        send(res, fault.respond.status, { ...rateHeaders(isGraphQL), ...fault.respond.headers }, fault.respond.body);
        return;
      }
    }

    if (!token) return reply(401, errorJson(401, 'Requires authentication', 'https://docs.github.com/rest'));
    const identity = world.identify(token);
    if (!identity) return reply(401, errorJson(401, 'Bad credentials', 'https://docs.github.com/rest'));
    if (!body.ok) return reply(400, errorJson(400, 'Problems parsing JSON'));

    if (isGraphQL) {
      const result = await runGraphQL(world, identity, site.api, graphqlBody ?? {});
      if (rewrite && rewriteGraphQLPaging(result, rewrite) > 0) record.fault = true;
      return reply(200, result);
    }
    if (!match) return reply(404, errorJson(404, 'Not Found'));

    const endpoint = match.route.endpoint;
    const invalid = method === 'GET' ? [] : checkRequest(endpoint, body.value);
    if (invalid.length > 0) return reply(422, errorJson(422, `Invalid request.\n\n${invalid.join('\n')}`));
    let answer: RestAnswer;
    try {
      answer = match.route.handle({ method, path, query: url.searchParams, body: body.value, identity, site }, match.params);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      answer = { status: error.status, body: error.body };
    }
    if (checkContract) {
      for (const problem of checkResponse(endpoint, answer.status, answer.body))
        violations.push(`${method} ${path} → ${answer.status}: ${problem}`);
    }
    if (rewrite && answer.status === 200 && Array.isArray(answer.body)) {
      const link = rewrittenLink(new URL(req.url ?? '/', site.api), rewrite);
      if (link === null)
        violations.push(`${method} ${path}: the fault ${rewrite.kind} has no REST form (a Link header cannot hold a null cursor)`);
      else {
        answer = { ...answer, headers: { ...answer.headers, link } };
        record.fault = true;
      }
    }
    reply(answer.status, answer.body, answer.headers);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  site.api = `http://127.0.0.1:${port}${options.enterprise ? '/api/v3' : ''}`;

  const matching = (filter: RequestFilter = {}) =>
    requests.filter(
      (r) =>
        (!filter.method || r.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))) &&
        (!filter.endpoint || r.endpoint === filter.endpoint) &&
        (!filter.operation || r.operation === filter.operation),
    );

  return {
    url: site.api,
    requests,
    violations,
    world,
    count: (filter) => matching(filter).length,
    find: matching,
    fault: (spec) => faults.add(spec),
    comments: (repo, number) => {
      const [owner = '', name = ''] = repo.split('/');
      return world.repo(owner, name)?.comments.filter((c) => c.issue_number === number) ?? [];
    },
    statuses: (repo, sha) => {
      const [owner = '', name = ''] = repo.split('/');
      return world.repo(owner, name)?.statuses.get(sha) ?? [];
    },
    clearRequests: () => {
      requests.length = 0;
    },
    // Once: a test may close it early, and the shared teardown (lifecycle.ts) closes it again.
    close: () =>
      (closing ??= (async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
        if (checkContract && violations.length > 0) {
          throw new Error(`the fake GitHub served answers GitHub's OpenAPI description does not allow:\n${violations.join('\n')}`);
        }
      })()),
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { 'x-github-request-id': `FAKE:${Date.now().toString(16)}`, ...headers });
  res.end(body);
}

function rateHeaders(graphql: boolean): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': graphql ? 'graphql' : 'core',
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): { ok: boolean; value: unknown } {
  if (raw === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, value: raw };
  }
}

function pick<K extends string>(headers: IncomingMessage['headers'], keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = headers[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
