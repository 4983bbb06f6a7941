// The one set-up and teardown of the fake GitHub that test files share: each server a test starts is
// closed after that test, so a failing test cannot leave a port open for the next.
import { afterEach } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type Scenario } from './index.js';

/** Call once at the top of a test file; use what it returns in place of startFakeGitHub. */
export function fakeGitHubPerTest(): (scenario?: Scenario | string, options?: FakeGitHubOptions) => Promise<FakeGitHub> {
  const started: FakeGitHub[] = [];
  afterEach(async () => {
    const running = started.splice(0);
    await Promise.all(running.map((gh) => gh.close()));
  });
  return async (scenario, options) => {
    const gh = await startFakeGitHub(scenario, options);
    started.push(gh);
    return gh;
  };
}
