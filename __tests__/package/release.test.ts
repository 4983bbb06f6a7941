// The release scripts the release workflow runs before publishing: the tag, package.json, the built
// CLI and the CHANGELOG must agree, and the release notes are the CHANGELOG's section of that version.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const script = (name: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', name), ...args], { encoding: 'utf8' });

describe('scripts/release-check.mjs', () => {
  it('passes for the tag of the current version', () => {
    const run = script('release-check.mjs', `v${version}`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`v${version} = package.json ${version} = CLI ${version}`);
  });

  it.each([
    ['another version', 'v99.0.0', "does not match package.json's version"],
    ['not a release tag', 'v1', 'is not a release tag'],
    ['no tag at all', '', 'is not a release tag'],
  ])('refuses %s, saying why', (_name, tag, says) => {
    const run = script('release-check.mjs', tag);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(says);
    expect(run.stdout).toBe('');
  });
});

describe('scripts/release-notes.mjs', () => {
  it('prints the CHANGELOG section of the version, without its heading or the next section', () => {
    const run = script('release-notes.mjs', `v${version}`);
    expect(run.status).toBe(0);
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(run.stdout.trim());
    expect(run.stdout).not.toMatch(/^## /m);
    expect(run.stdout.trim()).not.toBe('');
  });

  it('fails for a version the CHANGELOG does not have', () => {
    const run = script('release-notes.mjs', 'v99.0.0');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CHANGELOG.md has no "## 99.0.0" section');
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = load(readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8'), { schema: JSON_SCHEMA }) as {
    on: { push: { tags: string[] } };
    permissions: unknown;
    jobs: Record<string, { needs?: string; permissions?: Record<string, string>; environment?: string; steps: Array<{ run?: string }> }>;
  };
  it('runs on release tags only, verifies before it publishes, and publishes before it releases', () => {
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.publish?.needs).toBe('verify');
    expect(workflow.jobs.release?.needs).toBe('publish');
    const runs = (job: string) => workflow.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');
    expect(runs('verify')).toContain('node scripts/release-check.mjs "$TAG"');
    expect(runs('verify')).toContain('bash .ci/run');
    expect(runs('publish')).toContain('npm publish --provenance');
    expect(workflow.jobs.publish?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow.jobs.publish?.environment).toBe('npm');
    expect(runs('release')).toContain('gh release create "$TAG" --verify-tag');
  });

  // A major tag (v1) moved at each release would move under everyone who pinned it: users pin the
  // commit sha the documentation names instead, and no job writes a tag.
  it('moves no tag', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps) expect(step.run ?? '', `job ${name}`).not.toMatch(/\bgit\s+(tag|push)\b|refs\/tags/);
    }
    expect(workflow.jobs.release?.permissions).toEqual({ contents: 'write' });
  });
});
