// Reading `/override ROLE: reason` from a review body as GitHub renders it: which lines count, what
// the reason is, and where the ones that do not count were found.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCompleteComment, outline } from '../../src/core/signoff/markdown.js';
import { MAX_OVERRIDE_BODY, collectOverrides, parseOverrides, readOverrides } from '../../src/core/signoff/override.js';
import { HEAD, OWNER, iso, messages } from './builders.js';
import type { Review } from '../../src/core/signoff/reviews.js';

const approval = (id: number, body: string): Review => ({ id, author: OWNER, state: 'APPROVED', at: iso(id), commit: HEAD, body });

describe('parseOverrides', () => {
  it('reads a plain line of a top-level paragraph: the role, and the rest of the line as the reason', () => {
    expect(parseOverrides('/override legal: accepted by the board')).toEqual([{ role: 'legal', reason: 'accepted by the board' }]);
    expect(parseOverrides('/override legal:accepted')).toEqual([{ role: 'legal', reason: 'accepted' }]);
    expect(parseOverrides('/override\tlegal\t:  accepted  ')).toEqual([{ role: 'legal', reason: 'accepted' }]);
    expect(parseOverrides('/OVERRIDE legal: accepted')).toEqual([{ role: 'legal', reason: 'accepted' }]);
    expect(parseOverrides('   /override legal: indented up to three spaces')).toEqual([
      { role: 'legal', reason: 'indented up to three spaces' },
    ]);
  });

  it('reads every line of a paragraph, after soft and hard breaks, and every paragraph', () => {
    const body = [
      'Thanks for the memo.',
      '/override legal: one',
      'More words.  ',
      '/override security: two\\',
      '/override data_protection: three',
      '',
      '/override ops-on-call: four',
    ].join('\n');
    expect(parseOverrides(body)).toEqual([
      { role: 'legal', reason: 'one' },
      { role: 'security', reason: 'two' },
      { role: 'data_protection', reason: 'three' },
      { role: 'ops-on-call', reason: 'four' },
    ]);
  });

  it('keeps the visible text of inline Markdown in the reason, and drops raw HTML', () => {
    expect(
      parseOverrides('/override legal: see `RISK-12`, [the memo](https://x.test/m) and *note* ~~old~~ AT&amp;T\\_x <b>ok</b>'),
    ).toEqual([{ role: 'legal', reason: 'see RISK-12, the memo and note old AT&T_x ok' }]);
  });

  it('reads a command without a reason with an empty reason (collectOverrides refuses it)', () => {
    expect(parseOverrides('/override legal')).toEqual([{ role: 'legal', reason: '' }]);
    expect(parseOverrides('/override legal:   ')).toEqual([{ role: 'legal', reason: '' }]);
  });

  it('reads CRLF and lone CR as line ends, as CommonMark does', () => {
    expect(parseOverrides('Memo.\r\n/override legal: a\r/override security: b\r\n')).toEqual([
      { role: 'legal', reason: 'a' },
      { role: 'security', reason: 'b' },
    ]);
  });

  it('reads nothing from a body without the word', () => {
    expect(readOverrides('LGTM, ship it.\n\n> quoted\n\n```\ncode\n```')).toEqual({ commands: [], ignored: [] });
    expect(readOverrides('')).toEqual({ commands: [], ignored: [] });
  });
});

