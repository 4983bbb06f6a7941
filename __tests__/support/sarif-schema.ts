// The OASIS SARIF 2.1.0 schema (a copy in the fixtures) compiled once, for every test that checks a
// SARIF log is valid (__tests__/report/sarif.test.ts, __tests__/adversarial/cli-commit.test.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, '__tests__', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// ajv-draft-04 is CommonJS with an ES-style default export: require it and take .default.
const Ajv = (
  createRequire(import.meta.url)('ajv-draft-04') as {
    default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
  }
).default;

/** True when the log is valid SARIF 2.1.0; `errors` then says why not. */
export const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
