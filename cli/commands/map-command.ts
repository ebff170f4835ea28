import { readFile } from 'node:fs/promises';
import { JsonSyntaxError, parseJsonWithPositions } from '../../shared/common/project/json-positions';
import { shutdownSharedJsonnetHost, sharedJsonnetHost } from '../../shared/node/mapping/jsonnet-client';
import { mapProject } from '../../shared/node/mapping/map-project';
import { readProjectFile } from '../../shared/node/project/file';
import type { Command } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../io';

async function readRecord(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: file not found` : `${path}: cannot read: ${(err as Error).message}`);
  }
  try {
    return parseJsonWithPositions(text).value;
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new CliError(`${path}:${err.position.line}:${err.position.column}: invalid JSON: ${err.message}`);
    throw err;
  }
}

/**
 * `map <project> --input <record.json>`: exit 0 when the payload has no mapping errors, passes
 * validation and every required target is mapped; 1 otherwise (unmapped required targets count:
 * the broker would send a request the API rejects); 2 when the project or record is unusable.
 */
const mapCommand: Command = {
  name: 'map',
  usage: 'map <project> --input <record.json> [--direction outbound|inbound] [--operation create|update] [--json]',
  summary: "run a project's mappings over one record and validate the result",
  options: {
    input: { type: 'string' },
    direction: { type: 'string' },
    operation: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: 1,
  async run(args, io) {
    const projectPath = args.positionals[0]!;
    const inputPath = args.values.input;
    if (typeof inputPath !== 'string' || inputPath === '') throw new CliError('map: --input <record.json> is required');
    const direction = (args.values.direction as string | undefined) ?? 'outbound';
    if (direction !== 'outbound' && direction !== 'inbound') throw new CliError(`map: --direction must be outbound or inbound, not "${direction}"`);
    const operation = (args.values.operation as string | undefined) ?? 'create';
    if (operation !== 'create' && operation !== 'update') throw new CliError(`map: --operation must be create or update, not "${operation}"`);
    const { project, path } = await readProjectFile(projectPath);
    const input = await readRecord(inputPath);
    let result;
    try {
      result = await mapProject({ project, projectPath: path, direction, operation, input, host: sharedJsonnetHost() });
    } finally {
      await shutdownSharedJsonnetHost();
    }
    const failed = result.errors.length > 0 || result.validation.length > 0 || result.unmappedRequired.length > 0;
    if (args.values.json) {
      io.json({
        output: result.output,
        errors: result.errors,
        validation: result.validation,
        unmappedRequired: result.unmappedRequired,
        typeMismatches: result.typeMismatches,
        log: result.log,
      });
    } else {
      io.out(JSON.stringify(result.output, null, 2));
      for (const l of result.log) io.err(`trace: ${l}`);
      for (const e of result.errors) io.err(`error: ${e.target}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}: ${e.message}`);
      for (const v of result.validation) io.err(`invalid: ${v.path || '(payload)'}: ${v.message}`);
      for (const u of result.unmappedRequired) io.err(`unmapped required target: ${u}`);
      for (const t of result.typeMismatches) io.err(`type mismatch: ${t.target}: ${t.message}`);
      io.err(failed ? 'map: the payload has problems (see above)' : 'map: ok');
    }
    return failed ? EXIT_FINDINGS : EXIT_OK;
  },
};

export const commands: Command[] = [mapCommand];
