import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Project } from '../../shared/common/project/model';
import { demoSpecPath } from '../../shared/node/sandbox/demo-server';
import type { CliIO } from '../../cli/io';

export function tempDir(prefix = 'cs-sandbox-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A project on the demo sandbox's spec (absolute spec path, computed at run time). */
export function demoProject(baseUrl: string, overrides: Partial<Project> = {}): Project {
  return {
    schemaVersion: 1,
    name: 'Demo jobs',
    spec: { path: demoSpecPath(), sha256: '' },
    endpoints: {
      metadata: { method: 'GET', path: '/jobs/metadata' },
      fetch: { method: 'GET', path: '/jobs/{jobId}', idParam: 'jobId' },
      create: { method: 'POST', path: '/jobs', recordIdPath: '' },
      update: { method: 'PATCH', path: '/jobs/{jobId}', idParam: 'jobId' },
      attachment: { method: 'POST', path: '/jobs/{jobId}/attachments', idParam: 'jobId' },
    },
    environments: { sandbox: { baseUrl, username: 'demo' } },
    mappings: { outbound: [], inbound: [] },
    ...overrides,
  };
}

export function writeProject(dir: string, project: Project, name = 'demo.connector.json'): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(project, null, 2)}\n`);
  return path;
}

export const authHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A scriptable loopback server: each request is recorded and answered by `handler`. */
export async function scriptedServer(
  handler: (req: Recorded, res: ServerResponse) => void | Promise<void>,
): Promise<{ url: string; requests: Recorded[]; server: Server; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(r);
      void Promise.resolve(handler(r, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** A CliIO that captures everything (for runCli in-process). */
export function captureIO(stdin = ''): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    err(text: string) {
      io.stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
    json(value: unknown) {
      io.stdout += `${JSON.stringify(value, null, 2)}\n`;
    },
    stdin: async () => stdin,
  };
  return io;
}
