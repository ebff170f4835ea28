import { z } from 'zod';
import { call } from './define';
import type { Diagnostic, FieldsResult, InspectResult, ServerSummary } from '../spec/model';

export const SpecSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  z.object({ kind: z.literal('url'), url: z.string().url() }),
  z.object({ kind: z.literal('text'), text: z.string(), name: z.string().optional() }),
]);
export type SpecSource = z.infer<typeof SpecSource>;

export interface OpenedSpec extends InspectResult {
  /** Handle for later calls (fields, source, lint). */
  specId: string;
  /** Display name: file name, URL, or "pasted.yaml". */
  name: string;
  /** Absolute path when opened from a file. */
  path: string | null;
  sourceFormat: 'json' | 'yaml';
  sha256: string;
  sizeBytes: number;
  serverDetails: ServerSummary[];
  /** Load-time diagnostics (unresolved refs, refused remote refs, ...). Lint follows as an event. */
  diagnostics: Diagnostic[];
  loadMs: number;
}

export interface LintResult {
  specId: string;
  diagnostics: Diagnostic[];
  summary: { errors: number; warnings: number };
  lintMs: number;
}

export const specCalls = {
  /** Parse, resolve and list operations; linting starts in the background (events `spec.progress`, `spec.linted`). */
  'spec.open': call<OpenedSpec>()(
    z.object({ source: SpecSource, allowRemoteRefs: z.boolean().optional() }).strict(),
  ),
  /** Waits for the lint of an opened spec (starting it when needed). */
  'spec.lint': call<LintResult>()(z.object({ specId: z.string() }).strict()),
  'spec.source': call<{ text: string; language: 'json' | 'yaml' }>()(z.object({ specId: z.string() }).strict()),
  'spec.fields': call<FieldsResult>()(
    z.object({ specId: z.string(), operation: z.string(), part: z.enum(['request', 'response']).optional() }).strict(),
  ),
  'spec.cancel': call<{ cancelled: boolean }>()(z.object({ specId: z.string() }).strict()),
};

export interface SpecProgressEvent {
  specId: string;
  phase: 'read' | 'parse' | 'resolve' | 'operations' | 'lint' | 'done' | 'error' | 'cancelled';
  /** 0..1 when known. */
  fraction: number | null;
  message: string;
}

export type SpecLintedEvent = LintResult;
