import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { AppOpenFileEvent } from '../../shared/common/api/calls-app';

/** What kind of studio file a path names: a project (`*.connector.json`), a spec (JSON/YAML), or neither. */
export function classifyStudioFile(path: string): AppOpenFileEvent['kind'] | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.connector.json')) return 'project';
  if (lower.endsWith('.json') || lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'spec';
  return null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Files to open from a command line ("open with", a second launch): arguments that are not
 * switches, name an existing file, and are a spec or a project. The executable (and, when not
 * packaged, the app folder) is skipped because it is not such a file.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): AppOpenFileEvent[] {
  const out: AppOpenFileEvent[] = [];
  let switchesEnded = false;
  for (const arg of argv.slice(1)) {
    if (!switchesEnded && arg === '--') {
      switchesEnded = true;
      continue;
    }
    if (!switchesEnded && arg.startsWith('-')) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    const kind = classifyStudioFile(path);
    if (kind && isFile(path)) out.push({ path, kind });
  }
  return out;
}

/** Validates paths a drop on the window reported (untrusted shape) into open-file events. */
export function filesFromDrop(raw: unknown): AppOpenFileEvent[] {
  if (!Array.isArray(raw)) return [];
  const out: AppOpenFileEvent[] = [];
  for (const p of raw.slice(0, 16)) {
    if (typeof p !== 'string' || p.length === 0 || p.length > 4096 || !isAbsolute(p)) continue;
    const kind = classifyStudioFile(p);
    if (kind && isFile(p)) out.push({ path: p, kind });
  }
  return out;
}

/**
 * Files waiting for the page: "open with" arrives before the window has loaded, so requests are
 * queued until the page is ready, then delivered in order (Fiddle's ready-queue).
 */
export class OpenFileQueue {
  private pending: AppOpenFileEvent[] = [];
  private deliver: ((f: AppOpenFileEvent) => void) | null = null;

  push(file: AppOpenFileEvent): void {
    if (this.deliver) this.deliver(file);
    else this.pending.push(file);
  }

  /** The page is ready: deliver what waited and everything after it. */
  ready(deliver: (f: AppOpenFileEvent) => void): void {
    this.deliver = deliver;
    for (const f of this.pending.splice(0)) deliver(f);
  }

  /** The page went away (reload, window closed): queue again. */
  notReady(): void {
    this.deliver = null;
  }

  get size(): number {
    return this.pending.length;
  }
}
