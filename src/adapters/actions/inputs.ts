// Every Action input, read in one place and checked, so a typo in a workflow is a clear error.
import * as core from '@actions/core';
import { InputError } from '../../errors.js';

export interface ActionInputs {
  policy: string;
  manifest: string;
  token: string;
  mode: 'gate' | 'report';
  comment: boolean;
  statusContext: string;
  requestReviews: boolean;
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
  if (mode !== 'gate' && mode !== 'report') throw new InputError(`input mode: "${mode}" is not a mode; use gate or report`);
  const token = core.getInput('github-token').trim() || process.env.GITHUB_TOKEN || '';
  if (!token) {
    throw new InputError('input github-token is empty: pass `github-token: ${{ github.token }}` (the default) or a token with the permissions listed in the README');
  }
  core.setSecret(token);
  return {
    policy: core.getInput('policy').trim() || 'default',
    manifest: core.getInput('manifest').trim() || '**/pilot-readiness.yml',
    token,
    mode,
    comment: booleanInput('comment', true),
    statusContext: core.getInput('status-context').trim() || 'pilot-readiness',
    requestReviews: booleanInput('request-reviews', true),
  };
}
