// The decision never depends on the machine: the built CLI gives byte-identical reports for every
// example (as `npm run demo` checks them, at a fixed --now) whatever TZ, LANG and LC_ALL say.
// Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, NOW, ROOT } from './helpers.js';

/** UTC; UTC+14 (the first zone into each day); UTC-8/-7 with daylight saving; UTC+14 in a Turkish locale. */
const MACHINES: Array<[string, Record<string, string>]> = [
  ['TZ=UTC', { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }],
  ['TZ=Pacific/Kiritimati', { TZ: 'Pacific/Kiritimati', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }],
  ['TZ=America/Los_Angeles', { TZ: 'America/Los_Angeles', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' }],
  [
    'TZ=Pacific/Kiritimati LANG=LC_ALL=tr_TR.UTF-8',
    { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', LANGUAGE: 'tr' },
  ],
];

/** Every example manifest, offline and with each recorded PR facts file (as scripts/demo.mjs runs them). */
function exampleRuns(): string[][] {
  const runs: string[][] = [];
  for (const name of readdirSync(join(ROOT, 'examples')).sort()) {
    const manifest = join('examples', name, 'pilot-readiness.yml');
    if (!existsSync(join(ROOT, manifest))) continue;
    runs.push([manifest]);
    for (const file of readdirSync(join(ROOT, 'examples', name))
      .filter((f) => /^pr-.*\.json$/.test(f))
      .sort()) {
      runs.push([manifest, '--pr', join('examples', name, file)]);
    }
  }
  return runs;
}

describe('time-zone and locale independence', () => {
  it('the machines really differ: Node sees each TZ and the Turkish locale', () => {
    const probe = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        [
          '-e',
          'process.stdout.write(`${new Date(Date.UTC(2026, 10, 20, 12)).getTimezoneOffset()} ${Intl.DateTimeFormat().resolvedOptions().locale}`)',
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, ...env },
        },
      ).stdout;
    expect(MACHINES.map(([, env]) => probe(env))).toEqual(['0 en-US', '-840 en-US', '480 en-US', '-840 tr-TR']);
  });

  const runs = exampleRuns();
  it('finds the examples', () => {
    expect(runs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(runs.map((args) => [args.join(' '), args] as const))('%s: the same JSON and text on every machine', (_name, args) => {
    for (const format of ['json', 'text']) {
      const outputs = MACHINES.map(([, env]) => cli(['check', ...args, '--now', NOW, '--format', format], { env }));
      const [first] = outputs;
      expect(first!.status === 0 || first!.status === 1).toBe(true);
      for (const output of outputs) expect(output).toEqual(first);
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'pr-tz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('date-times with offsets and a --now with an offset name the same instants everywhere', () => {
    writeFileSync(
      join(dir, 'pilot-readiness.yml'),
      'version: 1\npilot:\n  name: tz\n  risk: low\nowner: maria\nevidence:\n  DR-1: { date: 2026-11-20T23:30:00+14:00 }\n  SEC-1: { date: 2026-11-19T16:00:00-08:00 }\n  DR-2: { date: 2026-11-20 }\n',
    );
    const outputs = MACHINES.map(([, env]) =>
      cli(['check', 'pilot-readiness.yml', '--now', '2026-11-20T01:00:00-11:00', '--format', 'json'], { cwd: dir, env }),
    );
    for (const output of outputs) expect(output).toEqual(outputs[0]);
    expect(JSON.parse(outputs[0]!.stdout).now).toBe('2026-11-20T12:00:00.000Z');
  });
});
