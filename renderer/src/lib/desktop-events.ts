import { useEffect } from 'react';
import type { AppMenuCommand } from '../../../shared/common/api/calls-app';
import { bridge, callStudio, isBrowserMode } from '../bridge';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';

async function pick(purpose: 'open-spec' | 'open-project' | 'save-project'): Promise<string | null> {
  const { path } = await callStudio('app.pickFile', { purpose });
  return path;
}

async function runMenuCommand(command: AppMenuCommand): Promise<void> {
  const project = useProject.getState();
  const ui = useUi.getState();
  switch (command) {
    case 'open-spec': {
      const path = await pick('open-spec');
      if (path && (await project.openSpec({ kind: 'file', path }))) ui.setView('spec');
      return;
    }
    case 'open-project': {
      const path = await pick('open-project');
      if (path) await project.openProject(path);
      return;
    }
    case 'open-demo':
      await project.openDemo();
      return;
    case 'save-project':
      if (project.doc) await project.saveProject();
      return;
    case 'save-project-as': {
      if (!project.doc) return;
      const path = await pick('save-project');
      if (path) await project.saveAs(path);
      return;
    }
  }
}

/**
 * The desktop app's native menu and "open with" / second-launch / dropped files arrive as the
 * `app.menu` and `app.openFile` events; browser mode has neither (it uses the page's own controls).
 */
export function useDesktopEvents(): void {
  useEffect(() => {
    if (isBrowserMode) return;
    const report = (err: unknown) => useUi.getState().notify('error', err instanceof Error ? err.message : String(err));
    const offMenu = bridge.subscribe('app.menu', ({ command }) => {
      runMenuCommand(command).catch(report);
    });
    const offOpen = bridge.subscribe('app.openFile', ({ path, kind }) => {
      const project = useProject.getState();
      const opened = kind === 'project' ? project.openProject(path) : project.openSpec({ kind: 'file', path });
      opened.then((ok) => {
        if (ok && kind === 'spec') useUi.getState().setView('spec');
      }, report);
    });
    return () => {
      offMenu();
      offOpen();
    };
  }, []);
}
