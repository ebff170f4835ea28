/**
 * Running a project's mappings end to end: custom scripts through the Jsonnet host (batched),
 * the other actions in TypeScript, then validation of each output against the target schema.
 * Shared by the CLI `map`, the `mapping.*` handlers and the bench.
 */
import { stat } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { StudioError } from '../../common/api/define';
import type { MapResult } from '../../common/api/calls-mapping';
import { applyMappings, type ApplyResult } from '../../common/mapping/engine';
import type { Direction, Mapping, Project } from '../../common/project/model';
import type { Field } from '../../common/spec/model';
import { resolveSpecPath } from '../project/file';
import { extractFields, loadSpecFile, operationSchema, type LoadedSpec } from '../spec/index';
import { customScripts, evaluateCustom } from './custom';
import type { JsonnetHost } from './jsonnet-client';
import {
  compileSchema,
  loadWorkOrderSchema,
  schemaFields,
  staticTypeMismatches,
  unmappedRequired,
  validatePayload,
  type TypeMismatch,
  type ValidationIssue,
} from './validate';

export interface MapOutcome {
  results: ApplyResult[];
  log: string[];
  engineCalls: number;
}

/** Map many records with one mapping set (custom scripts compiled once, batched). */
export async function mapRecords(
  host: JsonnetHost,
  mappings: readonly Mapping[],
  records: readonly unknown[],
  opts: { timeLimitMs?: number; batchSize?: number; park?: boolean } = {},
): Promise<MapOutcome> {
  const scripts = customScripts(mappings);
  const custom = await evaluateCustom(host, scripts, records, opts);
  const results = records.map((record, i) => applyMappings(mappings, record, { custom: (index) => custom.outcomes[i]!.get(index) }));
  return { results, log: custom.log, engineCalls: custom.engineCalls };
}

const specCache = new Map<string, { key: string; spec: Promise<LoadedSpec> }>();

/** Load (and cache by path, size and mtime) the project's spec. */
export async function loadProjectSpec(projectPath: string | null, project: Pick<Project, 'spec'>): Promise<LoadedSpec> {
  let path: string;
  if (projectPath) path = resolveSpecPath(projectPath, project);
  else if (project.spec.path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(project.spec.path)) path = project.spec.path;
  else throw new StudioError('bad-input', `spec path "${project.spec.path}" is relative, and the project has not been saved yet`);
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new StudioError('not-found', `spec file not found: ${path}`, { file: path });
  }
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = specCache.get(path);
  if (hit && hit.key === key) return hit.spec;
  const spec = loadSpecFile(path);
  specCache.set(path, { key, spec });
  spec.catch(() => specCache.delete(path));
  return spec;
}

export interface TargetInfo {
  /** Validator of the payload, or null (with `problem` saying why) when none is available. */
  validate: ValidateFunction | null;
  problem: string | null;
  targetFields: Field[];
  sourceFields: Field[];
  targetSource: 'metadata' | 'spec' | 'merged';
}

function mergeFields(specFields: Field[], live: Field[] | undefined): { fields: Field[]; source: 'metadata' | 'spec' | 'merged' } {
  if (!live || live.length === 0) return { fields: specFields, source: 'spec' };
  if (specFields.length === 0) return { fields: live, source: 'metadata' };
  const byPath = new Map(specFields.map((f) => [f.path, f]));
  const out = [...specFields];
  for (const f of live) {
    const s = byPath.get(f.path);
    if (!s) out.push(f);
    else if (f.required && !s.required) out[out.indexOf(s)] = { ...s, required: true };
  }
  return { fields: out, source: 'merged' };
}

const operationLabel = (ep: { method: string; path: string }) => `${ep.method} ${ep.path}`;

interface OperationInfo {
  fields: Field[];
  validate: ValidateFunction | null;
  problem: string | null;
}

/** Per loaded spec: fields and compiled validators by operation (a preview must not recompile). */
const operationCache = new WeakMap<LoadedSpec, Map<string, OperationInfo>>();

