// `file` evidence: every named file exists in the repository, inside it, where the policy accepts it.
import { minimatch } from 'minimatch';
import type { Finding, SourceLocation } from '../types.js';
import { reporter, type EvidenceKind } from './types.js';
import { relativeToManifest, resolveEvidencePath } from './paths.js';

/** `folder/**`: the glob most policies use, whose folder is plain names (no glob syntax, no dots). */
const UNDER_FOLDER = /^((?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+)\/\*\*$/;

/**
 * minimatch(path, glob, { dot: true }). A plain `folder/**`, the glob most policies use, is answered
 * here without compiling a pattern per path: a path under the folder whose
 * every name is a real one (not empty, `.` or `..`) matches, one outside the folder does not; any
 * other path or glob goes to minimatch (__tests__/core/evidence/globs.test.ts holds the two equal).
 */
export function matchesGlob(path: string, glob: string): boolean {
  const folder = UNDER_FOLDER.exec(glob)?.[1];
  if (folder !== undefined) {
    if (!path.startsWith(`${folder}/`)) return false;
    if (
      path
        .slice(folder.length + 1)
        .split('/')
        .every((name) => name !== '' && name !== '.' && name !== '..')
    )
      return true;
  }
  return minimatch(path, glob, { dot: true });
}

/** A path up to the folder holding its first glob character (`reports/*.md` → `reports`); the path itself when it has none. */
function globFolder(raw: string): string {
  const glob = raw.search(/[*?[{]/);
  if (glob < 0) return raw;
  const slash = raw.lastIndexOf('/', glob);
  return slash < 0 ? '' : raw.slice(0, slash);
}

const quoted = (list: readonly string[]): string => list.map((item) => `"${item}"`).join(', ');
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

const MESSAGES = {
  needed: 'the policy asks for a file and the entry names none',
  'path-refused': 'a path that leaves the repository, is absolute, uses backslashes or names the folder itself',
  missing: 'the named file is not in the repository',
  folder: 'the named path is a folder',
  unverifiable: 'the named path is a symbolic link or a submodule, whose content the GitHub API cannot show',
  outside: 'the named path is a symbolic link out of the repository',
  'not-accepted': "the file is not under any of the policy's paths",
  unreadable: 'the policy asks something of the contents and the file cannot be read',
  'too-small': "the file holds fewer bytes than the policy's min_bytes",
  'heading-missing': 'no file of the entry has a heading the policy asks for',
} as const;
const report = reporter('file', MESSAGES);

/** A path the entry may not name (out of the repository, absolute): refused before evaluating, and by check. */
const pathRefused = (raw: string, reason: string, at: SourceLocation): Finding =>
  report('path-refused', `evidence path "${raw}" ${reason}`, at);

/** The paths a `file:` entry names, as written; [] for any other shape (the schema says why). */
const namedFiles = (given: unknown): unknown[] => (typeof given === 'string' ? [given] : Array.isArray(given) ? given : []);

export const fileEvidence: EvidenceKind = {
  meta: {
    name: 'file',
    docs: 'Reports that exist in the repository, where the policy accepts them, and hold what it asks.',
    messages: MESSAGES,
  },
  compareLayer(p, c, ops) {
    if (!p.file || !c.file) return;
    const [pathsP, pathsC] = [p.file.paths, c.file.paths];
    const advice = 'a child policy may only add paths where its parent has none, never change them';
    if (pathsP === undefined && pathsC !== undefined) ops.tighten(ops.at('file', 'paths'), `restricts evidence files to ${quoted(pathsC)}`);
    else if (pathsP !== undefined && pathsC === undefined)
      ops.loosen(
        ops.at('file', 'paths'),
        `is removed (${ops.parent} restricts evidence files to ${quoted(pathsP)})`,
        advice,
        ops.at('file'),
      );
    else if (pathsP !== undefined && pathsC !== undefined && !sameSet(pathsP, pathsC)) {
      ops.loosen(ops.at('file', 'paths'), `${quoted(pathsC)} differs from ${quoted(pathsP)} in ${ops.parent}`, advice);
    }
    ops.bound(ops.at('file', 'min_bytes'), p.file.min_bytes, c.file.min_bytes, 'minimum');
    const headingsC = new Set((c.file.headings ?? []).map((h) => h.toLowerCase()));
    for (const heading of p.file.headings ?? [])
      if (!headingsC.has(heading.toLowerCase()))
        ops.loosen(
          ops.at('file', 'headings'),
          `no longer requires the heading "${heading}" (${ops.parent} does)`,
          'a child policy may only add headings',
          ops.at('file'),
        );
    const headingsP = new Set((p.file.headings ?? []).map((h) => h.toLowerCase()));
    for (const heading of c.file.headings ?? [])
      if (!headingsP.has(heading.toLowerCase())) ops.tighten(ops.at('file', 'headings'), `requires the heading "${heading}"`);
  },
  mergeLayer(merged, child) {
    if (child.file) merged.file = { ...merged.file, ...structuredClone(child.file) };
  },
  applies: (criterion) => criterion.evidence.file !== undefined,
  reads(entry, ctx) {
    const paths: string[] = [];
    for (const raw of namedFiles(entry.file)) {
      if (typeof raw !== 'string') continue;
      // check() stats the path as written; a glob character in it is kept to its folder, so that
      // whatever a future glob matches is still the pilot's.
      const folder = globFolder(raw);
      const resolved = folder === '' ? null : resolveEvidencePath(ctx.manifestDir, folder);
      // A path check() refuses (an escape, an absolute path) reads nothing; `*` or `.` is the manifest's own folder.
      if (resolved === null) paths.push(ctx.manifestDir);
      else if (resolved.ok) paths.push(resolved.repoPath);
    }
    return paths;
  },
  identifies(entry, manifestDir) {
    const paths: string[] = [];
    for (const raw of namedFiles(entry.file)) {
      if (typeof raw !== 'string' || /[*?[{]/.test(raw)) continue;
      const resolved = resolveEvidencePath(manifestDir, raw);
      if (resolved.ok && resolved.repoPath !== '') paths.push(resolved.repoPath);
    }
    return paths;
  },
  validatePaths(entry, ctx) {
    const findings: Finding[] = [];
    const one = typeof entry.file === 'string';
    namedFiles(entry.file).forEach((raw, index) => {
      const resolved = resolveEvidencePath(ctx.manifestDir, raw as string);
      if (!resolved.ok) findings.push(pathRefused(raw as string, resolved.reason, ctx.locate(['file', ...(one ? [] : [index])])));
    });
    return findings;
  },
  readsContents(entry, criterion) {
    const file = criterion.evidence.file;
    return entry.file !== undefined && (file?.min_bytes !== undefined || (file?.headings?.length ?? 0) > 0);
  },
  describe(criterion, show) {
    const file = criterion.evidence.file;
    if (!file) return [];
    const size = file.min_bytes !== undefined ? `, at least ${show(file.min_bytes)} bytes` : '';
    const headings = file.headings?.length ? `, with the headings ${file.headings.map((h) => `"${show(h)}"`).join(', ')}` : '';
    return [
      `file${file.paths ? ` under ${file.paths.map((path) => show(path)).join(' or ')}` : ''} (relative to the manifest's folder)${size}${headings}`,
    ];
  },
  starter(criterion) {
    const file = criterion.evidence.file;
    return file ? `file: ${file.paths?.[0]?.replace(/\*\*.*$/, '') ?? ''}${criterion.id.toLowerCase()}.md` : null;
  },
  check(ctx) {
    const given = ctx.entry.file;
    if (given === undefined) {
      return [
        report(
          'needed',
          `${ctx.criterion.id} needs a file: add \`file: path/to/report\` (relative to the manifest's folder)`,
          ctx.locate([]),
        ),
      ];
    }
    const list = typeof given === 'string' ? [given] : given;
    const globs = ctx.criterion.evidence.file?.paths;
    const problems: Finding[] = [];
    const policy = ctx.criterion.evidence.file;
    const reads = policy?.min_bytes !== undefined || (policy?.headings?.length ?? 0) > 0;
    const headingsSeen = new Set<string>();
    const readPaths: string[] = [];
    for (const [index, raw] of list.entries()) {
      const at = ctx.locate(typeof given === 'string' ? ['file'] : ['file', index]);
      const resolved = resolveEvidencePath(ctx.manifestDir, raw);
      if (!resolved.ok) {
        problems.push(pathRefused(raw, resolved.reason, at));
        continue;
      }
      const kind = ctx.files.stat(resolved.repoPath);
      if (kind === 'missing') {
        problems.push(report('missing', `file "${raw}" does not exist in the repository (looked for ${resolved.repoPath})`, at));
        continue;
      }
      if (kind === 'dir') {
        problems.push(report('folder', `"${raw}" is a folder; name the report file itself`, at));
        continue;
      }
      if (kind === 'unverifiable') {
        problems.push(
          report(
            'unverifiable',
            `"${raw}" is a symbolic link or a submodule, whose content cannot be verified through the GitHub API; commit the file itself`,
            at,
          ),
        );
        continue;
      }
      if (kind === 'outside') {
        problems.push(report('outside', `"${raw}" is a symbolic link that points outside the repository; commit the file itself`, at));
        continue;
      }
      if (globs && globs.length > 0) {
        const relative = relativeToManifest(ctx.manifestDir, resolved.repoPath);
        if (!globs.some((glob) => matchesGlob(relative, glob))) {
          problems.push(
            report(
              'not-accepted',
              `file "${raw}" is not where the policy accepts evidence for ${ctx.criterion.id}: ${globs.join(', ')}`,
              at,
            ),
          );
          continue;
        }
      }
      // Contents are read only when the policy asks something of them.
      if (!reads) continue;
      const read = ctx.files.read ? ctx.files.read(resolved.repoPath) : { problem: 'this repository view cannot read file contents' };
      if ('problem' in read) {
        problems.push(report('unreadable', `file "${raw}" cannot be read: ${read.problem}`, at));
        continue;
      }
      readPaths.push(raw);
      if (policy?.min_bytes !== undefined && read.bytes < policy.min_bytes) {
        problems.push(
          report(
            'too-small',
            `file "${raw}" holds ${read.bytes} bytes; ${ctx.criterion.id} needs at least ${policy.min_bytes} (an empty or stub report is not evidence)`,
            at,
          ),
        );
      }
      for (const heading of markdownHeadings(read.text)) headingsSeen.add(heading);
    }
    if (readPaths.length > 0) {
      for (const wanted of policy?.headings ?? []) {
        const key = wanted.trim().toLowerCase();
        if ([...headingsSeen].some((heading) => heading.startsWith(key))) continue;
        problems.push(
          report(
            'heading-missing',
            `no evidence file of ${ctx.criterion.id} has a heading "${wanted}" (looked in ${readPaths.join(', ')}): add that section`,
            ctx.locate(['file']),
          ),
        );
      }
    }
    return problems;
  },
};

/**
 * The Markdown headings of a text (ATX `#` and setext underlines), lower-cased, outside fenced code
 * and HTML comments (GitHub shows neither as a heading, so a stub cannot hide its headings there).
 */
function markdownHeadings(text: string): string[] {
  const headings: string[] = [];
  // The open fence's character and length: CommonMark closes it only with a run of the same character
  // at least as long, and nothing after it but spaces.
  let fence: { char: string; length: number } | null = null;
  let comment = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (comment) {
      if (line.includes('-->')) comment = false;
      continue;
    }
    if (fence === null && /^ {0,3}<!--/.test(line)) {
      comment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
      continue;
    }
    if (fence !== null) {
      const run = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
      if (run && run[0] === fence.char && run.length >= fence.length) fence = null;
      continue;
    }
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (opener) {
      fence = { char: opener[0]!, length: opener.length };
      continue;
    }
    const atx = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) headings.push(atx[1]!.trim().toLowerCase());
    else if (line.trim() !== '' && /^ {0,3}(=+|-+)[ \t]*$/.test(lines[i + 1] ?? '')) headings.push(line.trim().toLowerCase());
  }
  return headings;
}
