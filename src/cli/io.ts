// What every command gets from its caller: output streams, the working directory and the clock, and
// the helpers they share to read their arguments (a --now instant, a --policy file or bundled name).
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { BUNDLED_POLICIES, isBundledPolicy } from '../core/bundled.js';
import { InputError, UsageError } from '../core/errors.js';
import { isCentralReference, resolveBundled, resolvePolicySync, type PolicyReader, type ResolvedPolicy } from '../core/layering/index.js';
import { readTextFile } from '../adapters/local/files.js';

export { sanitised, type Io } from './terminal.js';
export { parseNow } from './now.js';

const CENTRAL_OFFLINE = 'central policy references are resolved by the Action; pass a local copy with --policy';

/** Reads what a policy extends from disk: a path relative to the extending file. */
function diskReader(cwd: string): PolicyReader {
  return (reference, from) => {
    if (isCentralReference(reference)) throw new InputError(`extends ${reference}: ${CENTRAL_OFFLINE} (or point extends at that copy)`);
    const path = resolve(cwd, dirname(from), reference);
    const shown = relative(cwd, path) || reference;
    if (!existsSync(path)) throw new InputError(`extends ${reference}: no such file (looked for ${shown}, relative to ${from})`);
    return { text: readTextFile(path, shown), source: shown, file: shown };
  };
}

/** A bundled policy by name, or a policy file with everything it extends. */
export function loadPolicyArg(spec: string | undefined, cwd: string, flag = '--policy '): ResolvedPolicy {
  const name = spec ?? 'default';
  if (isBundledPolicy(name)) return resolveBundled(name);
  const path = resolve(cwd, name);
  if (!existsSync(path)) {
    if (isCentralReference(name)) throw new UsageError(`${flag}${name}: ${CENTRAL_OFFLINE}`);
    throw new UsageError(`${flag}${name}: no such file, and not a bundled policy (bundled: ${Object.keys(BUNDLED_POLICIES).join(', ')})`);
  }
  const shown = relative(cwd, path) || name;
  return resolvePolicySync({ text: readTextFile(path, shown), source: shown, file: shown }, diskReader(cwd));
}