describe('readOverrides: where an ignored /override was', () => {
  const place = (body: string) => {
    const { commands, ignored } = readOverrides(body);
    expect(commands).toEqual([]);
    return ignored.map((entry) => `${entry.role} ${entry.place}`);
  };

  it('names the block', () => {
    expect(place('```\n/override legal: x\n```')).toEqual(['legal code block']);
    expect(place('<!--\n/override legal: x\n-->')).toEqual(['legal HTML comment']);
    expect(place('<div>\n/override legal: x\n</div>')).toEqual(['legal HTML']);
    expect(place('> /override legal: x')).toEqual(['legal block quote']);
    expect(place('* /override legal: x')).toEqual(['legal list']);
    expect(place('| a |\n| - |\n| /override legal: x |')).toEqual(['legal table']);
    expect(place('## /override legal: x')).toEqual(['legal heading']);
    expect(place('[^note]: /override legal: x')).toEqual(['legal footnote']);
    expect(place('[memo]: </override legal: x>')).toEqual(['legal reference']);
  });

  it('names the inline', () => {
    expect(place('`/override legal: x`')).toEqual(['legal inline code']);
    expect(place('[/override legal: x](https://x.test)')).toEqual(['legal link']);
    expect(place('![/override legal: x](https://x.test/i.png)')).toEqual(['legal image']);
    expect(place('**/override legal: x**')).toEqual(['legal emphasis']);
    expect(place('~~/override legal: x~~')).toEqual(['legal strikethrough']);
    expect(place('<span>/override legal: x</span>')).toEqual(['legal inline HTML']);
    expect(place('Memo <span title="/override legal: x">hi</span>')).toEqual(['legal inline HTML']);
    expect(place('[memo](https://x.test "/override legal: x")')).toEqual(['legal link']);
    expect(place('\\/override legal: x')).toEqual(['legal escape']);
  });

  it('says when the line is not the command as written', () => {
    expect(place('Approved; /override legal: x')).toEqual(['legal mid-line']);
    expect(place('/override *legal*: x')).toEqual(['legal form']);
    expect(place('/override legal please')).toEqual(['legal form']);
    expect(place('\u2060/override legal: x')).toEqual(['legal look-alike']);
    expect(place('/\u200boverride legal: x')).toEqual(['legal look-alike']);
    expect(place('\u2215override legal: x')).toEqual(['legal look-alike']);
    expect(place('/override\u00a0legal: x')).toEqual(['legal look-alike']);
  });

  it('does not take a path or a word ending in /override for a command', () => {
    expect(readOverrides('See docs/override legal.md and http://x.test/override now')).toEqual({ commands: [], ignored: [] });
  });

  it('reports every ignored one beside the ones that count', () => {
    const body = '/override legal: yes\n\n> /override security: no\n\n/override ops: also `/override security: no`';
    expect(readOverrides(body)).toEqual({
      commands: [
        { role: 'legal', reason: 'yes' },
        { role: 'ops', reason: 'also /override security: no' },
      ],
      ignored: [
        { role: 'security', place: 'inline code' },
        { role: 'security', place: 'block quote' },
      ],
    });
  });

  it('does not read a body longer than the limit, and says so', () => {
    const body = `${'x'.repeat(MAX_OVERRIDE_BODY)}\n\n/override legal: x`;
    expect(readOverrides(body)).toEqual({ commands: [], ignored: [{ role: 'legal', place: 'too long' }] });
    expect(parseOverrides(`${'x'.repeat(MAX_OVERRIDE_BODY - 100)}\n\n/override legal: x`)).toEqual([{ role: 'legal', reason: 'x' }]);
  });
});

describe('outline', () => {
  it('puts a placeholder for each inline that is not plain text, so removing it never starts a line', () => {
    const [line] = outline('`a`/override legal: x').lines;
    expect(line).toMatchObject({ visible: 'a/override legal: x', probe: '\uFFFC/override legal: x', barred: null });
    const lines = outline('<b></b>/override legal: x\n*a\n/override legal: y*').lines;
    expect(lines.map((l) => l.probe)).toEqual(['\uFFFC\uFFFC/override legal: x', '\uFFFC\uFFFC', '\uFFFC\uFFFC']);
  });

  it('bars every line after raw HTML, but not after a complete comment', () => {
    const { lines } = outline('<!-- a -->\n\none <!-- b -->\ntwo <br>\nthree\n\nfour');
    expect(lines.map((l) => [l.visible, l.barred])).toEqual([
      ['one ', null],
      ['two ', null],
      ['three', 'after HTML'],
      ['four', 'after HTML'],
    ]);
  });
});

