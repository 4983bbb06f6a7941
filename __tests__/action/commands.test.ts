// What the Action writes to stdout, where the runner reads workflow commands line by line: annotations
// go through the toolkit's escaping (one line each, whatever the message holds); core.info does not
// escape at all, which is why free text for it goes through plainLine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as core from '@actions/core';
import { annotateReports as annotate } from '../../src/action/runtime.js';
import { evaluate } from '../../src/core/evaluate.js';
import { loadBundledPolicy } from '../../src/core/bundled.js';
import { plainLine, plainText } from '../../src/report/plain.js';

const HOSTILE = 'x\n::error file=a::pwned\r::set-output name=decision::ready %0A::error::decoded ##[error]old';

let written: string[] = [];
const write = process.stdout.write.bind(process.stdout);
beforeEach(() => {
  written = [];
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
});
afterEach(() => {
  process.stdout.write = write;
});

/** The lines as the runner splits them (\r, \n and \r\n end a line). */
const lines = () =>
  written
    .join('')
    .split(/\r\n|\r|\n/)
    .filter((line) => line !== '');

describe('workflow commands on stdout', () => {
  it('core.warning and core.error write one line, whatever the message and properties hold', () => {
    core.warning(HOSTILE);
    core.error(HOSTILE, { title: HOSTILE, file: `${HOSTILE}/pilot-readiness.yml`, startLine: 3, startColumn: 5 });
    expect(lines()).toHaveLength(2);
    expect(lines()[0]).toMatch(
      /^::warning::x%0A::error file=a::pwned%0D::set-output name=decision::ready %250A::error::decoded ##\[error\]old$/,
    );
    // The properties escape : and , too, so the file cannot end the property list early.
    expect(lines()[1]).toMatch(/^::error title=x%0A%3A%3Aerror file=a%3A%3Apwned/);
  });

  it('core.info writes the text as it is: a line of input could be a command, unless it goes through plainLine', () => {
    core.info(`read ${HOSTILE}`);
    expect(lines().some((line) => /^\s*::/.test(line))).toBe(true);
    written = [];
    core.info(`read ${plainLine(HOSTILE)}`);
    core.info(plainText(HOSTILE));
    expect(lines().some((line) => /^\s*::/.test(line))).toBe(false);
    expect(written.join('')).not.toContain('##[');
  });

  it('annotations for a hostile manifest are one line each', () => {
    const text = `version: 1\npilot:\n  name: claims\n  title: ${JSON.stringify(HOSTILE)}\n  risk: high\nowner: ${JSON.stringify(HOSTILE)}\n`;
    const report = evaluate({
      manifest: { path: `${HOSTILE}/pilot-readiness.yml`, text },
      policy: loadBundledPolicy('default'),
      files: { stat: () => 'missing' },
      facts: null,
      now: new Date('2026-11-20T12:00:00Z'),
    });
    annotate([report]);
    expect(lines().length).toBeGreaterThan(0);
    for (const line of lines()) expect(line).toMatch(/^::(error|warning) /);
  });

  it('an annotation carries no terminal escape or bidirectional control from a manifest', () => {
    const sly = 'ok\u001b[2K\u001b[31mREADY\u202egnp.evil\u009b';
    const text = `version: 1\npilot:\n  name: claims\n  title: ${JSON.stringify(sly)}\n  risk: high\nowner: ${JSON.stringify(sly)}\n`;
    const report = evaluate({
      manifest: { path: 'pilots/claims/pilot-readiness.yml', text },
      policy: loadBundledPolicy('default'),
      files: { stat: () => 'missing' },
      facts: null,
      now: new Date('2026-11-20T12:00:00Z'),
    });
    annotate([report]);
    const out = written.join('');
    expect(out).toContain('2K');
    for (const char of ['\u001b', '\u009b', '\u202e']) expect(out).not.toContain(char);
  });
});
