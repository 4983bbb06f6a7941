// PR facts files (JSON): parsed with positions and checked against schemas/facts.schema.json.
import { InputError } from '../errors.js';
import { schemaFindings } from './validate.js';
import { validatorFor } from './schemas.js';
import type { PrFacts } from './types.js';
import { parseYaml } from './yaml.js';

/** JSON is YAML, so the same parser gives every facts finding a line and column. */
export function parseFacts(text: string, file: string): PrFacts {
  const parsed = parseYaml(text, file);
  const findings = schemaFindings(validatorFor('facts'), parsed, 'facts');
  if (findings.length > 0) throw new InputError(findings);
  return parsed.data as PrFacts;
}
