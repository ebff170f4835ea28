/**
 * The preload: exposes exactly the API contract as `window.studio` ({invoke, subscribe}) and
 * nothing else. Bundled as one CommonJS file with no exports (sandbox stays on); it imports only
 * `electron` and the contract. Unknown call or event names are refused here, and again in main.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge, DROP_CHANNEL, installDropRelay } from './bridge';

contextBridge.exposeInMainWorld('studio', createBridge(ipcRenderer));
installDropRelay(window, (f) => webUtils.getPathForFile(f), (paths) => ipcRenderer.send(DROP_CHANNEL, paths));
