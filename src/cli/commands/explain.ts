// `pilot-readiness explain`: a criterion's text, evidence and references; every criterion without an id; --roles: the reviewer roles.
import { readArgs } from '../args.js';
import { explainCriterion, explainRoles, listCriteria } from '../../report/explain.js';
import { loadPolicyArg, type Io } from '../io.js';

export function explain(args: string[], io: Io): number {
  const parsed = readArgs(io, 'explain', args, { policy: { type: 'string' }, roles: { type: 'boolean' } }, true);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const policy = loadPolicyArg(values.policy, io.cwd);
  if (values.roles) {
    io.out(explainRoles(policy.policy));
    return 0;
  }
  if (positionals.length === 0) {
    io.out(listCriteria(policy.policy));
    return 0;
  }
  for (const id of positionals) io.out(explainCriterion(policy.policy, id));
  return 0;
}
