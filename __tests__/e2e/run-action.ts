// Runs the built Action (dist/index.js) the way the Actions runner does: a fresh process with only
// the runner's environment (INPUT_* with action.yml's defaults applied, GITHUB_* pointing at files
// in a temp dir and at the fake GitHub), then reads back what the runner would: exit code,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the workflow commands (annotations) on stdout.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA, load } from 'js-yaml';
import type { FakeGitHub, RecordedRequest } from '../support/fake-github/index.js';
import type { Report } from '../../src/core/types.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(ROOT, 'dist', 'index.js');

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
}

export const ACTION: ActionYml = actionYmlOf(ROOT);

export type InputName =
  | 'policy'
  | 'manifest'
  | 'github-token'
  | 'members-token'
  | 'policy-token'
  | 'mode'
  | 'comment'
  | 'status-context'
  | 'request-reviews'
  | 'sha'
  | 'attest'
  | 'attestation'
  | 'sweep-budget';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  col?: number;
}

export interface ActionRun {
  /** The process's exit code (null if it was killed). */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Outputs as the runner reads them from GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the step wrote to GITHUB_STEP_SUMMARY ('' when nothing). */
  summary: string;
  /** ::error / ::warning / ::notice workflow commands from stdout, unescaped. */
  annotations: Annotation[];
  /** The JSON report at outputs.report, read before the temp dir goes; null when there is none. */
  report: Report | { reports: Report[] } | null;
  /** The SARIF file at outputs.sarif, parsed, read before the temp dir goes; null when there is none. */
  sarif: {
    version: string;
    runs: Array<{
      tool: { driver: { rules?: Array<{ id: string }> } };
      results?: Array<{ ruleId: string; level: string; message: { text: string } }>;
    }>;
  } | null;
  /** The requests the fake received during this run. */
  requests: RecordedRequest[];
  ms: number;
}

export interface RunOptions {
  gh: FakeGitHub;
  /** GITHUB_EVENT_NAME. */
  event: string;
  /** The event payload written to GITHUB_EVENT_PATH (the runner always writes one; {} for a bare event). */
  payload?: unknown;
  /** Input values as a workflow's `with:` would give them; the rest get action.yml's defaults. */
  with?: Partial<Record<InputName, string>>;
  /** What `${{ github.token }}` evaluates to. Default gh-token. */
  token?: string;
  repository?: string;
  /** Extra environment (wins over everything else). */
  env?: Record<string, string>;
  /** The node binary to run dist/index.js with. Default: the one running the tests. */
  node?: string;
  /**
   * Another build to run: a folder holding its action.yml and dist/ (say a pinned commit's, extracted
   * with git archive), whose own input defaults apply. Default: this checkout's build.
   */
  build?: string;
  /** How long the run may take before it is killed. Default 15 s (a sweep of 100 pull requests needs more). */
  killAfterMs?: number;
}

/** A build's action.yml, read as the runner reads it. */
export function actionYmlOf(build: string): ActionYml {
  return load(readFileSync(join(build, 'action.yml'), 'utf8'), { schema: JSON_SCHEMA }) as ActionYml;
}

