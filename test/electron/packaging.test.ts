/**
 * Packaging pieces that run here without the Electron binary: the electron-builder config
 * against electron-builder's own schema, the native-module checks, and the jsonnet RUNPATH fix
 * (real patchelf, checked with the real dynamic loader).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script without type declarations
import * as native from '../../scripts/electron-native.mjs';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const require = createRequire(join(repoRoot, 'package.json'));
const tmp = mkdtempSync(join(tmpdir(), 'studio-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new () => unknown };
    await expect(validateConfiguration(config, new DebugLogger())).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nope: 1 }, new DebugLogger())).rejects.toThrow(/unknown property 'nope'/);
  });

  it('targets AppImage + deb, dmg and NSIS, associates .connector.json, unpacks the native modules', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Connector Studio');
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'connector.json' })]);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['resources/**', '**/node_modules/better-sqlite3/**', '**/node_modules/@hanazuki/node-jsonnet/**']),
    );
    // An in-place rebuild would switch node_modules to Electron's ABI and break tests and the CLI.
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('./scripts/electron-after-pack.mjs');
    for (const icon of ['resources/icons/icon.png', 'resources/icons/linux/512x512.png', 'resources/icons/linux/16x16.png']) {
      const png = readFileSync(join(repoRoot, icon));
      expect(png.subarray(1, 4).toString('latin1'), icon).toBe('PNG');
    }
  });
});

describe('native modules', () => {
  it('reads the ABI of a V8-ABI addon, and none from an N-API addon', () => {
    const sqlite = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    expect(native.addonAbi(sqlite)).toBe(Number(process.versions.modules));
    const jsonnet = join(repoRoot, 'node_modules', '@hanazuki', 'node-jsonnet', 'build', 'Release', 'node-jsonnet.node');
    expect(native.addonAbi(jsonnet)).toBeNull();
    expect(native.electronTarget(repoRoot)).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), abi: expect.any(Number) });
  });

  it('refuses to put a Node-ABI better-sqlite3 into a packed app', () => {
    const unpacked = join(tmp, 'app.asar.unpacked');
    const dest = join(unpacked, 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(dest, { recursive: true });
    writeFileSync(join(dest, 'better_sqlite3.node'), 'old');
    const nodeBuild = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const { abi } = native.electronTarget(repoRoot);
    expect(() => native.placeElectronSqlite(unpacked, nodeBuild, abi)).toThrow(new RegExp(`ABI ${process.versions.modules}, Electron needs ${abi}`));
    expect(readFileSync(join(dest, 'better_sqlite3.node'), 'utf8')).toBe('old');
    expect(() => native.placeElectronSqlite(join(tmp, 'empty'), nodeBuild, abi)).toThrow(/is missing/);
  });

  it.runIf(process.platform === 'linux')('makes node-jsonnet load its engine from beside itself (patchelf $ORIGIN)', () => {
    const hasPatchelf = spawnSync('patchelf', ['--version']).status === 0;
    expect(hasPatchelf, 'patchelf is installed (apt-get install patchelf)').toBe(true);
    const unpacked = join(tmp, 'packed', 'resources', 'app.asar.unpacked');
    const pkg = join('node_modules', '@hanazuki', 'node-jsonnet');
    const release = join(unpacked, pkg, 'build', 'Release');
    mkdirSync(release, { recursive: true });
    cpSync(join(repoRoot, pkg, 'build', 'Release', 'node-jsonnet.node'), join(release, 'node-jsonnet.node'));
    cpSync(join(repoRoot, pkg, 'package.json'), join(unpacked, pkg, 'package.json'));
    // Before: the copy still points into the build folder of this checkout.
    expect(execFileSync('patchelf', ['--print-rpath', join(release, 'node-jsonnet.node')], { encoding: 'utf8' }).trim()).toContain(join(pkg, 'build'));

    const r = native.relocateJsonnet(unpacked, 'linux', repoRoot);
    expect(r).toEqual({ addon: join(release, 'node-jsonnet.node'), copied: ['libjsonnet.so.0'], rpath: '$ORIGIN' });
    const ldd = execFileSync('ldd', [join(release, 'node-jsonnet.node')], { encoding: 'utf8' });
    expect(ldd).toContain(`libjsonnet.so.0 => ${join(release, 'libjsonnet.so.0')}`);
    // And it really loads and evaluates from there, in a fresh Node.
    const probe = `const m = { exports: {} }; process.dlopen(m, ${JSON.stringify(join(release, 'node-jsonnet.node'))});
      const maps = require('fs').readFileSync('/proc/self/maps', 'utf8');
      console.log(maps.includes(${JSON.stringify(join(release, 'libjsonnet.so.0'))}) ? 'loaded-from-package' : 'loaded-elsewhere');`;
    const out = execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim();
    expect(out).toBe('loaded-from-package');
  });
});
