// Applies a layer (a policy with `extends`) to its parent's effective policy, one setting at a time as
// the settings table (settings.ts) lists them: mappings merge key by key, gates and criteria by id,
// every other value the layer states replaces the parent's, and a per-tier map changes only the tiers
// it names. Whether the result is stricter is compare.ts's job.
import type { Finding, Policy, PolicyLayer, SourceLocation } from '../types.js';
import type { PolicyPath } from './paths.js';
import type { Holder, Merging } from './setting.js';
import { rowsAt } from './settings.js';

export interface MergeContext {
  /** How messages name the parent: `default`, `policies/org.yml`, owner/repo/path@ref. */
  parentName: string;
  /** Where a setting is in the layer's file. */
  locate(path: PolicyPath): SourceLocation | null;
}

export interface MergeResult {
  policy: Policy;
  /** New roles, gates or criteria the layer leaves incomplete, and criteria listed under the wrong gate. */
  problems: Finding[];
}

const clone = <T>(value: T): T => structuredClone(value);

/** Merges `layer` over `parent` (an effective policy); never changes either. */
export function mergeLayer(parent: Policy, layer: PolicyLayer, ctx: MergeContext): MergeResult {
  const policy = clone(parent);
  // Where each criterion lives, so a layer cannot tighten one under another gate by mistake.
  const home = new Map<string, string>();
  for (const gate of policy.gates) for (const criterion of gate.criteria) home.set(criterion.id, gate.id);
  const merging: Merging = {
    parentName: ctx.parentName,
    locate: ctx.locate,
    problems: [],
    home,
    parentCriteria: [...home.keys()],
    required: (pattern) => rowsAt(pattern).flatMap((setting) => (setting.required ? [setting.path.at(-1)!] : [])),
    within: (pattern, into, from) => mergeWithin(merging, pattern, into, from),
  };
  mergeWithin(merging, [], policy, layer);
  return { policy, problems: merging.problems };
}

/** Merges the layer's value of every row under `pattern` into `into`, a copy of the parent's role, gate or criterion. */
function mergeWithin(merging: Merging, pattern: PolicyPath, into: Holder, layer: Holder): void {
  const target = into as Record<string, unknown>;
  for (const setting of rowsAt(pattern)) {
    const key = setting.path.at(-1)!;
    const value = (layer as Record<string, unknown>)[key];
    if (value === undefined || setting.merge === 'none') continue;
    if (setting.merge === 'replace') target[key] = clone(value);
    else if (setting.merge === 'keys') target[key] = { ...(target[key] as object), ...clone(value as object) };
    else setting.merge(target, value, merging);
  }
}
