// Policies shipped inside the bundle, selectable by name (`--policy default`, `policy: default`).
// They are pre-parsed at build time (scripts/gen-bundled-policies.mjs) and validated by the tests.
import { BUNDLED } from './generated/bundled-policies.js';
import type { LoadedPolicy } from './policy.js';

export const BUNDLED_POLICIES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(BUNDLED).map(([name, { text }]) => [name, text]),
);

export function isBundledPolicy(name: string): boolean {
  return Object.hasOwn(BUNDLED, name);
}

/** A bundled policy, without parsing or validating it again, nor hashing it, at run time. */
export function loadBundledPolicy(name: string): LoadedPolicy {
  const entry = BUNDLED[name];
  if (!entry) throw new Error(`no bundled policy ${name}`);
  return { policy: entry.data, source: name, text: entry.text, sha256: entry.sha256 };
}
