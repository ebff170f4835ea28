import type { Command } from '../command';

/**
 * Every command of CLI.md. Each area registers its commands in its own file and lists them here.
 */
export async function loadCommands(): Promise<Command[]> {
  const modules = await Promise.all([
    import('./spec-commands'),
    import('./map-command'),
    import('./sandbox-commands'),
    import('./bundle-commands'),
    import('./serve-command'),
  ]);
  return modules.flatMap((m) => m.commands);
}
