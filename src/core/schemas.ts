// The JSON Schemas of the three input formats, compiled once per process on first use.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import manifestSchema from '../../schemas/manifest.schema.json' with { type: 'json' };
import policySchema from '../../schemas/policy.schema.json' with { type: 'json' };
import factsSchema from '../../schemas/facts.schema.json' with { type: 'json' };

type SchemaName = 'manifest' | 'policy' | 'facts';
const SCHEMAS = { manifest: manifestSchema, policy: policySchema, facts: factsSchema } as const;

let ajv: Ajv | null = null;
const compiled = new Map<SchemaName, ValidateFunction>();

// ajv-formats is published as CommonJS with a default export; ESM interop may wrap it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv, f: string[]) => Ajv;

export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
      addFormats(ajv, ['uri', 'date-time']);
    }
    validate = ajv.compile(SCHEMAS[name]);
    compiled.set(name, validate);
  }
  return validate;
}

export { manifestSchema, policySchema, factsSchema };
