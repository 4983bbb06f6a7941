// Metrics read from the evaluation itself: a JSON output (read strictly, by its .json name) or a YAML
// one, the pilot's DVC metrics files, or the model-index of its Hugging Face model card. Every problem found in an artifact is located in it
// (file:line:column); a problem with where the manifest points is located in the manifest.
import { InputError } from '../errors.js';
import type { DataPath, Finding, MetricsFrom, RepoFiles, SourceLocation } from '../types.js';
import { parseJson } from '../json.js';
import { parseYaml, type ParsedYaml } from '../yaml.js';
import { resolveEvidencePath } from './paths.js';

/** The named sources; anything else in `from` is a file path. */
export const DVC = 'dvc';
export const MODEL_CARD = 'model-card';

/** What a metric name became in the artifact: a value at a place, or why there is none. */
export type MetricHit =
  | { ok: true; value: unknown; location: SourceLocation; where: string }
  /** `absent`: the source simply does not hold the metric; any other refusal (ambiguity) stands on its own. */
  | { ok: false; message: string; location: SourceLocation | null; absent?: true };

export interface MetricsSource {
  /** How the source is named in messages, e.g. `reports/eval.json` or `the DVC metrics (metrics.json)`. */
  name: string;
  lookup(metric: string, key: string | undefined): MetricHit;
}