describe('isCompleteComment', () => {
  it('is a comment that ends where the browser ends it, with nothing after', () => {
    expect(isCompleteComment('<!-- a -->\n')).toBe(true);
    expect(isCompleteComment('<!--\nmulti\nline\n-->')).toBe(true);
    expect(isCompleteComment('<!---->')).toBe(true);
    expect(isCompleteComment('<!-->')).toBe(true);
    expect(isCompleteComment('<!--->')).toBe(true);
    expect(isCompleteComment('<!-- a --!>')).toBe(true);
    expect(isCompleteComment('<!-- a --> tail')).toBe(false);
    expect(isCompleteComment('<!-- a --!> shown -->')).toBe(false);
    expect(isCompleteComment('<!-- open')).toBe(false);
    expect(isCompleteComment('<details>')).toBe(false);
  });
});

describe('collectOverrides', () => {
  it('warns once per role and place that does not count, at most ten times a review', () => {
    const body = [
      '```',
      '/override legal: a',
      '/override legal: b',
      '```',
      '',
      ...Array.from({ length: 12 }, (_, i) => `> /override r${i}: x`),
    ].join('\n');
    const { byRole, warnings } = collectOverrides(OWNER, [approval(7, body)], ['legal']);
    expect(byRole.size).toBe(0);
    expect(messages(warnings)).toEqual([
      '`/override legal` in review 7 does not count: it is inside a code block; write it as a plain paragraph line',
      ...Array.from(
        { length: 9 },
        (_, i) => `\`/override r${i}\` in review 7 does not count: it is inside a block quote; write it as a plain paragraph line`,
      ),
      '3 more `/override` lines in review 7 do not count either; write each as a plain paragraph line',
    ]);
  });

  it('keeps the warnings about a role the policy does not define and about a missing reason', () => {
    const { byRole, warnings } = collectOverrides(
      OWNER,
      [approval(8, '/override legl: x\n/override legal\n\n- /override legal: y')],
      ['legal'],
    );
    expect(byRole.size).toBe(0);
    expect(messages(warnings)).toEqual([
      "olivia's /override legl (review 8) names no reviewer role; did you mean legal?",
      "olivia's /override legal (review 8) gives no reason, so it does not count; write `/override legal: <reason>`",
      '`/override legal` in review 8 does not count: it is inside a list; write it as a plain paragraph line',
    ]);
  });
});

describe('properties', () => {
  // Bodies built from Markdown's significant pieces and command lines, so that they meet often.
  const PIECES = [
    '/override security: x',
    '/override legal: y',
    '\n',
    '\n\n',
    '\r\n',
    '  ',
    '    ',
    '> ',
    '- ',
    '1. ',
    '```',
    '~~~',
    '`',
    '*',
    '_',
    '~~',
    '[',
    ']',
    '(u)',
    '![',
    '<!--',
    '-->',
    '<details>',
    '<b>',
    '|',
    '| - |',
    '---',
    '[^1]: ',
    '\\',
    '&#47;',
    '\u200b',
    'text',
  ];
  const body = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

  it('counts a command only where its text starts a line of the body', () => {
    fc.assert(
      fc.property(body, (text) => {
        const starts = text.split(/\r\n?|\n/).map((line) => line.trimStart());
        for (const command of parseOverrides(text)) {
          expect(starts.some((line) => line.toLowerCase().startsWith(`/override ${command.role}`.toLowerCase()))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('counts nothing after an unclosed fence, in a quote, or after raw HTML', () => {
    fc.assert(
      fc.property(body, (text) => {
        // A line of the text that is itself a fence would close the block: then it is no longer unclosed.
        if (!/^ {0,3}(`{3,}|~{3,})/m.test(text)) expect(parseOverrides(`\`\`\`\n${text}`)).toEqual([]);
        expect(parseOverrides(`<div>\n\n${text}`)).toEqual([]);
        expect(
          parseOverrides(
            text
              .split('\n')
              .map((line) => `> ${line}`)
              .join('\n'),
          ),
        ).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
