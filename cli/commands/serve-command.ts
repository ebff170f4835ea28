import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command';
import { CliError, EXIT_OK } from '../io';
import { createStudioServer } from '../../shared/node/api/server';
import { startBridge } from '../../shared/node/bridge/http-bridge';
import { resourcesDir } from '../../shared/node/runtime/paths';

function rendererDir(): string {
  return process.env.STUDIO_RENDERER_DIR ?? join(resourcesDir(), '..', 'out', 'renderer');
}

export const serve: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--demo]',
  summary: 'browser mode: serve the studio on 127.0.0.1 with a per-launch token',
  options: { port: { type: 'string' }, demo: { type: 'boolean' } },
  positionals: 0,
  async run(args, io) {
    const port = args.values.port === undefined ? 0 : Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`serve: --port must be 0..65535`);
    const staticDir = rendererDir();
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new CliError(`serve: the renderer is not built (${staticDir} has no index.html); run: npm run build`);
    }
    // --demo: with no project opened before, the page opens the demo project and its sandbox.
    const studio = createStudioServer({ mode: 'browser', openDemoOnStart: args.values.demo === true });
    const bridge = await startBridge({ dispatch: studio.dispatch, hub: studio.hub, staticDir, port });
    io.out(bridge.url);
    io.err(`Connector Studio (browser mode) at ${bridge.url}\nPress Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await bridge.close();
    await studio.close();
    return EXIT_OK;
  },
};

export const commands: Command[] = [serve];
