/** The main process's small modules, on their own (no Electron needed). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, CSP_DIRECTIVES, HEADER_ONLY_DIRECTIVES, parsePolicy, withCsp } from '../../electron/main/csp';
import { createAppFileHandler, createUrlTrust, resolveAppFile } from '../../electron/main/app-origin';
import { isSafeExternalUrl, openExternalSafely } from '../../electron/main/external-links';
import { classifyStudioFile, filesFromArgv, filesFromDrop, OpenFileQueue } from '../../electron/main/files';
import { fitToDisplays, loadWindowState, parseWindowState, saveWindowState } from '../../electron/main/window-state';
import { buildMenuTemplate } from '../../electron/main/menu';
import { configureSqliteBinding, devSqliteBindingPath } from '../../electron/main/native-sqlite';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'studio-shell-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('CSP', () => {
  it('agrees with the meta tag in renderer/index.html (the header adds only header-only tightenings)', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const m = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(m, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    const meta = parsePolicy(m![1]!);
    const header = parsePolicy(contentSecurityPolicy());
    for (const [d, v] of meta) expect(header.get(d), d).toBe(v);
    for (const d of header.keys()) if (!meta.has(d)) expect(HEADER_ONLY_DIRECTIVES, d).toContain(d);
  });

  it('names no remote origin and allows no eval', () => {
    for (const [d, v] of CSP_DIRECTIVES) {
      expect(v, d).not.toMatch(/https?:|wss?:|\*|unsafe-eval|unsafe-hashes|strict-dynamic/);
    }
    expect(parsePolicy(contentSecurityPolicy()).get('script-src')).toBe("'self'");
  });

  it('replaces a policy a response carried', () => {
    const h = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' });
    expect(h['Content-Type']).toEqual(['text/html']);
    expect(Object.keys(h).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
  });
});

describe('app origin', () => {
  it('trusts studio://app and, only when given, the dev server origin', () => {
    const prod = createUrlTrust(null);
    expect(prod('studio://app/index.html')).toBe(true);
    expect(prod('studio://app/')).toBe(true);
    expect(prod('studio://evil/index.html')).toBe(false);
    expect(prod('http://localhost:5173/')).toBe(false);
    expect(prod('file:///index.html')).toBe(false);
    expect(prod('not a url')).toBe(false);
    const dev = createUrlTrust('http://localhost:5173');
    expect(dev('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
  });

  it('maps studio://app/ paths into the renderer folder and refuses traversal', () => {
    const dir = join(tmp, 'renderer');
    expect(resolveAppFile(dir, 'studio://app/')).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'studio://app/assets/a%20b.js')).toBe(join(dir, 'assets', 'a b.js'));
    expect(resolveAppFile(dir, 'studio://app/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    // The URL parser folds %2e%2e segments: what remains stays inside the folder.
    expect(resolveAppFile(dir, 'studio://app/%2e%2e/secret')).toBe(join(dir, 'secret'));
    expect(resolveAppFile(dir, 'studio://app/a/..%2F..%2F..%2Fsecret')).toBeNull();
    expect(resolveAppFile(dir, 'studio://app/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(dir, 'studio://other/index.html')).toBeNull();
    expect(resolveAppFile(dir, 'file:///etc/passwd')).toBeNull();
  });

  it('serves a real file with its type and the CSP, and 404 for a missing one', async () => {
    const dir = join(tmp, 'renderer-serve');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const handle = createAppFileHandler(dir);
    const page = await handle({ url: 'studio://app/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await page.text()).toContain('<title>x</title>');
    const js = await handle({ url: 'studio://app/assets/app.js' });
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await handle({ url: 'studio://app/missing.js' })).status).toBe(404);
  });
});

describe('external links', () => {
  it('allows plain https links only', async () => {
    expect(isSafeExternalUrl('https://example.com/a?b=c')).toBe(true);
    for (const bad of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/', 'smb://host/share', 'studio://app/', '']) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
    const opened: string[] = [];
    const shell = { openExternal: async (u: string) => void opened.push(u) };
    expect(await openExternalSafely(shell, 'file:///x')).toBe(false);
    expect(await openExternalSafely(shell, 'https://example.com/')).toBe(true);
    expect(opened).toEqual(['https://example.com/']);
  });
});

describe('files to open', () => {
  it('classifies projects and specs', () => {
    expect(classifyStudioFile('/x/Demo.CONNECTOR.json')).toBe('project');
    expect(classifyStudioFile('/x/api.json')).toBe('spec');
    expect(classifyStudioFile('/x/api.yml')).toBe('spec');
    expect(classifyStudioFile('/x/notes.txt')).toBeNull();
  });

  it('takes existing studio files from argv, skipping the executable and switches', () => {
    const p = join(tmp, 'p.connector.json');
    writeFileSync(p, '{}');
    const s = join(tmp, 'sub dir', 'api.yaml');
    mkdirSync(join(tmp, 'sub dir'), { recursive: true });
    writeFileSync(s, 'openapi: 3.1.0');
    const argv = [join(tmp, 'p.connector.json'), '--inspect=9229', 'p.connector.json', 'sub dir/api.yaml', 'gone.json', '--', '-weird.json'];
    expect(filesFromArgv(argv, tmp)).toEqual([
      { path: p, kind: 'project' },
      { path: s, kind: 'spec' },
    ]);
    // A directory named like a spec is not a file.
    mkdirSync(join(tmp, 'dir.json'), { recursive: true });
    expect(filesFromArgv(['exe', 'dir.json'], tmp)).toEqual([]);
  });

  it('validates dropped paths', () => {
    const p = join(tmp, 'd.json');
    writeFileSync(p, '{}');
    expect(filesFromDrop('not an array')).toEqual([]);
    expect(filesFromDrop([p, 'relative.json', 7, join(tmp, 'missing.json')])).toEqual([{ path: p, kind: 'spec' }]);
  });

  it('queues files until the page is ready, and again after it goes away', () => {
    const q = new OpenFileQueue();
    const got: string[] = [];
    q.push({ path: '/a.json', kind: 'spec' });
    expect(q.size).toBe(1);
    q.ready((f) => got.push(f.path));
    q.push({ path: '/b.json', kind: 'spec' });
    q.notReady();
    q.push({ path: '/c.json', kind: 'spec' });
    expect(got).toEqual(['/a.json', '/b.json']);
    q.ready((f) => got.push(f.path));
    expect(got).toEqual(['/a.json', '/b.json', '/c.json']);
  });
});

describe('window state', () => {
  const screenA = { x: 0, y: 0, width: 1920, height: 1080 };
  const screenB = { x: 1920, y: 0, width: 1280, height: 1024 };

  it('parses only well-formed state', () => {
    expect(parseWindowState('{"x":1,"y":2,"width":1000,"height":700,"maximized":true}')).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
    expect(parseWindowState('{"width":1000,"height":700}')).toEqual({ width: 1000, height: 700, maximized: false });
    for (const bad of ['', '{', 'null', '[]', '{"width":"1000","height":700}', '{"width":-5,"height":700}', '{"width":1e9,"height":700}']) {
      expect(parseWindowState(bad), bad).toBeNull();
    }
  });

  it('keeps a position on a connected display, centres a window whose display is gone, clamps the size', () => {
    expect(fitToDisplays({ x: 2000, y: 100, width: 1000, height: 700, maximized: false }, [screenA, screenB])).toEqual({ x: 2000, y: 100, width: 1000, height: 700, maximized: false });
    expect(fitToDisplays({ x: 2000, y: 100, width: 1000, height: 700, maximized: false }, [screenA])).toEqual({ width: 1000, height: 700, maximized: false });
    expect(fitToDisplays({ x: 0, y: 0, width: 5000, height: 100, maximized: true }, [screenA])).toEqual({ x: 0, y: 0, width: 1920, height: 600, maximized: true });
  });

  it('round-trips through the file and falls back to defaults for a broken one', () => {
    const file = join(tmp, 'ws', 'window-state.json');
    saveWindowState(file, { x: 10, y: 20, width: 1100, height: 800, maximized: false });
    expect(loadWindowState(file, [screenA])).toEqual({ x: 10, y: 20, width: 1100, height: 800, maximized: false });
    writeFileSync(file, '{ broken');
    expect(loadWindowState(file, [screenA])).toEqual({ width: 1280, height: 820, maximized: false });
    expect(loadWindowState(join(tmp, 'nope.json'), [screenA])).toEqual({ width: 1280, height: 820, maximized: false });
  });
});

describe('menu template', () => {
  it('on macOS has the app menu and Window menu, Close instead of Quit in File', () => {
    const t = buildMenuTemplate({ appName: 'Connector Studio', isMac: true, development: false, command: () => {}, about: () => {}, showWorkspaceFolder: () => {} });
    expect(t.map((i) => i.label ?? i.role)).toEqual(['Connector Studio', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
    const file = t[1]!.submenu as { role?: string }[];
    expect(file.map((i) => i.role).filter(Boolean)).toEqual(['close']);
  });
});

describe('native sqlite binding (development)', () => {
  it('points STUDIO_SQLITE_BINDING at the Electron build when it exists, never when packaged', () => {
    const root = join(tmp, 'proj');
    const file = devSqliteBindingPath(root, '45.6.0', 'linux', 'x64');
    const env: NodeJS.ProcessEnv = {};
    const opts = { isPackaged: false, projectRoot: root, env, electronVersion: '45.6.0', platform: 'linux', arch: 'x64' };
    expect(configureSqliteBinding(opts)).toBeNull();
    expect(env.STUDIO_SQLITE_BINDING).toBeUndefined();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'x');
    expect(configureSqliteBinding({ ...opts, isPackaged: true })).toBeNull();
    expect(configureSqliteBinding(opts)).toBe(file);
    expect(env.STUDIO_SQLITE_BINDING).toBe(file);
    // An explicit setting wins.
    const env2: NodeJS.ProcessEnv = { STUDIO_SQLITE_BINDING: '/custom.node' };
    expect(configureSqliteBinding({ ...opts, env: env2 })).toBe('/custom.node');
  });
});
