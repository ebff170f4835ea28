import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Separate entry points run in worker threads or child processes. From source (CLI via tsx,
 * vitest) they are the .ts files and need the tsx loader; in the Electron build, electron-vite
 * emits each one beside the main bundle as `<name>.js` (see electron.vite.config.ts).
 */
export const ENTRY_SOURCES = {
  'spec-worker': 'shared/node/spec/worker.ts',
  'jsonnet-host': 'shared/node/mapping/jsonnet-host.ts',
} as const;
export type EntryName = keyof typeof ENTRY_SOURCES;

export interface EntryLaunch {
  file: string;
  /** execArgv for the worker or child (the tsx loader when running from source). */
  execArgv: string[];
}

export function resolveEntry(name: EntryName): EntryLaunch {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // Running from source: this file is shared/node/runtime/entries.ts.
    const root = join(dirname(here), '..', '..', '..');
    return { file: join(root, ENTRY_SOURCES[name]), execArgv: ['--import', 'tsx'] };
  }
  const built = join(dirname(here), `${name}.js`);
  if (!existsSync(built)) throw new Error(`missing built entry ${built}`);
  return { file: built, execArgv: [] };
}
