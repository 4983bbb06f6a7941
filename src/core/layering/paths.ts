// Names a policy setting by ids rather than list positions (criteria.SEC-2.evidence.date.max_age),
// so the same setting can be found in a parent, a child and the merged policy, and located in each file.
import type { SourceLocation } from '../types.js';
import type { ParsedYaml } from '../yaml.js';

/**
 * A setting's path: `['roles', 'legal', 'window']`, `['gates', 'security', 'stage']`, or
 * `['criteria', 'SEC-2', 'evidence', 'date', 'max_age', 'high']` (a criterion by id, whatever its gate).
 */
export type PolicyPath = readonly string[];

/** Where a setting is in one policy file; `exact` is false when only an enclosing node was found. */
export interface Placement {
  location: SourceLocation;
  exact: boolean;
}

/** `roles.legal.window`, `gates.security`, `SEC-2.evidence.date.max_age.high`: how messages name a setting. */
export function settingLabel(path: PolicyPath): string {
  return (path[0] === 'criteria' ? path.slice(1) : path).join('.');
}

type Node = Record<string, unknown> | undefined;
const asList = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);

/** The path into the file's own data (with list indexes), or null when the file does not mention the gate or criterion. */
function dataPath(data: unknown, path: PolicyPath): Array<string | number> | null {
  const gates = asList((data as Node)?.gates);
  if (path[0] === 'gates' && path[1] !== undefined) {
    const g = gates.findIndex((gate) => gate?.id === path[1]);
    return g < 0 ? null : ['gates', g, ...path.slice(2)];
  }
  if (path[0] === 'criteria' && path[1] !== undefined) {
    for (let g = 0; g < gates.length; g++) {
      const c = asList(gates[g]?.criteria).findIndex((criterion) => criterion?.id === path[1]);
      if (c >= 0) return ['gates', g, 'criteria', c, ...path.slice(2)];
    }
    return null;
  }
  return [...path];
}

/** Places a setting in one parsed policy file: exactly, or at the nearest enclosing node the file has. */
export function placeIn(parsed: ParsedYaml, path: PolicyPath): Placement {
  const exact = dataPath(parsed.data, path);
  if (exact !== null) return { location: parsed.locate(exact), exact: parsed.has(exact) };
  // A gate or criterion this file does not mention: point at its list of gates, else at the top.
  return { location: parsed.has(['gates']) ? parsed.locateKey(['gates']) : parsed.locate([]), exact: false };
}
