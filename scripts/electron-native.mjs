#!/usr/bin/env node
// better-sqlite3 under two ABIs (docs/adr/0001-native-sqlite-abi.md).
//
// node_modules keeps the Node-ABI build (tests, CLI, browser mode). The desktop app needs a
// second build of the same version for Electron's ABI. This script makes that build once into
//   node_modules/.cache/connector-studio/better-sqlite3/electron-<version>-<platform>-<arch>/
// (npm ci wipes it with node_modules, so it never outlives the version it was built from) and
// checks the ABI of the result, because a build against the wrong headers "succeeds" silently.
//
//   node scripts/electron-native.mjs            build (or reuse) for this machine, print the path
//   node scripts/electron-native.mjs --check    print the path if a good build exists, else exit 1
//
// Used by scripts/start.mjs (before launching Electron), scripts/electron-after-pack.mjs
// (packaging) and electron/main/native-sqlite.ts (finds the file in development).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The Electron version and its Node module ABI, from the installed electron package (no binary needed). */
export function electronTarget(projectRoot = root) {
  const dir = join(projectRoot, 'node_modules', 'electron');
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const abi = Number(readFileSync(join(dir, 'abi_version'), 'utf8').trim());
  return { version, abi };
}

/** The ABI a V8-ABI addon was built for (from its `node_register_module_v<N>` export), or null. */
export function addonAbi(file) {
  const text = readFileSync(file).toString('latin1');
  const m = /node_register_module_v(\d+)/.exec(text);
  return m ? Number(m[1]) : null;
}

export function electronSqliteFile({ version, platform = process.platform, arch = process.arch, projectRoot = root }) {
  return join(
    projectRoot,
    'node_modules',
    '.cache',
    'connector-studio',
    'better-sqlite3',
    `electron-${version}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

/** The path of a good Electron-ABI build for this target, or null. */
export function findElectronSqlite({ platform = process.platform, arch = process.arch, projectRoot = root } = {}) {
  const { version, abi } = electronTarget(projectRoot);
  const file = electronSqliteFile({ version, platform, arch, projectRoot });
  return existsSync(file) && addonAbi(file) === abi ? file : null;
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/**
 * Builds better-sqlite3 for Electron in a scratch copy of the package: first the project's own
 * prebuilt binary for that Electron (prebuild-install), else a source build against Electron's
 * headers (node-gyp; `nodedir` from ~/.npmrc is cleared, or node-gyp would quietly use Node's
 * headers). Needs network access to fetch either. Returns the path; throws with the reason.
 */
export function ensureElectronSqlite({ platform = process.platform, arch = process.arch, log = () => {} } = {}) {
  // A build made elsewhere (another machine, a CI artifact): used as is after the ABI check.
  const given = process.env.STUDIO_ELECTRON_SQLITE;
  if (given) {
    const { abi } = electronTarget();
    const got = existsSync(given) ? addonAbi(given) : null;
    if (got !== abi) throw new Error(`STUDIO_ELECTRON_SQLITE=${given} is built for ABI ${got ?? 'nothing'}, Electron needs ${abi}`);
    return given;
  }
  const found = findElectronSqlite({ platform, arch });
  if (found) return found;
  if (platform !== process.platform) {
    throw new Error(`better-sqlite3 for Electron on ${platform} must be built on ${platform} (this is ${process.platform})`);
  }
  const { version, abi } = electronTarget();
  const target = electronSqliteFile({ version, platform, arch });
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(dirname(target), 'src');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(pkgDir, work, { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) });

  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];
  env.npm_config_nodedir = '';
  const attempts = [];
  log(`building better-sqlite3 for Electron ${version} (ABI ${abi}, ${platform}-${arch})`);
  const prebuild = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const pre = run(process.execPath, [prebuild, '--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--platform=${platform}`], { cwd: work, env });
  attempts.push(`prebuild-install: ${pre.ok ? 'ok' : lastLine(pre.output).replace(/^prebuild-install warn install /, '')}`);
  let built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!pre.ok || !existsSync(built) || addonAbi(built) !== abi) {
    const gyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
    const src = run(
      process.execPath,
      [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: work, env },
    );
    attempts.push(`node-gyp: ${src.ok ? 'ok' : lastLine(src.output)}`);
  }
  built = join(work, 'build', 'Release', 'better_sqlite3.node');
  const got = existsSync(built) ? addonAbi(built) : null;
  if (got !== abi) {
    rmSync(dirname(target), { recursive: true, force: true });
    throw new Error(
      `could not build better-sqlite3 for Electron ${version} (want ABI ${abi}, got ${got ?? 'nothing'}): ${attempts.join('; ')}`,
    );
  }
  cpSync(built, target);
  rmSync(work, { recursive: true, force: true });
  return target;
}

