/**
 * The API contract: every call the UI can make and every event the Node side pushes.
 * The Electron preload exposes exactly this surface as `window.studio`; the browser-mode HTTP
 * bridge serves exactly this surface. Adding a capability means adding it here first.
 */
import type { z } from 'zod';
import type { CallDef, Outcome } from './define';
import { appCalls, type AppMenuEvent, type AppOpenFileEvent } from './calls-app';
import { specCalls, type SpecLintedEvent, type SpecProgressEvent } from './calls-spec';
import { mappingCalls } from './calls-mapping';
import { projectCalls } from './calls-project';
import { sandboxCalls, type SandboxProgressEvent } from './calls-sandbox';
import { bundleCalls } from './calls-bundle';

export const contract = {
  ...appCalls,
  ...specCalls,
  ...mappingCalls,
  ...projectCalls,
  ...sandboxCalls,
  ...bundleCalls,
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export const CALL_NAMES = Object.keys(contract) as CallName[];

/** Input as the caller writes it (before defaults). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** Input after runtime validation (defaults applied). */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = Contract[N] extends CallDef<z.ZodType, infer O> ? O : never;

export interface EventMap {
  'spec.progress': SpecProgressEvent;
  'spec.linted': SpecLintedEvent;
  'sandbox.progress': SandboxProgressEvent;
  'app.menu': AppMenuEvent;
  'app.openFile': AppOpenFileEvent;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['spec.progress', 'spec.linted', 'sandbox.progress', 'app.menu', 'app.openFile'];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/** What `window.studio` is, in Electron (preload) and in browser mode (HTTP bridge). */
export interface StudioBridge {
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<Outcome<CallOutput<N>>>;
  subscribe<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void;
}

/** IPC channel names: one per call, prefixed so the main process can refuse anything else. */
export const IPC_CALL_PREFIX = 'studio:call:';
export const IPC_EVENT_CHANNEL = 'studio:event';
