import { readFile } from 'node:fs/promises';
import { normalize, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../shared/node/runtime/static-files';
import { contentSecurityPolicy } from './csp';

/**
 * The renderer is served from a privileged custom scheme, studio://app/, rather than file://:
 * it gives the page a real origin (Monaco's module workers do not start from file://), lets the
 * CSP say 'self', and gives the IPC sender check one origin to compare against.
 */
export const APP_SCHEME = 'studio';
export const APP_HOST = 'app';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The scheme's privileges; registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/**
 * Which page URLs are ours: studio://app/..., and in development (never when packaged) the
 * electron-vite dev server's origin.
 */
export function createUrlTrust(devServerUrl: string | null): (url: string) => boolean {
  const devOrigin = devServerUrl ? safeUrl(devServerUrl)?.origin ?? null : null;
  return (raw) => {
    const url = safeUrl(raw);
    if (!url) return false;
    if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
    return devOrigin !== null && devOrigin !== 'null' && url.origin === devOrigin;
  };
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** The file under `rendererDir` that a studio://app/ request names, or null (other host, traversal, bad URL). */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  const url = safeUrl(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = normalize(resolve(root, '.' + rel));
  return file.startsWith(root + sep) ? file : null;
}

/** The protocol handler: our built renderer files, each with the CSP header; 404 for anything else. */
export function createAppFileHandler(rendererDir: string): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': contentSecurityPolicy(),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
  };
}
