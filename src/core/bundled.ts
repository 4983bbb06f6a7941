// Policies shipped inside the bundle, selectable by name (`--policy default`, `policy: default`).
import defaultPolicy from '../../policies/default.yml';

export const BUNDLED_POLICIES: Readonly<Record<string, string>> = { default: defaultPolicy };

export function isBundledPolicy(name: string): boolean {
  return Object.hasOwn(BUNDLED_POLICIES, name);
}
