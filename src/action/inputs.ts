// Every Action input, read in one place and checked, so a typo in a workflow is a clear error.
import { InputError } from '../core/errors.js';
import type { GateSettings } from '../flow/ports.js';
import { parseShard } from '../flow/portfolio/shard.js';
import { input, secret } from './runtime.js';

export interface ActionInputs extends GateSettings {
  token: string;
  /** A second token used only to read org/team members (least privilege: the main token then needs no members access). '' = the main token. */
  membersToken: string;
  /**
   * A second token used only to read central policies (least privilege: read-only on the policy's
   * repository, so the main token needs no access there). '' = the main token.
   */
  policyToken: string;
  /** Portfolio mode: the organisation to read; '' means the repository's owner. */
  organization: string;
  /** Portfolio mode: repository names to read (default every unarchived one). */
  repositories: string[];
  /** Portfolio mode: this job's share of the repositories. */
  shard: { index: number; count: number } | null;
  /** Deployment mode: the commit being deployed ('' = the deployment's, else GITHUB_SHA). */
  sha: string;
  /** Sign an in-toto readiness attestation when a pull request's decision is ready. */
  attest: boolean;
  /** Deployment mode: path of an attestation bundle to verify ('' = none). */
  attestation: string;
  /** A sweep's API requests: past this, it starts no further pull request (they wait for the next sweep, first in line). */
  sweepBudget: number;
}

/** The default sweep budget: about 100 pull requests judged for the first time, some ten minutes of paced requests, well within GITHUB_TOKEN's 1,000 an hour. */
const DEFAULT_SWEEP_BUDGET = 600;

function countInput(name: string, fallback: number): number {
  const raw = input(name).trim();
  if (raw === '') return fallback;
  if (!/^[1-9]\d{0,6}$/.test(raw))
    throw new InputError(`input ${name}: "${raw}" is not a number of API requests; use a whole number from 1, such as ${fallback}`);
  return Number(raw);
}

function booleanInput(name: string, fallback: boolean): boolean {
  const raw = input(name).trim();
  if (raw === '') return fallback;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off)$/i.test(raw)) return false;
  throw new InputError(`input ${name}: "${raw}" is not a boolean; use true or false`);
}

export function readInputs(): ActionInputs {
  const mode = input('mode').trim() || 'gate';
  if (mode !== 'gate' && mode !== 'report' && mode !== 'portfolio' && mode !== 'deployment')
    throw new InputError(`input mode: "${mode}" is not a mode; use gate, report, portfolio or deployment`);
  const token = input('github-token').trim() || process.env.GITHUB_TOKEN || '';
  if (!token) {
    throw new InputError(
      'input github-token is empty: pass `github-token: ${{ github.token }}` (the default) or a token with the permissions listed in the README',
    );
  }
  secret(token);
  const membersToken = input('members-token').trim();
  if (membersToken) secret(membersToken);
  const policyToken = input('policy-token').trim();
  if (policyToken) secret(policyToken);
  return {
    membersToken,
    policyToken,
    policy: input('policy').trim() || 'default',
    manifest: input('manifest').trim() || '**/pilot-readiness.yml',
    token,
    mode,
    comment: booleanInput('comment', true),
    statusContext: input('status-context').trim() || 'pilot-readiness',
    requestReviews: booleanInput('request-reviews', true),
    organization: input('organization').trim(),
    repositories: input('repositories')
      .split(/[\s,]+/)
      .filter(Boolean),
    shard: input('shard').trim() ? parseShard(input('shard'), 'input shard') : null,
    sha: input('sha').trim(),
    attest: booleanInput('attest', false),
    attestation: input('attestation').trim(),
    sweepBudget: countInput('sweep-budget', DEFAULT_SWEEP_BUDGET),
  };
}
