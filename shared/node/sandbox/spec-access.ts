/**
 * What the sandbox needs from the project's spec, behind one small interface: the servers (for a
 * default base URL), an operation's parameters and request content types, and the flattened
 * fields of its request body. The spec engine (shared/node/spec) is used when it can load the
 * file (through the mapping engine's cached loader); otherwise a minimal local reader (YAML/JSON, local `$ref`s, allOf) answers.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve, dirname } from 'node:path';
import YAML from 'yaml';
import { StudioError } from '../../common/api/define';
import type { Project } from '../../common/project/model';
import type { Field } from '../../common/spec/model';
import { inlineSchema, isObject, type JsonObject } from '../../common/sandbox/schema';
import { fieldsFromSchema } from '../../common/sandbox/metadata';
import { loadProjectSpec } from '../mapping/map-project';
import { extractFields, findOperation, operationSchema, serverDetails, type LoadedSpec } from '../spec/index';

export interface SpecParam {
  name: string;
  in: string;
  required: boolean;
}

export interface SpecOperationView {
  method: string;
  path: string;
  parameters: SpecParam[];
  requestContentTypes: string[];
  /** The request body schema for a content type (inlined), or null. */
  requestSchema(contentType?: string): JsonObject | null;
}

export interface SpecView {
  file: string;
  /** Server URLs with variables replaced by their defaults. */
  servers: string[];
  operation(method: string, path: string): SpecOperationView | null;
  /** Flattened request-body fields (CLI.md `fields`), readOnly ones left out. */
  requestFields(method: string, path: string): Field[];
}

