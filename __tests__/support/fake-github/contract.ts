// GitHub's own description of the REST endpoints the fake serves (extracted from @octokit/openapi by
// scripts/extract-openapi.mjs): every request body and every documented answer is checked against it.

import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

interface Fixture {
  source: string;
  defs_id: string;
  endpoints: Record<string, { operationId: string; request?: object; responses: Record<string, object> }>;
  $defs: Record<string, object>;
}

// ajv-formats is CommonJS with a default export; ESM interop may wrap it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let fixture: Fixture | undefined;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

export function openapiFixture(): Fixture {
  fixture ??= JSON.parse(readFileSync(new URL('../../fixtures/openapi/github-rest.json', import.meta.url), 'utf8')) as Fixture;
  return fixture;
}

function validator(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
      addFormats(ajv);
      ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
      const f = openapiFixture();
      ajv.addSchema({ $id: f.defs_id, $defs: f.$defs });
    }
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function problems(validate: ValidateFunction): string[] {
  return (validate.errors ?? [])
    .slice(0, 8)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    );
}

/** Problems with a request body, as GitHub's request validation would report them; [] when fine. */
export function checkRequest(endpoint: string, body: unknown): string[] {
  const schema = openapiFixture().endpoints[endpoint]?.request;
  if (!schema) return [];
  const validate = validator(`${endpoint} request`, schema);
  return validate(body ?? {}) ? [] : problems(validate);
}

/** Problems with an answer the fake gives; [] when GitHub's description allows it. */
export function checkResponse(endpoint: string, status: number, body: unknown): string[] {
  const described = openapiFixture().endpoints[endpoint];
  if (!described) return [`${endpoint} is not in the OpenAPI fixture: run scripts/extract-openapi.mjs with it listed`];
  const schema = described.responses[String(status)];
  if (!schema) return status < 300 ? [`${endpoint} does not document status ${status}`] : [];
  const validate = validator(`${endpoint} ${status}`, schema);
  return validate(body) ? [] : problems(validate);
}
