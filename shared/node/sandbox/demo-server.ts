/**
 * The demo sandbox: a small stateful field-service "jobs" API described by
 * resources/demo/sandbox.openapi.yaml, served with node:http on a loopback port. It checks
 * Basic credentials, validates request bodies against its own spec (Ajv) and keeps jobs in
 * memory. The default credential (demo / demo-sandbox-pass) is a demo-only credential for this
 * throwaway in-memory server.
 *
 * Fault injection (503 bursts, slow answers, non-JSON bodies) exists for the connection tests
 * and is active only when asked for through the options or `setFaults`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { descriptorsFromSchema, inlineSchema, isObject, type FieldDescriptor, type JsonObject } from '../../common/sandbox/schema';
import { resourcesDir } from '../runtime/paths';

export const DEMO_USERNAME = 'demo';
/** Demo-only credential of the embedded in-memory sandbox; it protects nothing real. */
export const DEMO_PASSWORD = 'demo-sandbox-pass';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface DemoFaults {
  /** Answer the next N requests with `failStatus` (503 by default) and a Retry-After header. */
  failNext?: number;
  failStatus?: 429 | 502 | 503 | 504;
  /** Retry-After value sent with the injected failures (seconds). Default 1. */
  retryAfter?: string;
  /** Delay every response by this many milliseconds. */
  delayMs?: number;
  /** Answer every request with an HTML page (status 200) instead of JSON. */
  nonJson?: boolean;
}

export interface DemoSandboxOptions {
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  username?: string;
  password?: string;
  /** Delay every response (test hook; never on by default). */
  delaysMs?: number;
  faults?: DemoFaults;
  /** Called once per answered request with `METHOD /path -> status (ms)`; never with headers or bodies. */
  log?: (line: string) => void;
}

export interface DemoJob extends JsonObject {
  id: string;
  created_at: string;
  updated_at: string;
  attachments: DemoAttachment[];
}

export interface DemoAttachment {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  description?: string;
  sha256: string;
}

export interface DemoSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Replace the active fault injection (tests only). */
  setFaults(faults: DemoFaults): void;
  /** Requests received so far (tests use it to count retries). */
  requestCount(): number;
  jobs: ReadonlyMap<string, DemoJob>;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface DemoSchemas {
  create: ValidateFunction;
  update: ValidateFunction;
  metadata: FieldDescriptor[];
}

let cachedSchemas: DemoSchemas | null = null;

export function demoSpecPath(): string {
  return join(resourcesDir(), 'demo', 'sandbox.openapi.yaml');
}

function loadSchemas(): DemoSchemas {
  if (cachedSchemas) return cachedSchemas;
  const doc = YAML.parse(readFileSync(demoSpecPath(), 'utf8')) as JsonObject;
  const createSchema = inlineSchema(doc, { $ref: '#/components/schemas/JobCreate' });
  const updateSchema = inlineSchema(doc, { $ref: '#/components/schemas/JobUpdate' });
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  cachedSchemas = {
    create: ajv.compile(createSchema as JsonObject),
    update: ajv.compile(updateSchema as JsonObject),
    metadata: descriptorsFromSchema(createSchema),
  };
  return cachedSchemas;
}

/** `/line_items/0/quantity` → `line_items[0].quantity`. */
function dotPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out || '(body)';
}

