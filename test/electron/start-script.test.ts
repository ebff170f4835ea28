/** `npm start` (scripts/start.mjs): build detection, Electron detection, and the browser-mode fallback for real. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { buildReason, electronBinary, openerFor } from '../../scripts/start.mjs';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'studio-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function touch(file: string, seconds: number): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, 'x');
  utimesSync(file, seconds, seconds);
}

describe('start: when to build', () => {
  it('builds when an output is missing or a source is newer, not otherwise', () => {
    const p = join(tmp, 'proj');
    touch(join(p, 'renderer', 'src', 'App.tsx'), 1000);
    touch(join(p, 'package.json'), 1000);
    expect(buildReason(p)).toBe('missing out/main/index.js');
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) touch(join(p, f), 2000);
    expect(buildReason(p)).toBeNull();
    touch(join(p, 'shared', 'common', 'deep', 'x.ts'), 3000);
    expect(buildReason(p)).toBe('sources changed');
  });
});

describe('start: Electron detection', () => {
  it('finds the binary only when path.txt names a file that exists', () => {
    const p = join(tmp, 'el');
    mkdirSync(join(p, 'node_modules', 'electron'), { recursive: true });
    expect(electronBinary(p, {})).toBeNull();
    writeFileSync(join(p, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(p, {})).toBeNull();
    touch(join(p, 'node_modules', 'electron', 'dist', 'electron'), 1000);
    expect(electronBinary(p, {})).toBe(join(p, 'node_modules', 'electron', 'dist', 'electron'));
    expect(electronBinary(p, { ELECTRON_OVERRIDE_DIST_PATH: join(tmp, 'nowhere') })).toBeNull();
  });

  it('opens a browser only where there is a desktop', () => {
    expect(openerFor('linux', {})).toBeNull();
    expect(openerFor('linux', { DISPLAY: ':0' })).toEqual(['xdg-open']);
    expect(openerFor('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual(['xdg-open']);
    expect(openerFor('darwin', {})).toEqual(['open']);
    expect(openerFor('linux', { DISPLAY: ':0', STUDIO_NO_OPEN: '1' })).toBeNull();
  });
});

describe('start: browser mode', () => {
  it('says why in one line, prints the URL, serves the page, and stops on Ctrl+C', async () => {
    const rendererDir = join(tmp, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>studio under test</title>');
    const env: NodeJS.ProcessEnv = { ...process.env, STUDIO_NO_OPEN: '1', STUDIO_RENDERER_DIR: rendererDir, STUDIO_HOME: join(tmp, 'home') };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--no-build', '--browser'], { cwd: repoRoot, env });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no URL within 20 s; stderr: ${err}`)), 20_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) {
          clearTimeout(timer);
          res(line.trim());
        }
      });
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
      expect(err.split('\n')[0]).toBe('browser mode requested; starting browser mode instead.');
      const page = await fetch(url.replace(/#.*$/, ''));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('studio under test');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
