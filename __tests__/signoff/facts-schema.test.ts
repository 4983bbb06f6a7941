import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import schema from '../../schemas/facts.schema.json' with { type: 'json' };
import { schemaUrl } from '../../src/report/starter-manifest.js';
import { H, OLD, factsWith, review, request } from './builders.js';

// Compiled as __tests__/support/schemas.ts does: ajv 8, strict, with the date-time format.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv, f: string[]) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['uri', 'date-time']);
const validate = ajv.compile(schema);

const errorsOf = (data: unknown): string[] =>
  validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);

describe('schemas/facts.schema.json', () => {
  it('has the published $id and accepts complete facts', () => {
    expect(schema.$id).toBe(schemaUrl('facts'));
    const facts = factsWith({
      review_requests: [request('acme/legal', H), request('lena', H)],
      reviews: [review('lena', 'APPROVED', H, { id: 'PRR_kwDO', body: 'ok' }), review('ci-bot[bot]', 'COMMENTED', H, { commit: OLD })],
      teams: { 'acme/legal': ['lena', 'lars'] },
      base_manifest: { owner: 'oscar' },
    });
    expect(errorsOf(facts)).toEqual([]);
    expect(errorsOf({ ...factsWith({ draft: true, ready_at: null }), base_manifest: null })).toEqual([]);
  });

  it('accepts a commit whose files are unknown', () => {
    expect(errorsOf(factsWith({ commits: [{ sha: OLD, at: '2026-03-01T00:00:00Z' }] }))).toEqual([]);
  });

  it('rejects unknown keys, a wrong version, bad times, states and shas', () => {
    const bad = {
      ...factsWith(),
      version: 2,
      extra: true,
      ready_at: 'yesterday',
      reviews: [{ id: 1.5, author: 'lena', state: 'REJECTED', at: '2026-03-02', commit: 'HEAD' }],
    };
    expect(errorsOf(bad)).toEqual([
      '/ must NOT have additional properties',
      '/version must be equal to constant',
      '/ready_at must match format "date-time"',
      '/reviews/0/id must be integer',
      '/reviews/0/id must be string',
      '/reviews/0/id must match a schema in anyOf',
      '/reviews/0/state must be equal to one of the allowed values',
      '/reviews/0/at must match format "date-time"',
      '/reviews/0/commit must match pattern "^[0-9a-fA-F]{7,64}$"',
    ]);
  });

  it('requires every field of PrFacts except base_manifest', () => {
    expect(errorsOf({ version: 1 })).toEqual(
      ['repository', 'number', 'author', 'head_sha', 'base_ref', 'draft', 'ready_at', 'commits', 'review_requests', 'reviews', 'teams'].map(
        (field) => `/ must have required property '${field}'`,
      ),
    );
  });

  it('keys teams by org/team slug', () => {
    expect(errorsOf(factsWith({ teams: { legal: ['lena'] } }))).toEqual([
      '/teams must match pattern "^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"',
      '/teams property name must be valid',
    ]);
  });
});
