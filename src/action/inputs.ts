// Every Action input, read in one place and checked, so a typo in a workflow is a clear error.
import * as core from '@actions/core';
import { InputError } from '../core/errors.js';
import { parseShard } from '../core/portfolio.js';

export interface ActionInputs {
  policy: string;
  manifest: string;
  token: string;
  /** A second token used only to read org/team members (least privilege: the main token then needs no members access). '' = the main token. */
  membersToken: string;
  mode: 'gate' | 'report' | 'portfolio';
  comment: boolean;
  statusContext: string;
  requestReviews: boolean;
  /** Portfolio mode: the organisation to read; '' means the repository's owner. */
  organization: string;
  /** Portfolio mode: repository names to read (default every unarchived one). */
  repositories: string[];
  /** Portfolio mode: this job's share of the repositories. */
  shard: { index: number; count: number } | null;
}

function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim();
  if (raw === '') return fallback;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^(false|no|off)$/i.test(raw)) return false;
  throw new InputError(`input ${name}: "${raw}" is not a boolean; use true or false`);
}

export function readInputs(): ActionInputs {
  const mode = core.getInput('mode').trim() || 'gate';
  if (mode !== 'gate' && mode !== 'report' && mode !== 'portfolio') throw new InputError(`input mode: "${mode}" is not a mode; use gate, report or portfolio`);
  const token = core.getInput('github-token').trim() || process.env.GITHUB_TOKEN || '';
  if (!token) {
    throw new InputError('input github-token is empty: pass `github-token: ${{ github.token }}` (the default) or a token with the permissions listed in the README');
  }
  core.setSecret(token);
  const membersToken = core.getInput('members-token').trim();
  if (membersToken) core.setSecret(membersToken);
  return {
    membersToken,
    policy: core.getInput('policy').trim() || 'default',
    manifest: core.getInput('manifest').trim() || '**/pilot-readiness.yml',
    token,
    mode,
    comment: booleanInput('comment', true),
    statusContext: core.getInput('status-context').trim() || 'pilot-readiness',
    requestReviews: booleanInput('request-reviews', true),
    organization: core.getInput('organization').trim(),
    repositories: core.getInput('repositories').split(/[\s,]+/).filter(Boolean),
    shard: core.getInput('shard').trim() ? parseShard(core.getInput('shard'), 'input shard') : null,
  };
}
