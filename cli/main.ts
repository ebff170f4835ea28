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
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new CliError(`${name}: ${err instanceof Error ? err.message : String(err)}\nusage: connector-studio ${command.usage}`);
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
