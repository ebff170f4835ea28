import { join } from 'node:path';
import type { appCalls } from '../../common/api/calls-app';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { resourcesDir } from '../runtime/paths';

export function createAppHandlers(ctx: ServerContext): Handlers<keyof typeof appCalls> {
  return {
    'app.info': async () => ({
      version: ctx.appVersion,
      mode: ctx.mode === 'electron' ? 'electron' : 'browser',
      studioHome: ctx.studioHome,
      demoProjectPath: join(resourcesDir(), 'demo', 'demo.connector.json'),
      keychain: { available: true, message: null },
    }),
  };
}
