// What a policy tightens and what it loosens against another: the rules of layering, one setting at a
// time as the settings table (settings.ts) lists them, each finding named by its setting and placed in
// the child's file. Cosmetic text (titles, descriptions, references, units) is neither.
import type { Finding, Policy, SourceLocation } from '../types.js';
import { settingLabel, type PolicyPath } from './paths.js';
import type { Holder, Judging, Setting } from './setting.js';
import { rowsAt } from './settings.js';

/** One difference: `setting` is its name (roles.legal.window), `message` starts with it. */
export interface PolicyChange extends Finding {
  setting: string;
}

export interface Comparison {
  tightenings: PolicyChange[];
  loosenings: PolicyChange[];
  /**
   * Changes that neither tighten nor loosen what the parent requires: `policy_owners` named over a
   * parent that names no one (they govern changes to the child itself). Listed, never refused.
   */
  changes: PolicyChange[];
}

export interface CompareOptions {
  /** How messages name the parent. */
  parentName: string;
  /** Add what a child may do to each loosening (layering); `policy diff` leaves it out. Default true. */
  advice?: boolean;
}

/** What every judging of one comparison shares. */
interface Walk {
  result: Comparison;
  policies: { parent: Policy; child: Policy };
  locateChild: (path: PolicyPath) => SourceLocation | null;
  options: CompareOptions;
}

/** Compares `child` with `parent`; every finding is placed by `locateChild` in the child's file. */
export function comparePolicies(
  parent: Policy,
  child: Policy,
  locateChild: (path: PolicyPath) => SourceLocation | null,
  options: CompareOptions,
): Comparison {
  const result: Comparison = { tightenings: [], loosenings: [], changes: [] };
  const walk: Walk = { result, policies: { parent, child }, locateChild, options };
  compareWithin(walk, [], [], parent, child);
  return {
    tightenings: result.tightenings.sort(byPlace),
    loosenings: result.loosenings.sort(byPlace),
    changes: result.changes.sort(byPlace),
  };
}

/** Judges every row under `pattern` for the role, gate or criterion at `path` (the policy itself at []). */
function compareWithin(walk: Walk, pattern: PolicyPath, path: PolicyPath, parent: Holder, child: Holder): void {
  for (const setting of rowsAt(pattern)) {
    const key = setting.path.at(-1)!;
    setting.compare(settingValue(setting, parent, key), settingValue(setting, child, key), judging(walk, setting, [...path, key]));
  }
}

function settingValue(setting: Setting, holder: Holder, key: string): unknown {
  if (setting.read) return setting.read(holder);
  return (holder as Record<string, unknown>)[key] ?? setting.absent;
}

function judging(walk: Walk, setting: Setting, path: PolicyPath): Judging {
  const { result, locateChild, options } = walk;
  const finding = (path: PolicyPath, message: string, at: PolicyPath): PolicyChange => ({
    setting: settingLabel(path),
    message: `${settingLabel(path)} ${message}`,
    location: locateChild(at),
  });
  const advice = (which = 'default'): string => {
    const text = typeof setting.advice === 'string' ? setting.advice : setting.advice?.[which];
    // A row that loosens without advice for the case is a mistake in the table, not in a policy.
    if (text === undefined) throw new Error(`the settings table has no advice for ${setting.path.join('.')} (${which})`);
    return text;
  };
  return {
    parent: options.parentName,
    path,
    name: path[1] ?? '',
    policies: walk.policies,
    advice,
    tighten: (message, at = path) => void result.tightenings.push(finding(path, message, at)),
    loosen: (message, text = advice(), at = path) =>
      void result.loosenings.push(finding(path, `${message}${options.advice !== false ? `: ${text}` : ''}`, at)),
    change: (message) => void result.changes.push(finding(path, message, path)),
    at: (other) => judging(walk, setting, other),
    within: (pattern, at, p, c) => compareWithin(walk, pattern, at, p, c),
  };
}

/** In file order: by file, line and column (a stable sort keeps the rule order within a node). */
function byPlace(a: Finding, b: Finding): number {
  const [x, y] = [a.location, b.location];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}
