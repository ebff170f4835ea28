/**
 * mapping.* calls: run a direction's mappings over a record (the live preview), check one
 * custom script for the editor, list source/target fields for the canvas, and the bundled
 * sample work order. Jsonnet runs in this server's own Jsonnet host (a child process), shut
 * down when the server closes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonnetDiagnostic, mappingCalls } from '../../common/api/calls-mapping';
import { StudioError } from '../../common/api/define';
import { evaluateCustom } from '../mapping/custom';
import { JsonnetHost } from '../mapping/jsonnet-client';
import { mapProject, targetInfo } from '../mapping/map-project';
import { checkProjectObject } from '../project/file';
import { resourcesDir } from '../runtime/paths';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';

export function createMappingHandlers(ctx: ServerContext): Handlers<keyof typeof mappingCalls> {
  let host: JsonnetHost | null = null;
  const jsonnet = () => {
    host ??= new JsonnetHost();
    return host;
  };
  ctx.onClose(async () => {
    await host?.close();
    host = null;
  });

  return {
    'mapping.run': async (input) => {
      const project = checkProjectObject(input.project);
      return mapProject({
        project,
        projectPath: input.projectPath,
        direction: input.direction,
        operation: input.operation ?? 'create',
        input: input.input,
        host: jsonnet(),
      });
    },

    'mapping.checkScript': async (input) => {
      const run = await evaluateCustom(jsonnet(), [{ index: 0, target: 'script', script: input.script }], [input.input ?? {}]);
      const o = run.outcomes[0]!.get(0);
      const log = run.log.map((l) => l.replace(/^script:/, 'line '));
      if (!o) return { diagnostics: [{ message: 'the script was not evaluated', line: 1, column: 1, severity: 'error' }], log };
      if (o.ok) return { diagnostics: [], value: o.value, log };
      const d: JsonnetDiagnostic = { message: o.message, line: o.line ?? 1, column: o.column ?? 1, severity: 'error' };
      return { diagnostics: [d], log };
    },

    'mapping.fields': async (input) => {
      const project = checkProjectObject(input.project);
      // The canvas asks for fields before the first preview: start the Jsonnet host now so
      // that preview does not pay the child process's start-up.
      if ([...project.mappings.outbound, ...project.mappings.inbound].some((m) => m.action === 'custom')) jsonnet().warm().catch(() => undefined);
      const info = await targetInfo(project, input.projectPath, input.direction, input.operation ?? 'create');
      return { source: info.sourceFields, target: info.targetFields, targetSource: info.targetSource };
    },

    'mapping.sampleWorkOrder': async () => {
      try {
        return JSON.parse(await readFile(join(resourcesDir(), 'demo', 'sample-workorder.json'), 'utf8')) as unknown;
      } catch (err) {
        throw new StudioError('io', `cannot read the sample work order: ${(err as Error).message}`);
      }
    },
  };
}
