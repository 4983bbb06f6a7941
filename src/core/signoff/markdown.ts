// A review body as GitHub shows it: parsed as GitHub-flavoured Markdown (CommonMark, tables,
// strikethrough, raw HTML) with markdown-it, then cut into what a command may be read from (the
// lines of top-level paragraphs, as plain text) and everything else (code, HTML, quotes, lists,
// tables, link targets…), each tagged with where it sits. Pure: no I/O.
import MarkdownItParser, { type MarkdownIt, type Token } from 'markdown-it';

/** Where text sits when it is not plain text at the start of a top-level paragraph line. */
export type Place =
  | 'code block'
  | 'HTML comment'
  | 'HTML'
  | 'block quote'
  | 'list'
  | 'table'
  | 'heading'
  | 'footnote'
  | 'reference'
  | 'markup'
  | 'after HTML'
  | 'deep brackets'
  | 'inline code'
  | 'link'
  | 'image'
  | 'emphasis'
  | 'strikethrough'
  | 'inline HTML'
  | 'escape';

/** Stands in the probe for anything that is not plain text, so removing markup never joins text to a line start. */
export const PLACEHOLDER = '\uFFFC';

/** One visible line of a top-level paragraph (paragraph lines end at soft and hard breaks). */
export interface ParagraphLine {
  /** The line as shown: plain text, and the text of code spans, links, emphasis, image alt… (raw HTML shows as nothing). */
  visible: string;
  /** The plain text of the line, with one PLACEHOLDER for each inline that is not plain text (and for its end). */
  probe: string;
  /**
   * The stretches of `visible` that are not plain text, and what they are, in order; an inline that
   * shows nothing (raw HTML, a link's start) is an empty stretch where it stands.
   */
  marked: Array<{ from: number; to: number; place: Place }>;
  /** Why nothing on this line counts, not even plain text at its start; null when it may. */
  barred: Place | null;
}

export interface Outline {
  /** The lines of the top-level paragraphs, in order. */
  lines: ParagraphLine[];
  /** Everything else that a reader, or the source, holds: source lines outside top-level paragraphs, raw HTML and link targets inside them. */
  elsewhere: Array<{ text: string; place: Place }>;
}

/**
 * Inline nesting deeper than this is not followed (markdown-it's own limit, as in its CommonMark
 * preset). Past it markdown-it stops looking for links, so a paragraph nesting brackets nearly that
 * deep is not read at all (see DEEP_BRACKETS).
 */
const MAX_NESTING = 20;
const DEEP_BRACKETS = 10;

let parser: MarkdownIt | undefined;

/** GitHub's review rendering: GFM tables and strikethrough on, raw HTML recognised as HTML, no typographic rewrites. */
function markdown(): MarkdownIt {
  // Built on first use: most reviews never mention /override and never need it. text_join is off
  // so that escapes and entities stay apart from plain text. Imported statically: the core runs
  // unbundled too (vitest, a future server), where no require() exists, and evaluating the module
  // costs a `check` run no measurable start-up (the parser itself is still built only here).
  if (!parser) {
    parser = new MarkdownItParser('default', { html: true, linkify: false, typographer: false, maxNesting: MAX_NESTING }).disable(
      'text_join',
    );
  }
  return parser;
}

/**
 * A complete HTML comment, as a browser reads it: `<!--` … the first `-->` or `--!>` (or the
 * abrupt `<!-->` / `<!--->`), with nothing after it. Anything else in raw HTML can hide or restyle
 * what follows.
 */
export function isCompleteComment(html: string): boolean {
  const text = html.trim();
  if (!text.startsWith('<!--')) return false;
  if (text === '<!-->' || text === '<!--->') return true;
  const ends = [text.indexOf('-->', 4), text.indexOf('--!>', 4)].filter((i) => i >= 0);
  if (ends.length === 0) return false;
  const first = Math.min(...ends);
  return first + (text.startsWith('--!>', first) ? 4 : 3) === text.length;
}

// A GFM footnote definition opens a container that takes the following lines lazily.
const FOOTNOTE_START = /^ {0,3}\[\^[^\]]*\]:/;
// cmark-gfm turns a paragraph's line into a table header when a delimiter row follows it, even with
// no pipe in the header; markdown-it wants a pipe there. Such a paragraph is read as a table.
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const TOP_LEVEL_PLACE: Record<string, Place> = {
  fence: 'code block',
  code_block: 'code block',
  blockquote_open: 'block quote',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  table_open: 'table',
  heading_open: 'heading',
};

const INLINE_PLACE: Record<string, Place> = {
  link_open: 'link',
  em_open: 'emphasis',
  strong_open: 'emphasis',
  s_open: 'strikethrough',
};

