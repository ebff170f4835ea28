/** Messages between the spec worker (worker.ts) and its client (lint-client.ts). */
import type { SpecSource } from '../../common/api/calls-spec';
import type { StudioErrorData } from '../../common/api/define';
import type { Diagnostic, SpecFormat } from '../../common/spec/model';
import type { LintOutput } from './lint';
import type { SourceFile } from './load';
import type { SourceFormat } from './parse';

export interface WorkerRequest {
  type: 'open';
  source: SpecSource;
  allowRemoteRefs: boolean;
  /** Send the parsed documents back (spec.open) or only lint (CLI `lint`). */
  sendSpec: boolean;
  lint: boolean;
}

export interface SerializedSpec {
  name: string;
  path: string | null;
  url: string | null;
  rootKey: string;
  sourceFormat: SourceFormat;
  sha256: string;
  sizeBytes: number;
  format: SpecFormat;
  openapiVersion: string;
  allowRemoteRefs: boolean;
  files: SourceFile[];
  diagnostics: Diagnostic[];
  loadMs: number;
}

export type WorkerMessage =
  | { type: 'progress'; phase: 'read' | 'parse' | 'resolve' | 'operations' | 'lint'; message: string; fraction: number | null }
  | { type: 'opened'; spec: SerializedSpec | null; operations: number }
  | { type: 'linted'; result: LintOutput }
  | { type: 'error'; error: StudioErrorData };
