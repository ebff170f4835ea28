import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventHub, type ServerContext } from './context';
import { createDispatcher, type Dispatch } from './dispatch';
import { buildCallTable } from './table';
import { defaultStudioHome, resourcesDir } from '../runtime/paths';

export interface StudioServer {
  ctx: ServerContext;
  hub: EventHub;
  dispatch: Dispatch;
  /** Stops what the services started (demo sandbox, Jsonnet host, workers, database). */
  close(): Promise<void>;
}


export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(resourcesDir(), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The Node side of the contract, shared by the Electron shell and browser mode. */
export function createStudioServer(opts: {
  mode: ServerContext['mode'];
  studioHome?: string;
  openDemoOnStart?: boolean;
}): StudioServer {
  const hub = new EventHub();
  const closers: (() => Promise<void> | void)[] = [];
  const ctx: ServerContext = {
    mode: opts.mode,
    studioHome: opts.studioHome ?? defaultStudioHome(),
    appVersion: appVersion(),
    openDemoOnStart: opts.openDemoOnStart ?? false,
    emit: (event, payload) => hub.emit(event, payload),
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  const table = buildCallTable(ctx);
  const dispatch = createDispatcher(table, (name, err) => {
    process.stderr.write(`internal error in ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  });
  return {
    ctx,
    hub,
    dispatch,
    close: async () => {
      // Last started, first stopped.
      for (const fn of closers.splice(0).reverse()) await fn();
    },
  };
}
