/**
 * The two places where the sandbox uses the mapping engine (shared/node/mapping), each behind
 * one function: the Jsonnet metadata adapter, and building an outbound body from mappings.
 * The engine is loaded lazily, so a sandbox call that needs neither never starts Jsonnet.
 */
import { StudioError } from '../../common/api/define';
import type { Project } from '../../common/project/model';

type EvaluateFn = (script: string, input: unknown) => Promise<unknown>;
type MapFn = (project: Project, projectPath: string | null, input: unknown, operation: 'create' | 'update') => Promise<{ output: unknown; errors: { target: string; message: string }[] }>;

interface MappingModule {
  evaluateScript?: unknown;
  evaluateJsonnet?: unknown;
  evaluate?: unknown;
  runMapping?: unknown;
  mapRecord?: unknown;
}

async function mappingModule(): Promise<MappingModule> {
  try {
    // A variable specifier keeps this optional at type-check time while the engine is built in parallel.
    const spec = '../mapping/index';
    return (await import(/* @vite-ignore */ spec)) as MappingModule;
  } catch (err) {
    throw new StudioError('internal', `the mapping engine is not available: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Runs the project's metadata adapter: Jsonnet with `$.input` = the metadata response, expected
 * to produce an array of field descriptors (or another recognised shape).
 */
export async function runMetadataAdapter(script: string, input: unknown): Promise<unknown> {
  const mod = await mappingModule();
  const fn = (mod.evaluateScript ?? mod.evaluateJsonnet ?? mod.evaluate) as EvaluateFn | undefined;
  if (typeof fn !== 'function') throw new StudioError('internal', 'the mapping engine exports no Jsonnet evaluate function yet, so the metadata adapter cannot run');
  try {
    return await fn(script, input);
  } catch (err) {
    if (err instanceof StudioError) throw new StudioError(err.code, `metadata adapter: ${err.message}`, { line: err.line, column: err.column, file: err.file ?? 'metadataAdapter' });
    throw new StudioError('bad-input', `metadata adapter: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The outbound body for create/update from the project's mappings. */
export async function mapOutbound(project: Project, projectPath: string | null, input: unknown, operation: 'create' | 'update'): Promise<unknown> {
  const mod = await mappingModule();
  const fn = (mod.runMapping ?? mod.mapRecord) as MapFn | undefined;
  if (typeof fn !== 'function') throw new StudioError('internal', 'the mapping engine exports no run function yet, so mapped bodies cannot be built');
  const r = await fn(project, projectPath, input, operation);
  if (r.errors.length > 0) {
    throw new StudioError('bad-input', `the mapping failed: ${r.errors.map((e) => `${e.target}: ${e.message}`).join('; ')}`, { details: r.errors });
  }
  return r.output;
}
