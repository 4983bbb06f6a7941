// `pilot-readiness init`: writes a starter manifest for a risk tier.
import { existsSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { RISK_TIERS, type RiskTier } from '../../core/types.js';
import { starterManifest } from '../../report/starter-manifest.js';
import { readArgs } from '../args.js';
import { outputFile } from '../output.js';
import { loadPolicyArg, type Io } from '../io.js';

export function init(args: string[], io: Io): number {
  const parsed = readArgs(io, 'init', args, {
    risk: { type: 'string', default: 'medium' },
    policy: { type: 'string' },
    name: { type: 'string' },
    owner: { type: 'string' },
    output: { type: 'string', default: 'pilot-readiness.yml' },
    force: { type: 'boolean', default: false },
  });
  if (!parsed) return 0;
  const { values } = parsed;
  const risk = values.risk as RiskTier;
  if (!RISK_TIERS.includes(risk)) throw new UsageError(`--risk ${values.risk}: use one of ${RISK_TIERS.join(', ')}`);
  const policy = loadPolicyArg(values.policy, io.cwd);
  const target = outputFile(values.output!, io.cwd);
  if (existsSync(target.path) && !values.force) throw new UsageError(`${values.output} exists; pass --force to overwrite it`);
  target.write(
    starterManifest(policy.policy, {
      risk,
      ...(values.name ? { name: values.name } : {}),
      ...(values.owner ? { owner: values.owner } : {}),
    }),
  );
  io.out(
    `wrote ${values.output}: a ${risk}-risk starter manifest for policy ${policy.source}; replace the placeholders and fill in the evidence, then run pilot-readiness check ${values.output}\n`,
  );
  return 0;
}