export function specFilePath(project: Pick<Project, 'spec'>, projectPath: string | null): string {
  const p = project.spec?.path;
  if (typeof p !== 'string' || p === '') throw new StudioError('bad-input', 'the project has no spec path');
  if (isAbsolute(p)) return p;
  if (!projectPath) throw new StudioError('bad-input', `the spec path ${JSON.stringify(p)} is relative, but the project has not been saved to a file yet`);
  return resolve(dirname(resolve(projectPath)), p);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function fillServer(s: JsonObject): string | null {
  if (typeof s.url !== 'string') return null;
  let url = s.url;
  const vars = isObject(s.variables) ? s.variables : {};
  for (const [k, v] of Object.entries(vars)) {
    const def = isObject(v) && (typeof v.default === 'string' || typeof v.default === 'number') ? String(v.default) : '';
    url = url.split(`{${k}}`).join(def);
  }
  return url;
}

/** A spec read with the local reader (OpenAPI 3.x and Swagger 2.0, local refs only). */
export function specViewFromDocument(input: unknown, file: string): SpecView {
  if (!isObject(input)) throw new StudioError('not-openapi', `${file} is not an OpenAPI document`, { file });
  const doc: JsonObject = input;
  const swagger2 = typeof doc.swagger === 'string';
  const servers: string[] = [];
  if (swagger2) {
    if (typeof doc.host === 'string') {
      const schemes = Array.isArray(doc.schemes) && doc.schemes.length > 0 ? doc.schemes.map(String) : ['https'];
      for (const sc of schemes) servers.push(`${sc}://${doc.host}${typeof doc.basePath === 'string' ? doc.basePath.replace(/\/$/, '') : ''}`);
    }
  } else if (Array.isArray(doc.servers)) {
    for (const s of doc.servers) if (isObject(s)) {
      const u = fillServer(s);
      if (u) servers.push(u);
    }
  }
  const paths = isObject(doc.paths) ? doc.paths : {};

  function deref(v: unknown): unknown {
    let cur = v;
    for (let i = 0; i < 10 && isObject(cur) && typeof cur.$ref === 'string'; i++) cur = inlineSchema(doc, { $ref: cur.$ref }, []);
    return cur;
  }

  function operation(method: string, path: string): SpecOperationView | null {
    const item = deref(paths[path]);
    if (!isObject(item)) return null;
    const op = deref(item[method.toLowerCase()]);
    if (!METHODS.includes(method.toLowerCase()) || !isObject(op)) return null;
    const params = new Map<string, SpecParam & { raw: JsonObject }>();
    for (const list of [item.parameters, op.parameters]) {
      if (!Array.isArray(list)) continue;
      for (const p of list) {
        const r = deref(p);
        if (!isObject(r) || typeof r.name !== 'string' || typeof r.in !== 'string') continue;
        params.set(`${r.in}:${r.name}`, { name: r.name, in: r.in, required: r.required === true, raw: r });
      }
    }
    const contents = new Map<string, JsonObject | null>();
    if (swagger2) {
      const body = [...params.values()].find((p) => p.in === 'body');
      const form = [...params.values()].filter((p) => p.in === 'formData');
      const consumes = (Array.isArray(op.consumes) ? op.consumes : Array.isArray(doc.consumes) ? doc.consumes : ['application/json']).map(String);
      if (body) for (const c of consumes) contents.set(c, isObject(body.raw.schema) ? (inlineSchema(doc, body.raw.schema) as JsonObject) : null);
      if (form.length > 0) {
        const props: JsonObject = {};
        for (const f of form) props[f.name] = f.raw.type === 'file' ? { type: 'string', format: 'binary' } : { type: f.raw.type ?? 'string' };
        const schema = { type: 'object', properties: props, required: form.filter((f) => f.required).map((f) => f.name) };
        for (const c of consumes.filter((c) => /multipart|urlencoded/.test(c))) contents.set(c, schema);
        if (![...contents.keys()].some((c) => /multipart|urlencoded/.test(c))) contents.set('multipart/form-data', schema);
      }
    } else {
      const rb = deref(op.requestBody);
      if (isObject(rb) && isObject(rb.content)) {
        for (const [ct, media] of Object.entries(rb.content)) {
          contents.set(ct, isObject(media) && isObject(media.schema) ? (inlineSchema(doc, media.schema) as JsonObject) : null);
        }
      }
    }
    return {
      method: method.toUpperCase(),
      path,
      parameters: [...params.values()].filter((p) => p.in !== 'body' && p.in !== 'formData').map(({ name, in: where, required }) => ({ name, in: where, required })),
      requestContentTypes: [...contents.keys()],
      requestSchema(contentType) {
        if (contentType && contents.has(contentType)) return contents.get(contentType) ?? null;
        const json = [...contents.entries()].find(([ct]) => /json/i.test(ct));
        return (json ?? [...contents.entries()][0])?.[1] ?? null;
      },
    };
  }

  return {
    file,
    servers,
    operation,
    requestFields(method, path) {
      const op = operation(method, path);
      const schema = op?.requestSchema();
      if (!schema) return [];
      return fieldsFromSchema(schema).filter((f) => !f.readOnly);
    },
  };
}

/** The spec through the spec engine (shared/node/spec), loaded and cached by the mapping engine's loader. */
export function specViewFromEngine(spec: LoadedSpec, file: string): SpecView {
  const servers = serverDetails(spec).map((sv) => sv.url);
  function operation(method: string, path: string): SpecOperationView | null {
    const op = findOperation(spec, method, path);
    if (!op) return null;
    const label = `${op.method} ${op.path}`;
    return {
      method: op.method,
      path: op.path,
      parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required })),
      requestContentTypes: op.requestContentTypes,
      requestSchema(contentType) {
        const os = operationSchema(spec, label, 'request');
        if (!os) return null;
        if (contentType && os.contentType && os.contentType.toLowerCase() !== contentType.toLowerCase()) return null;
        return os.schema;
      },
    };
  }
  return {
    file,
    servers,
    operation,
    requestFields(method, path) {
      if (!findOperation(spec, method, path)) return [];
      return extractFields(spec, `${method.toUpperCase()} ${path}`, 'request').fields;
    },
  };
}

/** The project's spec: through the spec engine, or the local reader when the engine cannot load it. */
export async function loadSpecView(project: Pick<Project, 'spec'>, projectPath: string | null): Promise<SpecView> {
  const file = specFilePath(project, projectPath);
  try {
    return specViewFromEngine(await loadProjectSpec(projectPath, project), file);
  } catch (err) {
    if (err instanceof StudioError && err.code === 'not-found') throw err;
    return loadSpecViewLocally(file);
  }
}

export async function loadSpecViewLocally(file: string): Promise<SpecView> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('not-found', `the project's spec file is missing: ${file}`, { file });
    throw new StudioError('io', `cannot read the spec ${file}: ${(err as Error).message}`, { file });
  }
  let doc: unknown;
  try {
    doc = YAML.parse(text.replace(/^\uFEFF/, ''), { maxAliasCount: 1000 });
  } catch (err) {
    const pos = (err as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw new StudioError('unparseable', `the spec cannot be parsed: ${(err as Error).message.split('\n')[0]}`, { file, line: pos?.line ?? 1, column: pos?.col ?? 1 });
  }
  return specViewFromDocument(doc, file);
}
