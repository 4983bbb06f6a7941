// Escaping for text that comes from the PR (manifest values, review bodies) before it is placed in
// Markdown: no HTML injection, no table breakage, no @-mention pings, no reference links.

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+!|<>~&]/g;

/** Escapes untrusted text for inline use in GitHub-flavoured Markdown (tables included). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(MARKDOWN_SPECIAL, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    // A zero-width joiner after @ stops GitHub from turning @name or @org/team into a ping.
    .replace(/@/g, '@\u200d')
    .replace(/:(?=[a-z0-9_+-]+:)/g, ':\u200d');
}

/** A login shown without pinging its owner: `maria-ops` in code style never notifies. */
export function quietLogin(login: string): string {
  return `\`${login.replace(/`/g, '')}\``;
}
