/**
 * The renderer's project store against the real Node side: the bridge is the real dispatcher
 * (the same handlers the HTTP bridge and IPC serve), with a temporary STUDIO_HOME.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventMap, EventName, StudioBridge } from '../../shared/common/api/contract';
import type { Outcome } from '../../shared/common/api/define';
import type { Mapping } from '../../shared/common/project/model';
import { createStudioServer, type StudioServer } from '../../shared/node/api/server';

import type * as StoreNamespace from '../../renderer/src/store/project';

type StoreModule = typeof StoreNamespace;

let server: StudioServer;
let home: string;
const calls: string[] = [];
/** When set, spec.open waits for it: lets a test land a lint while the next spec is loading. */
let holdSpecOpen: Promise<void> | null = null;

function bridgeOver(s: StudioServer): StudioBridge {
  return {
    invoke: async (name, input) => {
      calls.push(name);
      if (name === 'spec.open' && holdSpecOpen) await holdSpecOpen;
      return (await s.dispatch(name, input)) as Outcome<never>;
    },
    subscribe: <E extends EventName>(event: E, handler: (payload: EventMap[E]) => void) => {
      const listener = (e: EventName, payload: unknown) => {
        if (e === (event as EventName)) handler(payload as EventMap[E]);
      };
      return s.hub.listen(listener as Parameters<StudioServer['hub']['listen']>[0]);
    },
  };
}

async function freshStore(): Promise<StoreModule> {
  vi.resetModules();
  return import('../../renderer/src/store/project');
}

const mapping: Mapping = { source: 'title', target: 'name', action: 'sync' };

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'renderer-store-'));
  server = createStudioServer({ mode: 'browser', studioHome: home });
  (globalThis as { window?: unknown }).window = { studio: bridgeOver(server) };
});

afterAll(async () => {
  await server.close();
  delete (globalThis as { window?: unknown }).window;
  rmSync(home, { recursive: true, force: true });
});

