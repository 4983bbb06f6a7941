// Generated YAML for the parser's differential test: documents shaped like manifests and policies,
// written in every style the parser must place (block and flow collections, quoted and plain keys,
// block scalars, comments, CRLF, a byte order mark, tabs), and the same documents with a few
// characters inserted so that the rejections (anchors, aliases, duplicates, syntax) are compared too.
import fc from 'fast-check';

export type Doc =
  | { t: 'scalar'; text: string; style: 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'folded-strip' | 'literal-keep' }
  | { t: 'map'; entries: Array<{ key: string; quoted: 'plain' | 'single' | 'double'; value: Doc; comment: boolean }>; flow: boolean }
  | { t: 'seq'; items: Doc[]; flow: boolean };

const words = [
  'x',
  'pilot-1',
  'DR-1',
  '2026-10-02',
  '12',
  '1.5',
  '-3',
  'true',
  'False',
  '~',
  'null',
  '0x1F',
  '0o17',
  '.inf',
  '1e3',
  'a b c',
  'https://x.example/y?q=1',
  'reports/a.md',
  'café ✓',
  "it's",
  'say "hi"',
  '',
  ' lead',
  'trail ',
  'a: b',
  '# not a comment',
  '- dash',
  '[x]',
  '{y}',
  'tab\there',
];
const keys = [
  'version',
  'pilot',
  'name',
  'risk',
  'owner',
  'evidence',
  'file',
  'date',
  'metrics',
  'link',
  'DR-1',
  'SEC-2',
  'a',
  'b',
  '1',
  '1.0',
  'true',
  '~',
  'two words',
  'x:y',
  'key with "quotes"',
];

const scalar = fc.record({
  t: fc.constant('scalar' as const),
  text: fc.oneof(fc.constantFrom(...words), fc.stringMatching(/^[a-z][a-z0-9 ._/-]{0,12}$/)),
  style: fc.constantFrom('plain', 'plain', 'plain', 'single', 'double', 'literal', 'folded', 'folded-strip', 'literal-keep'),
});

export const docArbitrary: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({
      t: fc.constant('map' as const),
      entries: fc.uniqueArray(
        fc.record({
          key: fc.constantFrom(...keys),
          quoted: fc.constantFrom('plain', 'plain', 'single', 'double'),
          value: tie('doc'),
          comment: fc.boolean(),
        }),
        { selector: (e) => e.key, minLength: 1, maxLength: 5 },
      ),
      flow: fc.boolean(),
    }),
    fc.record({ t: fc.constant('seq' as const), items: fc.array(tie('doc'), { minLength: 1, maxLength: 4 }), flow: fc.boolean() }),
  ),
})).doc;

const single = (s: string) => `'${s.replace(/'/g, "''")}'`;
const double = (s: string) => JSON.stringify(s);

function key(entry: { key: string; quoted: string }): string {
  if (entry.quoted === 'single') return single(entry.key);
  if (entry.quoted === 'double' || /[:"#]/.test(entry.key) || entry.key === '') return double(entry.key);
  return entry.key;
}

function inlineScalar(doc: Extract<Doc, { t: 'scalar' }>, flow: boolean): string {
  if (doc.style === 'single') return single(doc.text);
  if (
    doc.style === 'double' ||
    doc.style !== 'plain' ||
    doc.text === '' ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s$|[\t]|:$/.test(doc.text) ||
    (flow && /[,[\]{}]/.test(doc.text))
  )
    return double(doc.text);
  return doc.text;
}

/** Writes a document in flow style (inside `[]`/`{}`). */
function flow(doc: Doc): string {
  if (doc.t === 'scalar') return inlineScalar(doc, true);
  if (doc.t === 'seq') return `[${doc.items.map(flow).join(', ')}]`;
  return `{ ${doc.entries.map((e) => `${key(e)}: ${flow(e.value)}`).join(', ')} }`;
}

/** Lines of a value written after `key:` or `- ` at `indent`. */
function block(doc: Doc, indent: string, after: 'key' | 'item'): string {
  if (doc.t === 'scalar') {
    if (doc.style === 'literal' || doc.style === 'folded' || doc.style === 'folded-strip' || doc.style === 'literal-keep') {
      const indicator = { literal: '|', folded: '>', 'folded-strip': '>-', 'literal-keep': '|+' }[doc.style];
      const text = doc.text.trim() === '' ? 'text' : doc.text.replace(/\t/g, ' ');
      return ` ${indicator}\n${indent}  ${text}\n${indent}  more ${text}`;
    }
    return ` ${inlineScalar(doc, false)}`;
  }
  if (doc.flow) return ` ${flow(doc)}`;
  if (doc.t === 'seq') {
    const inner = after === 'key' ? `${indent}  ` : `${indent}  `;
    return `\n${doc.items.map((item) => `${inner}-${block(item, `${inner}  `, 'item')}`).join('\n')}`;
  }
  const inner = `${indent}  `;
  return `\n${doc.entries.map((e) => `${inner}${key(e)}:${block(e.value, inner, 'key')}${e.comment ? '   # note: here' : ''}`).join('\n')}`;
}

/** The whole text of a document whose root is a block mapping or sequence (or a flow one). */
export function write(doc: Doc): string {
  if (doc.t === 'map' && !doc.flow) {
    return `${doc.entries.map((e) => `${key(e)}:${block(e.value, '', 'key')}${e.comment ? ' # note' : ''}`).join('\n')}\n`;
  }
  if (doc.t === 'seq' && !doc.flow) return `${doc.items.map((item) => `-${block(item, '  ', 'item')}`).join('\n')}\n`;
  return `${flow(doc)}\n`;
}

/** Whole-text variations that must not move a line or column the parser reports. */
export const variants = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  leadingComment: fc.boolean(),
  documentMarker: fc.boolean(),
  trailingSpaces: fc.boolean(),
});

export function vary(
  text: string,
  v: { crlf: boolean; bom: boolean; leadingComment: boolean; documentMarker: boolean; trailingSpaces: boolean },
): string {
  let out = text;
  if (v.trailingSpaces) out = out.replace(/([^|>+-\s])\n/g, '$1 \t\n');
  if (v.documentMarker) out = `---\n${out}`;
  if (v.leadingComment) out = `# a comment\n\n${out}`;
  if (v.crlf) out = out.replace(/\n/g, '\r\n');
  if (v.bom) out = `\uFEFF${out}`;
  return out;
}

/** A few characters inserted at chosen places: the rejections must match too. */
export const damage = fc.array(
  fc.record({
    at: fc.nat(),
    insert: fc.constantFrom(
      '&a ',
      '*a',
      '!!str ',
      ': ',
      '- ',
      '#',
      '{',
      '[',
      ']',
      '}',
      ',',
      '\t',
      '\n---\n',
      '"',
      "'",
      '? ',
      '|',
      '\n  ',
      'x',
      '\n',
    ),
  }),
  { minLength: 1, maxLength: 3 },
);

export function damaged(text: string, edits: Array<{ at: number; insert: string }>): string {
  let out = text;
  for (const { at, insert } of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + insert + out.slice(i);
  }
  return out;
}
