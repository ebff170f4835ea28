import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox, type DemoSandbox } from '../../shared/node/sandbox/demo-server';
import { testConnection } from '../../shared/node/sandbox/service';
import { sendHttp, parseRetryAfter } from '../../shared/node/sandbox/http';
import { demoProject, json, scriptedServer, tempDir } from './helpers';

const PASSWORD = 'Conn-Test-Pass-7431';

describe('Test Connection against the demo sandbox over loopback HTTP', () => {
  let sb: DemoSandbox;
  beforeAll(async () => {
    sb = await startDemoSandbox({ password: PASSWORD });
  });
  afterAll(async () => {
    await sb.close();
  });
  const target = (baseUrl: string, overrides = {}) => ({ project: demoProject(baseUrl, overrides), projectPath: null, env: 'sandbox' });

  it('good credentials: ok, 200, fields counted, Authorization redacted in the capture', async () => {
    const r = await testConnection(target(sb.url), { passwordOverride: PASSWORD });
    expect(r).toMatchObject({ ok: true, status: 200, category: 'ok' });
    const count = Number(/lists (\d+) field\(s\)/.exec(r.message)?.[1]);
    expect(count).toBeGreaterThan(30); // the demo create schema, flattened
    expect(r.exchange?.request.headers.authorization).toBe('Basic <redacted>');
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
    expect(JSON.stringify(r)).not.toContain(Buffer.from(`demo:${PASSWORD}`).toString('base64'));
    expect(r.exchange?.attempts).toBe(1);
  });

  it('non-ASCII credentials travel as UTF-8; a username with ":" is refused before sending', async () => {
    const uni = await startDemoSandbox({ username: 'técnico@example.com', password: 'pässwörd-✓-1' });
    try {
      const t = target(uni.url);
      t.project.environments.sandbox!.username = 'técnico@example.com';
      expect(await testConnection(t, { passwordOverride: 'pässwörd-✓-1' })).toMatchObject({ ok: true });
      t.project.environments.sandbox!.username = 'a:b';
      await expect(testConnection(t, { passwordOverride: 'x' })).rejects.toThrow(/contains ":"/);
      expect(uni.requestCount()).toBe(1);
    } finally {
      await uni.close();
    }
  });

  it('wrong password: auth (401), says what to check, no retry', async () => {
    const before = sb.requestCount();
    const r = await testConnection(target(sb.url), { passwordOverride: 'not-the-password' });
    expect(r).toMatchObject({ ok: false, status: 401, category: 'auth' });
    expect(r.message).toMatch(/username and the stored password/);
    expect(r.message).not.toContain('not-the-password');
    expect(sb.requestCount() - before).toBe(1);
  });

  it('wrong path: not-found (404) pointing at the base URL and path', async () => {
    const r = await testConnection(target(`${sb.url}/v1`), { passwordOverride: PASSWORD });
    expect(r).toMatchObject({ ok: false, status: 404, category: 'not-found' });
    expect(r.message).toContain(`${sb.url}/v1/jobs/metadata`);
    expect(r.message).toMatch(/base URL and the metadata path/);
  });

  it('server down: network (connection refused)', async () => {
    const gone = await scriptedServer(() => undefined);
    const url = gone.url;
    await gone.close();
    const r = await testConnection(target(url), { passwordOverride: PASSWORD });
    expect(r).toMatchObject({ ok: false, status: null, category: 'network' });
    expect(r.message).toMatch(/ECONNREFUSED/);
    expect(r.message).toMatch(/server is running/);
  });

  it('slow server past the timeout: timeout, and it gives up on time', async () => {
    const slow = await startDemoSandbox({ password: PASSWORD, delaysMs: 3000 });
    try {
      const t0 = Date.now();
      const r = await testConnection(target(slow.url), { passwordOverride: PASSWORD, timeoutMs: 300 });
      const took = Date.now() - t0;
      expect(r).toMatchObject({ ok: false, status: null, category: 'timeout' });
      expect(r.message).toMatch(/within 0\.3 s/);
      expect(took).toBeLessThan(2000);
    } finally {
      await slow.close();
    }
  });

  it('a 503 then success: retried after Retry-After, ok on the second attempt', async () => {
    sb.setFaults({ failNext: 1, retryAfter: '1' });
    const before = sb.requestCount();
    const t0 = Date.now();
    const r = await testConnection(target(sb.url), { passwordOverride: PASSWORD });
    const took = Date.now() - t0;
    expect(r).toMatchObject({ ok: true, status: 200, category: 'ok' });
    expect(r.exchange?.attempts).toBe(2);
    expect(sb.requestCount() - before).toBe(2);
    expect(took).toBeGreaterThanOrEqual(950); // Retry-After: 1 honoured
    sb.setFaults({});
  });

  it('Retry-After is capped, retries are bounded, and the outcome names the status', async () => {
    sb.setFaults({ failNext: 10, retryAfter: '120' });
    const before = sb.requestCount();
    const t0 = Date.now();
    const r = await testConnection(target(sb.url), { passwordOverride: PASSWORD, maxRetries: 2, maxRetryAfterMs: 100 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(sb.requestCount() - before).toBe(3);
    expect(r).toMatchObject({ ok: false, status: 503, category: 'bad-response' });
    expect(r.message).toMatch(/503 after 3 attempt/);
    sb.setFaults({});
  });

  it('non-JSON response: bad-response naming the content type', async () => {
    sb.setFaults({ nonJson: true });
    const r = await testConnection(target(sb.url), { passwordOverride: PASSWORD });
    sb.setFaults({});
    expect(r).toMatchObject({ ok: false, status: 200, category: 'bad-response' });
    expect(r.message).toMatch(/text\/html/);
    expect(r.message).toMatch(/not JSON/);
  });

  it('a JSON body that is not metadata at all: bad-response', async () => {
    const s = await scriptedServer((_req, res) => json(res, 200, 'hello'));
    try {
      const r = await testConnection(target(s.url), { passwordOverride: PASSWORD });
      expect(r).toMatchObject({ ok: false, category: 'bad-response' });
    } finally {
      await s.close();
    }
  });

  it('403 is an auth problem (permissions), 405 a wrong endpoint', async () => {
    const s = await scriptedServer((req, res) => json(res, req.url?.includes('forbidden') ? 403 : 405, { error: 'x' }));
    try {
      const r1 = await testConnection(target(s.url, { endpoints: { metadata: { method: 'GET', path: '/forbidden' } } }), { passwordOverride: PASSWORD });
      expect(r1).toMatchObject({ category: 'auth', status: 403 });
      const r2 = await testConnection(target(s.url, { endpoints: { metadata: { method: 'GET', path: '/meta' } } }), { passwordOverride: PASSWORD });
      expect(r2).toMatchObject({ category: 'not-found', status: 405 });
    } finally {
      await s.close();
    }
  });

  it('TLS: a self-signed certificate is classified as tls', async () => {
    const tmp = tempDir();
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
        '-keyout', join(tmp.dir, 'key.pem'), '-out', join(tmp.dir, 'cert.pem')], { stdio: 'ignore' });
      const server = createHttpsServer({ key: readFileSync(join(tmp.dir, 'key.pem')), cert: readFileSync(join(tmp.dir, 'cert.pem')) }, (_req, res) => json(res, 200, []));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      try {
        const r = await testConnection(target(`https://127.0.0.1:${port}`), { passwordOverride: PASSWORD });
        expect(r).toMatchObject({ ok: false, status: null, category: 'tls' });
        expect(r.message).toMatch(/self-signed|certificate/i);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('TLS: https to a plain-HTTP port says the server does not speak TLS there', async () => {
    const r = await testConnection(target(sb.url.replace('http://', 'https://')), { passwordOverride: PASSWORD });
    expect(r).toMatchObject({ ok: false, status: null, category: 'tls' });
    expect(r.message).toMatch(/does not speak TLS on this port/);
  });

  it('a redirect is not followed (credentials stay with the configured host)', async () => {
    const s = await scriptedServer((_req, res) => {
      res.writeHead(301, { location: 'https://elsewhere.invalid/jobs/metadata' });
      res.end();
    });
    try {
      const r = await testConnection(target(s.url), { passwordOverride: PASSWORD });
      expect(r).toMatchObject({ ok: false, status: 301, category: 'bad-response' });
      expect(r.message).toContain('https://elsewhere.invalid/jobs/metadata');
      expect(s.requests).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});

describe('HTTP client details', () => {
  it('does not retry a 400 or a 401, retries 429/502/503/504', async () => {
    let n = 0;
    const statuses = [429, 502, 504, 200];
    const s = await scriptedServer((req, res) => {
      if (req.url === '/bad') return json(res, 400, { error: 'bad' });
      const st = statuses[n++] ?? 200;
      json(res, st, { n }, st === 200 ? {} : { 'retry-after': '0' });
    });
    try {
      const bad = await sendHttp({ method: 'POST', url: `${s.url}/bad`, body: { kind: 'json', value: { a: 1 } } }, { backoffMs: 1 });
      expect(bad.exchange.attempts).toBe(1);
      expect(bad.exchange.response?.status).toBe(400);
      const ok = await sendHttp({ method: 'GET', url: `${s.url}/x` }, { backoffMs: 1 });
      expect(ok.exchange.attempts).toBe(4);
      expect(ok.exchange.response?.status).toBe(200);
      expect(ok.json).toEqual({ n: 4 });
    } finally {
      await s.close();
    }
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())! / 1000).toBeGreaterThan(3);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('refuses credentials inside a URL without echoing them', async () => {
    await expect(sendHttp({ method: 'GET', url: 'http://demo:hunter2secret@127.0.0.1:9/x' })).rejects.toThrow(/carries credentials/);
    await expect(sendHttp({ method: 'GET', url: 'http://demo:hunter2secret@127.0.0.1:9/x' })).rejects.not.toThrow(/hunter2secret/);
  });
});
