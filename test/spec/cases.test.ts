/**
 * Every case of ../shared/corpus/cases with the expectations of cases/LOG.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec, loadSpecFile } from '../../shared/node/spec/load';
import { extractFields, findOperation, inspectSpec } from '../../shared/node/spec/query';
import { casePath, fieldLine } from './helpers';

const ops = (spec: Awaited<ReturnType<typeof loadSpecFile>>) => inspectSpec(spec).operations.map((o) => `${o.method} ${o.path}`);
const lines = (spec: Awaited<ReturnType<typeof loadSpecFile>>, op: string, part: 'request' | 'response' = 'request') =>
  extractFields(spec, op, part).fields.map(fieldLine);

describe('01 JSON Pointer escapes', () => {
  it('resolves ~1 and ~0 in RFC 6901 order', async () => {
    const spec = await loadSpecFile(casePath('01-ref-tilde-escaped-definition-name.json'));
    expect(spec.format).toBe('swagger-2.0');
    expect(ops(spec)).toEqual(['POST /records']);
    expect(inspectSpec(spec).servers).toEqual(['https://api.example.test/v1']);
    expect(lines(spec, 'POST /records')).toEqual(['label : string [req]', 'level : string [enum=[low, high]]']);
    expect(lines(spec, 'POST /records', 'response')).toEqual(['id : string', 'label : string', 'level : string [enum=[low, high]]']);
    expect(spec.diagnostics).toEqual([]);
  });
});

describe('03 schema that is only a $ref to itself', () => {
  it('does not hang, reports the circular ref and keeps the rest usable', async () => {
    const t0 = Date.now();
    const spec = await loadSpecFile(casePath('03-immediately-circular-ref.yaml'));
    expect(ops(spec)).toEqual(['GET /loop', 'GET /ok']);
    expect(lines(spec, 'GET /ok', 'response')).toEqual(['status : string']);
    expect(extractFields(spec, 'GET /loop', 'response').fields).toEqual([]);
    const circular = spec.diagnostics.filter((d) => d.code === 'circular-ref');
    expect(circular.length).toBeGreaterThan(0);
    expect(circular[0]?.message).toContain('#/components/schemas/Loop');
    expect(circular.every((d) => d.line > 0 && d.column > 0)).toBe(true);
    // The response's ref is on line 17 of the file (`$ref: '#/components/schemas/Loop'`).
    expect(circular.some((d) => d.line === 17 && d.column === 17)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('04 self-ref with sibling keywords', () => {
  const expected = ['name : string [req]', 'children : array', 'children[] : object [cycle->Node]'];
  it('cuts the cycle at the first repeat (3.0: siblings ignored)', async () => {
    const spec = await loadSpecFile(casePath('04-self-ref-with-sibling-keywords.json'));
    expect(ops(spec)).toEqual(['POST /nodes']);
    expect(lines(spec, 'POST /nodes')).toEqual(expected);
    expect(lines(spec, 'POST /nodes', 'response')).toEqual(expected);
  });
  it('gives the same fields under 3.1, where the sibling only annotates', async () => {
    const text = readFileSync(casePath('04-self-ref-with-sibling-keywords.json'), 'utf8').replace(/"openapi"\s*:\s*"3\.0\.\d+"/, '"openapi": "3.1.0"');
    const spec = await loadSpec({ kind: 'text', text, name: 'case04-31.json' });
    expect(spec.format).toBe('openapi-3.1');
    expect(lines(spec, 'POST /nodes').map((l) => l.replace(/ \[?$/, ''))).toEqual(expected);
  });
});

describe('05 recursive request body', () => {
  it('lists finite fields with cycle markers', async () => {
    const spec = await loadSpecFile(casePath('05-recursive-request-body.yaml'));
    expect(ops(spec)).toEqual(['POST /entries']);
    const expected = [
      'title : string [req]',
      'parent : object [cycle->Entry]',
      'links : array',
      'links[].kind : string [req, enum=[blocks, duplicates, relates]]',
      'links[].target : object [req, cycle->Entry]',
    ];
    expect(lines(spec, 'POST /entries')).toEqual(expected);
    expect(lines(spec, 'POST /entries', 'response')).toEqual(expected);
  });
});

describe('06 path-level parameters', () => {
  it('merges path and operation parameters, overriding by (name, in)', async () => {
    const spec = await loadSpecFile(casePath('06-path-level-parameters.yaml'));
    const p = '/groups/{groupId}/members/{memberId}';
    expect(ops(spec)).toEqual([`GET ${p}`, `PATCH ${p}`, `DELETE ${p}`]);
    for (const m of ['GET', 'PATCH', 'DELETE']) {
      const op = findOperation(spec, m, p);
      expect(op?.parameters.map((x) => `${x.name} (${x.in}) : ${x.type}${x.required ? ' [req]' : ''}`)).toEqual([
        'groupId (path) : integer [req]',
        'memberId (path) : string [req]',
        'X-Trace-Tag (header) : string',
      ]);
    }
    const get = findOperation(spec, 'GET', p);
    const patch = findOperation(spec, 'PATCH', p);
    const memberGet = get?.parameters.find((x) => x.name === 'memberId');
    const memberPatch = patch?.parameters.find((x) => x.name === 'memberId');
    expect(memberGet?.format).toBe('uuid');
    expect(memberPatch?.format).toBeNull();
    expect(memberGet?.description).not.toBe(memberPatch?.description);
    expect(lines(spec, `PATCH ${p}`)).toEqual(['role : string [enum=[owner, viewer]]']);
  });
});

describe('07 server variables', () => {
  it('expands variables to defaults, keeps relative servers, path-level servers override', async () => {
    const spec = await loadSpecFile(casePath('07-server-variables.yaml'));
    const ins = inspectSpec(spec);
    expect(ins.servers).toEqual(['https://demo.example.test:8443/api/v2', '/relative/v2']);
    expect(spec.model.servers[0]?.variables.port?.enum).toEqual(['8443', '443']);
    const jobs = findOperation(spec, 'GET', '/jobs');
    expect(jobs?.servers[0]?.url).toBe('https://demo.example.test:8443/api/v2');
    const files = findOperation(spec, 'GET', '/files');
    expect(files?.servers.map((s) => s.url)).toEqual(['https://files.example.test/eu']);
    expect(files?.servers[0]?.variables.region?.enum).toEqual(['eu', 'us']);
    expect(JSON.stringify(ins)).not.toContain('{tenant}');
  });
  it('resolves a relative server against the document URL when loaded from a URL', async () => {
    const { normalize } = await import('../../shared/common/spec/normalize');
    const spec = await loadSpecFile(casePath('07-server-variables.yaml'));
    const m = normalize(spec.resolver, spec.format, spec.openapiVersion, 'https://docs.example.test/specs/api.yaml');
    expect(m.servers.map((s) => s.url)).toEqual(['https://demo.example.test:8443/api/v2', 'https://docs.example.test/relative/v2']);
  });
});

describe('10 openapi 3.1.1', () => {
  it('is accepted under 3.1 rules', async () => {
    const spec = await loadSpecFile(casePath('10-openapi-3.1.1-version.yaml'));
    expect(spec.format).toBe('openapi-3.1');
    expect(ops(spec)).toEqual(['GET /ping', 'POST /things']);
    expect(lines(spec, 'POST /things')).toEqual(['name : string [req]', 'size : integer']);
  });
  it('accepts any 3.0.z and refuses 4.x with an explicit error', async () => {
    const base = readFileSync(casePath('10-openapi-3.1.1-version.yaml'), 'utf8');
    const s304 = await loadSpec({ kind: 'text', text: base.replace(/openapi: .*/, 'openapi: 3.0.4'), name: 'v304.yaml' });
    expect(s304.format).toBe('openapi-3.0');
    await expect(loadSpec({ kind: 'text', text: base.replace(/openapi: .*/, 'openapi: 4.0.0'), name: 'v4.yaml' })).rejects.toMatchObject({
      code: 'unsupported-version',
      message: expect.stringContaining('unsupported OpenAPI version 4.0.0'),
    });
  });
});

