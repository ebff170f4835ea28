import { z } from 'zod';
import { call } from './define';

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  studioHome: string;
  /** Absolute path of the bundled demo project. */
  demoProjectPath: string;
  keychain: { available: boolean; message: string | null };
  /** Open the demo project (and its embedded sandbox) when no project was open before: `npm start`. */
  openDemoOnStart: boolean;
}

/** What a native file dialog is for (desktop app only; browser mode uses the page's file input). */
export const PickFilePurpose = z.enum(['open-spec', 'open-project', 'save-project']);
export type PickFilePurpose = z.infer<typeof PickFilePurpose>;

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict()),
  /** Desktop app: a native open/save dialog; `path` is null when the user cancels. */
  'app.pickFile': call<{ path: string | null }>()(
    z.object({ purpose: PickFilePurpose, defaultPath: z.string().max(4096).optional() }).strict(),
  ),
};

/** Commands of the desktop app's native menu, sent to the page as the `app.menu` event. */
export type AppMenuCommand = 'open-spec' | 'open-project' | 'open-demo' | 'save-project' | 'save-project-as';
export interface AppMenuEvent {
  command: AppMenuCommand;
}

/** A file to open that came from outside the page: "open with", a second launch, a drop on the window. */
export interface AppOpenFileEvent {
  path: string;
  kind: 'spec' | 'project';
}
