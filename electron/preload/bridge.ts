/**
 * What the preload installs (electron/preload/index.ts): the contract bridge and the drop relay.
 * Kept apart from the entry so the bundled preload exports nothing (a sandboxed preload is a
 * script, not a module) and so tests can drive these pieces with fakes.
 */
import type { IpcRendererEvent, ipcRenderer } from 'electron';
import {
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  isCallName,
  isEventName,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventMap,
  type EventName,
  type StudioBridge,
} from '../../shared/common/api/contract';
import type { Outcome } from '../../shared/common/api/define';

/** Internal channels (not reachable from the page); electron/main/ipc.ts names the same two. */
export const DROP_CHANNEL = 'studio:dropped';
export const SUBSCRIBED_CHANNEL = 'studio:subscribed';

export function createBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>): StudioBridge {
  return {
    invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Outcome<CallOutput<N>>> {
      if (!isCallName(name)) {
        return Promise.resolve({ ok: false, error: { code: 'bad-input', message: `unknown call: ${String(name)}` } });
      }
      return ipc.invoke(IPC_CALL_PREFIX + name, input) as Promise<Outcome<CallOutput<N>>>;
    },
    subscribe<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void {
      if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`);
      if (typeof handler !== 'function') throw new Error('subscribe needs a handler function');
      const relay = (_e: IpcRendererEvent, envelope: unknown): void => {
        if (typeof envelope !== 'object' || envelope === null) return;
        const { event: name, payload } = envelope as { event?: unknown; payload?: unknown };
        if (name === event) handler(payload as EventMap[E]);
      };
      ipc.on(IPC_EVENT_CHANNEL, relay);
      // Lets main hold back events queued before the page listened (files from "open with").
      ipc.send(SUBSCRIBED_CHANNEL, event);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, relay);
      };
    },
  };
}

/** Specs (JSON/YAML) and projects (*.connector.json); other drops are left to the page. */
const STUDIO_FILE = /\.(json|ya?ml)$/i;

/**
 * Files dropped anywhere on the window open with their real path (a project needs one). Only
 * real user drops (isTrusted) of files on disk; the page never sees paths.
 */
export function installDropRelay(
  target: Pick<Window, 'addEventListener'>,
  pathOf: (file: File) => string,
  send: (paths: string[]) => void,
): void {
  target.addEventListener(
    'dragover',
    (e) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    },
    true,
  );
  target.addEventListener(
    'drop',
    (e) => {
      if (!e.isTrusted || !e.dataTransfer || e.dataTransfer.files.length === 0) return;
      const paths = Array.from(e.dataTransfer.files, (f) => pathOf(f)).filter((p) => STUDIO_FILE.test(p));
      if (paths.length === 0) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      send(paths);
    },
    true,
  );
}

