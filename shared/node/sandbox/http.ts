/**
 * HTTP to a sandbox API: Basic auth, a timeout per attempt, bounded retries with backoff on
 * 429/502/503/504 (honouring Retry-After up to a cap), no retry on other statuses, and a capture
 * of every exchange for the UI with the Authorization header redacted.
 */
import type { HttpExchange } from '../../common/api/calls-sandbox';
import { StudioError } from '../../common/api/define';

export const REDACTED = '<redacted>';
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Responses are read up to this size; a longer one is cut (and not parsed). */
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
/** The captured exchange keeps a parsed JSON body up to this size, else a text preview of MAX_PREVIEW_BYTES. */
const MAX_CAPTURED_JSON_BYTES = 1024 * 1024;
const MAX_PREVIEW_BYTES = 256 * 1024;

export interface BasicAuth {
  username: string;
  password: string;
}

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; parts: MultipartPart[] };

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Uint8Array };

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  auth?: BasicAuth | null;
}

export interface HttpOptions {
  /** Per attempt, headers and body included. Default 10 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (429/502/503/504 only). Default 3. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry (with jitter). Default 300 ms. */
  backoffMs?: number;
  /** Longest wait honoured from a Retry-After header (and for any backoff). Default 5 s. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
}

export type FailureKind = 'timeout' | 'tls' | 'network';

/** An exchange plus what the caller needs to classify it. */
export interface HttpResult {
  exchange: HttpExchange;
  /** Set when no response arrived. */
  failure: { kind: FailureKind; code: string | null; message: string } | null;
  /** The response body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
  isJson: boolean;
  /** Raw response text (cut at MAX_RESPONSE_BYTES). */
  text: string;
  /** The response was longer than MAX_RESPONSE_BYTES and was cut. */
  truncated: boolean;
  contentType: string | null;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO', 'ERR_TLS_HANDSHAKE_TIMEOUT',
]);

export function basicAuthHeader(auth: BasicAuth): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

/** Refuses credentials in a URL (they belong in the keychain) and anything but http(s). */
export function checkUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StudioError('bad-input', `not a valid URL: ${JSON.stringify(url)} (the base URL must be absolute, like https://api.example.com/v1)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new StudioError('bad-input', `unsupported URL scheme ${u.protocol} (use http or https)`);
  if (u.username || u.password) {
    throw new StudioError('bad-input', `the URL carries credentials; remove them from it (${u.protocol}//${u.host}${u.pathname}) and store the password with \`credentials set\` instead`);
  }
  return u;
}

/** Joins a base URL and an API path (`https://h/v1` + `/jobs` → `https://h/v1/jobs`). */
export function joinUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const base = checkUrl(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const rel = path.startsWith('/') ? path : `/${path}`;
  const u = new URL(`${base.protocol}//${base.host}${basePath}${rel}`);
  for (const [k, v] of Object.entries(query ?? {})) u.searchParams.set(k, v);
  return u.toString();
}

function redactHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    out[k] = /^(authorization|proxy-authorization|cookie|x-api-key)$/i.test(k) ? (k.toLowerCase() === 'authorization' && /^basic /i.test(v) ? `Basic ${REDACTED}` : REDACTED) : v;
  }
  return out;
}

function headersObject(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((v, k) => {
    out[k] = /^set-cookie$/i.test(k) ? REDACTED : v;
  });
  return out;
}