describe('11 type arrays and null', () => {
  it('reads nullability from type arrays and anyOf null branches', async () => {
    const spec = await loadSpecFile(casePath('11-type-array-null.yaml'));
    expect(ops(spec)).toEqual(['POST /samples']);
    const expected = [
      'label : string [req, null]',
      'count : integer [null, fmt=int64]',
      'tags : array [null]',
      'tags[] : string',
      'reading : string|number',
      'cleared : null [null]',
      'kind : string [req, const="sample"]',
      'owner : object [null]',
      'owner.handle : string',
    ];
    expect(lines(spec, 'POST /samples')).toEqual(expected);
    expect(lines(spec, 'POST /samples', 'response')).toEqual(expected);
  });
});

describe('12 webhooks only', () => {
  it('loads with no paths and lists the webhooks', async () => {
    const spec = await loadSpecFile(casePath('12-webhooks-only.yaml'));
    const ins = inspectSpec(spec);
    expect(ins.operations).toEqual([]);
    expect(ins.webhooks).toEqual([
      { name: 'recordChanged', method: 'POST', operationId: 'onRecordChanged' },
      { name: 'recordRemoved', method: 'POST', operationId: 'onRecordRemoved' },
    ]);
    expect(spec.diagnostics).toEqual([]);
    expect(lines(spec, 'WEBHOOK recordChanged POST')).toEqual([
      'id : string [req]',
      'changedAt : string [req, fmt=date-time]',
      'changes : array',
      'changes[].field : string',
      'changes[].before : any',
      'changes[].after : any',
    ]);
  });
  it('still loads with the webhooks block deleted (components only)', async () => {
    const text = readFileSync(casePath('12-webhooks-only.yaml'), 'utf8').replace(/^webhooks:[\s\S]*?(?=^components:)/m, '');
    const spec = await loadSpec({ kind: 'text', text, name: 'components-only.yaml' });
    const ins = inspectSpec(spec);
    expect(ins.operations).toEqual([]);
    expect(ins.webhooks).toEqual([]);
    expect(spec.diagnostics).toEqual([]);
  });
});

