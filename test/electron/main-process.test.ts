/**
 * Loads the real main-process entry (electron/main/index.ts → shell.ts) against a hand-written fake of the
 * `electron` package and asserts the security baseline and the IPC wiring it sets up.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/common/api/contract';
import { parsePolicy } from '../../electron/main/csp';

import type * as FakeElectron from './fake-electron';
import type * as FakeServerModule from './fake-server';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('../../shared/node/api/server', () => import('./fake-server'));

type Fake = typeof FakeElectron;
type FakeServer = typeof FakeServerModule;

const TRUSTED_URL = 'studio://app/index.html';
let dir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-electron-'));
  delete process.env.STUDIO_HOME;
  delete process.env.STUDIO_RESOURCES;
  delete process.env.ELECTRON_RENDERER_URL;
  delete process.env.STUDIO_SQLITE_BINDING;
});

afterEach(() => {
  process.env = { ...savedEnv };
  delete (process as { resourcesPath?: string }).resourcesPath;
  rmSync(dir, { recursive: true, force: true });
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

async function loadMain(configure?: (fake: Fake) => void): Promise<{ fake: Fake; server: FakeServer }> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  const server = (await import('../../shared/node/api/server')) as unknown as FakeServer;
  fake.resetFake();
  server.resetFakeServer();
  fake.app.userData = join(dir, 'user-data');
  configure?.(fake);
  await import('../../electron/main/index');
  await flush();
  return { fake, server };
}

function theWindow(fake: Fake) {
  expect(fake.dialog.errors).toEqual([]);
  expect(fake.BrowserWindow.instances).toHaveLength(1);
  return fake.BrowserWindow.instances[0]!;
}

function packaged(fake: Fake): void {
  fake.app.isPackaged = true;
  (process as { resourcesPath?: string }).resourcesPath = join(dir, 'resources');
}

/** An IPC event as Electron builds it: sender web contents + sender frame. */
function ipcEvent(sender: { id: number }, frame: { parent: unknown; url: string } | null) {
  return { sender, senderFrame: frame };
}

