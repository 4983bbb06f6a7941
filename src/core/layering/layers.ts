// A policy chain's layers, and what a resolved policy is. The bundled policies resolve here as a chain
// of one without the merge and comparison code of resolve.ts, which `check` with a bundled policy
// then does not load.
import { loadBundledPolicy } from '../bundled.js';
import type { LoadedPolicy, PolicyLocator } from '../policy.js';
import type { PolicyLayer } from '../types.js';
import { parseYaml, type ParsedYaml } from '../yaml.js';
import type { PolicyChange } from './compare.js';
import { placeIn } from './paths.js';

export interface ResolvedPolicy extends LoadedPolicy {
  layers: NonNullable<LoadedPolicy['layers']>;
  /** Every policy of the chain, the entry first, with the sha256 of its text. */
  chain: Array<{ source: string; sha256: string }>;
  /** The source of the policy the entry extends; null when it extends none. */
  parent: string | null;
  /** What the entry tightens against its parent (empty when it extends none). */
  tightenings: PolicyChange[];
  /** What the entry changes that neither tightens nor loosens (its own policy_owners over a parent naming none). */
  changes: PolicyChange[];
  /** Places a setting of the effective policy in the file of the chain that sets it (the entry first). */
  locate: PolicyLocator;
}

export interface Layer {
  source: string;
  text: string;
  sha256: string;
  data: PolicyLayer;
  bundled: boolean;
  /** Parsed with positions; lazily for bundled policies, which are pre-parsed without them. */
  parsed(): ParsedYaml;
}

export function bundledLayer(name: string): Layer {
  const loaded = loadBundledPolicy(name);
  let parsed: ParsedYaml | undefined;
  return {
    source: name,
    text: loaded.text,
    sha256: loaded.sha256,
    data: loaded.policy,
    bundled: true,
    parsed: () => (parsed ??= parseYaml(loaded.text, name)),
  };
}

/** Finds a setting in the first layer that states it; failing that, near it in the first layer. */
export function locatorFor(layers: Layer[]): PolicyLocator {
  return (path) => {
    for (const layer of layers) {
      const placed = placeIn(layer.parsed(), path);
      if (placed.exact) return placed.location;
    }
    return placeIn(layers[0]!.parsed(), path).location;
  };
}

/** A bundled policy as a resolved one: a chain of one, nothing tightened. */
export function resolveBundled(name: string): ResolvedPolicy {
  const layer = bundledLayer(name);
  return {
    ...loadBundledPolicy(name),
    layers: [{ source: name, text: layer.text, sha256: layer.sha256 }],
    chain: [{ source: name, sha256: layer.sha256 }],
    parent: null,
    tightenings: [],
    changes: [],
    locate: locatorFor([layer]),
  };
}
