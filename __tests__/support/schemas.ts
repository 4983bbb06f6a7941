// For tests: the validators of the three input formats, compiled ahead of time from schemas/*.schema.json by
// scripts/gen-validators.mjs: start-up never loads ajv's compiler. The engine imports the one it
// needs from the generated module directly, so that a bundle holds only the validators a command uses.
import type { ValidateFunction } from 'ajv';
import { facts, manifest, policy } from '../../src/core/generated/validators.js';

type SchemaName = 'manifest' | 'policy' | 'facts';
const VALIDATORS: Record<SchemaName, ValidateFunction> = { manifest, policy, facts };

export function validatorFor(name: SchemaName): ValidateFunction {
  return VALIDATORS[name];
}
