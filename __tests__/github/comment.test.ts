// upsertStickyComment: one comment per PR and key, found among the gate's own comments (as the facts
// query reads them), updated in place, never hijacked, never a crash.
import { describe, expect, it } from 'vitest';
import { fakeGitHubPerTest } from '../support/fake-github/lifecycle.js';
import { fakeClient } from '../support/fake-github/client.js';
import type { FakeGitHub, Scenario } from '../support/fake-github/index.js';
import type { CommentSpec } from '../support/fake-github/scenario.js';
import { MAX_COMMENT_LENGTH, commentBody, markerFor, upsertStickyComment } from '../../src/adapters/github/comment.js';

const MARKER = '<!-- pilot-readiness:readiness -->';
const TARGET = { owner: 'acme', repo: 'models', number: 7, key: 'readiness' };

function scenario(comments: CommentSpec[] = []): Scenario {
  return {
    tokens: {
      'gh-token': { login: 'github-actions[bot]' },
      'fork-token': { login: 'github-actions[bot]', permissions: 'read-only' },
      'app-token': { login: 'pilot-gate[bot]' },
    },
    repos: {
      'acme/models': { pulls: [{ number: 7, user: 'dev-ana', head: { sha: 'c'.repeat(40) }, base: { sha: 'b'.repeat(40) }, comments }] },
    },
  };
}

const startGitHub = fakeGitHubPerTest();
let gh: FakeGitHub | undefined;

/** The comments the facts query would give as the token's own (viewerDidAuthor): those of `login`. */
const own = (g: FakeGitHub, login = 'github-actions[bot]') =>
  g
    .comments('acme/models', 7)
    .filter((c) => c.user === login)
    .map((c) => ({ id: c.id, url: `https://github.com/acme/models/pull/7#issuecomment-${c.id}`, body: c.body }));

