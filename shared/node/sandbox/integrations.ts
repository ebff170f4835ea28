/**
 * The two places where the sandbox uses the mapping engine (shared/node/mapping), each behind
 * one function: the Jsonnet metadata adapter, and building an outbound body from mappings.
 * Jsonnet runs in the engine's child process (sharedJsonnetHost), never in this process.
 */
import { StudioError } from '../../common/api/define';
import type { Project } from '../../common/project/model';
import { DEFAULT_TIME_LIMIT_MS, sharedJsonnetHost } from '../mapping/jsonnet-client';
import { mapProject } from '../mapping/map-project';

/** Lines of the adapter program before the consultant's script (positions map back by this). */
const ADAPTER_PRELUDE = ["local util = import 'util.libsonnet';", 'local run(input) = {', '  input:: input,', '  util:: util,', '  result: ('];
const ADAPTER_FILE = 'metadataAdapter.jsonnet';

export function adapterProgram(script: string): string {
  return [...ADAPTER_PRELUDE, script, '),', '};', "run(std.parseJson(std.extVar('input'))).result", ''].join('\n');
}

/** Shifts `metadataAdapter.jsonnet:L:C` positions in an engine message back to the script's lines. */
export function adapterError(message: string): StudioError {
  const shift = ADAPTER_PRELUDE.length;
  let first: { line: number; column: number } | undefined;
  const text = message.replace(/metadataAdapter\.jsonnet:(\d+):(\d+)/g, (_m, l: string, c: string) => {
    const line = Math.max(1, Number(l) - shift);
    first ??= { line, column: Number(c) };
    return `metadataAdapter:${line}:${c}`;
  });
  const oneLine = text.split('\n')[0] ?? text;
  return new StudioError('bad-input', `metadata adapter: ${oneLine.trim()}`, first ? { file: 'metadataAdapter', ...first } : undefined);
}

/**
 * Runs the project's metadata adapter: Jsonnet with `$.input` = the metadata response and
 * `$.util` = the helper library; its result should be an array of field descriptors.
 */
export async function runMetadataAdapter(script: string, input: unknown, timeLimitMs = DEFAULT_TIME_LIMIT_MS): Promise<unknown> {
  const outcome = await sharedJsonnetHost().run([{ program: adapterProgram(script), ext: { input: JSON.stringify(input) }, filename: ADAPTER_FILE }], timeLimitMs);
  if (outcome.kind === 'timeout') throw new StudioError('timeout', `metadata adapter: stopped after ${outcome.limitMs} ms (an endless loop or a very large response?)`);
  if (outcome.kind === 'crashed') throw new StudioError('internal', `metadata adapter: the Jsonnet engine stopped (${outcome.detail})`);
  const r = outcome.results[0];
  if (!r) throw new StudioError('internal', 'metadata adapter: the Jsonnet engine gave no result');
  if (!r.ok) throw adapterError(r.message);
  return JSON.parse(r.json) as unknown;
}

/** The outbound body for create/update from the project's mappings (errors refuse to send). */
export async function mapOutbound(project: Project, projectPath: string | null, input: unknown, operation: 'create' | 'update'): Promise<unknown> {
  const r = await mapProject({ project, projectPath, direction: 'outbound', operation, input, host: sharedJsonnetHost() });
  if (r.errors.length > 0) {
    throw new StudioError('bad-input', `the outbound mapping failed: ${r.errors.map((e) => `${e.target}: ${e.message}`).join('; ')}`, { details: r.errors });
  }
  return r.output;
}
