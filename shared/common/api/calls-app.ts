import { z } from 'zod';
import { call } from './define';

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  studioHome: string;
  /** Absolute path of the bundled demo project. */
  demoProjectPath: string;
  keychain: { available: boolean; message: string | null };
}

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict()),
};
