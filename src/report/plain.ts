// The one plain-text sanitiser: every terminal line and log line that carries text from the pull
// request (manifest values, paths, review bodies, logins, messages quoting them) goes through it.
//
// What it defends against:
// - Terminal control: C0 controls (but \n and \t), DEL and C1 (U+0080–U+009F, U+009B is an 8-bit
//   CSI) are removed, so `\x1b[2K\r` cannot erase the decision line and `\x1b]8;;…\x07` cannot make a
//   hyperlink. A carriage return is a line break (a lone \r would move the cursor back over our text).
//   Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are removed, so a value cannot
//   reorder the rest of its line as displayed.
// - GitHub workflow commands, when the CLI runs in a workflow. The runner (actions/runner,
//   ActionCommand.TryParseV2) trims leading white space from each line and takes a line that then
//   starts with `::` as a command; the older form (TryParse) takes `##[` anywhere in a line. Both
//   comparisons are .NET culture-sensitive string operations, which under ICU ignore zero-width
//   characters, so a zero-width space is not a safe break: a visible backslash is inserted instead
//   (`\::error…`, `##\[error]`). The runner splits lines at \r and \n only; both are handled above.
//
// Non-strings never make it throw: see toText (src/core/text.ts).
import { toText } from '../core/text.js';

export { toText };

/** C0 controls other than \t \n \r, DEL, C1, and bidirectional embedding/override/isolate controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Every line break: CRLF, CR, LF, and the Unicode line and paragraph separators. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
/** A line the runner would read as a `::command::` (it trims .NET white space, a subset of \s plus U+0085, removed above). */
const COMMAND_LINE = /^(\s*)::/gm;
/** The runner's older command form, recognised anywhere in a line. */
const OLD_COMMAND = /##\[/g;

/** Neutralises workflow commands in text whose line breaks are final. */
function defuseCommands(text: string): string {
  return text.replace(COMMAND_LINE, '$1\\::').replace(OLD_COMMAND, '##\\[');
}

/**
 * Sanitises a block of text for a terminal or a log: control characters removed, every line break
 * a \n, tabs kept, and no line the Actions runner would take as a workflow command.
 */
export function plainText(value: unknown): string {
  return defuseCommands(toText(value).replace(LINE_BREAK, '\n').replace(CONTROL, ''));
}

/**
 * Sanitises a value placed inside one line of plain text: as plainText, with line breaks and tabs
 * turned into spaces, so it cannot start a line of its own.
 */
export function plainLine(value: unknown): string {
  return defuseCommands(toText(value).replace(LINE_BREAK, ' ').replace(/\t/g, ' ').replace(CONTROL, ''));
}

/** Characters JSON.stringify leaves raw that a terminal or the runner could act on. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for a terminal: the same data (every string round-trips exactly) and still valid JSON, with
 * DEL, C1, line separators and bidirectional controls written as \u escapes, and `##[` as `##\u005b`
 * (JSON.stringify already escapes C0, and no line of its output can start with `::`).
 */
export function terminalJson(value: unknown, space: number | undefined = 2): string {
  const json = JSON.stringify(value, null, space) ?? 'null';
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(OLD_COMMAND, '##\\u005b');
}
