import { resolve } from 'node:path';
import type { bundleCalls } from '../../common/api/calls-bundle';
import { StudioError } from '../../common/api/define';
import { exportBundle } from '../bundle/export';
import { keychainSigningKey } from '../bundle/signing-key';
import { verifyBundleFile } from '../bundle/verify-file';
import { parseProjectText, serializeProject } from '../project/file';
import { acquireWorkspace, type WorkspaceHandle, type WorkspaceStore } from '../workspace/index';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';

/** Signed bundle export, offline verification and the public signing key. */
export function createBundleHandlers(ctx: ServerContext): Handlers<keyof typeof bundleCalls> {
  let handle: WorkspaceHandle | null = null;
  const requireStore = (): WorkspaceStore => {
    if (!handle) {
      handle = acquireWorkspace(ctx.studioHome);
      const held = handle;
      ctx.onClose(() => held.release());
    }
    return handle.store;
  };
  // The export log is part of an export, but a refused database must not block exporting.
  const store = (): WorkspaceStore | null => {
    try {
      return requireStore();
    } catch (err) {
      process.stderr.write(`export log unavailable: ${(err as Error).message}\n`);
      return null;
    }
  };
  return {
    'bundle.export': async (input) => {
      if (!input.out && !input.pushUrl) throw new StudioError('bad-input', 'choose a file to write, a broker URL to push to, or both');
      const project = parseProjectText(serializeProject(input.project), input.projectPath || 'project');
      return exportBundle({
        project,
        projectPath: input.projectPath,
        ...(input.out ? { out: input.out } : {}),
        ...(input.pushUrl ? { pushUrl: input.pushUrl } : {}),
        appVersion: ctx.appVersion,
        store: store(),
      });
    },
    'bundle.verify': async (input) => verifyBundleFile(input.path, input.publicKey),
    'bundle.log': async (input) => {
      return requireStore().listExports(input.projectPath ? resolve(input.projectPath) : undefined);
    },
    'bundle.publicKey': async () => {
      const key = await keychainSigningKey();
      return { jwk: { ...key.publicJwk }, keyId: key.keyId };
    },
  };
}