/** Seconds or an HTTP date → milliseconds to wait (null when absent or unreadable). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

function errorCode(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof Error && e.message && !parts.includes(e.message)) parts.push(e.message);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(': ') || String(err);
}

function classifyFailure(err: unknown, timedOut: boolean, timeoutMs: number): { kind: FailureKind; code: string | null; message: string } {
  const code = errorCode(err);
  const name = err instanceof Error ? err.name : '';
  if (timedOut || name === 'TimeoutError' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT') {
    return { kind: 'timeout', code: code ?? 'TIMEOUT', message: `no complete answer within ${timeoutMs} ms` };
  }
  const text = errorText(err);
  if ((code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))) || /certificate|SSL|TLS/i.test(text)) {
    return { kind: 'tls', code, message: text };
  }
  return { kind: 'network', code, message: text };
}

async function encodeBody(body: RequestBody | undefined): Promise<{ payload: Uint8Array | undefined; contentType: string | null; captured: unknown }> {
  if (!body || body.kind === 'none') return { payload: undefined, contentType: null, captured: null };
  if (body.kind === 'json') {
    return { payload: Buffer.from(JSON.stringify(body.value), 'utf8'), contentType: 'application/json', captured: body.value };
  }
  const form = new FormData();
  for (const p of body.parts) {
    if ('filename' in p) form.append(p.name, new Blob([p.data], { type: p.contentType }), p.filename);
    else form.append(p.name, p.value);
  }
  // Encode once so the captured Content-Type carries the real boundary.
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type');
  const payload = new Uint8Array(await encoded.arrayBuffer());
  const captured = {
    multipart: body.parts.map((p) => ('filename' in p ? { name: p.name, filename: p.filename, contentType: p.contentType, size: p.data.byteLength } : { name: p.name, value: p.value })),
  };
  return { payload, contentType, captured };
}

/** Reads a response body, stopping at `limit` bytes. */
async function readLimited(res: Response, limit: number): Promise<{ buf: Buffer; truncated: boolean }> {
  if (!res.body) return { buf: Buffer.alloc(0), truncated: false };
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { buf: Buffer.concat(chunks), truncated: false };
    size += value.byteLength;
    if (size > limit) {
      chunks.push(Buffer.from(value.subarray(0, value.byteLength - (size - limit))));
      await reader.cancel().catch(() => undefined);
      return { buf: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(Buffer.from(value));
  }
}

function preview(buf: Buffer): string {
  return buf.length > MAX_PREVIEW_BYTES ? `${buf.subarray(0, MAX_PREVIEW_BYTES).toString('utf8')}…` : buf.toString('utf8');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolveSleep, reject) => {
    if (signal?.aborted) return reject(new StudioError('cancelled', 'the request was cancelled'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolveSleep();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new StudioError('cancelled', 'the request was cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends one request (with retries) and captures it. Never throws for HTTP or network failures. */
export async function sendHttp(req: HttpRequest, opts: HttpOptions = {}): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = Math.max(0, Math.min(opts.maxRetries ?? 3, 10));
  const backoffMs = opts.backoffMs ?? 300;
  const cap = opts.maxRetryAfterMs ?? 5_000;
  const url = checkUrl(req.url).toString();
  const method = req.method.toUpperCase();
  const { payload, contentType, captured } = await encodeBody(req.body);

  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'connector-studio', ...(req.headers ?? {}) };
  if (contentType) headers['content-type'] = contentType;
  if (req.auth) headers.authorization = basicAuthHeader(req.auth);

  const exchange: HttpExchange = {
    request: { method, url, headers: redactHeaders(headers), body: captured },
    response: null,
    durationMs: 0,
    attempts: 0,
  };
  const started = performance.now();
  let failure: HttpResult['failure'] = null;
  let text = '';
  let body: Buffer = Buffer.alloc(0);
  let truncated = false;
  let json: unknown = undefined;
  let isJson = false;
  let responseType: string | null = null;

  for (let attempt = 0; ; attempt++) {
    exchange.attempts = attempt + 1;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: payload, signal, redirect: 'manual' });
      ({ buf: body, truncated } = await readLimited(res, MAX_RESPONSE_BYTES));
      text = body.toString('utf8');
    } catch (err) {
      if (opts.signal?.aborted) throw new StudioError('cancelled', 'the request was cancelled');
      failure = classifyFailure(err, timeout.aborted, timeoutMs);
      exchange.response = null;
      exchange.error = `${failure.kind}: ${failure.message}`;
      break;
    }
    failure = null;
    delete exchange.error;
    responseType = res.headers.get('content-type');
    json = undefined;
    isJson = false;
    if (!truncated && text.trim() !== '') {
      try {
        json = JSON.parse(text) as unknown;
        isJson = true;
      } catch {
        json = undefined;
      }
    }
    const captured = isJson && body.length <= MAX_CAPTURED_JSON_BYTES ? json : preview(body);
    exchange.response = { status: res.status, headers: headersObject(res.headers), body: captured };
    if (!RETRY_STATUSES.has(res.status) || attempt >= maxRetries) break;
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
    const backoff = backoffMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
    await sleep(Math.min(cap, retryAfter ?? backoff), opts.signal);
  }
  exchange.durationMs = Math.round(performance.now() - started);
  return { exchange, failure, json, isJson, text, truncated, contentType: responseType };
}
