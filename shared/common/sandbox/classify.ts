/**
 * Test Connection outcomes (CLI.md `test-connection`, reference §1.5): one category and a message
 * that says what to check. Pure: the Node side supplies what happened on the wire.
 */
import type { ConnectionCategory } from '../api/calls-sandbox';

export interface ConnectionFacts {
  url: string;
  method: string;
  username: string;
  /** Set when no response arrived. */
  failure: { kind: 'timeout' | 'tls' | 'network'; code: string | null; message: string } | null;
  timeoutMs: number;
  status: number | null;
  contentType: string | null;
  isJson: boolean;
  json: unknown;
  text: string;
  attempts: number;
  location: string | null;
  /** Number of fields recognised in the body (null: shape not recognised). */
  recognisedFields: number | null;
  hasAdapter: boolean;
}

export interface ConnectionOutcome {
  ok: boolean;
  status: number | null;
  category: ConnectionCategory;
  message: string;
}

function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url);
  return m?.[1] ?? url;
}

function networkHint(code: string | null, url: string): string {
  const host = hostOf(url);
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing accepted the connection at ${host} (connection refused): check that the server is running and that the base URL's host and port are right.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name in ${host} does not resolve (DNS lookup failed): check the base URL for typos, and your VPN or DNS settings.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return `The connection to ${host} was closed before an answer arrived: check that the base URL's scheme (http/https) and port match the server, and any proxy or firewall in between.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host} is unreachable from this machine (no route): check your network, VPN and firewall.`;
    default:
      return `The request to ${host} failed before any answer arrived: check the base URL, that the server is running, and your network, VPN and firewall.`;
  }
}

function snippet(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}

export function classifyConnection(f: ConnectionFacts): ConnectionOutcome {
  const where = `${f.method} ${f.url}`;
  if (f.failure) {
    if (f.failure.kind === 'timeout') {
      return {
        ok: false, status: null, category: 'timeout',
        message: `No answer from ${where} within ${(f.timeoutMs / 1000).toFixed(f.timeoutMs % 1000 === 0 ? 0 : 1)} s. Check that the server is up and reachable from this machine (VPN, firewall, IP allow-list) and that the base URL is right.`,
      };
    }
    if (f.failure.kind === 'tls' && /WRONG_VERSION|wrong version number|packet length too long/i.test(`${f.failure.code ?? ''} ${f.failure.message}`)) {
      return {
        ok: false, status: null, category: 'tls',
        message: `TLS/SSL error talking to ${hostOf(f.url)} (${f.failure.code ?? 'wrong version number'}): the server does not speak TLS on this port. Use http:// in the base URL, or the port where the server offers HTTPS.`,
      };
    }
    if (f.failure.kind === 'tls') {
      return {
        ok: false, status: null, category: 'tls',
        message: `TLS/SSL error talking to ${hostOf(f.url)}${f.failure.code ? ` (${f.failure.code})` : ''}: the certificate is self-signed, expired, not yet valid or issued for another host. Use a valid CA-signed certificate, or check the host name and scheme in the base URL.`,
      };
    }
    return { ok: false, status: null, category: 'network', message: `${networkHint(f.failure.code, f.url)}${f.failure.code ? ` (${f.failure.code})` : ''}` };
  }
  const status = f.status ?? 0;
  if (status === 401) {
    return {
      ok: false, status, category: 'auth',
      message: `The server refused the credentials (401) for user ${JSON.stringify(f.username)} at ${where}. Check the username and the stored password for this environment, and that this user has API access (try \`curl -u ${f.username || 'user'} ${f.url}\`).`,
    };
  }
  if (status === 403) {
    return {
      ok: false, status, category: 'auth',
      message: `The credentials were accepted but the user ${JSON.stringify(f.username)} may not call ${where} (403). Grant it read access to the metadata endpoint, and check IP allow-listing on the API side.`,
    };
  }
  if (status === 404 || status === 410) {
    return {
      ok: false, status, category: 'not-found',
      message: `The metadata endpoint was not found (${status}) at ${where}. Compare the base URL and the metadata path with the spec (a missing or extra path prefix such as /v1 is the usual cause).`,
    };
  }
  if (status === 405) {
    return {
      ok: false, status, category: 'not-found',
      message: `The server does not allow ${f.method} on ${f.url} (405). Pick the metadata endpoint with the right method in the spec.`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      ok: false, status, category: 'bad-response',
      message: `The server redirected (${status}) ${where}${f.location ? ` to ${f.location}` : ''}. Use the final address as the base URL (for example https instead of http); credentials are not sent on redirects.`,
    };
  }
  if (status === 429) {
    return { ok: false, status, category: 'bad-response', message: `The server is rate-limiting this client (429) after ${f.attempts} attempt(s). Wait and retry, or ask the API owner for a higher limit.` };
  }
  if (status >= 500) {
    return { ok: false, status, category: 'bad-response', message: `The server failed with ${status} after ${f.attempts} attempt(s) at ${where}. The API is down or erroring: retry later, or contact its owner.` };
  }
  if (status >= 400) {
    return { ok: false, status, category: 'bad-response', message: `The server rejected the metadata request with ${status} at ${where}: ${snippet(f.text) || 'no details given'}.` };
  }
  // 2xx
  if (!f.isJson) {
    const what = f.text.trim() === '' ? 'an empty body' : `${f.contentType ?? 'an unknown content type'} ("${snippet(f.text)}")`;
    return {
      ok: false, status, category: 'bad-response',
      message: `The server answered ${status} with ${what}, not JSON, at ${where}. The base URL probably points at a web page, login page or proxy rather than the API: check the base URL and the metadata path.`,
    };
  }
  if (f.json === null || typeof f.json !== 'object') {
    return {
      ok: false, status, category: 'bad-response',
      message: `The server answered ${status} with JSON ${snippet(JSON.stringify(f.json))}, not field metadata, at ${where}. Check that the metadata endpoint is the right one.`,
    };
  }
  if (f.recognisedFields !== null) {
    return { ok: true, status, category: 'ok', message: `Connected as ${f.username} to ${f.url} (${status}); the metadata lists ${f.recognisedFields} field(s).` };
  }
  return {
    ok: true, status, category: 'ok',
    message: f.hasAdapter
      ? `Connected as ${f.username} to ${f.url} (${status}); the metadata shape is not a known one, so Refresh Fields will use the project's metadata adapter.`
      : `Connected as ${f.username} to ${f.url} (${status}), but the metadata shape is not a known one: write a metadata adapter (Jsonnet) in the project so Refresh Fields can read it.`,
  };
}
