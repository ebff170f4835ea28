import { z } from 'zod';
import { call } from './define';
import type { Field } from '../spec/model';
import type { Direction } from '../project/model';

export const ProjectInput = z.record(z.string(), z.unknown());

export interface MapError {
  target: string;
  message: string;
  line?: number;
  column?: number;
}

export interface TraceEntry {
  /** Output path written. */
  target: string;
  /** Index of the mapping in its direction's list, and its id when set. */
  mappingIndex: number;
  mappingId: string | null;
  action: string;
  source: string | null;
  /** Value read from the source (before the action). */
  sourceValue: unknown;
  /** Value written. */
  value: unknown;
  usedDefault: boolean;
  /** False when nothing was written (empty source without default, or an error). */
  written?: boolean;
  /** Why the value is what it is (e.g. "source missing", "no entry matches \"x\""). */
  note?: string;
}

/** What `map` prints, plus trace and log for the test panel. */
export interface MapResult {
  output: Record<string, unknown>;
  errors: MapError[];
  validation: { path: string; message: string }[];
  unmappedRequired: string[];
  /** Found without running: a value a mapping can produce does not fit the target's type or enum. */
  typeMismatches?: { target: string; mappingIndex: number; message: string }[];
  trace: TraceEntry[];
  /** std.trace output. */
  log: string[];
  durationMs: number;
}

export interface JsonnetDiagnostic {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: 'error' | 'warning';
}

export const mappingCalls = {
  /** Run one direction's mappings over a record (Jsonnet in the engine's child process). */
  'mapping.run': call<MapResult>()(
    z.object({
      project: ProjectInput,
      projectPath: z.string().nullable(),
      direction: z.enum(['outbound', 'inbound']),
      operation: z.enum(['create', 'update']).optional(),
      input: z.unknown(),
    }).strict(),
  ),
  /** Compile (and optionally evaluate) one custom script for editor diagnostics. */
  'mapping.checkScript': call<{ diagnostics: JsonnetDiagnostic[]; value?: unknown; log: string[] }>()(
    z.object({ script: z.string(), input: z.unknown().optional() }).strict(),
  ),
  /** Source and target field trees for the canvas. */
  'mapping.fields': call<{ source: Field[]; target: Field[]; targetSource: 'metadata' | 'spec' | 'merged' }>()(
    z.object({
      project: ProjectInput,
      projectPath: z.string().nullable(),
      direction: z.enum(['outbound', 'inbound']),
      operation: z.enum(['create', 'update']).optional(),
    }).strict(),
  ),
  /** The bundled sample work order (outbound sample). */
  'mapping.sampleWorkOrder': call<unknown>()(z.object({}).strict()),
};

export type { Direction };
