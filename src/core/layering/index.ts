// Policy layering: a policy `extends` another and may only tighten it (docs/policy-layering.md).
export { comparePolicies, type Comparison, type PolicyChange } from './compare.js';
export { placeIn } from './paths.js';
export {
  MAX_EXTENDS,
  isCentralReference,
  resolveBundled,
  resolvePolicy,
  resolvePolicySync,
  type AsyncPolicyReader,
  type PolicyFile,
  type PolicyReader,
  type ResolvedPolicy,
} from './resolve.js';
