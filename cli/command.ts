import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: OptionSpec;
  /** Number of required positionals. */
  positionals: number;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
