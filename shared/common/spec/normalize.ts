/**
 * Swagger 2.0 / OpenAPI 3.0 / 3.1 → one model. Works on located nodes and resolves `$ref`'d
 * path items, operations, parameters, request bodies and responses through the RefResolver.
 */
import { HTTP_METHODS, type HttpMethod, type ParameterSummary, type ServerSummary, type SpecFormat } from './model';
import { child, isObject, type Loc, type RefResolver } from './resolver';

export interface NormParameter extends ParameterSummary {
  schema: Loc | null;
  loc: Loc;
}

export interface NormBody {
  contentType: string;
  /** The media type's schema (3.x) or the body parameter's schema (2.0); null when missing. */
  schema: Loc | null;
  loc: Loc;
}

export interface NormResponse {
  status: string;
  description: string | null;
  contents: NormBody[];
  loc: Loc;
}

export interface NormOperation {
  kind: 'path' | 'webhook';
  /** Webhook name (webhooks only). */
  name: string | null;
  method: HttpMethod;
  path: string;
  operationId: string | null;
  summary: string | null;
  description: string | null;
  tags: string[];
  deprecated: boolean;
  parameters: NormParameter[];
  requestBodyRequired: boolean;
  requestBodies: NormBody[];
  requestContentTypes: string[];
  responses: NormResponse[];
  servers: ServerSummary[];
  loc: Loc;
}

export interface SecuritySchemeSummary {
  name: string;
  type: string;
  scheme: string | null;
  basic: boolean;
}

export interface SpecModel {
  format: SpecFormat;
  openapiVersion: string;
  title: string;
  version: string;
  servers: ServerSummary[];
  operations: NormOperation[];
  webhooks: NormOperation[];
  securitySchemes: SecuritySchemeSummary[];
  basicAuth: boolean;
  /** Problems met while normalising (e.g. a `$ref`'d path item that does not resolve). */
  problems: { code: string; message: string; at: Loc; severity: 'error' | 'warning' }[];
}

/** RFC 3986 reference resolution for server URLs (absolute-path and relative-path forms). */
export function resolveUrl(ref: string, base: string): string {
  const m = base.match(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)/i);
  if (!m) return ref;
  const origin = m[1] as string;
  if (ref.startsWith('//')) return `${origin.split('//')[0]}${ref}`;
  if (ref.startsWith('/')) return origin + ref;
  const dir = (m[2] as string).replace(/[^/]*$/, '') || '/';
  const segs: string[] = [];
  for (const s of (dir + ref).split('/')) {
    if (s === '..') segs.pop();
    else if (s !== '.') segs.push(s);
  }
  return origin + segs.join('/').replace(/^(?!\/)/, '/');
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

export function schemaTypeName(schema: unknown): string {
  if (!isObject(schema)) return 'any';
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const parts = t.filter((x): x is string => typeof x === 'string' && x !== 'null');
    return parts.length ? parts.join('|') : t.includes('null') ? 'null' : 'any';
  }
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  if (schema.$ref !== undefined) return 'object';
  return 'any';
}

function expandServer(rawUrl: string, vars: unknown, description: string | null, baseUrl: string | null): ServerSummary {
  const variables: ServerSummary['variables'] = {};
  if (isObject(vars)) {
    for (const [name, v] of Object.entries(vars)) {
      if (!isObject(v)) continue;
      const en = Array.isArray(v.enum) ? v.enum.map((e) => String(e)) : null;
      const def = v.default !== undefined ? String(v.default) : (en?.[0] ?? '');
      variables[name] = { default: def, enum: en };
    }
  }
  let url = rawUrl.replace(/\{([^}]+)\}/g, (m, name: string) => variables[name]?.default ?? m);
  if (baseUrl && !/^[a-z][a-z0-9+.-]*:/i.test(url)) url = resolveUrl(url, baseUrl);
  return { url, template: rawUrl, description, variables };
}

function servers3(list: unknown, baseUrl: string | null): ServerSummary[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const out: ServerSummary[] = [];
  for (const s of list) {
    if (!isObject(s) || typeof s.url !== 'string') continue;
    out.push(expandServer(s.url, s.variables, str(s.description), baseUrl));
  }
  return out.length ? out : null;
}

function servers2(root: Record<string, unknown>, baseUrl: string | null): ServerSummary[] {
  const m = baseUrl?.match(/^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)/i);
  const doc = m ? { protocol: `${m[1] as string}:`, host: m[2] as string } : null;
  const host = typeof root.host === 'string' ? root.host : (doc?.host ?? null);
  const basePath = typeof root.basePath === 'string' ? root.basePath : '';
  const schemes =
    Array.isArray(root.schemes) && root.schemes.length
      ? root.schemes.map(String)
      : [doc ? doc.protocol.replace(':', '') : 'https'];
  if (!host) {
    const rel = basePath || '/';
    return [{ url: rel, template: rel, description: null, variables: {} }];
  }
  return schemes.map((s) => {
    const url = `${s}://${host}${basePath}`;
    return { url, template: url, description: null, variables: {} };
  });
}

