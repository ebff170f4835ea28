import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state';
import { MIN_HEIGHT, MIN_WIDTH } from './window-state';

/**
 * The security baseline of the one studio window, spelled out so review is easy (STYLE §3.5):
 * isolated, sandboxed, no Node in the page, no <webview>, the contract-only preload.
 */
export function secureWebPreferences(preloadPath: string, development: boolean): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: development,
  };
}

export function mainWindowOptions(o: {
  preloadPath: string;
  state: WindowState;
  development: boolean;
  title: string;
  icon?: string;
}): BrowserWindowConstructorOptions {
  const opts: BrowserWindowConstructorOptions = {
    title: o.title,
    width: o.state.width,
    height: o.state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown on 'ready-to-show' so the first paint is the app, not a white flash.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(o.preloadPath, o.development),
  };
  if (o.state.x !== undefined && o.state.y !== undefined) {
    opts.x = o.state.x;
    opts.y = o.state.y;
  }
  if (o.icon) opts.icon = o.icon;
  return opts;
}
