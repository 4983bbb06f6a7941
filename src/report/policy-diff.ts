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
          .join(' → ')}: tightens ${plural(resolved.tightenings.length, 'setting')}`;
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
  };
}

const changeJson = ({ setting, message, location }: PolicyChange) => ({ setting, message, location });

/** One line per change, grouped under `tightens:` and `loosens:`; a sentence when there is none. */
export function diffText(comparison: Comparison, a: string, b: string): string {
  const { tightenings, loosenings } = comparison;
  if (tightenings.length === 0 && loosenings.length === 0) return plainText(`${p(b)} neither tightens nor loosens ${p(a)}\n`);
  const out: string[] = [];
  if (tightenings.length > 0) out.push('tightens:', ...tightenings.map((change) => `  ${p(formatFinding(change))}`));
  if (loosenings.length > 0) out.push('loosens:', ...loosenings.map((change) => `  ${p(formatFinding(change))}`));
  return plainText(`${out.join('\n')}\n`);
}

export function diffJson(comparison: Comparison, a: string, b: string): object {
  return { from: a, to: b, tightens: comparison.tightenings.map(changeJson), loosens: comparison.loosenings.map(changeJson) };
}
