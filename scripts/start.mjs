#!/usr/bin/env node
// `npm start`: build when needed, then run the desktop app when Electron's binary is installed;
// otherwise say so in one line and run browser mode (`cli serve`), opening the page when there
// is a desktop to open it on. Runs until Ctrl+C.
//
//   npm start                       (add `-- --browser` to force browser mode, `-- --port N`)
//   STUDIO_NO_OPEN=1 npm start      browser mode without opening a browser
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the build reads: when any of it is newer than the oldest build output, rebuild. */
export const BUILD_INPUTS = ['electron', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json'];
export const BUILD_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0; // files only: a folder's own time changes when anything is created in it
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Why a build is needed ('missing <file>' or 'sources changed'), or null when out/ is current. */
export function buildReason(projectRoot = root) {
  let oldestOut = Infinity;
  for (const rel of BUILD_OUTPUTS) {
    const file = join(projectRoot, rel);
    if (!existsSync(file)) return `missing ${rel}`;
    oldestOut = Math.min(oldestOut, statSync(file).mtimeMs);
  }
  const newestIn = Math.max(...BUILD_INPUTS.map((rel) => newestMtime(join(projectRoot, rel))));
  return newestIn > oldestOut ? 'sources changed' : null;
}

/** The Electron executable when it is really installed (never triggers electron's download-on-require). */
export function electronBinary(projectRoot = root, env = process.env) {
  const dir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return existsSync(file) ? file : null;
  }
  if (!rel) return null;
  const file = join(dir, 'dist', rel);
  return existsSync(file) ? file : null;
}

/** The command that opens a URL in the desktop's browser, or null when there is no desktop. */
export function openerFor(platform = process.platform, env = process.env) {
  if (env.STUDIO_NO_OPEN) return null;
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""'];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ['xdg-open'];
  return null;
}

function build() {
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('start: the build failed (run `npm run build` to see why)');
    process.exit(r.status ?? 1);
  }
}

/** Runs a child until it ends; Ctrl+C and SIGTERM are passed on to it. */
function supervise(child) {
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function electronMode(binary, args) {
  // The desktop app needs better-sqlite3 built for Electron's ABI (docs/adr/0001-native-sqlite-abi.md).
  const { ensureElectronSqlite } = await import('./electron-native.mjs');
  try {
    ensureElectronSqlite({ log: (m) => console.error(`start: ${m}`) });
  } catch (err) {
    return `Electron is installed, but ${err instanceof Error ? err.message : String(err)}`;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  supervise(spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit', env }));
  return null;
}

function browserMode(args) {
  const cli = join(root, 'cli', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--demo', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  let buffered = '';
  let opened = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const line = buffered.split('\n')[0];
    if (opened || !buffered.includes('\n') || !line) return;
    opened = true;
    // serve prints the URL (with its per-launch token) as the first line on stdout.
    console.log(line.trim());
    const opener = openerFor();
    if (opener) {
      const [cmd, ...rest] = opener;
      const o = spawn(cmd, [...rest, line.trim()], { stdio: 'ignore', detached: true });
      o.on('error', () => {});
      o.unref();
    }
  });
  supervise(child);
}

async function main() {
  const argv = process.argv.slice(2);
  const forceBrowser = argv.includes('--browser');
  const noBuild = argv.includes('--no-build');
  const passOn = argv.filter((a) => a !== '--browser' && a !== '--no-build');
  // A fresh checkout: install the locked dependencies first (the Electron binary is never downloaded).
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
    console.error('start: installing dependencies (npm ci)…');
    const r = spawnSync('npm', ['ci', '--no-fund', '--no-audit'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    });
    if (r.status !== 0) throw new Error('npm ci failed');
  }
  if (!noBuild) {
    const reason = buildReason();
    if (reason) {
      console.error(`start: building (${reason})…`);
      build();
    }
  }
  const binary = forceBrowser ? null : electronBinary();
  let why = forceBrowser ? 'browser mode requested' : binary ? null : 'Electron is not installed here (no binary under node_modules/electron/dist)';
  if (binary) why = await electronMode(binary, passOn);
  if (why) {
    console.error(`${why}; starting browser mode instead.`);
    browserMode(passOn);
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((err) => {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
