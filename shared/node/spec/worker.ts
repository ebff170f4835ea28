/**
 * The spec worker thread: read + parse + resolve (posts `opened` as soon as operations are
 * known), then lint (posts `linted`). One request per worker; the client terminates it to cancel.
 * Entry file referenced by runtime/entries.ts and electron.vite.config.ts.
 */
import { parentPort } from 'node:worker_threads';
import { StudioError } from '../../common/api/define';
import { loadSpec } from './load';
import type { LintInput } from './lint';
import type { SerializedSpec, WorkerMessage, WorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('spec worker must run in a worker thread');

const post = (m: WorkerMessage) => port.postMessage(m);

port.once('message', (req: WorkerRequest) => {
  void run(req);
});

async function run(req: WorkerRequest): Promise<void> {
  try {
    const input = await open(req);
    if (req.lint && input) {
      post({ type: 'progress', phase: 'lint', message: 'linting (Spectral oas + connector rules)', fraction: null });
      // Spectral is imported only now, so operations are posted before its (slow) import.
      const { lintPrepared } = await import('./lint');
      const result = await lintPrepared(input);
      post({ type: 'linted', result });
    }
  } catch (err) {
    if (err instanceof StudioError) post({ type: 'error', error: err.toData() });
    else post({ type: 'error', error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } });
  }
}

/**
 * Load and post the operations; return only what lint needs (texts and findings), so the parsed
 * documents are garbage once this returns and Spectral's own copy is the only one in memory.
 */
async function open(req: WorkerRequest): Promise<LintInput | null> {
  const spec = await loadSpec(req.source, {
    allowRemoteRefs: req.allowRemoteRefs,
    onProgress: (phase, message) => post({ type: 'progress', phase, message, fraction: null }),
  });
  let serialized: SerializedSpec | null = null;
  if (req.sendSpec) {
    serialized = {
      name: spec.name,
      path: spec.path,
      url: spec.url,
      rootKey: spec.rootKey,
      sourceFormat: spec.sourceFormat,
      sha256: spec.sha256,
      sizeBytes: spec.sizeBytes,
      format: spec.format,
      openapiVersion: spec.openapiVersion,
      allowRemoteRefs: spec.allowRemoteRefs,
      files: [...spec.files.values()],
      diagnostics: spec.diagnostics,
      loadMs: spec.loadMs,
    };
  }
  post({ type: 'opened', spec: serialized, operations: spec.model.operations.length });
  if (!req.lint) return null;
  const { prepareLint } = await import('./lint');
  return prepareLint(spec);
}
