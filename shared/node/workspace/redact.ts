/**
 * Redaction for test-run history: what is stored is what the UI may show, so credentials never
 * reach the database even when a caller forgot to redact them first.
 */
import type { HttpExchange } from '../../common/api/calls-sandbox';

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);
const SECRET_KEY = /^(pass(word|wd)?|secret|client_secret|token|access_token|refresh_token|api[_-]?key|private[_-]?key)$/i;

function scrubString(s: string, secrets: readonly string[]): string {
  let out = s;
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

function scrubValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrubString(value, secrets);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== '' ? REDACTED : scrubValue(v, secrets);
    }
    return out;
  }
  return value;
}

function scrubHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : scrubString(String(v), secrets);
  }
  return out;
}

function scrubUrl(url: string, secrets: readonly string[]): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    for (const key of [...u.searchParams.keys()]) {
      if (SECRET_KEY.test(key)) u.searchParams.set(key, REDACTED);
    }
    return scrubString(u.toString(), secrets);
  } catch {
    return scrubString(url, secrets);
  }
}

/** Every secret-looking header, body member, URL part and known secret value replaced. */
export function redactExchange(exchange: HttpExchange, knownSecrets: readonly string[] = []): HttpExchange {
  // Basic credentials also travel base64-encoded; scrub those encodings too.
  const secrets = knownSecrets.filter((s) => s.length >= 4);
  const out: HttpExchange = {
    request: {
      method: exchange.request.method,
      url: scrubUrl(exchange.request.url, secrets),
      headers: scrubHeaders(exchange.request.headers, secrets),
      body: scrubValue(exchange.request.body, secrets),
    },
    response: exchange.response
      ? {
          status: exchange.response.status,
          headers: scrubHeaders(exchange.response.headers, secrets),
          body: scrubValue(exchange.response.body, secrets),
        }
      : null,
    durationMs: exchange.durationMs,
    attempts: exchange.attempts,
  };
  if (exchange.error !== undefined) out.error = scrubString(exchange.error, secrets);
  return out;
}
