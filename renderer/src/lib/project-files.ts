/** Default file locations and error details for project documents and bundles (pure). */
import type { SecretFinding } from '../../../shared/common/api/calls-bundle';
import type { StudioErrorData } from '../../../shared/common/api/define';
import { basename, dirname, joinPath, slugify } from './paths';

export const PROJECT_EXT = '.connector.json';

/**
 * A default project file path: <studioHome>/<slug>.connector.json (the studio home exists; the
 * save handlers do not create missing folders).
 */
export function defaultProjectPath(studioHome: string, name: string): string {
  return joinPath(studioHome, `${slugify(name)}${PROJECT_EXT}`);
}

/** "a/b/x.connector.json" → "a/b/x-copy.connector.json". */
export function copyPath(path: string): string {
  const name = basename(path);
  const stem = name.endsWith(PROJECT_EXT) ? name.slice(0, -PROJECT_EXT.length) : name.replace(/\.json$/, '');
  return joinPath(dirname(path), `${stem}-copy${PROJECT_EXT}`);
}

/** Default bundle path: beside the project file, named after the project. */
export function defaultBundlePath(projectPath: string, name: string): string {
  return joinPath(dirname(projectPath), `${slugify(name)}.bundle.json`);
}

/** Findings carried by a `secret-found` error (details.findings or details as the list). */
export function findingsOf(error: StudioErrorData | null): SecretFinding[] {
  if (!error || error.code !== 'secret-found') return [];
  const d = error.details as { findings?: unknown } | unknown[] | undefined;
  const list = Array.isArray(d) ? d : Array.isArray((d as { findings?: unknown })?.findings) ? (d as { findings: unknown[] }).findings : [];
  return list.filter((f): f is SecretFinding => typeof f === 'object' && f !== null && 'path' in f);
}