export function normalize(resolver: RefResolver, format: SpecFormat, openapiVersion: string, baseUrl: string | null): SpecModel {
  const rootLoc = resolver.root();
  const root = (isObject(rootLoc.value) ? rootLoc.value : {}) as Record<string, unknown>;
  const info = isObject(root.info) ? root.info : {};
  const problems: SpecModel['problems'] = [];
  const is2 = format === 'swagger-2.0';
  const rootServers = is2 ? servers2(root, baseUrl) : (servers3(root.servers, baseUrl) ?? [expandServer('/', undefined, null, baseUrl)]);

  const deref = (loc: Loc): Loc | null => {
    const d = resolver.deref(loc);
    if (d.error) {
      problems.push({ code: d.error.kind === 'remote' ? 'remote-ref' : d.error.kind === 'circular' ? 'circular-ref' : 'unresolved-ref', message: d.error.message, at: d.error.at, severity: d.error.kind === 'circular' ? 'warning' : 'error' });
      return null;
    }
    return d.loc;
  };

  const list = (v: unknown): string[] | null => (Array.isArray(v) && v.length > 0 ? v.map(String) : null);
  const globalConsumes = list(root.consumes);
  const globalProduces = list(root.produces);

  function readParams(listLoc: Loc): NormParameter[] {
    if (!Array.isArray(listLoc.value)) return [];
    const out: NormParameter[] = [];
    listLoc.value.forEach((_, i) => {
      const p = deref(child(listLoc, i));
      if (!p || !isObject(p.value)) return;
      const v = p.value;
      const name = str(v.name);
      const where = str(v.in);
      if (!name || !where) return;
      let schema: Loc | null = null;
      let typeName: string;
      let fmt: string | null;
      if (v.schema !== undefined) {
        schema = child(p, 'schema');
        const ds = resolver.deref(schema);
        typeName = schemaTypeName(ds.loc.value);
        fmt = isObject(ds.loc.value) ? str(ds.loc.value.format) : null;
      } else {
        typeName = typeof v.type === 'string' ? (v.type === 'file' ? 'file' : v.type) : 'any';
        fmt = str(v.format);
        if (is2) schema = p;
      }
      out.push({
        name,
        in: where as ParameterSummary['in'],
        required: v.required === true || where === 'path',
        type: typeName,
        format: fmt,
        description: str(v.description),
        schema,
        loc: p,
      });
    });
    return out;
  }

  function mergeParams(pathLevel: NormParameter[], opLevel: NormParameter[]): NormParameter[] {
    const merged = [...pathLevel];
    for (const p of opLevel) {
      const i = merged.findIndex((q) => q.name === p.name && q.in === p.in);
      if (i >= 0) merged[i] = p;
      else merged.push(p);
    }
    return merged;
  }

  function readOperation(kind: 'path' | 'webhook', key: string, itemLoc: Loc): NormOperation[] {
    const item = deref(itemLoc);
    if (!item || !isObject(item.value)) return [];
    const pathParams = readParams(child(item, 'parameters'));
    const itemServers = is2 ? null : servers3(item.value.servers, baseUrl);
    const ops: NormOperation[] = [];
    for (const lower of Object.keys(item.value)) {
      const m = lower.toUpperCase() as HttpMethod;
      if (!HTTP_METHODS.includes(m) || lower !== m.toLowerCase()) continue;
      const opLoc = deref(child(item, lower));
      if (!opLoc || !isObject(opLoc.value)) continue;
      const op = opLoc.value;
      const parameters = mergeParams(pathParams, readParams(child(opLoc, 'parameters')));
      const requestBodies: NormBody[] = [];
      let requestBodyRequired = false;
      if (is2) {
        const consumes = list(op.consumes) ?? globalConsumes ?? ['application/json'];
        const body = parameters.find((p) => p.in === 'body');
        const form = parameters.filter((p) => p.in === 'formData');
        if (body) {
          requestBodyRequired = body.required;
          for (const ct of consumes) requestBodies.push({ contentType: ct, schema: body.schema, loc: body.loc });
        } else if (form.length) {
          requestBodyRequired = form.some((p) => p.required);
          const hasFile = form.some((p) => p.type === 'file');
          const properties: Record<string, unknown> = {};
          for (const p of form) properties[p.name] = (p.loc.value as Record<string, unknown>).type === 'file' ? { type: 'string', format: 'binary', description: p.description ?? undefined } : p.loc.value;
          const synthetic: Loc = {
            value: { type: 'object', properties, required: form.filter((p) => p.required).map((p) => p.name) },
            file: opLoc.file,
            path: [...opLoc.path, 'parameters'],
          };
          const formTypes = consumes.filter((c) => /form/i.test(c));
          const types = formTypes.length ? formTypes : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
          for (const ct of types) requestBodies.push({ contentType: ct, schema: synthetic, loc: synthetic });
        }
      } else if (op.requestBody !== undefined) {
        const rb = deref(child(opLoc, 'requestBody'));
        if (rb && isObject(rb.value)) {
          requestBodyRequired = rb.value.required === true;
          const content = child(rb, 'content');
          if (isObject(content.value)) {
            for (const ct of Object.keys(content.value)) {
              const mt = deref(child(content, ct));
              if (!mt) continue;
              requestBodies.push({ contentType: ct, schema: isObject(mt.value) && mt.value.schema !== undefined ? child(mt, 'schema') : null, loc: mt });
            }
          }
        }
      }
      const responses: NormResponse[] = [];
      const respLoc = child(opLoc, 'responses');
      if (isObject(respLoc.value)) {
        const produces = list(op.produces) ?? globalProduces ?? ['application/json'];
        for (const status of Object.keys(respLoc.value)) {
          if (status.startsWith('x-')) continue;
          const r = deref(child(respLoc, status));
          if (!r || !isObject(r.value)) continue;
          const contents: NormBody[] = [];
          if (is2) {
            if (r.value.schema !== undefined) for (const ct of produces) contents.push({ contentType: ct, schema: child(r, 'schema'), loc: r });
          } else {
            const content = child(r, 'content');
            if (isObject(content.value)) {
              for (const ct of Object.keys(content.value)) {
                const mt = deref(child(content, ct));
                if (!mt) continue;
                contents.push({ contentType: ct, schema: isObject(mt.value) && mt.value.schema !== undefined ? child(mt, 'schema') : null, loc: mt });
              }
            }
          }
          responses.push({ status, description: str(r.value.description), contents, loc: r });
        }
      }
      const opServers = is2 ? null : servers3(op.servers, baseUrl);
      ops.push({
        kind,
        name: kind === 'webhook' ? key : null,
        method: m,
        path: kind === 'path' ? key : key,
        operationId: str(op.operationId),
        summary: str(op.summary),
        description: str(op.description),
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        deprecated: op.deprecated === true,
        parameters,
        requestBodyRequired,
        requestBodies,
        requestContentTypes: [...new Set(requestBodies.map((b) => b.contentType))],
        responses,
        servers: opServers ?? itemServers ?? rootServers,
        loc: opLoc,
      });
    }
    return ops;
  }

  const operations: NormOperation[] = [];
  const pathsLoc = child(rootLoc, 'paths');
  if (isObject(pathsLoc.value)) {
    for (const p of Object.keys(pathsLoc.value)) {
      if (p.startsWith('x-')) continue;
      operations.push(...readOperation('path', p, child(pathsLoc, p)));
    }
  }
  const webhooks: NormOperation[] = [];
  const hooksLoc = child(rootLoc, 'webhooks');
  if (!is2 && isObject(hooksLoc.value)) {
    for (const name of Object.keys(hooksLoc.value)) {
      if (name.startsWith('x-')) continue;
      webhooks.push(...readOperation('webhook', name, child(hooksLoc, name)));
    }
  }

  const securitySchemes: SecuritySchemeSummary[] = [];
  const schemesLoc = is2 ? child(rootLoc, 'securityDefinitions') : child(child(rootLoc, 'components'), 'securitySchemes');
  if (isObject(schemesLoc.value)) {
    for (const name of Object.keys(schemesLoc.value)) {
      const s = deref(child(schemesLoc, name));
      if (!s || !isObject(s.value)) continue;
      const type = str(s.value.type) ?? '';
      const scheme = str(s.value.scheme);
      const basic = is2 ? type.toLowerCase() === 'basic' : type.toLowerCase() === 'http' && (scheme ?? '').toLowerCase() === 'basic';
      securitySchemes.push({ name, type, scheme, basic });
    }
  }

  return {
    format,
    openapiVersion,
    title: str(info.title) ?? '',
    version: str(info.version) ?? '',
    servers: rootServers,
    operations,
    webhooks,
    securitySchemes,
    basicAuth: securitySchemes.some((s) => s.basic),
    problems,
  };
}
