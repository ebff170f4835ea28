import type { IpcMainInvokeEvent } from 'electron';
import {
  CALL_NAMES,
  contract,
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  isCallName,
  type CallName,
  type CallOutput,
  type EventMap,
  type EventName,
  type ParsedInput,
} from '../../shared/common/api/contract';
import { StudioError, type Outcome } from '../../shared/common/api/define';
import type { EventHub } from '../../shared/node/api/context';
import type { Dispatch } from '../../shared/node/api/dispatch';

/**
 * Internal channels between the preload and main (not reachable from the page, which only has
 * window.studio): paths of files dropped on the window, and "the page now listens to an event".
 */
export const IPC_DROP_CHANNEL = 'studio:dropped';
export const IPC_SUBSCRIBED_CHANNEL = 'studio:subscribed';

/** The part of ipcMain this module needs (a test passes a map-backed fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The parts of an IPC event the sender check reads. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { parent: unknown; url: string } | null;
}

/** The window whose page may call us. */
export interface TrustedWindow {
  isDestroyed(): boolean;
  webContents: { id: number };
}

/**
 * Sender trust (VS Code's two-step check): the message comes from our window's web contents, from
 * its main frame (not an iframe), and that frame shows one of our own pages.
 */
export function isTrustedSender(
  event: SenderInfo,
  win: TrustedWindow | null,
  isTrustedUrl: (url: string) => boolean,
): boolean {
  if (!win || win.isDestroyed()) return false;
  if (event.sender.id !== win.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isTrustedUrl(frame.url);
}

export function refusedOutcome(name: string): Outcome<never> {
  return {
    ok: false,
    error: { code: 'bad-input', message: `refused ${name}: the call did not come from the studio window` },
  };
}

/**
 * One `ipcMain.handle` per contract call (`studio:call:<name>`). The sender is checked before the
 * input is looked at; then the dispatcher validates the input against the contract and runs it.
 */
export function registerCallHandlers(
  ipc: IpcMainLike,
  dispatch: Dispatch,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = IPC_CALL_PREFIX + name;
    ipc.handle(channel, async (event, ...args) => {
      if (!isTrusted(event)) return refusedOutcome(name);
      return dispatch(name, args[0]);
    });
    channels.push(channel);
  }
  return () => {
    for (const c of channels) ipc.removeHandler(c);
  };
}

/** Calls the shell answers itself (native dialogs); everything else goes to the shared server. */
export type ShellHandlers = { [N in CallName]?: (input: ParsedInput<N>) => Promise<CallOutput<N>> };

export function withShellHandlers(base: Dispatch, shell: ShellHandlers): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) return base(name, rawInput);
    const handler = shell[name] as ((input: unknown) => Promise<unknown>) | undefined;
    if (!handler) return base(name, rawInput);
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
      return { ok: false, error: { code: 'bad-input', message: `invalid input for ${name}${where}: ${first?.message ?? 'invalid'}` } };
    }
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof StudioError) return { ok: false, error: err.toData() };
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}

/** What the preload receives on IPC_EVENT_CHANNEL. */
export interface EventEnvelope<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Sends one contract event to the window's page (dropped when the window is gone). */
export function sendEvent<E extends EventName>(target: EventTarget | null, event: E, payload: EventMap[E]): void {
  if (!target || target.isDestroyed()) return;
  const envelope: EventEnvelope<E> = { event, payload };
  target.send(IPC_EVENT_CHANNEL, envelope);
}

/** Forwards every event of the shared server to the current window. */
export function forwardEvents(hub: EventHub, currentTarget: () => EventTarget | null): () => void {
  return hub.listen((event, payload) => sendEvent(currentTarget(), event, payload));
}
