import type { sandboxCalls } from '../../common/api/calls-sandbox';
import { StudioError } from '../../common/api/define';
import type { Project } from '../../common/project/model';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { credentialStatus, removeCredential, storeCredential, type EnvTarget } from '../sandbox/credentials';
import { refreshFields, sendOperation, testConnection } from '../sandbox/service';
import { stopSharedDemoSandbox } from '../sandbox/index';
import { RemoteCallFailed } from '../sandbox/service';
import type { HttpExchange } from '../../common/api/calls-sandbox';
import { recordTestRun } from '../workspace/index';

type Names = keyof typeof sandboxCalls;

function target(input: { project: Record<string, unknown>; projectPath: string | null; env: string }): EnvTarget {
  const p = input.project as unknown as Project;
  if (typeof p.environments !== 'object' || p.environments === null) {
    throw new StudioError('bad-input', 'the project has no "environments"');
  }
  return { project: p, projectPath: input.projectPath, env: input.env };
}

/**
 * Credentials and sandbox calls for the UI. The password goes in (credentials.set) and never
 * comes back: statuses say only whether one is stored and where; exchanges are redacted.
 */
export function createSandboxHandlers(ctx: ServerContext): Handlers<Names> {
  ctx.onClose(() => stopSharedDemoSandbox());

  /** Test-run history (redacted again by the workspace); a history problem never fails the call. */
  async function record(input: { projectPath: string | null; env: string }, operation: string, ok: boolean, exchange: HttpExchange): Promise<void> {
    try {
      await recordTestRun(ctx.studioHome, { projectPath: input.projectPath, environment: input.env, operation, ok, exchange });
    } catch (err) {
      process.stderr.write(`test-run history not recorded: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }

  async function recorded<T>(input: { projectPath: string | null; env: string }, operation: string, run: () => Promise<T>, exchangeOf: (v: T) => { ok: boolean; exchange?: HttpExchange | undefined }): Promise<T> {
    try {
      const v = await run();
      const e = exchangeOf(v);
      if (e.exchange) await record(input, operation, e.ok, e.exchange);
      return v;
    } catch (err) {
      if (err instanceof RemoteCallFailed) await record(input, operation, false, err.exchange);
      throw err;
    }
  }
  return {
    'credentials.status': async (input) => credentialStatus(target(input)),
    'credentials.set': async (input) => {
      const t = target(input);
      const env = t.project.environments[t.env];
      const project: Project = env ? { ...t.project, environments: { ...t.project.environments, [t.env]: { ...env, username: input.username } } } : t.project;
      return storeCredential({ ...t, project }, input.password, input.sessionOnly === true);
    },
    'credentials.delete': async (input) => {
      const { deleted: _deleted, ...status } = await removeCredential(target(input));
      return status;
    },
    'sandbox.testConnection': async (input) => {
      ctx.emit('sandbox.progress', { operation: 'testConnection', message: `testing ${input.env}` });
      return recorded(input, 'testConnection', () => testConnection(target(input)), (r) => ({ ok: r.ok, exchange: r.exchange }));
    },
    'sandbox.refreshFields': async (input) => {
      ctx.emit('sandbox.progress', { operation: 'refreshFields', message: `reading fields from ${input.env}` });
      const r = await recorded(input, 'refreshFields', () => refreshFields(target(input)), (v) => ({ ok: true, exchange: v.exchange }));
      return { source: r.source, fields: r.fields, comparison: r.comparison };
    },
    'sandbox.send': async (input) => {
      ctx.emit('sandbox.progress', { operation: input.operation, message: `sending ${input.operation} to ${input.env}` });
      const file = input.file ? { name: input.file.name, contentType: input.file.contentType, data: new Uint8Array(Buffer.from(input.file.base64, 'base64')) } : undefined;
      const send = () =>
        sendOperation(target(input), {
          operation: input.operation,
          ...(input.input !== undefined ? { input: input.input } : {}),
          ...(input.id !== undefined ? { id: input.id } : {}),
          ...(file ? { file } : {}),
        });
      const r = await recorded(input, input.operation, send, (v) => ({ ok: v.ok, exchange: v.exchange }));
      return { request: r.request, response: r.response, recordId: r.recordId, durationMs: r.durationMs };
    },
  };
}
