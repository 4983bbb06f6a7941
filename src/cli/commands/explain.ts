// `pilot-readiness explain`: a criterion's text, evidence and references; every criterion without an id.
import { parseArgs } from 'node:util';
import { explainCriterion, listCriteria } from '../../report/explain.js';
import { loadPolicyArg, type Io } from '../io.js';

export function explain(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { policy: { type: 'string' } } });
  const policy = loadPolicyArg(values.policy, io.cwd);
  if (positionals.length === 0) {
    io.out(listCriteria(policy.policy));
    return 0;
  }
  for (const id of positionals) io.out(explainCriterion(policy.policy, id));
  return 0;
}
