/**
 * Which app the e2e journeys drive: browser mode (default; `cli serve` + Debian Chromium) or,
 * with STUDIO_E2E_TARGET=electron, the real desktop app through Playwright's Electron support.
 * The Electron target needs the Electron binary (node_modules/electron/dist), so it runs on a
 * developer's machine, never in CI here. See docs/testing.md ("Running e2e against Electron").
 */
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type StudioTarget = 'browser' | 'electron';

const root = resolve(import.meta.dirname, '..');

/** The target named by STUDIO_E2E_TARGET (unset = browser); anything else is an error, not a silent default. */
export function studioTarget(env: NodeJS.ProcessEnv = process.env): StudioTarget {
  const v = (env.STUDIO_E2E_TARGET ?? 'browser').trim().toLowerCase();
  if (v === 'browser' || v === '') return 'browser';
  if (v === 'electron') return 'electron';
  throw new Error(`STUDIO_E2E_TARGET=${env.STUDIO_E2E_TARGET}: expected "browser" or "electron"`);
}

/** The installed Electron executable, or null (never triggers electron's download-on-require). */
export function electronExecutable(projectRoot: string = root): string | null {
  const dir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const file = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(file) ? file : null;
}

/** Page origins the Electron app may load from (the rest is blocked and reported by the fixture). */
export function isAppUrl(raw: string): boolean {
  const url = new URL(raw);
  return url.protocol === 'studio:' || url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:';
}

export interface ElectronStudio {
  app: ElectronApplication;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches the built desktop app (out/ must be built: `npm run build`) with its own STUDIO_HOME
 * and returns its window. Makes the Electron-ABI better-sqlite3 first, as `npm start` does.
 */
export async function launchElectronStudio(studioHome: string): Promise<ElectronStudio> {
  const executablePath = electronExecutable();
  if (!executablePath) {
    throw new Error('STUDIO_E2E_TARGET=electron needs the Electron binary (node_modules/electron/dist), which is not installed here');
  }
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('the app is not built: run npm run build');
  const nativeScript = join(root, 'scripts', 'electron-native.mjs');
  const native = (await import(nativeScript)) as { ensureElectronSqlite(o?: object): string };
  native.ensureElectronSqlite();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  env.STUDIO_HOME = studioHome;
  // Chromium refuses to start its OS sandbox as root (containers); never needed on a desktop.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', root] : [root];
  const app = await _electron.launch({ executablePath, args, cwd: root, env });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    close: async () => {
      await app.close();
    },
  };
}

/**
 * The Electron counterpart of the browser-mode `studio` fixture body: launches the app, records
 * console errors, page errors and requests outside the app origin into `problems`, and returns
 * the page plus a close function. e2e/fixtures.ts can use it as:
 *
 *   if (studioTarget() === 'electron') {
 *     const el = await electronStudioPage(mkdtempSync(join(tmpdir(), 'studio-e2e-')), problems);
 *     await expect(el.page.getByTestId('app-ready')).toBeVisible();
 *     await use(el.page);
 *     await el.close();
 *     return;
 *   }
 */
export async function electronStudioPage(studioHome: string, problems: string[]): Promise<{ page: Page; close(): Promise<void> }> {
  const studio = await launchElectronStudio(studioHome);
  const { page } = studio;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!isAppUrl(req.url())) problems.push(`request outside the app: ${req.url()}`);
  });
  return {
    page,
    close: async () => {
      await studio.close();
      rmSync(studioHome, { recursive: true, force: true });
    },
  };
}
