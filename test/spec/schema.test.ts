/**
 * operationSchema: a self-contained JSON Schema per body that Ajv compiles (cycles stay refs).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { loadSpecFile } from '../../shared/node/spec/load';
import { operationSchema } from '../../shared/node/spec/query';
import { casePath } from './helpers';

function compile(s: NonNullable<ReturnType<typeof operationSchema>>) {
  const ajv = s.dialect === '2020-12' ? new Ajv2020({ allErrors: true, strict: false }) : new AjvDraft04({ allErrors: true, strict: false });
  return ajv.compile(s.schema);
}

describe('operationSchema', () => {
  it('keeps recursive schemas as refs and validates nested data', async () => {
    const spec = await loadSpecFile(casePath('05-recursive-request-body.yaml'));
    const s = operationSchema(spec, 'POST /entries', 'request');
    expect(s?.dialect).toBe('draft-04');
    expect(s?.contentType).toBe('application/json');
    expect(JSON.stringify(s?.schema)).toContain('#/definitions/Entry');
    const validate = compile(s!);
    expect(validate({ title: 'a', parent: { title: 'b' }, links: [{ kind: 'blocks', target: { title: 'c' } }] })).toBe(true);
    expect(validate({ title: 'a', links: [{ kind: 'nope', target: { title: 'c' } }] })).toBe(false);
    expect(validate({ parent: { title: 'b' } })).toBe(false);
  });

  it('drops readOnly properties (and their required entries) from request schemas', async () => {
    const spec = await loadSpecFile(casePath('18-readonly-writeonly.yaml'));
    const req = operationSchema(spec, 'POST /accounts', 'request')!;
    const validate = compile(req);
    expect(validate({ login: 'x', password: 'secret' })).toBe(true);
    const text = JSON.stringify(req.schema);
    expect(text).not.toContain('createdAt');
    expect(text).not.toContain('lastSeen');
    const resp = operationSchema(spec, 'POST /accounts', 'response')!;
    expect(JSON.stringify(resp.schema)).not.toContain('password');
    expect(compile(resp)({ id: 'ABCDEFGHIJKL', login: 'x' })).toBe(true);
    expect(compile(resp)({ login: 'x' })).toBe(false);
  });

  it('uses 2020-12 for OAS 3.1 and keeps null unions', async () => {
    const spec = await loadSpecFile(casePath('11-type-array-null.yaml'));
    const s = operationSchema(spec, 'POST /samples', 'request')!;
    expect(s.dialect).toBe('2020-12');
    const validate = compile(s);
    expect(validate({ label: null, kind: 'sample', owner: null, reading: 3 })).toBe(true);
    expect(validate({ label: 'x', kind: 'other' })).toBe(false);
  });

  it('translates 3.0 nullable and allOf-nullable wrappers', async () => {
    const { loadSpec } = await import('../../shared/node/spec/load');
    const text = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                note: {type: string, nullable: true}
                owner:
                  allOf: [{$ref: '#/components/schemas/Owner'}, {nullable: true}]
      responses: {'204': {description: ok}}
components:
  schemas:
    Owner: {type: object, properties: {name: {type: string}}, example: {name: x}}
`;
    const spec = await loadSpec({ kind: 'text', text, name: 'n.yaml' });
    const s = operationSchema(spec, 'POST /x', 'request')!;
    const validate = compile(s);
    expect(validate({ note: null })).toBe(true);
    expect(validate({ note: 1 })).toBe(false);
    const { extractFields } = await import('../../shared/node/spec/query');
    const owner = extractFields(spec, 'POST /x').fields.find((f) => f.path === 'owner');
    expect(owner).toMatchObject({ type: 'object', nullable: true });
  });

  it('handles the pure circular ref of case 03 without throwing', async () => {
    const spec = await loadSpecFile(casePath('03-immediately-circular-ref.yaml'));
    const s = operationSchema(spec, 'GET /loop', 'response')!;
    expect(() => compile(s)).not.toThrow();
  });
});