export interface SourceContext {
  manifestDir: string;
  files: RepoFiles;
  /** Location in the manifest, under the entry's `metrics`. */
  locate(path: DataPath): SourceLocation;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type Opened = { ok: true; parsed: ParsedYaml } | { ok: false; finding: Finding };

/** A parsed document whose lines start `offset` lines into its file (a model card's front matter). */
function shifted(parsed: ParsedYaml, offset: number): ParsedYaml {
  const move = (location: SourceLocation): SourceLocation => ({ ...location, line: location.line + offset });
  return { ...parsed, locate: (path) => move(parsed.locate(path)), locateKey: (path) => move(parsed.locateKey(path)) };
}

/**
 * A file is parsed as what its name says: `.json` (any case) strictly as JSON (RFC 8259), anything
 * else as YAML. A model card's front matter is YAML whatever the file is called.
 */
const parserFor = (repoPath: string, frontMatter: boolean) => (!frontMatter && /\.json$/i.test(repoPath) ? parseJson : parseYaml);

/** Reads and parses one artifact at a repository path; every refusal is a finding, never a throw. */
function openArtifact(files: RepoFiles, repoPath: string, at: SourceLocation, frontMatter = false): Opened {
  const fail = (message: string, location: SourceLocation | null = at): Opened => ({ ok: false, finding: { message, location } });
  const kind = files.stat(repoPath);
  if (kind === 'missing') return fail(`metrics artifact ${repoPath} does not exist in the repository`);
  if (kind === 'dir') return fail(`metrics artifact ${repoPath} is a folder; name the file itself`);
  if (kind === 'unverifiable')
    return fail(`metrics artifact ${repoPath} is a symbolic link or a submodule, whose content cannot be verified; commit the file itself`);
  if (kind === 'outside')
    return fail(`metrics artifact ${repoPath} is a symbolic link that points outside the repository; commit the file itself`);
  const read = files.read ? files.read(repoPath) : { problem: 'this repository view cannot read file contents' };
  if ('problem' in read) return fail(`metrics artifact ${repoPath} cannot be read: ${read.problem}`);
  let text = read.text;
  let offset = 0;
  if (frontMatter) {
    const front = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^---[ \t]*\r?$/m.exec(text);
    if (front?.index !== 0) {
      return fail(`${repoPath} has no YAML front matter (a block between --- lines at its top) holding the model-index`, {
        file: repoPath,
        line: 1,
        column: 1,
      });
    }
    text = front[1]!;
    offset = 1;
  }
  try {
    return { ok: true, parsed: shifted(parserFor(repoPath, frontMatter)(text, repoPath), offset) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const first = error.findings[0]!;
    return fail(first.message, first.location ? { ...first.location, line: first.location.line + offset } : null);
  }
}

/** Readings of one dotted path kept at most: enough to see two that disagree, bounded on hostile keys. */
const MAX_READINGS = 8;

/**
 * Every place a dotted path (`eval.test.accuracy`) can name: nested keys, or keys that themselves
 * hold dots (`test.accuracy`, as some tools write). Sequence items are named by index. Bounded.
 */
function readingsOf(
  node: unknown,
  segments: readonly string[],
  from: number,
  path: Array<string | number>,
  out: Array<{ path: DataPath; value: unknown }>,
): void {
  if (out.length >= MAX_READINGS) return;
  if (from === segments.length) {
    out.push({ path: [...path], value: node });
    return;
  }
  if (Array.isArray(node)) {
    const index = segments[from]!;
    if (/^\d{1,9}$/.test(index) && Number(index) < node.length)
      readingsOf(node[Number(index)], segments, from + 1, [...path, Number(index)], out);
    return;
  }
  if (!isObject(node)) return;
  for (let to = segments.length; to > from; to--) {
    const key = segments.slice(from, to).join('.');
    if (Object.hasOwn(node, key)) readingsOf(node[key], segments, to, [...path, key], out);
  }
}

/**
 * The value at a dotted path; null when nothing is there. A path that reads two different values
 * (a key `a.b` beside a key `a` holding `b`) is ambiguous: `ambiguous` holds both, and nothing is chosen.
 */
export function atDottedPath(
  data: unknown,
  dotted: string,
): { path: DataPath; value: unknown; ambiguous?: Array<{ path: DataPath; value: unknown }> } | null {
  const readings: Array<{ path: DataPath; value: unknown }> = [];
  readingsOf(data, dotted.split('.'), 0, [], readings);
  if (readings.length === 0) return null;
  const first = readings[0]!;
  const other = readings.find((r) => JSON.stringify(r.value) !== JSON.stringify(first.value));
  return other ? { ...first, ambiguous: [first, other] } : first;
}

/** A value read from an artifact, as a message shows it: at most 40 characters of its JSON (it may be a whole mapping). */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One parsed artifact as a lookup: the metric's dotted path (its key, or prefix + name). */
function fileSource(parsed: ParsedYaml, prefix: string | undefined): MetricsSource {
  return {
    name: parsed.file,
    lookup(metric, key) {
      const dotted = key ?? (prefix ? `${prefix}.${metric}` : metric);
      const hit = atDottedPath(parsed.data, dotted);
      if (hit === null)
        return { ok: false, message: `metric "${metric}" is not in ${parsed.file} (looked for ${dotted})`, location: null, absent: true };
      if (hit.ambiguous) {
        const [a, b] = hit.ambiguous;
        return {
          ok: false,
          message: `metric "${metric}" is ambiguous in ${parsed.file}: ${dotted} reads ${brief(a!.value)} at ${a!.path.join(' > ')} and ${brief(b!.value)} at ${b!.path.join(' > ')}; remove one, or name the key exactly`,
          location: parsed.locate(b!.path),
        };
      }
      return { ok: true, value: hit.value, location: parsed.locate(hit.path), where: `${parsed.file} (${dotted})` };
    },
  };
}

/** The metrics files a dvc.yaml declares: top-level `metrics:` and each stage's, as paths relative to it. */
function dvcMetricsFiles(parsed: ParsedYaml): Array<{ path: string; at: DataPath }> {
  const out: Array<{ path: string; at: DataPath }> = [];
  const collect = (list: unknown, at: DataPath) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (typeof item === 'string') out.push({ path: item, at: [...at, i] });
      else if (isObject(item) && Object.keys(item).length === 1) out.push({ path: Object.keys(item)[0]!, at: [...at, i] });
    });
  };
  const data = parsed.data;
  if (!isObject(data)) return out;
  collect(data.metrics, ['metrics']);
  if (isObject(data.stages))
    for (const [name, stage] of Object.entries(data.stages)) if (isObject(stage)) collect(stage.metrics, ['stages', name, 'metrics']);
  return out;
}

/** The pilot's dvc.yaml, beside its manifest. */
const dvcPathOf = (manifestDir: string): string => (manifestDir ? `${manifestDir}/dvc.yaml` : 'dvc.yaml');

/** The pilot's model card, beside its manifest. */
const modelCardPathOf = (manifestDir: string): string => (manifestDir ? `${manifestDir}/README.md` : 'README.md');

/**
 * The repository paths `metrics: { from }` reads: the named file; the model card; the dvc.yaml and
 * every metrics file it names, resolved as dvcSource resolves them (`dvcText`: its text, null when
 * it has none to read, undefined when not read yet: then only the dvc.yaml is known).
 */
export function metricsSourcePaths(from: string, manifestDir: string, dvcText: (repoPath: string) => string | null | undefined): string[] {
  if (from === MODEL_CARD) return [modelCardPathOf(manifestDir)];
  if (from !== DVC) {
    const resolved = resolveEvidencePath(manifestDir, from);
    return resolved.ok ? [resolved.repoPath] : [];
  }
  const dvcPath = dvcPathOf(manifestDir);
  const text = dvcText(dvcPath);
  if (typeof text !== 'string') return [dvcPath];
  let parsed: ParsedYaml;
  try {
    parsed = parseYaml(text, dvcPath);
  } catch (error) {
    // A dvc.yaml that does not parse names no file: the evaluation stops at it too.
    if (error instanceof InputError) return [dvcPath];
    throw error;
  }
  const named = dvcMetricsFiles(parsed).map((file) => resolveEvidencePath(manifestDir, file.path));
  return [dvcPath, ...named.flatMap((resolved) => (resolved.ok ? [resolved.repoPath] : []))];
}

