import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { EventHub } from '../api/context';
import type { Dispatch } from '../api/dispatch';
import { contentTypeOf } from '../runtime/static-files';

/**
 * Browser mode: the API contract over HTTP on 127.0.0.1, guarded by a per-launch random token,
 * plus the built renderer as static files. Calls are `POST /api/call/<name>` with the token in
 * `X-Studio-Token`; events stream as server-sent events from `GET /api/events?token=...`.
 */
export interface BridgeOptions {
  dispatch: Dispatch;
  hub: EventHub;
  /** Folder with the built renderer (index.html); null serves the API only. */
  staticDir: string | null;
  port?: number;
  token?: string;
  /** Largest accepted request body (specs can be pasted as text). */
  maxBodyBytes?: number;
}

export interface RunningBridge {
  server: Server;
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Same policy as the Electron window (electron/main/csp.ts); Monaco needs blob: workers and inline styles. */
const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): void {
  const rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const file = normalize(join(staticDir, rel));
  if (!file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
  });
  createReadStream(file).pipe(res);
}

export function startBridge(opts: BridgeOptions): Promise<RunningBridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const limit = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const staticDir = opts.staticDir ? normalize(opts.staticDir) : null;
  const streams = new Set<ServerResponse>();

  const unlisten = opts.hub.listen((event, payload) => {
    const frame = `event: studio\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const s of streams) s.write(frame);
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Refuse requests that name another host: DNS-rebinding pages reach 127.0.0.1 under their own name.
      const host = req.headers.host ?? '';
      if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
        send(res, 403, { ok: false, error: { code: 'bad-input', message: 'forbidden host' } });
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (url.pathname === '/api/events' && req.method === 'GET') {
          if (!tokenMatches(token, url.searchParams.get('token'))) {
            send(res, 401, { ok: false, error: { code: 'auth', message: 'missing or wrong token' } });
            return;
          }
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          streams.add(res);
          req.on('close', () => streams.delete(res));
          return;
        }
        const match = /^\/api\/call\/([a-zA-Z.]+)$/.exec(url.pathname);
        if (!match || req.method !== 'POST') {
          send(res, 404, { ok: false, error: { code: 'not-found', message: 'no such endpoint' } });
          return;
        }
        const given = req.headers['x-studio-token'];
        if (!tokenMatches(token, Array.isArray(given) ? given[0] : given)) {
          send(res, 401, { ok: false, error: { code: 'auth', message: 'missing or wrong token' } });
          return;
        }
        let input: unknown;
        try {
          const text = await readBody(req, limit);
          input = text.length > 0 ? JSON.parse(text) : {};
        } catch (err) {
          send(res, 400, { ok: false, error: { code: 'bad-input', message: err instanceof Error ? err.message : 'bad body' } });
          return;
        }
        send(res, 200, await opts.dispatch(match[1], input));
        return;
      }
      if (!staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
        send(res, 404, { ok: false, error: { code: 'not-found', message: 'no such page' } });
        return;
      }
      serveStatic(staticDir, url.pathname, res);
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        server,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unlisten();
            for (const s of streams) s.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
