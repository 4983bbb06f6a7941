// The words of `pilot-readiness policy check` and `policy diff`, for the terminal and for JSON.
// The terminal's text goes through the plain-text sanitiser: a policy under review (a pull request's
// proposed version, checked by the CLI in a workflow) names the paths and values quoted here.
import { formatFinding } from '../core/errors.js';
import { plainLine as p, plainText } from './plain.js';
import { criteriaById } from '../core/policy.js';
import type { Comparison, PolicyChange } from '../core/layering/compare.js';
import type { ResolvedPolicy } from '../core/layering/resolve.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `ok: PATH (6 gates, 30 criteria; extends default: tightens 4 settings)` */
export function checkLine(shown: string, resolved: ResolvedPolicy): string {
  const size = `${plural(resolved.policy.gates.length, 'gate')}, ${plural(criteriaById(resolved.policy).size, 'criterion', 'criteria')}`;
  const layering =
    resolved.parent === null
      ? ''
      : `; extends ${resolved.chain
          .slice(1)
          .map((c) => p(c.source))
          .join(' → ')}: tightens ${plural(resolved.tightenings.length, 'setting')}${changed(resolved.changes)}`;
  return `ok: ${p(shown)} (${size}${layering})`;
}

export function checkJson(shown: string, resolved: ResolvedPolicy): object {
  return {
    ok: true,
    policy: shown,
    gates: resolved.policy.gates.length,
    criteria: criteriaById(resolved.policy).size,
    extends: resolved.parent,
    chain: resolved.chain,
    tightens: resolved.tightenings.map(changeJson),
    changes: resolved.changes.map(changeJson),
  };
}

/** `, changes policy_owners`: what a layer sets that neither tightens nor loosens its parent. */
function changed(changes: readonly PolicyChange[]): string {
  return changes.length === 0 ? '' : `, changes ${changes.map((c) => p(c.setting)).join(', ')}`;
}

const changeJson = ({ setting, message, location }: PolicyChange) => ({ setting, message, location });

/** One line per change, grouped under `tightens:`, `loosens:` and `changes:`; a sentence when there is none. */
export function diffText(comparison: Comparison, a: string, b: string): string {
  const { tightenings, loosenings, changes } = comparison;
  if (tightenings.length + loosenings.length + changes.length === 0) return plainText(`${p(b)} neither tightens nor loosens ${p(a)}\n`);
  const out: string[] = [];
  const group = (title: string, list: readonly PolicyChange[]) => {
    if (list.length > 0) out.push(title, ...list.map((change) => `  ${p(formatFinding(change))}`));
  };
  group('tightens:', tightenings);
  group('loosens:', loosenings);
  // Neither: who approves changes to B itself, where A names no one.
  group('changes:', changes);
  return plainText(`${out.join('\n')}\n`);
}

export function diffJson(comparison: Comparison, a: string, b: string): object {
  return {
    from: a,
    to: b,
    tightens: comparison.tightenings.map(changeJson),
    loosens: comparison.loosenings.map(changeJson),
    changes: comparison.changes.map(changeJson),
  };
}