function dvcSource(ctx: SourceContext, prefix: string | undefined): MetricsSource | Finding {
  const at = ctx.locate(['from']);
  const dvcPath = dvcPathOf(ctx.manifestDir);
  if (ctx.files.stat(dvcPath) === 'missing')
    return { message: `metrics: { from: dvc } reads the pilot's dvc.yaml, but there is none (looked for ${dvcPath})`, location: at };
  const dvc = openArtifact(ctx.files, dvcPath, at);
  if (!dvc.ok) return dvc.finding;
  const declared = dvcMetricsFiles(dvc.parsed);
  if (declared.length === 0)
    return { message: `${dvcPath} declares no metrics files (add them under metrics: in dvc.yaml)`, location: dvc.parsed.locate([]) };
  const sources: MetricsSource[] = [];
  // One file declared twice (at the top and in a stage, or spelled ./x and x) is read once: its
  // metrics are not "in two files".
  const seen = new Set<string>();
  for (const file of declared) {
    const where = dvc.parsed.locate(file.at);
    if (/\.toml$/i.test(file.path))
      return { message: `metrics file ${file.path} is TOML; pilot-readiness reads JSON and YAML metrics files`, location: where };
    const resolved = resolveEvidencePath(ctx.manifestDir, file.path);
    if (!resolved.ok) return { message: `metrics file "${file.path}" ${resolved.reason}`, location: where };
    if (seen.has(resolved.repoPath)) continue;
    seen.add(resolved.repoPath);
    const opened = openArtifact(ctx.files, resolved.repoPath, where);
    if (!opened.ok) return opened.finding;
    sources.push(fileSource(opened.parsed, prefix));
  }
  return {
    name: `the DVC metrics (${sources.map((s) => s.name).join(', ')})`,
    lookup(metric, key) {
      const dotted = key ?? (prefix ? `${prefix}.${metric}` : metric);
      const results = sources.map((s) => s.lookup(metric, key));
      // A file that cannot say which value is the metric refuses it, whatever the other files hold.
      const refused = results.find((r) => !r.ok && !r.absent);
      if (refused) return refused;
      const hits = results.filter((h): h is Extract<MetricHit, { ok: true }> => h.ok);
      if (hits.length === 0)
        return {
          ok: false,
          message: `metric "${metric}" is in none of the DVC metrics files of ${dvcPath} (looked for ${dotted})`,
          location: null,
        };
      // The same name in two files is ambiguous even when the values agree (one may be stale, and
      // `dvc metrics show` keeps them apart): fail closed rather than pick one.
      if (hits.length > 1) {
        const at = (h: (typeof hits)[number]) => `${h.location.file}:${h.location.line}:${h.location.column}`;
        return {
          ok: false,
          message: `metric "${metric}" (${dotted}) is in ${hits.length} DVC metrics files: ${hits.map((h) => `${at(h)} reads ${brief(h.value)}`).join(' and ')}; name one file with from: instead of dvc, or a key: only one file holds`,
          location: hits[1]!.location,
        };
      }
      return hits[0]!;
    },
  };
}

const same = (a: unknown, b: string): boolean => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