function operationInfo(spec: LoadedSpec, label: string, part: 'request' | 'response'): OperationInfo {
  let bySpec = operationCache.get(spec);
  if (!bySpec) {
    bySpec = new Map();
    operationCache.set(spec, bySpec);
  }
  const key = `${part} ${label}`;
  const hit = bySpec.get(key);
  if (hit) return hit;
  let info: OperationInfo;
  try {
    const fields = extractFields(spec, label, part).fields;
    let validate: ValidateFunction | null = null;
    let problem: string | null = null;
    if (part === 'request') {
      const os = operationSchema(spec, label, 'request');
      if (os) validate = compileSchema(os.schema, os.dialect);
      else problem = `cannot validate: ${label} has no request body schema`;
    }
    info = { fields, validate, problem };
  } catch (err) {
    info = { fields: [], validate: null, problem: `cannot validate: ${err instanceof Error ? err.message : String(err)}` };
  }
  bySpec.set(key, info);
  return info;
}

let workOrderFields: Field[] | null = null;

/** Schemas and field lists for one direction (and, outbound, the create or update operation). */
export async function targetInfo(project: Project, projectPath: string | null, direction: Direction, operation: 'create' | 'update' = 'create'): Promise<TargetInfo> {
  const workOrder = loadWorkOrderSchema();
  workOrderFields ??= schemaFields(workOrder);
  const woFields = workOrderFields;
  let spec: LoadedSpec | null = null;
  let specProblem: string | null = null;
  try {
    spec = await loadProjectSpec(projectPath, project);
  } catch (err) {
    specProblem = err instanceof Error ? err.message : String(err);
  }
  if (direction === 'inbound') {
    let sourceFields: Field[] = [];
    const fetch = project.endpoints.fetch;
    if (spec && fetch) sourceFields = operationInfo(spec, operationLabel(fetch), 'response').fields;
    return { validate: compileSchema(workOrder, 'draft-07'), problem: null, targetFields: woFields, sourceFields, targetSource: 'spec' };
  }
  const ep = project.endpoints[operation];
  const live = project.fields?.fields;
  if (!spec) {
    const m = mergeFields([], live);
    return { validate: null, problem: `cannot validate: ${specProblem ?? 'no spec'}`, targetFields: m.fields, sourceFields: woFields, targetSource: m.source };
  }
  if (!ep) {
    const m = mergeFields([], live);
    return { validate: null, problem: `cannot validate: the project has no ${operation} endpoint`, targetFields: m.fields, sourceFields: woFields, targetSource: m.source };
  }
  const op = operationInfo(spec, operationLabel(ep), 'request');
  const m = mergeFields(op.fields, live);
  return { validate: op.validate, problem: op.problem, targetFields: m.fields, sourceFields: woFields, targetSource: m.source };
}

export interface MapProjectInput {
  project: Project;
  projectPath: string | null;
  direction: Direction;
  operation?: 'create' | 'update';
  input: unknown;
  host: JsonnetHost;
  timeLimitMs?: number;
}

/** One record through one direction: what `map` prints, plus trace, log and timing. */
export async function mapProject(args: MapProjectInput): Promise<MapResult & { typeMismatches: TypeMismatch[] }> {
  const t0 = performance.now();
  const mappings = args.project.mappings[args.direction] ?? [];
  const [info, run] = await Promise.all([
    targetInfo(args.project, args.projectPath, args.direction, args.operation ?? 'create'),
    mapRecords(args.host, mappings, [args.input], { timeLimitMs: args.timeLimitMs }),
  ]);
  const r = run.results[0]!;
  let validation: ValidationIssue[];
  if (info.validate) validation = validatePayload(info.validate, r.output);
  else validation = [{ path: '', message: info.problem ?? 'cannot validate' }];
  return {
    output: r.output,
    errors: r.errors,
    validation,
    unmappedRequired: unmappedRequired(info.targetFields, mappings),
    typeMismatches: staticTypeMismatches(mappings, info.targetFields, info.sourceFields),
    trace: r.trace,
    log: run.log,
    durationMs: Math.round((performance.now() - t0) * 10) / 10,
  };
}
