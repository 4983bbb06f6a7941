// The owner's `/override ROLE: reason` lines, which lift a blocking objection.
//
// A command counts only where every reader of the review sees it as one: plain text at the start
// of a line of a top-level paragraph, as GitHub renders the body (GitHub-flavoured Markdown, raw
// HTML allowed). Not in a code block or code span, an HTML comment or other raw HTML, a block
// quote, a list, a table, a heading, a link, emphasis or strikethrough, and not in any paragraph
// after raw HTML that is not a complete comment (an unclosed `<details>` can fold away what follows).
// Every `/override` that does not count is reported, with where it is.
import type { Finding, Override } from '../types.js';
import { didYouMean } from './identity.js';
import { type ParagraphLine, type Place, outline } from './markdown.js';
import type { Review } from './reviews.js';

export interface OverrideCommand {
  role: string;
  /** Trimmed; empty when the line gives no reason. */
  reason: string;
}

/** Where an `/override` was found that does not count, beyond the places of the Markdown outline. */
export type IgnoredPlace = Place | 'look-alike' | 'mid-line' | 'form' | 'too long';

export interface IgnoredOverride {
  /** The role as written after `/override` (letters, digits, `_` and `-`). */
  role: string;
  place: IgnoredPlace;
}

/**
 * Bodies longer than this are not read for commands: GitHub refuses review bodies over 65,536
 * characters, this allows that many astral characters (two UTF-16 units each), and it bounds the
 * Markdown parser's work on hostile input.
 */
export const MAX_OVERRIDE_BODY = 131_072;

// The command, on a paragraph line's probe (plain text, PLACEHOLDER for anything else): the keyword,
// spaces or tabs, the role, then a colon (the reason follows) or the end of the line.
const COMMAND = /^\/override[ \t]+([^\s:\uFFFC]+)[ \t]*(:|$)/i;
// Anything that looks like a command: used to report the ones that do not count. Tolerates
// invisible (format) characters, look-alike slashes and markup before the role. Every quantifier
// is bounded, so that each position costs the same however hostile the text.
const MENTION =
  /(?<![\p{L}\p{N}_\p{Cf}])\p{Cf}{0,8}[/\uFF0F\u2044\u2215\u29F8]\p{Cf}{0,8}override[\s\p{Cf}]{1,16}[*_~`]{0,4}([\p{L}\p{N}_-]{1,40})/giu;
const LOOK_ALIKE = /[^\x21-\x7E \t]/u;

interface Mention {
  role: string;
  /** Index of the match in the searched text. */
  at: number;
  /** Whether an invisible or non-ASCII character is part of the keyword or what precedes the role. */
  lookAlike: boolean;
}

function mentions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const role = match[1] ?? '';
    const head = match[0].slice(0, match[0].length - role.length).replace(/[*_~`]+$/, '');
    found.push({ role, at: match.index, lookAlike: LOOK_ALIKE.test(head) });
  }
  return found;
}

/** The commands that count in a review body, and every other `/override` in it with where it is. */
export function readOverrides(body: string): { commands: OverrideCommand[]; ignored: IgnoredOverride[] } {
  const commands: OverrideCommand[] = [];
  const ignored: IgnoredOverride[] = [];
  if (!/override/i.test(body)) return { commands, ignored };
  if (body.length > MAX_OVERRIDE_BODY) {
    for (const mention of mentions(body)) ignored.push({ role: mention.role, place: 'too long' });
    return { commands, ignored };
  }

  const { lines, elsewhere } = outline(body);
  for (const line of lines) {
    const command = COMMAND.exec(line.probe);
    if (command?.[1] !== undefined) {
      if (line.barred) ignored.push({ role: command[1], place: line.barred });
      else commands.push({ role: command[1], reason: command[2] === ':' ? line.visible.slice(command[0].length).trim() : '' });
    }
    for (const mention of mentions(line.visible)) {
      if (command && mention.at === 0) continue;
      ignored.push({ role: mention.role, place: placeOnLine(line, mention) });
    }
  }
  for (const { text, place } of elsewhere) for (const mention of mentions(text)) ignored.push({ role: mention.role, place });
  return { commands, ignored };
}

