/**
 * The sandbox operations on a project: Test Connection, Refresh Fields, and sending create /
 * fetch / update / attachment requests. Shared by the API handlers and the CLI.
 */
import type { FieldComparison, HttpExchange, SendResult, TestConnectionResult } from '../../common/api/calls-sandbox';
import { StudioError, type ErrorCode } from '../../common/api/define';
import type { EndpointRef, Project } from '../../common/project/model';
import type { Field, Role } from '../../common/spec/model';
import { classifyConnection, type ConnectionOutcome } from '../../common/sandbox/classify';
import { compareFields, parseMetadata } from '../../common/sandbox/metadata';
import { isObject } from '../../common/sandbox/schema';
import { environmentOf, resolveCredentials, type EnvTarget } from './credentials';
import { joinUrl, sendHttp, type HttpOptions, type HttpResult, type MultipartPart, type RequestBody } from './http';
import { mapOutbound, runMetadataAdapter } from './integrations';
import { loadSpecView, type SpecView } from './spec-access';

export interface SandboxCallOptions extends HttpOptions {
  /** CONNECTOR_STUDIO_PASSWORD (CLI only). */
  passwordOverride?: string | null;
}

async function specOrNull(t: EnvTarget): Promise<SpecView | null> {
  try {
    return await loadSpecView(t.project, t.projectPath);
  } catch {
    return null;
  }
}

/** The environment's base URL, or the spec's first absolute server URL when none is typed. */
export function baseUrlOf(t: EnvTarget, spec: SpecView | null): string {
  const env = environmentOf(t);
  const typed = (env.baseUrl ?? '').trim();
  if (typed !== '') return typed;
  const server = spec?.servers.find((s) => /^https?:\/\//i.test(s));
  if (server) return server;
  throw new StudioError('bad-input', `environment "${t.env}" has no base URL and the spec lists no absolute server URL; set environments.${t.env}.baseUrl`);
}

function endpointOf(project: Project, role: Role): EndpointRef {
  const ep = project.endpoints?.[role];
  if (!ep) throw new StudioError('bad-input', `the project has no ${role} endpoint; pick one in the endpoints step (endpoints.${role})`);
  return ep;
}

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

function noUnfilledParams(path: string, role: Role): void {
  const left = pathParams(path);
  if (left.length > 0) {
    throw new StudioError(
      'bad-input',
      `the ${role} endpoint path ${path} has parameter(s) ${left.map((p) => `{${p}}`).join(', ')} that cannot be filled; set their values in endpoints.${role}.params`,
    );
  }
}

/**
 * The endpoint's path with its fixed parameter values (`params`) filled in and the rest of those
 * values as query parameters. The record ID parameter is left for the caller; an empty value
 * counts as not set.
 */
export function fillFixedParams(ep: EndpointRef, idParam?: string): { path: string; query: Record<string, string> } {
  const inPath = new Set(pathParams(ep.path));
  let path = ep.path;
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(ep.params ?? {})) {
    if (name === idParam || typeof value !== 'string' || value === '') continue;
    if (inPath.has(name)) path = path.split(`{${name}}`).join(encodeURIComponent(value));
    else query[name] = value;
  }
  return { path, query };
}

/** The request URL of an endpoint without a record ID (create, metadata). */
export function urlWithoutId(base: string, ep: EndpointRef, role: Role): string {
  const { path, query } = fillFixedParams(ep);
  noUnfilledParams(path, role);
  return joinUrl(base, path, query);
}

/** The request URL with the record ID in its path parameter or in the query, as the endpoint says. */
export function urlWithId(base: string, ep: EndpointRef, role: Role, id: string, spec: SpecView | null): string {
  const params = pathParams(ep.path);
  const idParam = ep.idParam ?? (params.length === 1 ? params[0] : undefined) ?? (params.includes('id') ? 'id' : undefined);
  if (!idParam) {
    throw new StudioError('bad-input', `the ${role} endpoint ${ep.method} ${ep.path} has no ID parameter; set endpoints.${role}.idParam`);
  }
  const fixed = fillFixedParams(ep, idParam);
  if (params.includes(idParam)) {
    const path = fixed.path.split(`{${idParam}}`).join(encodeURIComponent(id));
    noUnfilledParams(path, role);
    return joinUrl(base, path, fixed.query);
  }
  const op = spec?.operation(ep.method, ep.path);
  const declared = op?.parameters.find((p) => p.name === idParam);
  if (declared && declared.in !== 'query') {
    throw new StudioError('bad-input', `the ${role} endpoint's ID parameter ${idParam} is a ${declared.in} parameter; only path and query parameters can carry the record ID`);
  }
  noUnfilledParams(fixed.path, role);
  return joinUrl(base, fixed.path, { ...fixed.query, [idParam]: id });
}

function remoteCode(category: ConnectionOutcome['category']): ErrorCode {
  switch (category) {
    case 'auth': return 'auth';
    case 'timeout': return 'timeout';
    case 'tls': case 'network': return 'network';
    case 'not-found': return 'not-found';
    default: return 'bad-input';
  }
}

