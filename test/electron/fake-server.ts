/**
 * Stands in for shared/node/api/server in the main-process tests: the real EventHub and the real
 * dispatcher (so contract input validation runs), over a table whose handlers only record calls.
 */
import { EventHub, type ServerContext } from '../../shared/node/api/context';
import { createDispatcher, type CallTable } from '../../shared/node/api/dispatch';
import type { StudioServer } from '../../shared/node/api/server';

export const created: { mode: string; studioHome?: string }[] = [];
export const handled: { name: string; input: unknown }[] = [];
export const instances: StudioServer[] = [];
export let closed = 0;

export function resetFakeServer(): void {
  created.length = 0;
  handled.length = 0;
  instances.length = 0;
  closed = 0;
}

export function createStudioServer(opts: { mode: ServerContext['mode']; studioHome?: string }): StudioServer {
  created.push(opts);
  const hub = new EventHub();
  const ctx: ServerContext = {
    mode: opts.mode,
    studioHome: opts.studioHome ?? '',
    appVersion: '0.0.0-test',
    emit: (e, p) => hub.emit(e, p),
    onClose: () => {},
  };
  const table = new Proxy({} as CallTable, {
    get: (_t, name) => async (input: unknown) => {
      handled.push({ name: String(name), input });
      return { handledBy: 'server', name: String(name) };
    },
  });
  const server: StudioServer = {
    ctx,
    hub,
    dispatch: createDispatcher(table),
    close: async () => {
      closed++;
    },
  };
  instances.push(server);
  return server;
}
