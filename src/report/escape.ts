// The one Markdown escaping module. Every Markdown output (the sticky comment, the job summary,
// `--format markdown`, the portfolio, the policy-change review) passes every value it did not write
// itself through one of these: text from the pull request (manifest values, paths, folder names,
// review bodies, logins, team slugs, messages that quote them) must not become HTML, a link, a
// heading, a table cell, a ping or an emoji. Text the tool writes itself is written as Markdown.
//
// Every function takes `unknown` (a schema-invalid manifest can put a number or an object where a
// string belongs) and never throws.
import { formatLocation } from '../core/errors.js';
import type { SourceLocation } from '../core/types.js';
import { toText } from './plain.js';

export { toText } from './plain.js';

/** Controls (C0 but tab and line breaks, DEL, C1) and bidirectional overrides/isolates: removed. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Line breaks and tabs: one space, so that a value stays on its line (and in its table cell). */
const BREAK = /\r\n|[\r\n\t\u2028\u2029]/g;

/** Inline Markdown syntax, backslash-escaped: emphasis, code, links and images, headings, tables, strikethrough, math. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+!|~$]/g;
const HTML: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * A `:shortcode:` GitHub would turn into an emoji: a name with a letter in it (`:tada:`, `:e-mail:`),
 * or one of the few without (`:+1:`, `:-1:`, `:100:`, `:1234:`). Times (14:10:30), offsets
 * (09:05+02:00) and ratios have no letter and are left alone.
 */
const SHORTCODE_OPEN = /:(?=(?:[a-z0-9_+-]*[a-z][a-z0-9_+-]*|[+-]1|100|1234):)/g;

/** One line of text, without control characters. */
function oneLine(value: unknown): string {
  return toText(value).replace(BREAK, ' ').replace(CONTROL, '');
}

/**
 * Escapes untrusted text for inline use anywhere in GitHub-flavoured Markdown, table cells included:
 * line breaks become spaces; Markdown syntax is backslash-escaped; `<`, `>` and `&` become entities
 * (no HTML, no autolink in angle brackets); a zero-width joiner after `@` stops @user and @org/team
 * pings, and one after the opening colon of a `:shortcode:` stops the emoji.
 */
export function escapeMarkdown(value: unknown): string {
  return (
    oneLine(value)
      // Before the escapes: GitHub matches :+1: in the rendered text, where \+ is a plain +.
      .replace(SHORTCODE_OPEN, ':\u200d')
      .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
      .replace(/[<>&]/g, (c) => HTML[c]!)
      .replace(/@/g, '@\u200d')
  );
}

export interface CodeOptions {
  /**
   * Whether the code span may sit in a table cell (the default): `|` is then written `\|`, which GitHub
   * unescapes inside table cells only. An unescaped `|` would end the cell, end the code span with it,
   * and leave the rest of the value to be read as Markdown and HTML. Pass false only where the span is
   * certainly not in a table (a list item, a heading, a paragraph), where `\|` would show its backslash.
   */
  table?: boolean;
}

/**
 * Untrusted text as a code span, for paths, locations, logins and team slugs: shown verbatim (no
 * HTML, no link, no emoji, and no ping: GitHub does not mention anyone from inside code). Line breaks
 * become spaces, control characters are removed, and the fence is one backtick longer than the
 * longest run of backticks inside, so the content cannot close it.
 */
export function codeSpan(value: unknown, options: CodeOptions = {}): string {
  let text = oneLine(value);
  if (options.table !== false) text = text.replace(/\|/g, '\\|');
  if (text === '') return '` `';
  const longest = (text.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both ends are spaces: pad when the content starts
  // or ends with a backtick (it would join the fence) or a space (it would be stripped).
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A message the core composed from its own words and untrusted values (a finding, a role's hint, the
 * owner's state), which may quote commands as code, e.g. "approve with `/override legal: <reason>`".
 * Each backtick-delimited segment (a run of n backticks closed by the next run of exactly n, as in
 * CommonMark) becomes a code span through codeSpan, which is inert whatever it holds; everything else
 * goes through escapeMarkdown, and a backtick run with no partner is escaped. So the tool's snippets
 * read as code, and a value that carries backticks gets at most some monospace text.
 */
export function escapeMessage(value: unknown, options: CodeOptions = {}): string {
  const text = oneLine(value);
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
  if (runs.length === 0) return escapeMarkdown(text);
  // For each run, the index of the next run of the same length (its closing partner if it opens a span).
  const partner = new Array<number>(runs.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    partner[i] = lastOfLength.get(run.length) ?? -1;
    lastOfLength.set(run.length, i);
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    if (open.at < from) continue; // inside a span already emitted
    const j = partner[i]!;
    out += escapeMarkdown(text.slice(from, open.at));
    if (j < 0) {
      out += escapeMarkdown(text.slice(open.at, open.at + open.length));
      from = open.at + open.length;
      continue;
    }
    const close = runs[j]!;
    let content = text.slice(open.at + open.length, close.at);
    if (/^ .*[^ ].* $/.test(content)) content = content.slice(1, -1);
    out += codeSpan(content, options);
    from = close.at + close.length;
  }
  return out + escapeMarkdown(text.slice(from));
}

/** A login or team shown without pinging its owner: `maria-ops` in code style never notifies. */
export function quietLogin(login: unknown, options: CodeOptions = {}): string {
  return codeSpan(login, options);
}

/** A location (its file is a path from the pull request) as a code span; '' without a location. */
export function markdownLocation(location: SourceLocation | null | undefined, options: CodeOptions = {}): string {
  return location ? codeSpan(formatLocation(location), options) : '';
}

/** ` <sub>`file:line:col`</sub>` after a message; '' without a location. */
export function markdownWhere(location: SourceLocation | null | undefined, options: CodeOptions = {}): string {
  return location ? ` <sub>${markdownLocation(location, options)}</sub>` : '';
}
