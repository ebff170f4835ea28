import type { CallInput, CallName, CallOutput, EventMap, EventName, StudioBridge } from '../../shared/common/api/contract';
import type { Outcome, StudioErrorData } from '../../shared/common/api/define';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    studio?: StudioBridge;
  }
}

const TOKEN_KEY = 'connector-studio.token';
const KEEPALIVE_LIMIT = 60 * 1024;

/** Set when the page is being hidden or unloaded (registered before any view's listeners). */
let unloading = false;
if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
  window.addEventListener('pagehide', () => (unloading = true));
  window.addEventListener('pageshow', () => (unloading = false));
}

/** Browser mode: the same contract over the loopback HTTP bridge started by `cli serve`. */
function httpBridge(): StudioBridge {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of the address bar (and out of screenshots).
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromHash ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  const handlers = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;

  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.addEventListener('studio', (e) => {
      const { event, payload } = JSON.parse((e as MessageEvent<string>).data) as { event: EventName; payload: never };
      for (const h of handlers.get(event) ?? []) h(payload);
    });
  };

  return {
    async invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Outcome<CallOutput<N>>> {
      try {
        const body = JSON.stringify(input ?? {});
        const res = await fetch(`/api/call/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-studio-token': token },
          body,
          // While the page unloads (reload, close), a last autosave must still reach the server;
          // browsers allow keepalive bodies up to 64 KiB.
          keepalive: unloading && body.length < KEEPALIVE_LIMIT,
        });
        return (await res.json()) as Outcome<CallOutput<N>>;
      } catch (err) {
        return { ok: false, error: { code: 'network', message: `the studio server is not reachable: ${String(err)}` } };
      }
    },
    subscribe<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void {
      ensureSource();
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as (payload: never) => void);
      return () => set.delete(handler as (payload: never) => void);
    },
  };
}

export const bridge: StudioBridge = window.studio ?? httpBridge();
export const isBrowserMode = window.studio === undefined;

/** A failed call, as a typed error for the UI. */
export class CallError extends Error {
  constructor(readonly data: StudioErrorData) {
    super(data.message);
    this.name = 'CallError';
  }
}

/** Invoke a contract call and unwrap its Outcome (throws CallError). */
export async function callStudio<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const outcome = await bridge.invoke(name, input);
  if (!outcome.ok) throw new CallError(outcome.error);
  return outcome.value;
}
