// JSON Schema validation of parsed YAML/JSON, with each ajv error turned into a readable finding
// at the line and column of the node it is about.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ParsedYaml } from './yaml.js';
import type { Finding } from './types.js';
import { parseInstant } from './instant.js';
import { closest, didYouMean, suggestionBudget, type SuggestionBudget } from './suggest.js';

/** Friendly names for string patterns, keyed by the last path segment's meaning. */
function patternAdvice(path: Array<string | number>, schemaPath: string): string {
  const last = String(path[path.length - 1] ?? '');
  if (schemaPath.includes('duration') || schemaPath.includes('perTierDuration') || last === 'window' || last === 'max_age') {
    return 'must be a duration: a whole number and a unit, such as 30m, 72h, 14d or 2w';
  }
  if (path.length === 1 && last === 'owner') {
    return 'must be exactly one GitHub login (the ONE accountable executive), not a team or a list';
  }
  if (last === 'date') return 'must be a date such as 2026-10-02 (YYYY-MM-DD) or a date-time with a time zone such as 2026-10-02T14:00:00Z';
  if (path[0] === 'pilot' && last === 'name') return 'must be a slug: lowercase letters, digits and dashes, such as claims-triage';
  if (path[0] === 'reviewers' || schemaPath.includes('principal'))
    return 'must be a GitHub login (maria-ops) or an org/team slug (acme/appsec)';
  if (last === 'link') return 'must be an http(s) URL, or a mailto: address where the policy accepts one';
  if (last === 'signoff') return 'must be a role name such as legal or security';
  if (last === 'sha256') return "must be the artifact's sha256: 64 lowercase hexadecimal digits, without a sha256: prefix";
  return 'has an invalid form';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** Turns an ajv instancePath into a data path, with numbers for array indexes. */
function toPath(pointer: string, data: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** Keys a manifest might carry to weaken the policy; each gets a message saying why it cannot. */
const POLICY_KEYS = new Set([
  'roles',
  'gates',
  'window',
  'windows',
  'invalidate_on_push',
  'governed_paths',
  'criteria',
  'policy',
  'on_silence',
  'on_objection',
  'extends',
]);

const label = (path: Array<string | number>): string =>
  path.length === 0 ? 'the top level' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let node = data;
  for (const p of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[p] : undefined;
  return node;
}

/** What one validation run shares between its findings: the did-you-mean hints, bounded per file. */
interface FindingContext {
  budget: SuggestionBudget;
  /** The nearest allowed key of each additionalProperties error that has one, computed once. */
  nearKeys: Map<ErrorObject, string>;
}

// The keys a schema object allows, once per schema object: a file of thousands of unknown keys asks thousands of times.
const allowedBySchema = new WeakMap<object, string[]>();
function allowedKeys(error: ErrorObject): string[] {
  const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  if (!schema || typeof schema !== 'object') return [];
  let keys = allowedBySchema.get(schema);
  if (!keys) {
    keys = Object.keys(schema.properties ?? {});
    allowedBySchema.set(schema, keys);
  }
  return keys;
}

function toFinding(error: ErrorObject, parsed: ParsedYaml, kind: string, ctx: FindingContext): Finding {
  const path = toPath(error.instancePath, parsed.data);
  const where = label(path);
  const value = valueAt(parsed.data, path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (kind === 'manifest' && path.length === 0 && POLICY_KEYS.has(key)) {
        return {
          message: `"${key}" belongs to the policy, not the manifest: a manifest cannot set roles, windows or gates. Ask the policy owners to change the policy.`,
          location: parsed.locateKey([key]),
        };
      }
      const allowed = allowedKeys(error);
      const near = ctx.nearKeys.size > 0 ? ctx.nearKeys.get(error) : undefined;
      const hint = near ? ` Did you mean "${near}"?` : '';
      const list = allowed.length > 0 ? ` Allowed keys: ${allowed.join(', ')}.` : '';
      return {
        message: `unknown key "${key}" in ${where} of the ${kind}.${hint || list}`,
        location: parsed.locateKey([...path, key]),
      };
    }
    case 'required':
      return {
        message: `${where} is missing the required key "${String(params.missingProperty)}"`,
        location: parsed.locate(path),
      };
    case 'type': {
      if (path.length === 1 && path[0] === 'owner' && kind === 'manifest') {
        return {
          message: `owner must be exactly one GitHub login (the ONE accountable executive), not ${describe(value)}`,
          location: parsed.locate(path),
        };
      }
      return {
        message: `${where} must be ${String(params.type).replace(',', ' or ')}, not ${describe(value)}`,
        location: parsed.locate(path),
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const tier = path[path.length - 1] === 'risk' || error.schemaPath.includes('tier') ? 'unknown risk tier: ' : '';
      return {
        message: `${tier}${where} must be one of ${allowed.join(', ')}, not ${describe(value)}.${didYouMean(String(value), allowed, ctx.budget)}`,
        location: parsed.locate(path),
      };
    }
    case 'const':
      return { message: `${where} must be ${JSON.stringify(params.allowedValue)}, not ${describe(value)}`, location: parsed.locate(path) };
    case 'pattern':
      return { message: `${where} ${patternAdvice(path, error.schemaPath)} (got ${describe(value)})`, location: parsed.locate(path) };
    case 'propertyNames': {
      const name = String(params.propertyName);
      return { message: `"${name}" is not a valid key in ${where}`, location: parsed.locateKey([...path, name]) };
    }
    case 'format': {
      // A date-time that is not one: say what is wrong with it (no zone, no such day, hour 24).
      const instant = params.format === 'date-time' && typeof value === 'string' ? parseInstant(value) : null;
      if (instant && !instant.ok)
        return { message: `${where} is ${instant.reason} (got ${describe(value)})`, location: parsed.locate(path) };
      return { message: `${where} must be a valid ${String(params.format)} (got ${describe(value)})`, location: parsed.locate(path) };
    }
    case 'anyOf':
      if (path[path.length - 1] === 'file') return { message: `${where} must be a path or a list of paths`, location: parsed.locate(path) };
      if (path[path.length - 1] === 'remind')
        return {
          message: `${where} must be a duration such as 2d or 36h, or false for no reminder (got ${describe(value)})`,
          location: parsed.locate(path),
        };
      if (kind === 'manifest' && path[path.length - 2] === 'metrics') {
        const form = value !== null && typeof value === 'object' && !Array.isArray(value);
        return {
          message: form
            ? `${where} must be a number, or { key: where.the.artifact.holds.it } and nothing else`
            : `${where} must be number, not ${describe(value)}`,
          location: parsed.locate(path),
        };
      }
      return { message: `${where} has an unexpected form`, location: parsed.locate(path) };
    case 'dependencies':
      return {
        message: `${where}.${String(params.property)} only applies with from: (name the artifact the metrics are read from)`,
        location: parsed.locateKey([...path, String(params.property)]),
      };
    case 'minItems':
    case 'minProperties':
      return { message: `${where} must not be empty`, location: parsed.locate(path) };
    case 'minLength':
      return { message: `${where} must not be empty`, location: parsed.locate(path) };
    case 'uniqueItems':
      return { message: `${where} lists the same value twice`, location: parsed.locate(path) };
    default:
      return { message: `${where} ${error.message ?? 'is invalid'}`, location: parsed.locate(path) };
  }
}

/**
 * Validates parsed data against a compiled schema. Errors inside an anyOf branch are folded into
 * the anyOf's own message, and a propertyNames failure hides the noise ajv adds beside it.
 */
export function schemaFindings(validate: ValidateFunction, parsed: ParsedYaml, kind: 'manifest' | 'policy' | 'facts'): Finding[] {
  if (validate(parsed.data)) return [];
  const errors = validate.errors ?? [];
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => {
    if (e.keyword === 'anyOf') return true;
    // A branch's own errors (inline, or through a $ref such as a duration's pattern) are the anyOf's.
    if (anyOfPaths.has(e.instancePath)) return false;
    if (e.keyword === 'if') return false;
    return !(e.propertyName !== undefined && e.keyword !== 'propertyNames');
  });
  // "unknown key alow_x. Did you mean allow_x?" already says what "missing key allow_x" would.
  // Hints are bounded per file: a manifest of thousands of unknown keys gets the first few.
  const ctx: FindingContext = { budget: suggestionBudget(), nearKeys: new Map() };
  const misspelt = new Set<string>();
  for (const e of kept) {
    if (e.keyword !== 'additionalProperties') continue;
    const near = closest(String((e.params as Record<string, unknown>).additionalProperty), allowedKeys(e), ctx.budget);
    if (near) {
      ctx.nearKeys.set(e, near);
      misspelt.add(`${e.instancePath}\u0000${near}`);
    }
  }
  // The same message at the same place once. Keyed by place, a number, so that thousands of
  // findings do not each hash their whole message.
  const seen = new Map<number, string[]>();
  const findings: Finding[] = [];
  for (const error of kept) {
    if (
      error.keyword === 'required' &&
      misspelt.has(`${error.instancePath}\u0000${String((error.params as Record<string, unknown>).missingProperty)}`)
    )
      continue;
    const finding = toFinding(error, parsed, kind, ctx);
    const place = (finding.location?.line ?? 0) * 2 ** 22 + (finding.location?.column ?? 0);
    const messages = seen.get(place);
    if (messages === undefined) seen.set(place, [finding.message]);
    else if (messages.includes(finding.message)) continue;
    else messages.push(finding.message);
    findings.push(finding);
  }
  return findings.sort(
    (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}