describe('14 YAML timestamps', () => {
  it('keeps unquoted dates as the exact source strings', async () => {
    const spec = await loadSpecFile(casePath('14-yaml-timestamps.yaml'));
    const root = spec.resolver.root().value as { info: { version: unknown }; components: { schemas: { Booking: { properties: Record<string, { example?: unknown; enum?: unknown; default?: unknown }> } } }; paths: Record<string, { post: { requestBody: { content: Record<string, { example: unknown }> } } }> };
    expect(root.info.version).toBe('2024-01-15');
    expect(inspectSpec(spec).version).toBe('2024-01-15');
    const booking = root.components.schemas.Booking.properties;
    expect(booking.startDate?.example).toBe('2019-02-01');
    expect(booking.createdAt?.example).toBe('2016-08-04T18:53:38.297Z');
    expect(booking.window?.enum).toEqual(['2020-01-01', '2020-07-01']);
    expect(booking.window?.default).toBe('2020-01-01');
    expect(root.paths['/bookings']?.post.requestBody.content['application/json']?.example).toEqual({
      startDate: '2019-02-01',
      createdAt: '2016-08-04T18:53:38.297Z',
    });
    expect(lines(spec, 'POST /bookings')).toEqual(['startDate : string [req, fmt=date]', 'window : string [enum=[2020-01-01, 2020-07-01]]']);
  });
});

describe('15 YAML 1.1 booleans', () => {
  it('keeps YES/NO/On/Off as strings', async () => {
    const spec = await loadSpecFile(casePath('15-yaml11-boolean-enum.yaml'));
    const f = extractFields(spec, 'PUT /preferences').fields;
    expect(f.map((x) => [x.path, x.type, x.enum])).toEqual([
      ['consent', 'string', ['YES', 'NO', 'NEVER']],
      ['mode', 'string', ['On', 'Off', 'Auto']],
      ['country', 'string', ['NO', 'SE', 'DK']],
    ]);
  });
  it('treats only true/false as booleans (YAML 1.2 core schema)', async () => {
    const text = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\nx-flags: [yes, no, on, off, true, false, y, n]\nx-when: 2001-12-14t21:59:43.10-05:00\n';
    const spec = await loadSpec({ kind: 'text', text, name: 'b.yaml' });
    const root = spec.resolver.root().value as Record<string, unknown>;
    expect(root['x-flags']).toEqual(['yes', 'no', 'on', 'off', true, false, 'y', 'n']);
    expect(root['x-when']).toBe('2001-12-14t21:59:43.10-05:00');
  });
});

