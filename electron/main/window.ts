import { BrowserWindow } from 'electron';
import type { WindowState } from './window-state';
import { MIN_HEIGHT, MIN_WIDTH } from './window-state';

/**
 * The one studio window. The security baseline (STYLE §3.5) is spelled out as a literal right at
 * the constructor so review — and static scanners such as Electronegativity — can see it:
 * isolated, sandboxed, no Node in the page, no <webview>, the contract-only preload.
 */
export function openMainWindow(o: {
  preloadPath: string;
  state: WindowState;
  development: boolean;
  title: string;
  icon: string;
}): BrowserWindow {
  const win = new BrowserWindow({
    title: o.title,
    width: o.state.width,
    height: o.state.height,
    ...(o.state.x !== undefined && o.state.y !== undefined ? { x: o.state.x, y: o.state.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    icon: o.icon,
    // Shown on 'ready-to-show' so the first paint is the app, not a white flash.
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: o.preloadPath,
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
      // Middle-click would try to open a new window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: o.development,
    },
  });
  return win;
}
