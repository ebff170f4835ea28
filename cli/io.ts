import { StudioError, formatErrorData } from '../shared/common/api/define';

/** Exit codes from CLI.md: 0 success, 1 input read but has errors, 2 input could not be used. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;

/** A user error: printed as one line on stderr (never a stack trace) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_UNUSABLE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliIO {
  /** stdout: exactly one JSON document with --json, human output otherwise. */
  out(text: string): void;
  /** stderr: progress and human messages. */
  err(text: string): void;
  json(value: unknown): void;
  stdin(): Promise<string>;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Turn a thrown error into the CLI's exit code and one stderr line. */
export function reportError(err: unknown, io: CliIO): number {
  if (err instanceof CliError) {
    io.err(err.message);
    return err.exitCode;
  }
  if (err instanceof StudioError) {
    io.err(formatErrorData(err.toData()));
    return EXIT_UNUSABLE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`internal error: ${message}`);
  if (process.env.STUDIO_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
  return EXIT_UNUSABLE;
}