// ---------------------------------------------------------------------------------------------
// Packaging (scripts/electron-after-pack.mjs calls these on the packed, not yet installed, app).

/** Where electron-builder put the app's resources for a platform. */
export function packedResourcesDir(appOutDir, platform, productFilename) {
  return platform === 'darwin' || platform === 'mas'
    ? join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources')
    : join(appOutDir, 'resources');
}

/** Replaces the Node-ABI better_sqlite3.node in the unpacked app with the Electron build (ABI checked). */
export function placeElectronSqlite(unpackedDir, electronBuild, abi) {
  const dest = join(unpackedDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(dest)) throw new Error(`packaging: ${dest} is missing (is better-sqlite3 in asarUnpack?)`);
  const got = addonAbi(electronBuild);
  if (got !== abi) throw new Error(`packaging: ${electronBuild} is built for ABI ${got ?? 'unknown'}, Electron needs ${abi}`);
  cpSync(electronBuild, dest);
  return dest;
}

/**
 * node-jsonnet's addon finds libjsonnet through an absolute RUNPATH into the build folder
 * (TOOLCHAIN §9.8), which does not exist on the user's machine. On Linux: copy the library
 * beside the addon and set the RUNPATH to $ORIGIN with patchelf. Returns what it did.
 */
export function relocateJsonnet(unpackedDir, platform = process.platform, projectRoot = root) {
  const pkg = join('node_modules', '@hanazuki', 'node-jsonnet');
  const addon = join(unpackedDir, pkg, 'build', 'Release', 'node-jsonnet.node');
  if (!existsSync(addon)) throw new Error(`packaging: ${addon} is missing (is @hanazuki/node-jsonnet in asarUnpack?)`);
  const libDir = join(projectRoot, pkg, 'build', 'third_party', 'jsonnet');
  if (platform !== 'linux') {
    // Not verified here (no macOS/Windows machine): copy the engine library beside the addon,
    // which Windows searches; on macOS check `otool -L` of the result before shipping.
    const libs = existsSync(libDir) ? readdirSync(libDir).filter((f) => /^(lib)?jsonnet.*\.(dylib|dll)$/.test(f)) : [];
    for (const f of libs) cpSync(join(libDir, f), join(dirname(addon), f), { dereference: true });
    return { addon, copied: libs, rpath: null };
  }
  const lib = join(libDir, 'libjsonnet.so.0');
  if (!existsSync(lib)) throw new Error(`packaging: ${lib} is missing (was @hanazuki/node-jsonnet built from source?)`);
  cpSync(lib, join(dirname(addon), 'libjsonnet.so.0'), { dereference: true });
  const set = run('patchelf', ['--set-rpath', '$ORIGIN', addon]);
  if (!set.ok) throw new Error(`packaging: patchelf failed (apt-get install patchelf): ${lastLine(set.output)}`);
  const check = run('patchelf', ['--print-rpath', addon]);
  if (!check.ok || check.output !== '$ORIGIN') throw new Error(`packaging: RUNPATH of ${addon} is ${check.output}, expected $ORIGIN`);
  return { addon, copied: ['libjsonnet.so.0'], rpath: '$ORIGIN' };
}

function lastLine(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.some((l) => /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/i.test(l))) return 'no network access';
  const telling = lines.find((l) => /gyp ERR! stack Error|No prebuilt/i.test(l));
  return telling ?? lines.at(-1) ?? 'failed';
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const check = process.argv.includes('--check');
  try {
    const file = check ? findElectronSqlite() : ensureElectronSqlite({ log: (m) => console.error(m) });
    if (!file) {
      console.error('no Electron build of better-sqlite3 yet: run node scripts/electron-native.mjs');
      process.exit(1);
    }
    console.log(file);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
