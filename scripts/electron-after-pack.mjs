// electron-builder `afterPack` hook (electron-builder.yml): runs on the packed app before the
// installers are made. 1) puts the Electron-ABI better-sqlite3 in place of the Node-ABI one
// (building it first if needed: network access to the Electron headers or the project's
// prebuilt binaries); 2) makes node-jsonnet find its engine library beside itself (Linux:
// patchelf $ORIGIN). See docs/adr/0001-native-sqlite-abi.md.
import { join } from 'node:path';
import {
  electronTarget,
  ensureElectronSqlite,
  packedResourcesDir,
  placeElectronSqlite,
  relocateJsonnet,
} from './electron-native.mjs';

// electron-builder's Arch enum.
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export default async function afterPack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH[context.arch] ?? String(context.arch);
  const resources = packedResourcesDir(context.appOutDir, platform, context.packager.appInfo.productFilename);
  const unpacked = join(resources, 'app.asar.unpacked');
  const { abi } = electronTarget();
  const built = ensureElectronSqlite({ platform, arch, log: (m) => console.log(`  • ${m}`) });
  const placed = placeElectronSqlite(unpacked, built, abi);
  console.log(`  • better-sqlite3 for Electron (ABI ${abi}) -> ${placed}`);
  const jsonnet = relocateJsonnet(unpacked, platform);
  console.log(`  • node-jsonnet: copied ${jsonnet.copied.join(', ') || 'nothing'}${jsonnet.rpath ? `, RUNPATH ${jsonnet.rpath}` : ''}`);
}
