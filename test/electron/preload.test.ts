/**
 * Loads the real preload (electron/preload/index.ts) against the fake `electron` package and
 * checks that the page gets exactly the contract: window.studio = {invoke, subscribe}.
 */
import { describe, expect, it, vi, beforeAll } from 'vitest';
import { CALL_NAMES, EVENT_NAMES, IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, type StudioBridge } from '../../shared/common/api/contract';
import { IPC_DROP_CHANNEL, IPC_SUBSCRIBED_CHANNEL } from '../../electron/main/ipc';
import { DROP_CHANNEL, installDropRelay, SUBSCRIBED_CHANNEL } from '../../electron/preload/bridge';
import '../../electron/preload/index';

import type * as FakeElectron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type Fake = typeof FakeElectron;
let fake: Fake;
let studio: StudioBridge;
const windowListeners: { type: string; capture: unknown }[] = [];

beforeAll(async () => {
  fake = (await import('electron')) as unknown as Fake;
  expect(fake.contextBridge.exposed.has('studio')).toBe(true);
  studio = fake.contextBridge.exposed.get('studio') as StudioBridge;
});

// The preload runs at import (above, through the static import): it needs a `window`.
vi.hoisted(() => {
  const target = new EventTarget();
  const add = target.addEventListener.bind(target);
  (globalThis as { window?: unknown }).window = Object.assign(target, {
    addEventListener: (type: string, l: EventListener, capture?: unknown) => {
      (globalThis as { __windowListeners?: unknown[] }).__windowListeners ??= [];
      (globalThis as { __windowListeners?: unknown[] }).__windowListeners!.push({ type, capture });
      add(type, l, capture as boolean);
    },
  });
});

describe('preload', () => {
  it('exposes exactly one global, studio, with exactly invoke and subscribe', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(studio).sort()).toEqual(['invoke', 'subscribe']);
    expect(typeof studio.invoke).toBe('function');
    expect(typeof studio.subscribe).toBe('function');
  });

  it('invokes a contract call on its own channel', async () => {
    fake.ipcRenderer.invoked.length = 0;
    const r = await studio.invoke('spec.cancel', { specId: 's1' });
    expect(r).toEqual({ ok: true, value: { channel: IPC_CALL_PREFIX + 'spec.cancel' } });
    expect(fake.ipcRenderer.invoked).toEqual([[IPC_CALL_PREFIX + 'spec.cancel', { specId: 's1' }]]);
  });

  it('refuses names that are not contract calls without touching IPC', async () => {
    fake.ipcRenderer.invoked.length = 0;
    for (const name of ['fs.readFile', '', 'constructor', '__proto__', 'toString', IPC_CALL_PREFIX + 'app.info']) {
      const r = await studio.invoke(name as never, {} as never);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-input');
    }
    expect(fake.ipcRenderer.invoked).toEqual([]);
  });

  it('every contract call goes through', async () => {
    fake.ipcRenderer.invoked.length = 0;
    for (const name of CALL_NAMES) await studio.invoke(name, {} as never);
    expect(fake.ipcRenderer.invoked.map(([c]) => c)).toEqual(CALL_NAMES.map((n) => IPC_CALL_PREFIX + n));
  });

  it('subscribes to contract events only, delivers only the named event, and unsubscribes', () => {
    expect(() => studio.subscribe('window.close' as never, () => {})).toThrow(/unknown event/);
    expect(() => studio.subscribe('__proto__' as never, () => {})).toThrow(/unknown event/);
    const got: unknown[] = [];
    const before = fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL);
    const off = studio.subscribe('spec.progress', (p) => got.push(p));
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(before + 1);
    expect(fake.ipcRenderer.sentMessages).toContainEqual([SUBSCRIBED_CHANNEL, 'spec.progress']);
    const payload = { specId: 's', phase: 'lint', fraction: null, message: 'linting' };
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'spec.progress', payload });
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'spec.linted', payload: { specId: 's' } });
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, null);
    expect(got).toEqual([payload]);
    off();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(before);
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { event: 'spec.progress', payload });
    expect(got).toHaveLength(1);
    for (const e of EVENT_NAMES) studio.subscribe(e, () => {})();
  });

  it('uses the same internal channel names as the main process', () => {
    expect(DROP_CHANNEL).toBe(IPC_DROP_CHANNEL);
    expect(SUBSCRIBED_CHANNEL).toBe(IPC_SUBSCRIBED_CHANNEL);
    const registered = (globalThis as { __windowListeners?: { type: string; capture: unknown }[] }).__windowListeners ?? windowListeners;
    expect(registered).toEqual([
      { type: 'dragover', capture: true },
      { type: 'drop', capture: true },
    ]);
  });
});

describe('preload: drops', () => {
  type L = (e: unknown) => void;
  function relay() {
    const listeners = new Map<string, L>();
    const sent: string[][] = [];
    installDropRelay(
      { addEventListener: (type: string, l: unknown) => listeners.set(type, l as L) } as unknown as Window,
      (f) => (f as unknown as { path: string }).path,
      (paths) => sent.push(paths),
    );
    return { listeners, sent };
  }
  function dropEvent(isTrusted: boolean, paths: string[]) {
    const e = {
      isTrusted,
      prevented: false,
      stopped: false,
      dataTransfer: { types: ['Files'], files: paths.map((path) => ({ path })) },
      preventDefault() {
        e.prevented = true;
      },
      stopImmediatePropagation() {
        e.stopped = true;
      },
    };
    return e;
  }

  it('sends the real paths of dropped spec/project files and hides the drop from the page', () => {
    const { listeners, sent } = relay();
    const e = dropEvent(true, ['/a/demo.connector.json', '/a/api.YAML', '/a/photo.png']);
    listeners.get('drop')!(e);
    expect(sent).toEqual([['/a/demo.connector.json', '/a/api.YAML']]);
    expect(e.prevented && e.stopped).toBe(true);
  });

  it('ignores synthetic drops and drops with no studio file (left to the page)', () => {
    const { listeners, sent } = relay();
    const fakeDrop = dropEvent(false, ['/etc/passwd.json']);
    listeners.get('drop')!(fakeDrop);
    const other = dropEvent(true, ['/a/photo.png']);
    listeners.get('drop')!(other);
    expect(sent).toEqual([]);
    expect(fakeDrop.prevented || other.prevented).toBe(false);
  });
});
