// The npm package as a user gets it: `npm pack` of this repository, installed offline into an empty
// folder (locally and with -g), then run through its bin and through npx. dist/ carries every runtime
// dependency, so the tarball installs nothing else, and it ships only what runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  private?: boolean;
  files: string[];
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  engines: { node: string };
};
const EXAMPLE = join(ROOT, 'examples', 'churn-forecast', 'pilot-readiness.yml');
const NOW = '2026-11-28T00:00:00Z';
// npm must not reach the network (there is none in CI) nor write into the user's cache.
const npmEnv = (dir: string) => ({
  ...process.env,
  npm_config_cache: join(dir, 'npm-cache'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
});

let dir = '';
let tarball = '';
let listed: Array<{ path: string; size: number }> = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pilot-readiness-pack-'));
  const out = execFileSync('npm', ['pack', ROOT, '--pack-destination', dir, '--json'], { cwd: dir, env: npmEnv(dir), encoding: 'utf8' });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string; size: number }> }>;
  tarball = join(dir, info!.filename);
  listed = info!.files;
}, 60_000);

describe('the npm package', () => {
  it('is publishable, with no runtime dependency to install: the bundle carries them', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ 'pilot-readiness': 'dist/cli.js' });
    expect(pkg.engines.node).toBe('>=20');
  });

  it('ships only what runs: dist/, policies/, schemas/, README and LICENSE', () => {
    const paths = listed.map((f) => f.path);
    for (const path of paths) expect(path, path).toMatch(/^(dist\/|policies\/|schemas\/|README\.md$|LICENSE$|package\.json$)/);
    for (const needed of [
      'dist/cli.js',
      'dist/index.js',
      'policies/default.yml',
      'schemas/manifest.schema.json',
      'README.md',
      'LICENSE',
      'package.json',
    ])
      expect(paths).toContain(needed);
    expect(paths.some((p) => p.startsWith('__tests__') || p.startsWith('src/'))).toBe(false);
  });

  it('the CLI version is the package version', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });

  it('installs offline into an empty folder and runs check through its bin and through npx', () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    const install = spawnSync('npm', ['install', '--offline', tarball], { cwd: project, env: npmEnv(dir), encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toContain('added 1 package');
    const bin = join(project, 'node_modules', '.bin', 'pilot-readiness');
    const check = spawnSync(bin, ['check', EXAMPLE, '--now', NOW, '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(JSON.parse(check.stdout)).toMatchObject({
      pilot: { name: 'churn-forecast' },
      tool: { name: 'pilot-readiness', version: pkg.version },
    });
    const npx = spawnSync('npx', ['--offline', '--yes', 'pilot-readiness', '--version'], {
      cwd: project,
      env: npmEnv(dir),
      encoding: 'utf8',
    });
    expect(npx.stdout).toBe(`${pkg.version}\n`);
  }, 60_000);

  it('installs globally (npm install -g) offline and runs', () => {
    const prefix = join(dir, 'global');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', tarball], {
      cwd: dir,
      env: npmEnv(dir),
      encoding: 'utf8',
    });
    expect(install.status, install.stderr).toBe(0);
    const run = spawnSync(join(prefix, 'bin', 'pilot-readiness'), ['explain', 'SEC-1'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('SEC-1');
  }, 60_000);
});
