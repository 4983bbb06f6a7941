// Hostile review bodies for the `/override` reader: each fills a size with one construct that makes
// Markdown parsers work hard (nesting, unclosed brackets and delimiters, table rows, HTML), then
// ends with a plain paragraph `/override security: …` line. Shared by the benchmark
// (bench/overrides.ts) and the adversarial tests, which check what is read, not how fast.

/** The line every hostile body ends with, after a blank line. */
export const HOSTILE_OVERRIDE = '/override security: accepted after review (RISK-7)';

/** The constructs, each as the unit repeated to fill the body. */
export const HOSTILE_UNITS: Record<string, string> = {
  'nested quotes': '>',
  'quote lines': `${'> '.repeat(50)}x\n`,
  'nested lists': '- ',
  'indented lists': Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- x\n`).join(''),
  'open brackets': '[',
  'links without ends': '[a](',
  'images without ends': '![',
  'emphasis runs': '*a',
  underscores: '_a ',
  'strikethrough runs': '~~a',
  'backtick runs': '`a``b',
  'angle brackets': '<a ',
  'table rows': '|x|y|\n',
  'html blocks': '<div>\n\n',
  entities: '&#',
  'overrides in code': '    /override security: x\n',
};

/** `unit` repeated to `size` characters, a blank line, then `tail`. */
export function hostileBody(unit: string, size: number, tail = HOSTILE_OVERRIDE): string {
  const head = unit === '|x|y|\n' ? '|a|b|\n|-|-|\n' : '';
  const fill = unit.repeat(Math.ceil(size / unit.length)).slice(0, Math.max(0, size - head.length));
  return `${head}${fill}\n\n${tail}\n`;
}