function modelCardSource(ctx: SourceContext, entry: MetricsFrom): MetricsSource | Finding {
  const at = ctx.locate(['from']);
  const cardPath = modelCardPathOf(ctx.manifestDir);
  if (ctx.files.stat(cardPath) === 'missing')
    return {
      message: `metrics: { from: model-card } reads the pilot's model card, but there is none (looked for ${cardPath})`,
      location: at,
    };
  const card = openArtifact(ctx.files, cardPath, at, true);
  if (!card.ok) return card.finding;
  const parsed = card.parsed;
  const index = isObject(parsed.data) ? parsed.data['model-index'] : undefined;
  if (!Array.isArray(index)) return { message: `${cardPath}'s front matter has no model-index list`, location: parsed.locate([]) };
  const results: Array<{ result: Record<string, unknown>; path: DataPath; label: string }> = [];
  index.forEach((model, m) => {
    const list = isObject(model) ? model.results : undefined;
    if (!Array.isArray(list)) return;
    list.forEach((result, r) => {
      if (!isObject(result)) return;
      const task = isObject(result.task) ? (result.task.type ?? result.task.name) : undefined;
      const dataset = isObject(result.dataset) ? (result.dataset.name ?? result.dataset.type) : undefined;
      results.push({ result, path: ['model-index', m, 'results', r], label: `${String(task)} on ${String(dataset)}` });
    });
  });
  const fits = (value: unknown, wanted: string | undefined) =>
    wanted === undefined || (isObject(value) && (same(value.type, wanted) || same(value.name, wanted)));
  const chosen = results.filter((r) => fits(r.result.task, entry.task) && fits(r.result.dataset, entry.dataset));
  const asked = [entry.task ? `task "${entry.task}"` : '', entry.dataset ? `dataset "${entry.dataset}"` : ''].filter(Boolean).join(' and ');
  const listed = results
    .slice(0, 10)
    .map((r) => r.label)
    .join('; ');
  if (chosen.length === 0)
    return {
      message: `no result in ${cardPath}'s model-index${asked ? ` has ${asked}` : ''} (results: ${listed || 'none'})`,
      location: at,
    };
  if (chosen.length > 1)
    return {
      message: `${chosen.length} results in ${cardPath}'s model-index fit${asked ? ` ${asked}` : ''} (${chosen
        .slice(0, 10)
        .map((r) => r.label)
        .join('; ')}); name the result's task and dataset under metrics to choose one`,
      location: at,
    };
  const { result, path, label } = chosen[0]!;
  const metrics = Array.isArray(result.metrics) ? result.metrics : [];
  return {
    name: `${cardPath} (${label})`,
    lookup(metric, key) {
      const wanted = key ?? metric;
      const indexed = metrics.map((m, i) => ({ m, i }));
      const byType = indexed.filter(({ m }) => isObject(m) && same(m.type, wanted));
      // Several of one type: the one whose name is the key; none such leaves them all (ambiguous).
      const named = byType.filter(({ m }) => same((m as Record<string, unknown>).name, wanted));
      let found = byType.length > 1 && named.length > 0 ? named : byType;
      if (found.length === 0) found = indexed.filter(({ m }) => isObject(m) && same(m.name, wanted));
      if (found.length !== 1)
        return {
          ok: false,
          message:
            found.length === 0
              ? `metric "${metric}" is not among the metrics of ${cardPath}'s result for ${label} (looked for type ${wanted})`
              : `metric "${metric}" fits ${found.length} metrics of ${cardPath}'s result for ${label}; give each a distinct name and set key: to it`,
          location: found.length === 0 ? null : parsed.locate([...path, 'metrics', found[1]!.i]),
        };
      const valuePath = [...path, 'metrics', found[0]!.i, 'value'];
      return {
        ok: true,
        value: (found[0]!.m as Record<string, unknown>).value,
        location: parsed.locate(valuePath),
        where: `${cardPath} (${label}, ${wanted})`,
      };
    },
  };
}

/** An artifact path `metrics.from` may not name (out of the repository, absolute): refused before evaluating, and by check. */
export const artifactPathRefused = (from: string, reason: string, location: SourceLocation): Finding => ({
  message: `metrics artifact path "${from}" ${reason}`,
  location,
  messageId: 'metrics/path-refused',
});

/** The source an entry's `metrics.from` names, or the finding that stops it (in the manifest or the artifact). */
export function openMetricsSource(ctx: SourceContext, entry: MetricsFrom & { from: string }): MetricsSource | Finding {
  if (entry.from === DVC) return dvcSource(ctx, entry.prefix);
  if (entry.from === MODEL_CARD) return modelCardSource(ctx, entry);
  const at = ctx.locate(['from']);
  const resolved = resolveEvidencePath(ctx.manifestDir, entry.from);
  if (!resolved.ok) return artifactPathRefused(entry.from, resolved.reason, at);
  const opened = openArtifact(ctx.files, resolved.repoPath, at);
  if (!opened.ok) return opened.finding;
  return fileSource(opened.parsed, entry.prefix);
}

export const isSource = (value: MetricsSource | Finding): value is MetricsSource => 'lookup' in value;

/**
 * A typed value agrees with the artifact's when it is the same number, or that number rounded to the
 * typed value's decimals (0.93 for 0.9312): people copy results rounded, never otherwise changed. A
 * whole number must be exact (YAML reads 1.0 as 1, so "rounded to no decimals" would let 1 stand for 0.6).
 */
export function agrees(typed: number, actual: number): boolean {
  if (typed === actual) return true;
  const text = String(typed);
  if (/e/i.test(text) || !text.includes('.')) return false;
  const decimals = text.length - text.indexOf('.') - 1;
  if (decimals > 15) return false;
  return Number(actual.toFixed(decimals)) === typed;
}
