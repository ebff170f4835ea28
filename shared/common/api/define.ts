import type { z } from 'zod';

/**
 * One call of the API contract: its runtime input schema (parsed on the Node side before any
 * service runs, because IPC and HTTP input are untrusted) and, as a phantom type, its output.
 */
export interface CallDef<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: never set at run time; carries the output type. */
  readonly output?: O;
}

export function call<O>() {
  return <I extends z.ZodType>(input: I): CallDef<I, O> => ({ input });
}

/** Stable error codes that cross the process boundary (see docs/error-handling.md). */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'unparseable'
  | 'not-openapi'
  | 'unsupported-version'
  | 'encoding'
  | 'io'
  | 'keychain-unavailable'
  | 'auth'
  | 'network'
  | 'timeout'
  | 'conflict'
  | 'cancelled'
  | 'secret-found'
  | 'internal';

export interface StudioErrorData {
  code: ErrorCode;
  message: string;
  /** file:line:column when the error has a position. */
  file?: string;
  line?: number;
  column?: number;
  details?: unknown;
}

/** Every call answers with an Outcome: thrown errors do not survive IPC intact. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: StudioErrorData };

/** An error with a stable code; the dispatcher turns it into an Outcome. */
export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly details: unknown;
  constructor(
    code: ErrorCode,
    message: string,
    where?: { file?: string; line?: number; column?: number; details?: unknown },
  ) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.file = where?.file;
    this.line = where?.line;
    this.column = where?.column;
    this.details = where?.details;
  }

  toData(): StudioErrorData {
    const data: StudioErrorData = { code: this.code, message: this.message };
    if (this.file !== undefined) data.file = this.file;
    if (this.line !== undefined) data.line = this.line;
    if (this.column !== undefined) data.column = this.column;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

/** `file:line:column: message` — the one format for positioned errors in the CLI and UI. */
export function formatErrorData(e: StudioErrorData): string {
  // Messages that already name their file ("x.yaml: no such file") are not prefixed twice.
  if (e.file && e.message.startsWith(e.file)) return e.message;
  if (e.file && e.line !== undefined) return `${e.file}:${e.line}:${e.column ?? 1}: ${e.message}`;
  if (e.file) return `${e.file}: ${e.message}`;
  return e.message;
}
