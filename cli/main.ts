import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCommands } from './commands/index';
import { CliError, EXIT_UNUSABLE, processIO, reportError, type CliIO } from './io';
import type { Command } from './command';

function usage(commands: Command[]): string {
  const lines = ['Usage: connector-studio <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'With --json, stdout carries exactly one JSON document; messages go to stderr.');
  lines.push('Exit codes: 0 success, 1 the input has errors, 2 the input could not be used.');
  return lines.join('\n');
}

/** parseArgs' messages, shortened to what the user typed wrong. */
function describeArgError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const option = /'(-{1,2}[^' ]*)/.exec(e.message ?? '')?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option ? `option ${option} needs a value` : (e.message ?? 'invalid option value');
    default:
      return e.message ?? String(err);
  }
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.err(usage(commands));
    return name ? 0 : EXIT_UNUSABLE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command: ${name}\n\n${usage(commands)}`);
    return EXIT_UNUSABLE;
  }
  const endOfOptions = rest.indexOf('--');
  const optionArgs = endOfOptions === -1 ? rest : rest.slice(0, endOfOptions);
  if (optionArgs.includes('--help') || optionArgs.includes('-h')) {
    io.out(`usage: connector-studio ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new CliError(`${name}: ${describeArgError(err)}\nusage: connector-studio ${command.usage}`);
    }
    if (parsed.positionals.length < command.positionals) {
      throw new CliError(`${name}: missing argument\nusage: connector-studio ${command.usage}`);
    }
    return await command.run(
      { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> },
      io,
    );
  } catch (err) {
    return reportError(err, io);
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Commands close what they open; this only guards against a forgotten handle keeping the CLI alive.
      setTimeout(() => process.exit(code), 3000).unref();
    },
    (err: unknown) => {
      process.exitCode = reportError(err, processIO);
    },
  );
}
