import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 under two ABIs (docs/adr/0001-native-sqlite-abi.md). node_modules holds the
 * Node-ABI build; in development the Electron-ABI build lives in node_modules/.cache (made by
 * scripts/electron-native.mjs, which `npm start` runs) and is handed to the workspace database
 * through STUDIO_SQLITE_BINDING (better-sqlite3's `nativeBinding` option). A packaged app needs
 * none of this: the packaging hook put the Electron build in place of the Node one.
 */
export const SQLITE_BINDING_ENV = 'STUDIO_SQLITE_BINDING';

export function devSqliteBindingPath(projectRoot: string, electronVersion: string, platform: string, arch: string): string {
  return join(
    projectRoot,
    'node_modules',
    '.cache',
    'connector-studio',
    'better-sqlite3',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

/** Sets STUDIO_SQLITE_BINDING in development when the Electron build exists; returns what it set (or null). */
export function configureSqliteBinding(o: {
  isPackaged: boolean;
  projectRoot: string;
  env: NodeJS.ProcessEnv;
  electronVersion: string;
  platform: string;
  arch: string;
}): string | null {
  if (o.isPackaged) return null;
  if (o.env[SQLITE_BINDING_ENV]) return o.env[SQLITE_BINDING_ENV] ?? null;
  const file = devSqliteBindingPath(o.projectRoot, o.electronVersion, o.platform, o.arch);
  if (!existsSync(file)) return null;
  o.env[SQLITE_BINDING_ENV] = file;
  return file;
}
