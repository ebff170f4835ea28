import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findUp(start: string, probe: string): string | null {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, probe))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

let cachedResources: string | null = null;

/**
 * The `resources/` folder: beside the sources in the repository, beside the bundle when built,
 * or `STUDIO_RESOURCES` (set by the Electron shell to the packaged app's resources).
 */
export function resourcesDir(): string {
  if (process.env.STUDIO_RESOURCES) return resolve(process.env.STUDIO_RESOURCES);
  if (cachedResources) return cachedResources;
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findUp(here, join('resources', 'demo')) ?? findUp(process.cwd(), join('resources', 'demo'));
  if (!root) throw new Error('cannot find the resources folder (set STUDIO_RESOURCES)');
  cachedResources = join(root, 'resources');
  return cachedResources;
}

/** The workspace folder: `STUDIO_HOME`, else the platform's user-data folder. */
export function defaultStudioHome(): string {
  if (process.env.STUDIO_HOME) return resolve(process.env.STUDIO_HOME);
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Connector Studio');
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Connector Studio');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'connector-studio');
  }
}