/** A remote call that did not succeed: carries the exchange so the UI can show it. */
export class RemoteCallFailed extends StudioError {
  constructor(readonly outcome: ConnectionOutcome, readonly exchange: HttpExchange) {
    super(remoteCode(outcome.category), outcome.message, { details: { category: outcome.category, status: outcome.status, exchange } });
    this.name = 'RemoteCallFailed';
  }
}

async function callMetadata(t: EnvTarget, opts: SandboxCallOptions): Promise<{ result: HttpResult; outcome: ConnectionOutcome; username: string }> {
  const spec = await specOrNull(t);
  const ep = endpointOf(t.project, 'metadata');
  const url = urlWithoutId(baseUrlOf(t, spec), ep, 'metadata');
  const creds = await resolveCredentials(t, opts.passwordOverride);
  const result = await sendHttp({ method: ep.method || 'GET', url, auth: { username: creds.username, password: creds.password } }, opts);
  const res = result.exchange.response;
  const parsed = result.isJson && res && res.status >= 200 && res.status < 300 ? parseMetadata(result.json) : null;
  const outcome = classifyConnection({
    url,
    method: result.exchange.request.method,
    username: creds.username,
    failure: result.failure,
    timeoutMs: opts.timeoutMs ?? 10_000,
    status: res?.status ?? null,
    contentType: result.contentType,
    isJson: result.isJson,
    json: result.json,
    text: result.text,
    attempts: result.exchange.attempts,
    location: res?.headers.location ?? null,
    recognisedFields: parsed ? parsed.fields.length : null,
    hasAdapter: typeof t.project.metadataAdapter === 'string' && t.project.metadataAdapter.trim() !== '',
  });
  return { result, outcome, username: creds.username };
}

export async function testConnection(t: EnvTarget, opts: SandboxCallOptions = {}): Promise<TestConnectionResult> {
  const { result, outcome } = await callMetadata(t, opts);
  return { ...outcome, exchange: result.exchange };
}

export interface RefreshResult {
  source: 'metadata' | 'spec';
  fields: Field[];
  comparison: FieldComparison[];
  /** The metadata exchange (absent when the fields came from the spec). */
  exchange?: HttpExchange;
  /** How the response was read: a recognised shape, or 'adapter'. */
  shape?: string;
}

function specCreateFields(t: EnvTarget, spec: SpecView | null): Field[] {
  const create = t.project.endpoints?.create;
  if (!spec || !create) return [];
  return spec.requestFields(create.method, create.path);
}

export async function refreshFields(t: EnvTarget, opts: SandboxCallOptions = {}): Promise<RefreshResult> {
  const spec = await specOrNull(t);
  const specFields = specCreateFields(t, spec);
  if (!t.project.endpoints?.metadata) {
    if (!spec) await loadSpecView(t.project, t.projectPath); // rethrows the real reason
    if (!t.project.endpoints?.create) throw new StudioError('bad-input', 'the project has neither a metadata nor a create endpoint, so there is nothing to read fields from');
    return { source: 'spec', fields: specFields, comparison: compareFields(specFields, specFields) };
  }
  const { result, outcome } = await callMetadata(t, opts);
  if (!outcome.ok) throw new RemoteCallFailed(outcome, result.exchange);
  let parsed = parseMetadata(result.json);
  let shape: string | undefined = parsed?.shape;
  if (!parsed) {
    const script = t.project.metadataAdapter;
    if (typeof script !== 'string' || script.trim() === '') {
      throw new StudioError(
        'bad-input',
        'the metadata response is not a recognised shape (a JSON Schema, an array of field descriptors, or an object keyed by field name); write a metadata adapter in the project (Jsonnet: $.input is the response, the result an array of {name, label, type, required, options})',
        { details: { exchange: result.exchange } },
      );
    }
    const adapted = await runMetadataAdapter(script, result.json);
    parsed = parseMetadata(adapted);
    if (!parsed) {
      throw new StudioError('bad-input', 'the metadata adapter ran, but its result is not an array of field descriptors ({name, label, type, required, options}) or another recognised shape');
    }
    shape = 'adapter';
  }
  return { source: 'metadata', fields: parsed.fields, comparison: compareFields(specFields, parsed.fields), exchange: result.exchange, ...(shape ? { shape } : {}) };
}

// ---------------------------------------------------------------------------------------------
// send

export interface SendInput {
  operation: 'create' | 'fetch' | 'update' | 'attachment';
  input?: unknown;
  id?: string;
  file?: { name: string; contentType: string; data: Uint8Array };
}

export interface SendOutcome extends SendResult {
  exchange: HttpExchange;
  ok: boolean;
}

function getPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '')) {
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (isObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

function idString(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** The created record's ID: the configured response path, else id, data.id, result.id, Location. */
export function extractRecordId(body: unknown, headers: Record<string, string>, recordIdPath?: string): string | null {
  if (recordIdPath && recordIdPath.trim() !== '') return idString(getPath(body, recordIdPath.trim()));
  for (const p of ['id', 'data.id', 'result.id', 'record.id', 'data.0.id']) {
    const v = idString(getPath(body, p));
    if (v) return v;
  }
  const location = headers.location ?? headers['content-location'];
  if (location) {
    const last = location.split('?')[0]?.replace(/\/+$/, '').split('/').pop();
    if (last) return decodeURIComponent(last);
  }
  return null;
}

async function bodyFor(t: EnvTarget, operation: 'create' | 'update', input: unknown): Promise<unknown> {
  if (input === undefined) throw new StudioError('bad-input', `${operation} needs an input record (--input record.json)`);
  const outbound = t.project.mappings?.outbound ?? [];
  if (outbound.length > 0) return mapOutbound(t.project, t.projectPath, input, operation);
  return input;
}

function attachmentBody(ep: EndpointRef, spec: SpecView | null, file: NonNullable<SendInput['file']>, input: unknown): RequestBody {
  const op = spec?.operation(ep.method, ep.path);
  const types = op?.requestContentTypes ?? [];
  const chosen = ep.contentType ?? types.find((c) => /multipart\/form-data/i.test(c)) ?? types.find((c) => /json/i.test(c)) ?? types[0] ?? 'multipart/form-data';
  const schema = op?.requestSchema(chosen) ?? null;
  const props = isObject(schema?.properties) ? schema.properties : {};
  const extra = isObject(input) ? input : {};
  if (/multipart\/form-data/i.test(chosen)) {
    const fileField = Object.entries(props).find(([, s]) => isObject(s) && (s.format === 'binary' || s.type === 'file'))?.[0] ?? 'file';
    const parts: MultipartPart[] = [{ name: fileField, filename: file.name, contentType: file.contentType, data: file.data }];
    for (const [k, v] of Object.entries(extra)) if (k !== fileField && v !== undefined && v !== null) parts.push({ name: k, value: typeof v === 'string' ? v : JSON.stringify(v) });
    return { kind: 'multipart', parts };
  }
  if (/json/i.test(chosen)) {
    const names = Object.keys(props);
    const dataField = Object.entries(props).find(([, s]) => isObject(s) && (s.format === 'byte' || s.contentEncoding === 'base64'))?.[0]
      ?? names.find((n) => /^(data|content|file|base64|body)$/i.test(n)) ?? 'data';
    const nameField = names.find((n) => /^(file_?name|name)$/i.test(n)) ?? 'filename';
    const typeField = names.find((n) => /^(content_?type|mime_?type|media_?type)$/i.test(n)) ?? 'content_type';
    return {
      kind: 'json',
      value: { ...extra, [nameField]: file.name, [typeField]: file.contentType, [dataField]: Buffer.from(file.data).toString('base64') },
    };
  }
  throw new StudioError('bad-input', `the attachment endpoint takes ${chosen}; only multipart/form-data and base64 JSON uploads are supported`);
}

export async function sendOperation(t: EnvTarget, req: SendInput, opts: SandboxCallOptions = {}): Promise<SendOutcome> {
  const spec = await specOrNull(t);
  const base = baseUrlOf(t, spec);
  const ep = endpointOf(t.project, req.operation);
  let url: string;
  let body: RequestBody = { kind: 'none' };
  const needId = (): string => {
    if (!req.id) throw new StudioError('bad-input', `${req.operation} needs the record ID (--id)`);
    return req.id;
  };
  switch (req.operation) {
    case 'create':
      url = urlWithoutId(base, ep, 'create');
      body = { kind: 'json', value: await bodyFor(t, 'create', req.input) };
      break;
    case 'fetch':
      url = urlWithId(base, ep, 'fetch', needId(), spec);
      break;
    case 'update':
      url = urlWithId(base, ep, 'update', needId(), spec);
      body = { kind: 'json', value: await bodyFor(t, 'update', req.input) };
      break;
    case 'attachment':
      url = urlWithId(base, ep, 'attachment', needId(), spec);
      if (!req.file) throw new StudioError('bad-input', 'attachment needs a file (--file path)');
      body = attachmentBody(ep, spec, req.file, req.input);
      break;
  }
  const creds = await resolveCredentials(t, opts.passwordOverride);
  const result = await sendHttp({ method: ep.method, url, body, auth: { username: creds.username, password: creds.password } }, opts);
  const res = result.exchange.response;
  if (!res) {
    const outcome = classifyConnection({
      url, method: ep.method, username: creds.username, failure: result.failure, timeoutMs: opts.timeoutMs ?? 10_000, status: null,
      contentType: null, isJson: false, json: undefined, text: '', attempts: result.exchange.attempts, location: null, recognisedFields: null, hasAdapter: false,
    });
    throw new RemoteCallFailed(outcome, result.exchange);
  }
  const ok = res.status >= 200 && res.status < 300;
  let recordId: string | null = null;
  if (ok) {
    recordId = req.operation === 'create' ? extractRecordId(res.body, res.headers, ep.recordIdPath) : (req.id ?? null);
  }
  return {
    request: result.exchange.request,
    response: res,
    recordId,
    durationMs: result.exchange.durationMs,
    exchange: result.exchange,
    ok,
  };
}
