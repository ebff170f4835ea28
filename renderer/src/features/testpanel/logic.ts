/** Pure helpers of the test panel: sent-vs-returned diff, payload paths, redaction, error text. */

export interface DiffEntry {
  path: string;
  kind: 'dropped' | 'changed' | 'added';
  sent?: unknown;
  returned?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What the API did with what was sent: fields it dropped, values it changed (normalised dates,
 * trimmed strings…), and fields it added (IDs, timestamps). Objects are compared key by key,
 * arrays element by element.
 */
export function diffSentReturned(sent: unknown, returned: unknown, prefix = ''): DiffEntry[] {
  const out: DiffEntry[] = [];
  if (isPlainObject(sent) && isPlainObject(returned)) {
    for (const [k, v] of Object.entries(sent)) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (!Object.prototype.hasOwnProperty.call(returned, k)) out.push({ path: p, kind: 'dropped', sent: v });
      else out.push(...diffSentReturned(v, returned[k], p));
    }
    for (const [k, v] of Object.entries(returned)) {
      if (!Object.prototype.hasOwnProperty.call(sent, k)) out.push({ path: prefix ? `${prefix}.${k}` : k, kind: 'added', returned: v });
    }
    return out;
  }
  if (Array.isArray(sent) && Array.isArray(returned)) {
    sent.forEach((v, i) => {
      const p = `${prefix}[${i}]`;
      if (i >= returned.length) out.push({ path: p, kind: 'dropped', sent: v });
      else out.push(...diffSentReturned(v, returned[i], p));
    });
    for (let i = sent.length; i < returned.length; i++) out.push({ path: `${prefix}[${i}]`, kind: 'added', returned: returned[i] });
    return out;
  }
  if (!same(sent, returned)) out.push({ path: prefix || '(root)', kind: 'changed', sent, returned });
  return out;
}

/** Authorization (and other credential headers) never shown in clear, whatever the server side did. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = /^(\w+)\s/.exec(v)?.[1] ?? '';
      out[k] = /redacted|\*{3}/i.test(v) ? v : `${scheme ? `${scheme} ` : ''}[redacted]`;
    } else if (lower === 'cookie' || lower === 'set-cookie') out[k] = '[redacted]';
    else out[k] = v;
  }
  return out;
}

/** A validation path as the engine reports it (`/site/address/city` or `site.address.city`) → dot path. */
export function normaliseValidationPath(path: string): string {
  if (path === '' || path === '/') return '';
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
      .join('')
      .replace(/\.\[/g, '[');
  }
  return path;
}

/** The API's own message from an error response body (`message`, `error`, `details[]`). */
export function apiMessage(body: unknown): string | null {
  if (typeof body === 'string') return body.trim() ? body.slice(0, 500) : null;
  if (!isPlainObject(body)) return null;
  const parts: string[] = [];
  const msg = body['message'] ?? body['error_description'] ?? body['error'] ?? body['detail'] ?? body['title'];
  if (typeof msg === 'string') parts.push(msg);
  const details = body['details'] ?? body['errors'];
  if (Array.isArray(details)) {
    for (const d of details.slice(0, 10)) {
      if (isPlainObject(d)) {
        const p = d['path'] ?? d['field'] ?? d['instancePath'];
        const m = d['message'] ?? d['msg'];
        parts.push(`${typeof p === 'string' && p ? `${p}: ` : ''}${typeof m === 'string' ? m : JSON.stringify(d)}`);
      } else parts.push(String(d));
    }
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

/** One line describing an HTTP outcome for the call log. */
export function statusText(status: number): string {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 400 || status === 422) return 'validation failed';
  if (status === 401) return 'authentication failed';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not found';
  if (status === 429) return 'rate limited';
  if (status >= 500) return 'server error';
  return 'failed';
}
