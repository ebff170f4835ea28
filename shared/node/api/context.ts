import type { EventMap, EventName } from '../../common/api/contract';

/** What every handler factory receives: where things live and how to push events. */
export interface ServerContext {
  mode: 'electron' | 'browser' | 'cli';
  /** The workspace folder (SQLite database, demo copy, autosaves). `STUDIO_HOME` overrides. */
  studioHome: string;
  appVersion: string;
  /** The first start with nothing configured opens the demo project (npm start, the desktop app). */
  openDemoOnStart?: boolean;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** Register cleanup (demo sandbox, Jsonnet host, workers, database) run when the server stops. */
  onClose(fn: () => Promise<void> | void): void;
}

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** A tiny fan-out used by both transports (IPC and the HTTP bridge's event stream). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners) l(event, payload);
  }

  listen(l: EventListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
