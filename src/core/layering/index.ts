// Policy layering: a policy `extends` another and may only tighten it (docs/policy-layering.md).
export { comparePolicies, type CompareOptions, type Comparison, type PolicyChange } from './compare.js';
export { mergeLayer, mergePerTier, type MergeContext, type MergeResult } from './merge.js';
export { placeIn, settingLabel, type Placement, type PolicyPath } from './paths.js';
export {
  MAX_EXTENDS,
  isCentralReference,
  resolveBundled,
  resolvePolicy,
  resolvePolicySync,
  type AsyncPolicyReader,
  type PolicyFile,
  type PolicyReader,
  type ResolveOptions,
  type ResolvedPolicy,
} from './resolve.js';
