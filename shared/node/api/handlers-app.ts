import { join } from 'node:path';
import type { appCalls } from '../../common/api/calls-app';
import { StudioError } from '../../common/api/define';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { resourcesDir } from '../runtime/paths';
import { keychainStatus } from '../keychain/index';

export function createAppHandlers(ctx: ServerContext): Handlers<keyof typeof appCalls> {
  return {
    'app.info': async () => ({
      version: ctx.appVersion,
      mode: ctx.mode === 'electron' ? 'electron' : 'browser',
      studioHome: ctx.studioHome,
      demoProjectPath: join(resourcesDir(), 'demo', 'demo.connector.json'),
      keychain: await keychainStatus(),
      openDemoOnStart: ctx.openDemoOnStart === true,
    }),
    // The Electron shell answers this call itself with a native dialog (electron/main/dialogs.ts).
    'app.pickFile': async () => {
      throw new StudioError('bad-input', 'native file dialogs exist only in the desktop app; pick the file in the page instead');
    },
  };
}