export function outline(body: string): Outline {
  // markdown-it's own normalisation: CRLF and lone CR are line ends; its line maps count these lines.
  const source = body.replace(/\r\n?/g, '\n');
  const sourceLines = source.split('\n');
  const tokens = markdown().parse(source, {});
  const lines: ParagraphLine[] = [];
  const elsewhere: Outline['elsewhere'] = [];
  let afterHtml = false;
  let covered = 0;

  const isBlank = (line: number): boolean => (sourceLines[line] ?? '').trim() === '';
  const addSource = (from: number, to: number, place: Place): void => {
    for (let line = from; line < to; line++) if (!isBlank(line)) elsewhere.push({ text: sourceLines[line] ?? '', place });
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'html_block' && !isCompleteComment(token.content)) afterHtml = true;
    // Inline HTML anywhere but in a top-level paragraph (read line by line below): headings, cells, quotes…
    if (token.type === 'inline' && !(token.level === 1 && tokens[i - 1]?.type === 'paragraph_open')) {
      afterHtml = scanInlineHtml(token.children ?? [], afterHtml);
    }
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;

    const [from, to] = token.map;
    // Lines no top-level token covers are link reference (or footnote) definitions and blank lines.
    const gap = covered;
    addSource(gap, from, 'reference');
    covered = Math.max(covered, to);

    if (token.type === 'paragraph_open') {
      const inline = tokens[i + 1];
      const barred = paragraphBar(sourceLines, gap, from, to);
      afterHtml = readParagraph(inline?.children ?? [], barred, afterHtml, lines, elsewhere);
      continue;
    }
    const place =
      token.type === 'html_block'
        ? isCompleteComment(token.content)
          ? 'HTML comment'
          : 'HTML'
        : (TOP_LEVEL_PLACE[token.type] ?? 'markup');
    addSource(from, to, place);
  }
  addSource(covered, sourceLines.length, 'reference');
  return { lines, elsewhere };
}

/**
 * Why no line of the paragraph on source lines [from, to) may count, whatever is on it: null when
 * none. Lines [gap, from) are the definitions and blank lines before it.
 */
function paragraphBar(sourceLines: readonly string[], gap: number, from: number, to: number): Place | null {
  for (let line = from; line < to; line++) if (FOOTNOTE_START.test(sourceLines[line] ?? '')) return 'footnote';
  // Directly after a definition (which markdown-it drops) the paragraph may be a footnote's lazy continuation.
  for (let line = from - 1; line >= gap && (sourceLines[line] ?? '').trim() !== ''; line--) {
    if (FOOTNOTE_START.test(sourceLines[line] ?? '')) return 'footnote';
  }
  for (let line = from + 1; line < to; line++) if (TABLE_DELIMITER.test(sourceLines[line] ?? '')) return 'table';
  let depth = 0;
  for (let line = from; line < to; line++) {
    for (const char of sourceLines[line] ?? '') {
      if (char === '[') {
        if (++depth >= DEEP_BRACKETS) return 'deep brackets';
      } else if (char === ']' && depth > 0) depth--;
    }
  }
  return null;
}

/** Whether raw HTML (not a complete comment) has been seen, after these inline tokens. */
function scanInlineHtml(children: readonly Token[], afterHtml: boolean): boolean {
  let seen = afterHtml;
  for (const child of children) if (child.type === 'html_inline' && !isCompleteComment(child.content)) seen = true;
  return seen;
}

/**
 * Cuts a top-level paragraph's inline tokens into visible lines. Text counts as plain only at depth
 * 0 (outside links, emphasis and strikethrough); every other inline is a placeholder in the probe.
 * Returns whether raw HTML has been seen by the paragraph's end.
 */
function readParagraph(
  children: readonly Token[],
  barred: Place | null,
  afterHtmlBefore: boolean,
  lines: ParagraphLine[],
  elsewhere: Outline['elsewhere'],
): boolean {
  let afterHtml = afterHtmlBefore;
  const open: Place[] = [];
  let line: ParagraphLine = { visible: '', probe: '', marked: [], barred: barred ?? (afterHtml ? 'after HTML' : null) };

  const plain = (text: string): void => {
    line.visible += text;
    line.probe += text;
  };
  const marked = (text: string, place: Place): void => {
    const from = line.visible.length;
    line.visible += text;
    line.probe += PLACEHOLDER;
    line.marked.push({ from, to: line.visible.length, place });
  };
  const attribute = (token: Token, name: string, place: Place): void => {
    const value = token.attrGet(name);
    if (typeof value === 'string' && value !== '') elsewhere.push({ text: value, place });
  };

  for (const child of children) {
    switch (child.type) {
      case 'text':
        if (open.length === 0) plain(child.content);
        else marked(child.content, open[open.length - 1]!);
        break;
      case 'softbreak':
      case 'hardbreak':
        lines.push(line);
        line = { visible: '', probe: '', marked: [], barred: barred ?? (afterHtml ? 'after HTML' : null) };
        break;
      case 'text_special':
        marked(child.content, open[open.length - 1] ?? 'escape');
        break;
      case 'code_inline':
        marked(child.content, 'inline code');
        break;
      case 'html_inline':
        marked('', 'inline HTML');
        elsewhere.push({ text: child.content, place: 'inline HTML' });
        if (!isCompleteComment(child.content)) afterHtml = true;
        break;
      case 'image':
        marked(child.content.replace(/\s+/g, ' '), 'image');
        attribute(child, 'src', 'image');
        attribute(child, 'title', 'image');
        break;
      default: {
        const place = INLINE_PLACE[child.type];
        if (child.nesting === 1) {
          open.push(place ?? 'markup');
          if (child.type === 'link_open') {
            attribute(child, 'href', 'link');
            attribute(child, 'title', 'link');
          }
        } else if (child.nesting === -1) {
          open.pop();
        }
        marked(child.nesting === 0 ? child.content : '', open[open.length - 1] ?? place ?? 'markup');
      }
    }
  }
  lines.push(line);
  return afterHtml;
}
