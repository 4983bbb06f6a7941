// An octokit client for tests against the fake: the production client with back-off in milliseconds
// and no write pacing, plus a logger that keeps what it was told.

import { createGitHubClient, type GitHubClient, type GitHubClientOptions, type Logger } from '../../../src/adapters/github/client.js';
import type { FakeGitHub } from './index.js';

export interface RecordingLogger extends Logger {
  lines: string[];
  warnings: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const warnings: string[] = [];
  return {
    lines,
    warnings,
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => {
      lines.push(`warning: ${m}`);
      warnings.push(m);
    },
    debug: (m) => lines.push(`debug: ${m}`),
  };
}

/** A client for `gh` that retries fast: 1 ms per back-off unit (so retry-after: 1 waits 1 ms). */
export function fakeClient(
  gh: FakeGitHub,
  { token = 'test-token', ...options }: Partial<GitHubClientOptions> & { token?: string } = {},
): GitHubClient & { testLog: RecordingLogger } {
  const log = (options.log as RecordingLogger | undefined) ?? recordingLogger();
  const client = createGitHubClient(token, { baseUrl: gh.url, retryUnitMs: 1, paceWrites: false, timeoutMs: 5000, ...options, log });
  return Object.assign(client, { testLog: log as RecordingLogger });
}
