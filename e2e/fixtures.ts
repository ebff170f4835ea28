/**
 * Browser-mode fixtures: one `cli serve` child process per test file, with a fresh temporary
 * STUDIO_HOME; a `studio` page opened at its URL (token included). Every request that is not to
 * 127.0.0.1 is aborted and recorded (no CDN, no telemetry); console errors and page errors fail
 * the test.
 */
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { electronStudioPage, studioTarget } from './targets';

export const repoRoot = resolve(import.meta.dirname, '..');
export const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');

export interface StudioServer {
  url: string;
  home: string;
  process: ChildProcess;
  /** Everything the server wrote on stderr (for failure messages). */
  stderr(): string;
}

async function startServer(home: string): Promise<StudioServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, STUDIO_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    err += d;
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`cli serve printed no URL within 30 s; stderr:\n${err}`)), 30_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveUrl(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cli serve exited with ${code}; stderr:\n${err}`));
    });
  });
  return { url, home, process: child, stderr: () => err };
}

async function stopServer(server: StudioServer): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function discard(server: StudioServer): Promise<void> {
  await stopServer(server);
  rmSync(server.home, { recursive: true, force: true });
}

/** Saves a screenshot under test-results/screens/<name>.png (STUDIO_SCREENS_DIR overrides the folder). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.STUDIO_SCREENS_DIR ?? join(repoRoot, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

interface WorkerFixtures {
  serverPool: { file: string | null; server: StudioServer | null };
}

interface TestFixtures {
  /** The `cli serve` of the current test file (fresh STUDIO_HOME per file, shared by its tests). */
  server: StudioServer;
  studio: Page;
  /** Problems seen on the page (console errors, page errors, blocked requests). */
  problems: string[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverPool: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pool: WorkerFixtures['serverPool'] = { file: null, server: null };
      await use(pool);
      if (pool.server) await discard(pool.server);
    },
    { scope: 'worker' },
  ],
  server: async ({ serverPool }, use, testInfo) => {
    if (serverPool.file !== testInfo.file || !serverPool.server || serverPool.server.process.exitCode !== null) {
      if (serverPool.server) await discard(serverPool.server);
      const home = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
      serverPool.server = await startServer(home);
      serverPool.file = testInfo.file;
    }
    await use(serverPool.server);
  },
  // eslint-disable-next-line no-empty-pattern
  problems: async ({}, use) => {
    await use([]);
  },
  studio: async ({ page, server, problems }, use, testInfo: TestInfo) => {
    const reportProblems = () => {
      if (problems.length > 0) void testInfo.attach('page-problems.txt', { body: problems.join('\n'), contentType: 'text/plain' });
      if (problems.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`the page reported problems:\n${problems.join('\n')}\n--- server stderr ---\n${server.stderr()}`);
      }
    };
    if (studioTarget() === 'electron') {
      // STUDIO_E2E_TARGET=electron: the same journeys in the desktop app (needs Electron's binary).
      const el = await electronStudioPage(server.home, problems);
      await expect(el.page.getByTestId('app-ready')).toHaveAttribute('data-startup', 'done', { timeout: 60_000 });
      await use(el.page);
      await el.close();
      reportProblems();
      return;
    }
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
      problems.push(`blocked request to ${route.request().url()}`);
      return route.abort();
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.goto(server.url);
    // Connected, and start-up done (the last project of this STUDIO_HOME reopened when there is one).
    await expect(page.getByTestId('app-ready')).toHaveAttribute('data-startup', 'done', { timeout: 60_000 });
    await use(page);
    if (problems.length > 0 && testInfo.status !== testInfo.expectedStatus) console.error(`page problems:\n${problems.join('\n')}`);
    reportProblems();
  },
});

export { expect };
