/**
 * The main-thread side of the spec worker: open (operations first, lint later) and lint.
 * A job is one worker; `cancel()` terminates it.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StudioError } from '../../common/api/define';
import type { SpecSource } from '../../common/api/calls-spec';
import { resolveEntry } from '../runtime/entries';
import type { LintOutput } from './lint';
import { assemble, type LoadedSpec } from './load';
import type { SerializedSpec, WorkerMessage, WorkerRequest } from './protocol';

export interface SpecJobHandlers {
  onProgress?: (m: Extract<WorkerMessage, { type: 'progress' }>) => void;
}

/**
 * Start the spec worker. Built (Electron): the emitted .js with its execArgv. From source:
 * Node 20 does not apply `--import tsx` given in a worker's execArgv ("Unknown file extension
 * .ts"), so a one-line bootstrap registers tsx inside the worker, then imports worker.ts.
 */
export function startSpecWorker(): Worker {
  const entry = resolveEntry('spec-worker');
  if (!entry.file.endsWith('.ts')) return new Worker(entry.file, { execArgv: entry.execArgv });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const target = pathToFileURL(entry.file).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(code, { eval: true });
}

export class SpecJob {
  private readonly worker: Worker;
  private done = false;
  readonly opened: Promise<SerializedSpec | null>;
  readonly linted: Promise<LintOutput>;
  private rejectAll: (e: StudioError) => void = () => {};

  constructor(req: WorkerRequest, handlers: SpecJobHandlers = {}) {
    this.worker = startSpecWorker();
    let resolveOpened!: (s: SerializedSpec | null) => void;
    let rejectOpened!: (e: StudioError) => void;
    let resolveLinted!: (r: LintOutput) => void;
    let rejectLinted!: (e: StudioError) => void;
    this.opened = new Promise((res, rej) => { resolveOpened = res; rejectOpened = rej; });
    this.linted = new Promise((res, rej) => { resolveLinted = res; rejectLinted = rej; });
    // Avoid unhandled rejections when a caller only awaits one of the two.
    this.opened.catch(() => {});
    this.linted.catch(() => {});
    this.rejectAll = (e) => { rejectOpened(e); rejectLinted(e); };
    this.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') handlers.onProgress?.(m);
      else if (m.type === 'opened') resolveOpened(m.spec);
      else if (m.type === 'linted') { resolveLinted(m.result); this.finish(); }
      else if (m.type === 'error') {
        this.rejectAll(new StudioError(m.error.code, m.error.message, m.error));
        this.finish();
      }
    });
    this.worker.on('error', (err) => {
      this.rejectAll(new StudioError('internal', `spec worker failed: ${err.message}`));
      this.finish();
    });
    this.worker.on('exit', (code) => {
      if (!this.done) this.rejectAll(new StudioError('internal', `spec worker exited (code ${code})`));
      this.done = true;
    });
    if (!req.lint) {
      void this.opened.then(() => this.finish(), () => {});
      resolveLinted({ diagnostics: [], summary: { errors: 0, warnings: 0 }, lintMs: 0 });
    }
    this.worker.postMessage(req);
  }

  get running(): boolean {
    return !this.done;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    void this.worker.terminate();
  }

  /** Stop the worker; pending promises reject with code `cancelled`. */
  cancel(): boolean {
    if (this.done) return false;
    this.rejectAll(new StudioError('cancelled', 'cancelled by a newer request'));
    this.finish();
    return true;
  }
}

export function specFromSerialized(s: SerializedSpec, t0 = performance.now()): LoadedSpec {
  const rootFile = s.files.find((f) => f.key === s.rootKey);
  const spec = assemble({
    name: s.name,
    path: s.path,
    url: s.url,
    rootKey: s.rootKey,
    sourceFormat: s.sourceFormat,
    text: rootFile?.text ?? '',
    sha256: s.sha256,
    sizeBytes: s.sizeBytes,
    format: s.format,
    openapiVersion: s.openapiVersion,
    allowRemoteRefs: s.allowRemoteRefs,
    files: new Map(s.files.map((f) => [f.key, f])),
    t0,
    diagnostics: s.diagnostics,
  });
  spec.loadMs = s.loadMs + Math.round(performance.now() - t0);
  return spec;
}

/** Where the worker should read the spec from again. */
export function sourceOf(spec: LoadedSpec): SpecSource {
  if (spec.path) return { kind: 'file', path: spec.path };
  if (spec.url) return { kind: 'url', url: spec.url };
  return { kind: 'text', text: spec.text, name: spec.name };
}

/** Lint in a worker thread (Spectral oas + connector rules), with load diagnostics included. */
export async function lintSpec(source: SpecSource, opts: { allowRemoteRefs?: boolean } & SpecJobHandlers = {}): Promise<LintOutput> {
  const job = new SpecJob({ type: 'open', source, allowRemoteRefs: opts.allowRemoteRefs === true, sendSpec: false, lint: true }, opts);
  await job.opened;
  return job.linted;
}

export function lintLoadedSpec(spec: LoadedSpec): Promise<LintOutput> {
  return lintSpec(sourceOf(spec), { allowRemoteRefs: spec.allowRemoteRefs });
}