const writes = (g: FakeGitHub) => g.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.endpoint}`);

describe('upsertStickyComment', () => {
  it('creates the comment once, then updates it in place, and skips an update that changes nothing', async () => {
    gh = await startGitHub(scenario());
    const octokit = fakeClient(gh, { token: 'gh-token' });
    const first = await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), body: 'Score 3/5' });
    expect(first).toMatchObject({ ok: true, action: 'created' });
    const second = await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), body: 'Score 4/5' });
    expect(second).toMatchObject({ ok: true, action: 'updated', id: first.ok ? first.id : -1 });
    gh.clearRequests();
    const third = await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), body: 'Score 4/5' });
    expect(third).toMatchObject({ ok: true, action: 'unchanged' });
    // Neither a write nor a read.
    expect(gh.count()).toBe(0);
    expect(gh.comments('acme/models', 7).map((c) => c.body)).toEqual([`${MARKER}\nScore 4/5`]);
  });

  it('leaves the comment alone when only what `comparable` ignores differs, and updates it otherwise', async () => {
    gh = await startGitHub(scenario());
    const octokit = fakeClient(gh, { token: 'gh-token' });
    const withoutTime = (body: string) => body.replace(/ at \d\d:\d\d/g, '');
    await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), body: 'Score 4/5 at 10:00', comparable: withoutTime });
    const sameButTime = await upsertStickyComment(octokit, {
      ...TARGET,
      known: own(gh!),
      body: 'Score 4/5 at 10:07',
      comparable: withoutTime,
    });
    expect(sameButTime).toMatchObject({ ok: true, action: 'unchanged' });
    expect(gh.comments('acme/models', 7).map((c) => c.body)).toEqual([`${MARKER}\nScore 4/5 at 10:00`]);
    const changed = await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), body: 'Score 5/5 at 10:09', comparable: withoutTime });
    expect(changed).toMatchObject({ ok: true, action: 'updated' });
    expect(gh.comments('acme/models', 7).map((c) => c.body)).toEqual([`${MARKER}\nScore 5/5 at 10:09`]);
  });

  it('ignores a planted marker in someone else’s comment', async () => {
    gh = await startGitHub(scenario([{ id: 1, user: 'mallory', body: `${MARKER}\nAll criteria met. Ready.` }]));
    const result = await upsertStickyComment(fakeClient(gh, { token: 'gh-token' }), {
      ...TARGET,
      known: own(gh),
      body: 'Blocked: bias audit missing',
    });
    expect(result).toMatchObject({ ok: true, action: 'created' });
    expect(gh.comments('acme/models', 7).map((c) => [c.user, c.body])).toEqual([
      ['mallory', `${MARKER}\nAll criteria met. Ready.`],
      ['github-actions[bot]', `${MARKER}\nBlocked: bias audit missing`],
    ]);
  });

  it('ignores the bot’s own comments with another key or no marker at the start', async () => {
    gh = await startGitHub(
      scenario([
        { id: 1, user: 'github-actions[bot]', body: '<!-- pilot-readiness:other -->\nx' },
        { id: 2, user: 'github-actions[bot]', body: `quoted: ${MARKER}` },
      ]),
    );
    expect(await upsertStickyComment(fakeClient(gh, { token: 'gh-token' }), { ...TARGET, known: own(gh), body: 'b' })).toMatchObject({
      action: 'created',
    });
  });

  it('makes no read of its own: the comment is found in what it is given', async () => {
    gh = await startGitHub(scenario([{ id: 1, user: 'github-actions[bot]', body: `${MARKER}\nold` }]));
    const result = await upsertStickyComment(fakeClient(gh, { token: 'gh-token' }), { ...TARGET, known: own(gh), body: 'new' });
    expect(result).toMatchObject({ ok: true, action: 'updated', id: 1 });
    expect(gh.requests.map((r) => r.method)).toEqual(['PATCH']);
  });

  it('falls back to the short body, or cuts the body with a note, to stay within 65,536 characters', async () => {
    gh = await startGitHub(scenario());
    const octokit = fakeClient(gh, { token: 'gh-token' });
    const long = 'x'.repeat(70_000);
    await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), body: long, shortBody: 'Short form' });
    expect(gh.comments('acme/models', 7)[0]?.body).toBe(`${MARKER}\nShort form`);
    await upsertStickyComment(octokit, { ...TARGET, known: own(gh!), key: 'other', body: long });
    const cut = gh.comments('acme/models', 7)[1]?.body ?? '';
    expect(cut.length).toBe(MAX_COMMENT_LENGTH);
    expect(cut.endsWith('…(cut short: the full report is in the job summary)')).toBe(true);
    expect(writes(gh)).toEqual([
      'POST POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
  });

  it('never splits a character in two when cutting', () => {
    const body = commentBody(markerFor('k'), `${'a'.repeat(MAX_COMMENT_LENGTH - 100)}${'😀'.repeat(100)}`);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(() => encodeURIComponent(body)).not.toThrow();
  });

  it('returns a warning, not a crash, when the token may not comment (a fork PR)', async () => {
    gh = await startGitHub(scenario());
    const result = await upsertStickyComment(fakeClient(gh, { token: 'fork-token' }), { ...TARGET, known: own(gh), body: 'b' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.warning).toBe(
      "the report comment was not posted: GitHub refused POST /repos/acme/models/issues/7/comments (403 Resource not accessible by integration): the token needs `pull-requests: write` to comment: add it to the job's permissions (on pull requests from forks GITHUB_TOKEN is read-only whatever the workflow asks for, so there the report stays in the job summary)",
    );
  });

  it('returns a warning when GitHub keeps failing', async () => {
    gh = await startGitHub({ ...scenario(), faults: [{ match: { path: '/comments$' }, times: 'always', kind: 'server-error' }] });
    const result = await upsertStickyComment(fakeClient(gh, { token: 'gh-token', retries: 1 }), { ...TARGET, known: own(gh), body: 'b' });
    expect(result).toEqual({
      ok: false,
      warning: 'the report comment was not posted: GitHub POST /repos/acme/models/issues/7/comments failed (500): Server Error',
    });
  });

  it('refuses a key that could break out of the marker', () => {
    expect(() => markerFor('x -->')).toThrow(/may hold only letters/);
  });
});