/** Every input with the value the runner would give it: `with:` first, else action.yml's default with its expression evaluated. */
export function inputEnvironment(
  given: Partial<Record<InputName, string>>,
  token: string,
  action: ActionYml = ACTION,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = given[name as InputName] ?? (spec.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
    if (/\$\{\{/.test(value))
      throw new Error(`run-action: the default of input ${name} (${value}) has an expression this helper cannot evaluate`);
    // The runner upper-cases the name and keeps its hyphens: INPUT_GITHUB-TOKEN.
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const name of Object.keys(given)) if (!(name in action.inputs)) throw new Error(`run-action: action.yml has no input "${name}"`);
  return env;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const repository = options.repository ?? 'acme/models';
  const token = options.token ?? 'gh-token';
  const dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-e2e-'));
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: join(dir, 'step_summary'),
    env: join(dir, 'env'),
    path: join(dir, 'path'),
    state: join(dir, 'state'),
  };
  const workspace = mkdtempSync(join(dir, 'workspace-'));
  const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'));
  writeFileSync(files.event, JSON.stringify(options.payload ?? {}));
  for (const f of [files.output, files.summary, files.env, files.path, files.state]) writeFileSync(f, '');

  // Nothing from this process's environment leaks in: on a real runner the tests' own GITHUB_* would
  // otherwise point the Action at the real job's summary and outputs.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    GITHUB_API_URL: options.gh.url,
    GITHUB_GRAPHQL_URL: `${options.gh.url}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'dev-lin',
    GITHUB_WORKFLOW: 'pilot-readiness',
    // As the runner sets it: the workflow file and the ref it was read at (the merge ref on pull_request).
    GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/pilot-readiness.yml@${workflowRefOf(options.event, options.payload)}`,
    GITHUB_JOB: 'gate',
    GITHUB_ACTION: 'gate',
    // On pull_request this is the merge commit, which the PR controls; the fake knows no such commit,
    // so any read at GITHUB_SHA would fail loudly.
    GITHUB_SHA: 'e'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    PILOT_READINESS_RETRY_UNIT_MS: '1',
    PILOT_READINESS_PACE_WRITES: 'false',
    ...inputEnvironment(options.with ?? {}, token, options.build === undefined ? ACTION : actionYmlOf(options.build)),
    ...options.env,
  };

  const first = options.gh.requests.length;
  const started = performance.now();
  try {
    const entry = options.build === undefined ? ENTRY : join(options.build, 'dist', 'index.js');
    const { status, stdout, stderr } = await spawnNode(options.node ?? process.execPath, entry, workspace, env, options.killAfterMs);
    const ms = performance.now() - started;
    const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
    let report: ActionRun['report'] = null;
    if (outputs.report) report = JSON.parse(readFileSync(outputs.report, 'utf8')) as ActionRun['report'];
    const sarif = outputs.sarif ? (JSON.parse(readFileSync(outputs.sarif, 'utf8')) as ActionRun['sarif']) : null;
    return {
      sarif,
      status,
      stdout,
      stderr,
      outputs,
      summary: readFileSync(files.summary, 'utf8'),
      annotations: parseAnnotations(stdout),
      report,
      requests: options.gh.requests.slice(first),
      ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ref a workflow file is read at for an event: the merge ref on pull_request events, the queue's
 * branch on merge_group, else the default branch.
 */
function workflowRefOf(event: string, payload: unknown): string {
  const group = (payload as { merge_group?: { head_ref?: unknown } } | undefined)?.merge_group;
  if (event === 'merge_group' && typeof group?.head_ref === 'string') return group.head_ref;
  const pr = (payload as { pull_request?: { number?: number } } | undefined)?.pull_request;
  if ((event === 'pull_request' || event === 'pull_request_review') && pr?.number !== undefined) return `refs/pull/${pr.number}/merge`;
  return 'refs/heads/main';
}

/** Asynchronous on purpose: the fake GitHub answers from this process's event loop. */
function spawnNode(
  node: string,
  entry: string,
  cwd: string,
  env: Record<string, string>,
  killAfterMs = 15_000,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** GITHUB_OUTPUT as the runner reads it: `name<<DELIMITER` blocks (and plain `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: the block of ${name} has no closing ${delimiter}`);
      outputs[name] = value.join('\n');
      continue;
    }
    const plain = /^([^=]+)=(.*)$/.exec(line);
    if (!plain) throw new Error(`GITHUB_OUTPUT: cannot read the line ${JSON.stringify(line)}`);
    outputs[plain[1] ?? ''] = plain[2] ?? '';
  }
  return outputs;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) =>
  s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** `::error file=f,line=3,col=5,title=T::message` lines, as the runner turns them into annotations. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const annotation: Annotation = { level: m[1] as Annotation['level'], message: unescapeData(m[3] ?? '') };
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq);
      const value = unescapeProperty(pair.slice(eq + 1));
      if (key === 'line' || key === 'col') annotation[key] = Number(value);
      else if (key === 'file' || key === 'title') annotation[key] = value;
    }
    annotations.push(annotation);
  }
  return annotations;
}
