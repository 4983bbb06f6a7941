// `pilot-readiness verify --sha SHA`: the deploy-time gate from a terminal or any CI: the merged pull
// request that produced the commit, its pilots judged again now with the sign-offs recorded at the
// merge. Read through the GitHub API (GITHUB_TOKEN or GH_TOKEN, GITHUB_API_URL); writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, messageOf } from '../../core/errors.js';
import { renderDeploymentMarkdown, renderDeploymentText } from '../../report/deployment.js';
import { plainLine, terminalJson } from '../../report/plain.js';
import { readArgs } from '../args.js';
import { outputFile } from '../output.js';
import { parseNow, type Io } from '../io.js';

type Env = Record<string, string | undefined>;

/** Exit 0 when the commit may be deployed, 1 when it may not (with the reasons), 2 on bad input or a GitHub failure. */
export async function verifyCommand(args: string[], io: Io, env: Env): Promise<number> {
  const parsed = readArgs(io, 'verify', args, {
    sha: { type: 'string' },
    repo: { type: 'string' },
    policy: { type: 'string', default: 'default' },
    manifest: { type: 'string', default: '**/pilot-readiness.yml' },
    now: { type: 'string' },
    attestation: { type: 'string' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const format = values.format!;
  if (!['text', 'json', 'markdown'].includes(format)) throw new InputError(`--format ${format}: use text, json or markdown`);
  const output = values.output === undefined ? null : outputFile(values.output, io.cwd);
  const sha = values.sha?.trim();
  if (!sha) throw new InputError('verify needs --sha SHA: the commit being deployed');
  const repository = (values.repo ?? env.GITHUB_REPOSITORY ?? '').trim();
  const [owner, repo, extra] = repository.split('/');
  if (!owner || !repo || extra !== undefined)
    throw new InputError(`verify needs --repo OWNER/REPO (or GITHUB_REPOSITORY)${repository ? `; "${repository}" is not owner/repo` : ''}`);
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token)
    throw new InputError(
      'verify reads the pull request through the GitHub API: set GITHUB_TOKEN or GH_TOKEN to a token with Contents and Pull requests: read',
    );
  let bundle: unknown;
  if (values.attestation !== undefined) {
    const path = resolve(io.cwd, values.attestation);
    if (!existsSync(path)) throw new InputError(`${values.attestation}: no such file`);
    try {
      bundle = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new InputError(`${values.attestation}: not valid JSON (${messageOf(error)})`);
    }
  }
  const now = parseNow(values.now, io);

  const [{ createGitHubClient, clientTuning }, { verifyDeployment }, { noSignatureVerifier }] = await Promise.all([
    import('../../adapters/github/client.js'),
    import('../../flow/verify-deployment.js'),
    import('../../adapters/github/attest.js'),
  ]);
  const log = { info: () => {}, warning: (m: string) => io.err(`warning: ${plainLine(m)}\n`) };
  const gh = createGitHubClient(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com', log, ...clientTuning(env) });
  // A GitHub refusal or failure is a UserError: main prints it and exits 2 (fail closed).
  const verdict = await verifyDeployment(
    gh,
    { owner, repo, sha },
    {
      policy: values.policy!,
      manifest: values.manifest!,
      now,
      ...(bundle !== undefined ? { attestation: { bundle, verifier: noSignatureVerifier } } : {}),
    },
  );
  output?.write(`${JSON.stringify(verdict, null, 2)}\n`);
  io.out(
    format === 'json'
      ? `${terminalJson(verdict)}\n`
      : format === 'markdown'
        ? renderDeploymentMarkdown(verdict)
        : renderDeploymentText(verdict),
  );
  return verdict.decision === 'ready' ? 0 : 1;
}
