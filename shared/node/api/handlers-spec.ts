/**
 * spec.* calls. `spec.open` loads in a worker thread and answers as soon as the operations are
 * known; the same worker then lints and the result arrives as the `spec.linted` event (and
 * through `spec.lint`). A newer open of the same source cancels the older one.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { specCalls, LintResult, OpenedSpec, SpecProgressEvent, SpecSource } from '../../common/api/calls-spec';
import { StudioError } from '../../common/api/define';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { extractFields, inspectSpec } from '../spec/query';
import type { LoadedSpec } from '../spec/load';
import { SpecJob, lintLoadedSpec, specFromSerialized } from '../spec/lint-client';

/** At most this many opened specs are kept in memory (least recently used leaves first). */
const MAX_OPEN_SPECS = 4;

interface Entry {
  specId: string;
  sourceKey: string;
  spec: LoadedSpec | null;
  job: SpecJob;
  lint: Promise<LintResult> | null;
  lastUsed: number;
}

const registries = new WeakMap<ServerContext, Map<string, Entry>>();

/** The loaded spec behind a specId (for other services of the same server). */
export function getOpenedSpec(ctx: ServerContext, specId: string): LoadedSpec | null {
  return registries.get(ctx)?.get(specId)?.spec ?? null;
}

function sourceKey(source: SpecSource): string {
  if (source.kind === 'file') return `file:${source.path}`;
  if (source.kind === 'url') return `url:${source.url}`;
  return `text:${source.name ?? 'pasted'}`;
}

function displayName(source: SpecSource): string {
  if (source.kind === 'file') return basename(source.path);
  if (source.kind === 'url') return source.url;
  return source.name ?? 'pasted.yaml';
}

export function createSpecHandlers(ctx: ServerContext): Handlers<keyof typeof specCalls> {
  const registry = new Map<string, Entry>();
  registries.set(ctx, registry);

  const progress = (specId: string, phase: SpecProgressEvent['phase'], message: string, fraction: number | null = null) =>
    ctx.emit('spec.progress', { specId, phase, message, fraction });

  const evict = () => {
    const loaded = [...registry.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    while (loaded.length > MAX_OPEN_SPECS) {
      const old = loaded.shift() as Entry;
      old.job.cancel();
      registry.delete(old.specId);
    }
  };

  const get = (specId: string): Entry & { spec: LoadedSpec } => {
    const e = registry.get(specId);
    if (!e || !e.spec) throw new StudioError('not-found', `no open spec ${specId} (it was closed, replaced or never opened)`);
    e.lastUsed = Date.now();
    return e as Entry & { spec: LoadedSpec };
  };

  const startLint = (e: Entry & { spec: LoadedSpec }): Promise<LintResult> => {
    const p = (async () => {
      progress(e.specId, 'lint', 'linting');
      const r = await lintLoadedSpec(e.spec);
      return { specId: e.specId, ...r };
    })();
    p.catch(() => {});
    return p;
  };

  ctx.onClose(() => {
    for (const e of registry.values()) e.job.cancel();
    registry.clear();
  });

  return {
    'spec.open': async ({ source, allowRemoteRefs }) => {
      const t0 = performance.now();
      const key = sourceKey(source);
      for (const e of registry.values()) {
        if (e.sourceKey === key && e.job.running) {
          e.job.cancel();
          progress(e.specId, 'cancelled', 'replaced by a newer request');
          if (!e.spec) registry.delete(e.specId);
        }
      }
      const specId = randomUUID();
      progress(specId, 'read', `opening ${displayName(source)}`);
      const job = new SpecJob(
        { type: 'open', source, allowRemoteRefs: allowRemoteRefs === true, sendSpec: true, lint: true },
        { onProgress: (m) => progress(specId, m.phase, m.message, m.fraction) },
      );
      const entry: Entry = { specId, sourceKey: key, spec: null, job, lint: null, lastUsed: Date.now() };
      registry.set(specId, entry);
      let serialized;
      try {
        serialized = await job.opened;
      } catch (err) {
        registry.delete(specId);
        const cancelled = err instanceof StudioError && err.code === 'cancelled';
        progress(specId, cancelled ? 'cancelled' : 'error', err instanceof Error ? err.message : String(err));
        throw err;
      }
      if (!serialized) throw new StudioError('internal', 'the spec worker sent no document');
      const spec = specFromSerialized(serialized, t0);
      entry.spec = spec;
      entry.lint = job.linted.then(
        (r) => {
          const result: LintResult = { specId, ...r };
          ctx.emit('spec.linted', result);
          progress(specId, 'done', `${r.summary.errors} error(s), ${r.summary.warnings} warning(s)`, 1);
          return result;
        },
        (err: unknown) => {
          const cancelled = err instanceof StudioError && err.code === 'cancelled';
          progress(specId, cancelled ? 'cancelled' : 'error', err instanceof Error ? err.message : String(err));
          throw err;
        },
      );
      entry.lint.catch(() => {});
      evict();
      const inspect = inspectSpec(spec);
      progress(specId, 'operations', `${inspect.operations.length} operations`);
      const opened: OpenedSpec = {
        ...inspect,
        specId,
        name: spec.name,
        path: spec.path,
        sourceFormat: spec.sourceFormat,
        sha256: spec.sha256,
        sizeBytes: spec.sizeBytes,
        serverDetails: spec.model.servers,
        diagnostics: spec.diagnostics,
        loadMs: Math.round(performance.now() - t0),
      };
      return opened;
    },

    'spec.lint': async ({ specId }) => {
      const e = get(specId);
      if (e.lint) {
        try {
          return await e.lint;
        } catch (err) {
          if (!(err instanceof StudioError && err.code === 'cancelled')) throw err;
        }
      }
      e.lint = startLint(e);
      const r = await e.lint;
      ctx.emit('spec.linted', r);
      return r;
    },

    'spec.source': async ({ specId }) => {
      const e = get(specId);
      return { text: e.spec.text, language: e.spec.sourceFormat };
    },

    'spec.fields': async ({ specId, operation, part }) => {
      const e = get(specId);
      return extractFields(e.spec, operation, part ?? 'request');
    },

    'spec.cancel': async ({ specId }) => {
      const e = registry.get(specId);
      if (!e) return { cancelled: false };
      const cancelled = e.job.cancel();
      if (cancelled) progress(specId, 'cancelled', 'cancelled');
      if (!e.spec) registry.delete(specId);
      return { cancelled };
    },
  };
}