describe('project store', () => {
  let store: StoreModule['useProject'];

  it('opens the demo project with its spec and the sandbox environment', async () => {
    ({ useProject: store } = await freshStore());
    await store.getState().init();
    expect(store.getState().connection).toBe('ready');
    expect(await store.getState().openDemo()).toBe(true);
    const s = store.getState();
    expect(s.doc?.project.name).toMatch(/Demo/);
    expect(s.doc?.dirty).toBe(false);
    expect(s.environment).toBe('sandbox');
    expect(s.demoSandbox?.username).toBe('demo');
    expect(s.specStatus).toBe('ready');
    expect(s.spec?.path).toBe(join(home, 'demo', 'sandbox.openapi.yaml'));
  });

  it('records mapping edits for undo/redo, and nothing else', () => {
    const s = store.getState();
    const before = s.doc!.project.mappings;
    s.applyMappingEdit('Map title → name', (m) => ({ ...m, outbound: [...m.outbound, mapping] }));
    expect(store.getState().doc!.dirty).toBe(true);
    expect(store.getState().canUndo).toBe(true);
    expect(store.getState().doc!.project.mappings.outbound.at(-1)).toEqual(mapping);

    // An endpoint change is a document change but not an undo step.
    store.getState().setEndpoint('attachment', undefined);
    expect(store.getState().mappingHistory.past).toHaveLength(1);
    expect(store.getState().doc!.project.endpoints.attachment).toBeUndefined();

    expect(store.getState().undo()).toBe('Map title → name');
    expect(store.getState().doc!.project.mappings).toBe(before);
    expect(store.getState().canUndo).toBe(false);
    expect(store.getState().canRedo).toBe(true);
    // Undo did not bring the endpoint back: it was not a mapping edit.
    expect(store.getState().doc!.project.endpoints.attachment).toBeUndefined();
    expect(store.getState().redo()).toBe('Map title → name');
    expect(store.getState().doc!.project.mappings.outbound.at(-1)).toEqual(mapping);
    expect(store.getState().redo()).toBeNull();
  });

  it('autosaves about a second after the last change; reopening recovers it', async () => {
    calls.length = 0;
    store.getState().updateEnvironment('production', { baseUrl: 'https://api.example.test', username: 'ops' });
    expect(store.getState().autosave.status).toBe('pending');
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).not.toContain('project.autosave');
    await vi.waitFor(() => expect(store.getState().autosave.status).toBe('saved'), { timeout: 4000, interval: 50 });
    expect(calls.filter((c) => c === 'project.autosave')).toHaveLength(1);

    // A "reload": a new store instance reopens the last project with the autosaved work.
    const { useProject: reloaded } = await freshStore();
    await reloaded.getState().init();
    const doc = reloaded.getState().doc!;
    expect(doc.path).toBe(store.getState().doc!.path);
    expect(reloaded.getState().recovered).toBe(true);
    expect(doc.dirty).toBe(true);
    expect(doc.project.environments.production).toEqual({ baseUrl: 'https://api.example.test', username: 'ops' });
    expect(doc.project.mappings.outbound.at(-1)).toEqual(mapping);
    expect(doc.project.endpoints.attachment).toBeUndefined();
    store = reloaded;
  });

  it('saves a revision: clean afterwards, listed in the history, restorable', async () => {
    const before = store.getState().doc!.savedRevision;
    expect(await store.getState().saveProject('added production')).toBe(true);
    const doc = store.getState().doc!;
    expect(doc.dirty).toBe(false);
    expect(doc.savedRevision).toBeGreaterThan(before);
    expect(store.getState().recovered).toBe(false);

    const history = await server.dispatch('project.history', { path: doc.path });
    if (!history.ok) throw new Error(history.error.message);
    const revisions = history.value as { revision: number; summary: string }[];
    expect(revisions.find((r) => r.revision === doc.savedRevision)?.summary).toBe('added production');

    expect(await store.getState().restoreRevision(before)).toBe(true);
    expect(store.getState().doc!.dirty).toBe(true);
    expect(store.getState().doc!.project.environments.production).toBeUndefined();
    store.getState().flushAutosave();
  });

  it('reports a failed open without losing the open document', async () => {
    const path = store.getState().doc!.path;
    expect(await store.getState().openProject(join(home, 'missing.connector.json'))).toBe(false);
    expect(store.getState().lastError?.code).toBeDefined();
    expect(store.getState().doc!.path).toBe(path);
  });

  it('switches the project to another spec file only when the user accepts', async () => {
    const other = resolve('resources/demo/sandbox.openapi.yaml');
    const spec = await store.getState().openSpec({ kind: 'file', path: other });
    expect(spec?.path).toBe(other);
    const recorded = store.getState().doc!.project.spec;

    store.getState().proposeSpecSwitch(other);
    store.getState().dismissSpecChange();
    expect(store.getState().doc!.project.spec).toEqual(recorded);

    store.getState().proposeSpecSwitch(other);
    const impact = await server.dispatch('project.specImpact', { path: store.getState().doc!.path, project: store.getState().doc!.project, newSpecPath: other });
    expect(impact.ok).toBe(true);
    store.getState().acceptSpecChange();
    expect(store.getState().specSwitch).toBeNull();
    expect(store.getState().doc!.project.spec).toEqual({ path: other, sha256: spec!.sha256 });
    store.getState().flushAutosave();
  });

  it('never shows the lint of the previous spec for a newly opened one', async () => {
    const demo = await store.getState().openSpec({ kind: 'file', path: resolve('resources/demo/sandbox.openapi.yaml') });
    // The next spec loads slowly: the demo's lint lands while it is loading.
    let release = () => {};
    holdSpecOpen = new Promise<void>((r) => (release = r));
    const text = 'openapi: 3.0.3\ninfo: {title: Tiny, version: "1"}\npaths:\n  /things/{id}:\n    get:\n      responses: {"200": {description: ok}}\n';
    const pending = store.getState().openSpec({ kind: 'text', text, name: 'tiny.yaml' });
    await vi.waitFor(() => expect(store.getState().lint?.specId).toBe(demo!.specId), { timeout: 20_000, interval: 50 });
    holdSpecOpen = null;
    release();
    const tiny = await pending;
    expect(tiny?.title).toBe('Tiny');
    expect(store.getState().spec?.specId).toBe(tiny!.specId);
    expect(store.getState().lint === null || store.getState().lint?.specId === tiny!.specId).toBe(true);
  });
});
