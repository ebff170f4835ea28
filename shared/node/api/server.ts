import { EventHub, type ServerContext } from './context';
import { createDispatcher, type Dispatch } from './dispatch';
import { buildCallTable } from './table';
import { defaultStudioHome } from '../runtime/paths';
import { appVersion } from '../runtime/static-files';

export { appVersion };

export interface StudioServer {
  ctx: ServerContext;
  hub: EventHub;
  dispatch: Dispatch;
  /** Stops what the services started (demo sandbox, Jsonnet host, workers, database). */
  close(): Promise<void>;
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
