import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { projectCalls } from '../../common/api/calls-project';
import { StudioError } from '../../common/api/define';
import { AUTHOR_SETTING, bundleAuthorWithSource } from '../bundle/export';
import { readProjectFile, writeProjectFile } from '../project/file';
import { resourcesDir } from '../runtime/paths';
import { DEMO_PASSWORD, DEMO_USERNAME, startDemoSandbox, type DemoSandbox } from '../sandbox/demo-server';
import { acquireWorkspace, type WorkspaceHandle, type WorkspaceStore } from '../workspace/index';
import {
  autosaveProject,
  createProject,
  openProject,
  projectDiff,
  projectHistory,
  projectRevision,
  saveProject,
  specImpactFor,
} from '../workspace/project-service';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';

export const DEMO_PROJECT_FILE = 'demo.connector.json';

/**
 * The project lifecycle. The workspace database is opened on first use (not at start-up, so a
 * refused database only affects the calls that need it) and released when the server stops.
 */
export function createProjectHandlers(ctx: ServerContext): Handlers<keyof typeof projectCalls> {
  let handle: WorkspaceHandle | null = null;
  const store = (): WorkspaceStore => {
    if (!handle) {
      handle = acquireWorkspace(ctx.studioHome);
      const held = handle;
      ctx.onClose(() => held.release());
    }
    return handle.store;
  };

  let sandbox: Promise<DemoSandbox> | null = null;
  const demoSandbox = (): Promise<DemoSandbox> => {
    if (!sandbox) {
      sandbox = startDemoSandbox({});
      const started = sandbox;
      ctx.onClose(async () => {
        await (await started).close();
      });
      sandbox.catch(() => {
        sandbox = null;
      });
    }
    return sandbox;
  };

  return {
    'project.new': (input) => createProject(store, input),
    'project.open': (input) => openProject(store, input.path),
    'project.openDemo': async () => {
      const demoDir = join(ctx.studioHome, 'demo');
      const demoFile = join(demoDir, DEMO_PROJECT_FILE);
      if (!existsSync(demoFile)) {
        const source = join(resourcesDir(), 'demo');
        if (!existsSync(join(source, DEMO_PROJECT_FILE))) {
          throw new StudioError('not-found', `the demo project is missing from this installation (${join(source, DEMO_PROJECT_FILE)})`);
        }
        // First time only: the copy is the user's to change; later launches keep their edits.
        cpSync(source, demoDir, { recursive: true, force: false, errorOnExist: false });
      }
      const running = await demoSandbox();
      const { project } = await readProjectFile(demoFile);
      const env = project.environments.sandbox ?? { baseUrl: '', username: DEMO_USERNAME };
      if (env.baseUrl !== running.url) {
        project.environments.sandbox = { ...env, baseUrl: running.url };
        await writeProjectFile(demoFile, project);
      }
      const state = await openProject(store, demoFile);
      const username = project.environments.sandbox?.username || DEMO_USERNAME;
      return {
        ...state,
        sandbox: {
          baseUrl: running.url,
          username,
          hint: `The demo sandbox runs at ${running.url}. Sign in as "${DEMO_USERNAME}" with the demo-only password "${DEMO_PASSWORD}" (it protects nothing real).`,
        },
      };
    },
    'project.save': (input) => saveProject(store, input),
    'project.autosave': (input) => autosaveProject(store, input),
    'project.history': (input) => projectHistory(store, input.path),
    'project.revision': (input) => projectRevision(store, input.path, input.revision),
    'project.diff': (input) => projectDiff(store, input.path, input.from, input.to),
    'project.specImpact': (input) => specImpactFor(store, input),
    'workspace.recent': () => store().listRecent(),
    'workspace.settings': async (input) => {
      const s = store();
      if (input.author !== undefined) await s.setSetting(AUTHOR_SETTING, input.author.trim());
      return bundleAuthorWithSource(s);
    },
    'project.testRuns': async (input) => {
      const runs = await store().listTestRuns(resolve(input.path), input.limit ?? 50);
      return runs.map(({ projectPath: _omit, ...run }) => run);
    },
  };
}
