// Resolves a policy's `extends` chain into one effective policy. Pure: files arrive through a reader
// (the CLI's disk, the Action's GitHub, a report's recorded texts); bundled policies need no reader.
// One generator walks the chain; resolvePolicySync and resolvePolicy drive it with either kind of reader.
import { InputError, formatFinding } from '../errors.js';
import { isBundledPolicy } from '../bundled.js';
import { sha256 } from '../hash.js';
import { effectiveFindings, parsePolicyDocument } from '../policy.js';
import { policy as policyValidator } from '../generated/policy-validator.js';
import type { Finding, Policy } from '../types.js';
import { comparePolicies, type PolicyChange } from './compare.js';
import { mergeLayer } from './merge.js';
import { placeIn } from './paths.js';
import { bundledLayer, locatorFor, type Layer, type ResolvedPolicy } from './layers.js';

export { resolveBundled, type ResolvedPolicy } from './layers.js';

/** At most this many `extends` links from the entry policy to the root of its chain. */
export const MAX_EXTENDS = 5;

/** A policy file's text and names: `source` identifies it (and appears in reports), `file` in locations. */
export interface PolicyFile {
  text: string;
  source: string;
  file: string;
}

/** Reads the policy `reference` names, as written in the `extends` of the policy `from` (its source). */
export type PolicyReader = (reference: string, from: string) => PolicyFile;
export type AsyncPolicyReader = (reference: string, from: string) => Promise<PolicyFile>;

export interface ResolveOptions {
  /** Ask the reader for bundled names too (replay serves the recorded texts). Default: use the bundle. */
  readBundled?: boolean;
}

const CENTRAL_REFERENCE = /^[^/@\s]+\/[^/@\s]+\/[^@\s]+@[^@\s]+$/;

/** owner/repo/path@ref: a policy in a central repository, pinned to a ref. */
export function isCentralReference(reference: string): boolean {
  return CENTRAL_REFERENCE.test(reference);
}

function readLayer(file: PolicyFile): Layer {
  const { parsed, data } = parsePolicyDocument(file.text, file.file);
  return { source: file.source, text: file.text, sha256: sha256(file.text), data, bundled: false, parsed: () => parsed };
}

/** A reader's error without a place gets the place of the `extends` that asked for it. */
function atExtends(error: unknown, location: Finding['location']): unknown {
  if (!(error instanceof InputError) || error.findings.some((finding) => finding.location !== null)) return error;
  return new InputError(error.findings.map((finding) => ({ ...finding, location })));
}

type Request = { reference: string; from: string };

function* resolution(entry: PolicyFile, options: ResolveOptions): Generator<Request, ResolvedPolicy, PolicyFile> {
  const layers: Layer[] = [readLayer(entry)];
  for (;;) {
    const child = layers[layers.length - 1]!;
    const reference = child.data.extends;
    if (reference === undefined) break;
    const at = child.parsed().locate(['extends']);
    const names = layers.map((layer) => layer.source);
    if (layers.length > MAX_EXTENDS) {
      throw new InputError(
        `extends ${reference}: ${[...names, reference].join(' → ')} is ${layers.length} extends deep, and a policy may be at most ${MAX_EXTENDS} deep: fold one of these policies into the one it extends`,
        at,
      );
    }
    let parent: Layer;
    if (isBundledPolicy(reference) && !options.readBundled) {
      parent = bundledLayer(reference);
    } else {
      let file: PolicyFile;
      try {
        file = yield { reference, from: child.source };
      } catch (error) {
        throw atExtends(error, at);
      }
      parent = readLayer(file);
    }
    if (names.includes(parent.source)) {
      throw new InputError(
        `extends ${reference}: the policies extend each other in a cycle (${[...names, parent.source].join(' → ')}); remove one of these extends`,
        at,
      );
    }
    layers.push(parent);
  }
  return merge(layers);
}

const byPosition = (a: Finding, b: Finding): number =>
  (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);

/** Merges the chain from its root down, collecting every problem of every layer before giving up. */
function merge(layers: Layer[]): ResolvedPolicy {
  const problems: Finding[] = [];
  const seen = new Set<string>();
  const add = (findings: Finding[]): void => {
    for (const finding of findings) {
      const key = formatFinding(finding);
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(finding);
      }
    }
  };
  const root = layers[layers.length - 1]!;
  let effective = root.data as Policy;
  if (!root.bundled) add(effectiveFindings(effective, locatorFor([root])));
  let tightenings: PolicyChange[] = [];
  let changes: PolicyChange[] = [];
  for (let i = layers.length - 2; i >= 0; i--) {
    const layer = layers[i]!;
    const locate = (path: readonly string[]) => placeIn(layer.parsed(), path).location;
    const parentName = layers[i + 1]!.source;
    const merged = mergeLayer(effective, layer.data, { parentName, locate });
    const compared = comparePolicies(effective, merged.policy, locate, { parentName });
    add([...merged.problems, ...compared.loosenings].sort(byPosition));
    if (i === 0) ({ tightenings, changes } = compared);
    effective = merged.policy;
    add(effectiveFindings(effective, locatorFor(layers.slice(i))));
  }
  if (problems.length > 0) throw new InputError(problems);
  const validate = policyValidator;
  if (!validate(effective)) {
    // Each layer was valid and every new item complete, so this is a bug in the merge, not in the input.
    throw new Error(
      `merging ${layers.map((l) => l.source).join(' → ')} gave an invalid policy: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
    );
  }
  const entry = layers[0]!;
  return {
    policy: effective,
    source: entry.source,
    text: entry.text,
    sha256: entry.sha256,
    layers: layers.map(({ source, text, sha256: hash }) => ({ source, text, sha256: hash })),
    chain: layers.map(({ source, sha256: hash }) => ({ source, sha256: hash })),
    parent: layers[1]?.source ?? null,
    tightenings,
    changes,
    locate: locatorFor(layers),
  };
}

/** Resolves `entry` and everything it extends with a reader that answers at once (files on disk, recorded texts). */
export function resolvePolicySync(entry: PolicyFile, read: PolicyReader, options: ResolveOptions = {}): ResolvedPolicy {
  const steps = resolution(entry, options);
  let step = steps.next();
  while (!step.done) {
    let file: PolicyFile;
    try {
      file = read(step.value.reference, step.value.from);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(file);
  }
  return step.value;
}

/** Resolves `entry` and everything it extends with a reader that fetches (the Action's central policies). */
export async function resolvePolicy(entry: PolicyFile, read: AsyncPolicyReader, options: ResolveOptions = {}): Promise<ResolvedPolicy> {
  const steps = resolution(entry, options);
  let step = steps.next();
  while (!step.done) {
    let file: PolicyFile;
    try {
      file = await read(step.value.reference, step.value.from);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(file);
  }
  return step.value;
}