function placeOnLine(line: ParagraphLine, mention: Mention): IgnoredPlace {
  if (line.barred) return line.barred;
  if (mention.lookAlike) return 'look-alike';
  // Without look-alikes the match starts at its slash. The marked stretches are in order: bisect
  // for the first that ends after it.
  const { marked } = line;
  const at = mention.at;
  let low = 0;
  let high = marked.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (marked[middle]!.to <= at) low = middle + 1;
    else high = middle;
  }
  const span = marked[low];
  if (span && span.from <= at) return span.place;
  // An inline that shows nothing (raw HTML, say) right where the text starts.
  const before = marked[low - 1];
  if (before && before.from === at && before.to === at) return before.place;
  return at === 0 ? 'form' : 'mid-line';
}

/** The `/override` commands that count in a review body (see readOverrides for the ones that do not). */
export function parseOverrides(body: string): OverrideCommand[] {
  return readOverrides(body).commands;
}

const WHERE: Record<IgnoredPlace, string> = {
  'code block': 'inside a code block',
  'HTML comment': 'inside an HTML comment',
  HTML: 'inside raw HTML',
  'block quote': 'inside a block quote',
  list: 'inside a list',
  table: 'inside a table',
  heading: 'inside a heading',
  footnote: 'inside a footnote',
  reference: 'inside a link reference definition',
  markup: 'inside Markdown markup',
  'after HTML': 'after raw HTML, which can hide what follows',
  'deep brackets': 'in a paragraph with brackets nested too deeply to read',
  'inline code': 'inside inline code',
  link: 'inside a link',
  image: 'inside an image',
  emphasis: 'inside emphasis',
  strikethrough: 'inside strikethrough',
  'inline HTML': 'inside inline HTML',
  escape: 'written with a backslash escape or an HTML entity',
  'look-alike': 'written with an invisible or look-alike character',
  'mid-line': 'not at the start of a line',
  form: 'not written as `/override ROLE: reason` in plain text',
  'too long': `in a review body longer than ${MAX_OVERRIDE_BODY} characters, which is not read for overrides`,
};

/** At most this many "does not count" warnings per review (after removing repeats). */
const MAX_IGNORED_WARNINGS = 10;

/**
 * The overrides in the owner's counted approvals (APPROVED, on the head commit), latest per role. A line
 * without a reason, or naming no reviewer role, does not count and is reported; so is every
 * `/override` outside a plain top-level paragraph line.
 */
export function collectOverrides(
  owner: string,
  approvals: readonly Review[],
  roles: readonly string[],
): { byRole: Map<string, Override>; warnings: Finding[] } {
  const byRole = new Map<string, Override>();
  const warnings: Finding[] = [];
  for (const review of approvals) {
    const { commands, ignored } = readOverrides(review.body ?? '');
    for (const command of commands) {
      if (!roles.includes(command.role)) {
        const guess = didYouMean(command.role, roles);
        warnings.push({
          message: `${owner}'s /override ${command.role} (review ${review.id}) names no reviewer role${guess ? `; did you mean ${guess}?` : ''}`,
          location: null,
        });
        continue;
      }
      if (command.reason === '') {
        warnings.push({
          message: `${owner}'s /override ${command.role} (review ${review.id}) gives no reason, so it does not count; write \`/override ${command.role}: <reason>\``,
          location: null,
        });
        continue;
      }
      byRole.set(command.role, { role: command.role, by: review.author, reason: command.reason, review_id: review.id, at: review.at });
    }
    const distinct = new Map<string, IgnoredOverride>();
    for (const entry of ignored) distinct.set(`${entry.role}\u0000${entry.place}`, entry);
    const shown = [...distinct.values()].slice(0, MAX_IGNORED_WARNINGS);
    for (const { role, place } of shown) {
      warnings.push({
        message: `\`/override ${role}\` in review ${review.id} does not count: it is ${WHERE[place]}; write it as a plain paragraph line`,
        location: null,
      });
    }
    if (distinct.size > shown.length) {
      warnings.push({
        message: `${distinct.size - shown.length} more \`/override\` lines in review ${review.id} do not count either; write each as a plain paragraph line`,
        location: null,
      });
    }
  }
  return { byRole, warnings };
}
