import type { MenuItemConstructorOptions } from 'electron';
import type { AppMenuCommand } from '../../shared/common/api/calls-app';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Reload and the developer tools exist only when the app is not packaged. */
  development: boolean;
  /** Sends a menu command to the page (the `app.menu` event). */
  command(command: AppMenuCommand): void;
  about(): void;
  showWorkspaceFolder(): void;
}

/** The native menu: File / Edit / View / Help (plus the app and Window menus on macOS). */
export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const cmd = (command: AppMenuCommand) => () => o.command(command);
  const template: MenuItemConstructorOptions[] = [];
  if (o.isMac) {
    template.push({
      label: o.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      { id: 'open-spec', label: 'Open Spec…', accelerator: 'CmdOrCtrl+O', click: cmd('open-spec') },
      { id: 'open-project', label: 'Open Project…', accelerator: 'CmdOrCtrl+Shift+O', click: cmd('open-project') },
      { id: 'open-demo', label: 'Open Demo Project', click: cmd('open-demo') },
      { type: 'separator' },
      { id: 'save-project', label: 'Save Project', accelerator: 'CmdOrCtrl+S', click: cmd('save-project') },
      { id: 'save-project-as', label: 'Save Project As…', accelerator: 'CmdOrCtrl+Shift+S', click: cmd('save-project-as') },
      { type: 'separator' },
      o.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [];
  if (o.development) view.push({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  view.push({ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' });
  template.push({ label: '&View', submenu: view });
  if (o.isMac) template.push({ role: 'windowMenu' });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'show-workspace', label: 'Show Workspace Folder', click: () => o.showWorkspaceFolder() },
      ...(o.isMac ? [] : [{ type: 'separator' as const }, { id: 'about', label: `About ${o.appName}`, click: () => o.about() }]),
    ],
  });
  return template;
}