describe('16 UTF-8 BOM and encodings', () => {
  it('skips the BOM and reads the file as JSON', async () => {
    const bytes = readFileSync(casePath('16-json-utf8-bom.json'));
    expect([...bytes.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x7b]);
    const spec = await loadSpecFile(casePath('16-json-utf8-bom.json'));
    expect(spec.sourceFormat).toBe('json');
    expect(spec.openapiVersion).toBe('3.0.1');
    expect(ops(spec)).toEqual(['POST /notes']);
    const f = extractFields(spec, 'POST /notes').fields;
    expect(f.map(fieldLine)).toEqual(['text : string [req]', 'author : string']);
    expect(f[1]?.description).toBe('Zoë Ångström – non-ASCII text');
  });
});

describe('18 readOnly / writeOnly', () => {
  it('request leaves out readOnly (even when required), response leaves out writeOnly', async () => {
    const spec = await loadSpecFile(casePath('18-readonly-writeonly.yaml'));
    expect(lines(spec, 'POST /accounts')).toEqual([
      'login : string [req]',
      'password : string [req, wo, fmt=password]',
      'profile : object',
      'profile.displayName : string',
    ]);
    expect(lines(spec, 'POST /accounts', 'response')).toEqual([
      'id : string [req, ro]',
      'login : string [req]',
      'createdAt : string [ro, fmt=date-time]',
      'profile : object',
      'profile.displayName : string',
      'profile.lastSeen : string [ro, fmt=date-time]',
    ]);
  });
});

describe('19 allOf request body', () => {
  it('merges members in order and unions required lists', async () => {
    const spec = await loadSpecFile(casePath('19-allof-request-body.yaml'));
    expect(lines(spec, 'POST /assets')).toEqual([
      'name : string [req]',
      'age : integer',
      'serial : string [req]',
      'site : object',
      'site.code : string [req]',
      'site.floor : integer',
    ]);
  });
});

describe('21 relative refs in nested directories', () => {
  it('resolves each ref against the file that contains it, independent of the cwd', async () => {
    const prev = process.cwd();
    process.chdir('/');
    try {
      const spec = await loadSpecFile(casePath('21-external-ref-nested-dir/openapi.yaml'));
      expect(ops(spec)).toEqual(['POST /orders']);
      const expected = [
        'reference : string [req]',
        'total : object [req]',
        'total.amount : string [req]',
        'total.currency : string [req]',
        'lines : array',
        'lines[].sku : string',
        'lines[].price : object',
        'lines[].price.amount : string [req]',
        'lines[].price.currency : string [req]',
      ];
      expect(lines(spec, 'POST /orders')).toEqual(expected);
      expect(lines(spec, 'POST /orders', 'response')).toEqual(expected);
      expect(JSON.stringify(extractFields(spec, 'POST /orders'))).not.toContain('wrong');
      expect(spec.diagnostics).toEqual([]);
    } finally {
      process.chdir(prev);
    }
  });
});

describe('24 discriminator with base properties', () => {
  it('keeps the base properties and lists every variant field once', async () => {
    const spec = await loadSpecFile(casePath('24-discriminator-with-base-properties.json'));
    expect(ops(spec)).toEqual(['POST /instructions']);
    expect(lines(spec, 'POST /instructions')).toEqual([
      'type : string [req, enum=[TEXT, LINK, PARAMS]]',
      'instructionId : string [req]',
      'body : string [req]',
      'url : string [req, fmt=uri]',
      'label : string',
      'params : object',
      'params.* : string',
    ]);
  });
});

describe('recursive schemas used in several places', () => {
  it('expands a recursive schema once, at its shallowest use, and cuts the others', async () => {
    const text = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /x:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  deep: {type: object, properties: {inner: {$ref: '#/components/schemas/Node'}}}
                  node: {$ref: '#/components/schemas/Node'}
                  money: {$ref: '#/components/schemas/Money'}
                  other: {$ref: '#/components/schemas/Money'}
components:
  schemas:
    Node: {type: object, properties: {id: {type: string}, next: {$ref: '#/components/schemas/Node'}}}
    Money: {type: object, properties: {amount: {type: string}}}
`;
    const spec = await loadSpec({ kind: 'text', text, name: 'multi-use.yaml' });
    expect(lines(spec, 'GET /x', 'response')).toEqual([
      'deep : object',
      'deep.inner : object [cycle->Node]',
      'node : object',
      'node.id : string',
      'node.next : object [cycle->Node]',
      // A schema that is not recursive is expanded at every use.
      'money : object',
      'money.amount : string',
      'other : object',
      'other.amount : string',
    ]);
  });
});