export function describeAjvErrors(errors: ErrorObject[] | null | undefined): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path: string;
    let message: string;
    if (e.keyword === 'required') {
      path = dotPath(e.instancePath, String((e.params as { missingProperty: string }).missingProperty));
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path = dotPath(e.instancePath, String((e.params as { additionalProperty: string }).additionalProperty));
      message = 'is not an allowed field';
    } else if (e.keyword === 'enum') {
      path = dotPath(e.instancePath);
      message = `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    } else {
      path = dotPath(e.instancePath);
      message = e.message ?? 'is invalid';
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(error: string, message: string, details?: { path: string; message: string }[]): JsonObject {
  return details ? { error, message, details } : { error, message };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too-large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function deepMerge(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    const prev = out[k];
    out[k] = isObject(prev) && isObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

const READ_ONLY = ['id', 'created_at', 'updated_at', 'attachments'];

function stripReadOnly(body: JsonObject): JsonObject {
  const out = { ...body };
  for (const k of READ_ONLY) delete out[k];
  return out;
}

export async function startDemoSandbox(opts: DemoSandboxOptions = {}): Promise<DemoSandbox> {
  const schemas = loadSchemas();
  const username = opts.username ?? DEMO_USERNAME;
  const password = opts.password ?? DEMO_PASSWORD;
  const host = opts.host ?? '127.0.0.1';
  let faults: DemoFaults = { ...(opts.faults ?? {}) };
  if (opts.delaysMs !== undefined && faults.delayMs === undefined) faults.delayMs = opts.delaysMs;
  const jobs = new Map<string, DemoJob>();
  let nextJob = 1;
  let nextAttachment = 1;
  let requests = 0;

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!m?.[1]) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return sameSecret(decoded.slice(0, colon), username) && sameSecret(decoded.slice(colon + 1), password);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests += 1;
    const f = faults;
    if (f.delayMs && f.delayMs > 0) await new Promise((r) => setTimeout(r, f.delayMs));
    if (res.destroyed) return;
    if (f.failNext && f.failNext > 0) {
      f.failNext -= 1;
      const status = f.failStatus ?? 503;
      send(res, status, errorBody('unavailable', 'the sandbox is temporarily unavailable'), { 'retry-after': f.retryAfter ?? '1' });
      return;
    }
    if (f.nonJson) {
      const html = '<!doctype html><html><body><h1>Welcome</h1><p>This is not the API.</p></body></html>';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }

    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (!authorised(req)) {
      send(res, 401, errorBody('unauthorized', 'missing or wrong Basic credentials'), {
        'www-authenticate': 'Basic realm="demo-sandbox", charset="UTF-8"',
      });
      return;
    }

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      send(res, 413, errorBody('too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`));
      return;
    }

    const method = req.method ?? 'GET';
    if (path === '/jobs/metadata') {
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      send(res, 200, schemas.metadata);
      return;
    }
    if (path === '/jobs') {
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      const parsed = parseJson(req, body, res);
      if (parsed === undefined) return;
      if (!schemas.create(parsed)) {
        const details = describeAjvErrors(schemas.create.errors);
        send(res, 400, errorBody('validation_failed', `the job is invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details));
        return;
      }
      const now = new Date().toISOString();
      const id = `job_${String(nextJob++).padStart(6, '0')}`;
      const job: DemoJob = { id, ...stripReadOnly(parsed as JsonObject), created_at: now, updated_at: now, attachments: [] };
      if (job.status === undefined) job.status = 'open';
      jobs.set(id, job);
      send(res, 201, job, { location: `/jobs/${id}` });
      return;
    }
    const m = /^\/jobs\/([^/]+)(\/attachments)?$/.exec(path);
    if (m?.[1]) {
      const id = decodeURIComponent(m[1]);
      const job = jobs.get(id);
      if (!job) {
        send(res, 404, errorBody('not_found', `no job with id ${JSON.stringify(id)}`));
        return;
      }
      if (m[2]) {
        if (method !== 'POST') return methodNotAllowed(res, 'POST');
        await handleAttachment(req, body, res, job);
        return;
      }
      if (method === 'GET') {
        send(res, 200, job);
        return;
      }
      if (method === 'PATCH') {
        const parsed = parseJson(req, body, res);
        if (parsed === undefined) return;
        if (!schemas.update(parsed)) {
          const details = describeAjvErrors(schemas.update.errors);
          send(res, 400, errorBody('validation_failed', `the update is invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details));
          return;
        }
        const merged = deepMerge(job, stripReadOnly(parsed as JsonObject)) as DemoJob;
        merged.updated_at = new Date().toISOString();
        jobs.set(id, merged);
        send(res, 200, merged);
        return;
      }
      return methodNotAllowed(res, 'GET, PATCH');
    }
    send(res, 404, errorBody('not_found', `no such endpoint: ${method} ${path}`));
  }

  function methodNotAllowed(res: ServerResponse, allow: string): void {
    send(res, 405, errorBody('method_not_allowed', `use ${allow}`), { allow });
  }

  function parseJson(req: IncomingMessage, body: Buffer, res: ServerResponse): unknown {
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      send(res, 415, errorBody('unsupported_media_type', `send the body as application/json (got ${type || 'no content type'})`));
      return undefined;
    }
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch (err) {
      send(res, 400, errorBody('invalid_json', `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`));
      return undefined;
    }
  }

  async function handleAttachment(req: IncomingMessage, body: Buffer, res: ServerResponse, job: DemoJob): Promise<void> {
    const type = String(req.headers['content-type'] ?? '');
    if (!/^multipart\/form-data\b/i.test(type)) {
      send(res, 415, errorBody('unsupported_media_type', `send the attachment as multipart/form-data (got ${type || 'no content type'})`));
      return;
    }
    let form: FormData;
    try {
      form = await new Request('http://sandbox.invalid/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
    } catch (err) {
      send(res, 400, errorBody('invalid_multipart', `the multipart body cannot be read: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    const file = form.get('file');
    const details: { path: string; message: string }[] = [];
    if (file === null) details.push({ path: 'file', message: 'is required' });
    else if (typeof file === 'string') details.push({ path: 'file', message: 'must be a file part (with a filename)' });
    const description = form.get('description');
    if (description !== null && typeof description !== 'string') details.push({ path: 'description', message: 'must be text' });
    if (typeof description === 'string' && description.length > 500) details.push({ path: 'description', message: 'must NOT have more than 500 characters' });
    if (details.length > 0 || file === null || typeof file === 'string') {
      send(res, 400, errorBody('validation_failed', `the attachment is invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details));
      return;
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const attachment: DemoAttachment = {
      id: `att_${String(nextAttachment++).padStart(6, '0')}`,
      filename: file.name || 'upload.bin',
      content_type: file.type || 'application/octet-stream',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    if (typeof description === 'string' && description !== '') attachment.description = description;
    job.attachments.push(attachment);
    job.updated_at = new Date().toISOString();
    send(res, 201, attachment, { location: `/jobs/${job.id}/attachments/${attachment.id}` });
  }

  const server = createServer((req, res) => {
    if (opts.log) {
      const started = performance.now();
      const log = opts.log;
      res.once('finish', () => {
        const path = (req.url ?? '/').split('?')[0];
        log(`${req.method ?? 'GET'} ${path} -> ${res.statusCode} (${Math.round(performance.now() - started)} ms)`);
      });
    }
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody('internal', err instanceof Error ? err.message : String(err)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    jobs,
    setFaults(next) {
      faults = { ...next };
    },
    requestCount: () => requests,
    close() {
      closed ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