describe('main process: window', () => {
  it('creates one window with the hardened webPreferences and loads the app origin', async () => {
    const { fake } = await loadMain();
    const win = theWindow(fake);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(String(prefs.preload).replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/);
    expect(win.loadedUrl).toBe(TRUSTED_URL);
    // Shown only when the first paint is ready.
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('registers the studio:// scheme as privileged before ready and serves built files with the CSP', async () => {
    const { fake } = await loadMain();
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'studio', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    const handler = fake.protocol.handlers.get('studio');
    expect(handler).toBeDefined();
    // Outside the renderer folder: refused.
    const outside = await handler!({ url: 'studio://app/../../package.json' });
    expect(outside.status).toBe(404);
    const foreignHost = await handler!({ url: 'studio://other/index.html' });
    expect(foreignHost.status).toBe(404);
  });

  it('ignores the dev-server URL once packaged', async () => {
    const { fake } = await loadMain((f) => {
      packaged(f);
      process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    });
    expect(process.env.STUDIO_RESOURCES).toBe(join(dir, 'resources', 'app.asar.unpacked', 'resources'));
    expect(theWindow(fake).loadedUrl).toBe(TRUSTED_URL);
    expect((theWindow(fake).options.webPreferences as Record<string, unknown>).devTools).toBe(false);
  });

  it('uses the dev server in development', async () => {
    const { fake } = await loadMain(() => {
      process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    });
    expect(theWindow(fake).loadedUrl).toBe('http://localhost:5173');
  });

  it('remembers size and position in a JSON file in userData', async () => {
    const first = await loadMain();
    const win = theWindow(first.fake);
    win.bounds = { x: 40, y: 50, width: 1000, height: 700 };
    win.emit('close');
    const file = join(dir, 'user-data', 'window-state.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 50, width: 1000, height: 700, maximized: false });

    const second = await loadMain();
    const opts = theWindow(second.fake).options;
    expect([opts.x, opts.y, opts.width, opts.height]).toEqual([40, 50, 1000, 700]);
  });
});

describe('main process: CSP, navigation, permissions', () => {
  it('sets the CSP header on our pages, with no remote origin', async () => {
    const { fake } = await loadMain();
    const listener = fake.session.defaultSession.headersListener!;
    let result: Record<string, unknown> = {};
    listener({ url: TRUSTED_URL, resourceType: 'mainFrame', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (result = r));
    const headers = result.responseHeaders as Record<string, string[]>;
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    const policy = parsePolicy(headers['Content-Security-Policy']![0]!);
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    for (const value of policy.values()) {
      expect(value).not.toMatch(/https?:|\*|unsafe-eval|wss?:/);
    }
  });

  it('prevents every navigation and denies every window.open (https goes to the system browser)', async () => {
    const { fake } = await loadMain();
    const wc = theWindow(fake).webContents;
    for (const url of ['https://example.com/', TRUSTED_URL, 'file:///etc/passwd']) {
      const e = fake.fakeEvent({ url });
      wc.emit('will-navigate', e, url);
      expect(e.defaultPrevented).toBe(true);
    }
    const webview = fake.fakeEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);

    expect(wc.windowOpenHandler!({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await flush();
    expect(fake.shell.opened).toEqual(['https://example.com/docs']);
  });

  it('denies permission requests by default', async () => {
    const { fake } = await loadMain();
    const ses = fake.session.defaultSession;
    const wc = theWindow(fake).webContents;
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      ses.permissionRequestHandler!(wc, permission, (g) => (granted = g), { requestingUrl });
      return granted;
    };
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(ask(p, TRUSTED_URL)).toBe(false);
      expect(ses.permissionCheckHandler!(wc, p, 'studio://app', {})).toBe(false);
    }
    // The one grant: plain-text clipboard writes, from our own page only.
    expect(ask('clipboard-sanitized-write', TRUSTED_URL)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
});

describe('main process: IPC', () => {
  it('has exactly one handler per contract call, and no other channel', async () => {
    const { fake } = await loadMain();
    const channels = [...fake.ipcMain.handlers.keys()].sort();
    expect(channels).toEqual(CALL_NAMES.map((n) => IPC_CALL_PREFIX + n).sort());
    expect(channels.length).toBeGreaterThan(10);
  });

  it('dispatches a call from our window main frame, with the input validated by the contract', async () => {
    const { fake, server } = await loadMain();
    const wc = theWindow(fake).webContents;
    const handler = fake.ipcMain.handlers.get(IPC_CALL_PREFIX + 'spec.cancel')!;
    const ok = await handler(ipcEvent(wc, { parent: null, url: TRUSTED_URL }), { specId: 's1' });
    expect(ok).toEqual({ ok: true, value: { handledBy: 'server', name: 'spec.cancel' } });
    expect(server.handled).toEqual([{ name: 'spec.cancel', input: { specId: 's1' } }]);

    const bad = (await handler(ipcEvent(wc, { parent: null, url: TRUSTED_URL }), { specId: 42 })) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('bad-input');
    expect(server.handled).toHaveLength(1);
  });

  it('refuses a foreign sender before it looks at the input', async () => {
    const { fake, server } = await loadMain();
    const wc = theWindow(fake).webContents;
    const handler = fake.ipcMain.handlers.get(IPC_CALL_PREFIX + 'spec.cancel')!;
    let touched = 0;
    const input = new Proxy(
      { specId: 's1' },
      {
        get(t, k, r) {
          touched++;
          return Reflect.get(t, k, r);
        },
        ownKeys(t) {
          touched++;
          return Reflect.ownKeys(t);
        },
        getOwnPropertyDescriptor(t, k) {
          touched++;
          return Reflect.getOwnPropertyDescriptor(t, k);
        },
      },
    );
    const cases = [
      ['foreign page in our window', ipcEvent(wc, { parent: null, url: 'https://evil.example/' })],
      ['an iframe of our page', ipcEvent(wc, { parent: {}, url: TRUSTED_URL })],
      ['another web contents', ipcEvent({ id: wc.id + 1000 }, { parent: null, url: TRUSTED_URL })],
      ['a destroyed frame', ipcEvent(wc, null)],
      ['a file:// page', ipcEvent(wc, { parent: null, url: 'file:///tmp/index.html' })],
      ['the dev server when none is configured', ipcEvent(wc, { parent: null, url: 'http://localhost:5173/' })],
    ] as const;
    for (const [label, event] of cases) {
      const r = (await handler(event, input)) as { ok: boolean; error: { code: string; message: string } };
      expect(r.ok, label).toBe(false);
      expect(r.error.message, label).toMatch(/refused spec\.cancel/);
    }
    expect(touched).toBe(0);
    expect(server.handled).toEqual([]);
  });

  it('answers app.pickFile with a native dialog in the shell', async () => {
    const { fake, server } = await loadMain();
    const wc = theWindow(fake).webContents;
    fake.dialog.openResults.push({ canceled: false, filePaths: ['/specs/petstore.yaml'] });
    const handler = fake.ipcMain.handlers.get(IPC_CALL_PREFIX + 'app.pickFile')!;
    const r = await handler(ipcEvent(wc, { parent: null, url: TRUSTED_URL }), { purpose: 'open-spec' });
    expect(r).toEqual({ ok: true, value: { path: '/specs/petstore.yaml' } });
    expect(fake.dialog.openCalls).toHaveLength(1);
    const cancelled = await handler(ipcEvent(wc, { parent: null, url: TRUSTED_URL }), { purpose: 'open-project' });
    expect(cancelled).toEqual({ ok: true, value: { path: null } });
    const bad = (await handler(ipcEvent(wc, { parent: null, url: TRUSTED_URL }), { purpose: 'format-disk' })) as { ok: boolean };
    expect(bad.ok).toBe(false);
    expect(server.handled).toEqual([]);
  });

  it('forwards server events to the window on the event channel', async () => {
    const { fake, server } = await loadMain();
    const wc = theWindow(fake).webContents;
    expect(server.created).toEqual([{ mode: 'electron', studioHome: join(dir, 'user-data'), openDemoOnStart: true }]);
    const payload = { specId: 's1', phase: 'parse' as const, fraction: 0.5, message: 'parsing' };
    server.instances[0]!.hub.emit('spec.progress', payload);
    expect(wc.sent).toContainEqual([IPC_EVENT_CHANNEL, { event: 'spec.progress', payload }]);
    // A closed window receives nothing (and nothing throws).
    wc.destroyed = true;
    server.instances[0]!.hub.emit('spec.progress', payload);
    expect(wc.sent.filter(([c]) => c === IPC_EVENT_CHANNEL)).toHaveLength(1);
  });
});

describe('main process: workspace folder', () => {
  it('uses userData unless STUDIO_HOME is set', async () => {
    const a = await loadMain();
    expect(a.server.created.at(-1)?.studioHome).toBe(join(dir, 'user-data'));
    const b = await loadMain(() => {
      process.env.STUDIO_HOME = join(dir, 'elsewhere');
    });
    expect(b.server.created.at(-1)?.studioHome).toBe(join(dir, 'elsewhere'));
  });

  it('stops the services before quitting', async () => {
    const { fake, server } = await loadMain();
    const e = fake.fakeEvent();
    fake.app.emit('will-quit', e);
    expect(e.defaultPrevented).toBe(true);
    await flush();
    expect(server.closed).toBe(1);
    expect(fake.app.quitCalls).toBe(1);
    // The second will-quit (from that app.quit) goes through.
    const again = fake.fakeEvent();
    fake.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});

describe('main process: single instance and open-with', () => {
  it('quits at once when another instance holds the lock', async () => {
    const { fake, server } = await loadMain((f) => {
      f.app.lockGranted = false;
    });
    expect(fake.app.lockRequests).toBe(1);
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(server.created).toHaveLength(0);
  });

  it('a second launch focuses the window and opens its .connector.json once the page listens', async () => {
    const project = join(dir, 'demo.connector.json');
    const spec = join(dir, 'api.yaml');
    writeFileSync(project, '{}');
    writeFileSync(spec, 'openapi: 3.0.0');
    const { fake } = await loadMain();
    const win = theWindow(fake);
    win.minimized = true;
    fake.app.emit('second-instance', fake.fakeEvent(), ['/opt/studio/connector-studio', '--no-sandbox', 'demo.connector.json', 'api.yaml', 'notes.txt', 'missing.connector.json'], dir);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    const openFileEvents = () => win.webContents.sent.filter(([c, env]) => c === IPC_EVENT_CHANNEL && (env as { event: string }).event === 'app.openFile');
    // Nothing is sent before the page subscribes (it would be lost).
    expect(openFileEvents()).toHaveLength(0);

    // A foreign frame saying "subscribed" does not release the queue.
    fake.ipcMain.emit('studio:subscribed', ipcEvent(win.webContents, { parent: null, url: 'https://evil.example/' }), 'app.openFile');
    expect(openFileEvents()).toHaveLength(0);

    fake.ipcMain.emit('studio:subscribed', ipcEvent(win.webContents, { parent: null, url: TRUSTED_URL }), 'app.openFile');
    expect(openFileEvents().map(([, env]) => (env as { payload: unknown }).payload)).toEqual([
      { path: project, kind: 'project' },
      { path: spec, kind: 'spec' },
    ]);
  });

  it('opens files dropped on the window (from our page only) and macOS open-file', async () => {
    const spec = join(dir, 'dropped.json');
    writeFileSync(spec, '{}');
    const { fake } = await loadMain();
    const win = theWindow(fake);
    const trusted = ipcEvent(win.webContents, { parent: null, url: TRUSTED_URL });
    fake.ipcMain.emit('studio:subscribed', trusted, 'app.openFile');
    fake.ipcMain.emit('studio:dropped', ipcEvent(win.webContents, { parent: {}, url: TRUSTED_URL }), [spec]);
    fake.ipcMain.emit('studio:dropped', trusted, [spec, 'relative.json', join(dir, 'nope.yaml'), 42]);
    const macEvent = fake.fakeEvent();
    fake.app.emit('open-file', macEvent, spec);
    expect(macEvent.defaultPrevented).toBe(true);
    const payloads = win.webContents.sent
      .filter(([c, env]) => c === IPC_EVENT_CHANNEL && (env as { event: string }).event === 'app.openFile')
      .map(([, env]) => (env as { payload: unknown }).payload);
    expect(payloads).toEqual([
      { path: spec, kind: 'spec' },
      { path: spec, kind: 'spec' },
    ]);
  });
});

describe('main process: menu', () => {
  type Item = { label?: string; role?: string; id?: string; accelerator?: string; click?: () => void; submenu?: Item[] };
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

  it('has File / Edit / View / Help with the standard items, and menu commands reach the page', async () => {
    const { fake } = await loadMain();
    const template = fake.Menu.applied!.template as Item[];
    const tops = template.map((t) => (t.label ?? t.role ?? '').replace('&', ''));
    expect(tops).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
    const items = flat(template);
    const byId = (id: string) => items.find((i) => i.id === id);
    expect(byId('open-spec')?.accelerator).toBe('CmdOrCtrl+O');
    expect(byId('save-project')?.accelerator).toBe('CmdOrCtrl+S');
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'toggleDevTools']));

    byId('save-project')!.click!();
    const win = theWindow(fake);
    expect(win.webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, { event: 'app.menu', payload: { command: 'save-project' } }]);
  });

  it('has no developer tools or reload when packaged', async () => {
    const { fake } = await loadMain(packaged);
    const roles = flat(fake.Menu.applied!.template as Item[]).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).toContain('zoomIn');
  });
});
