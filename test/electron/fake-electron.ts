/**
 * A hand-written stand-in for the `electron` package (its binary is not installed here, and
 * `require('electron')` would try to download it). It records what the main process and the
 * preload do with it, so tests can assert on windows, handlers and menus, and drive events.
 */
type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(fn);
    this.listeners.set(event, list);
    return this;
  }
  once(event: string, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return fn(...args);
    };
    return this.on(event, wrapped);
  }
  removeListener(event: string, fn: Listener): this {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => l !== fn),
    );
    return this;
  }
  off(event: string, fn: Listener): this {
    return this.removeListener(event, fn);
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = [...(this.listeners.get(event) ?? [])];
    for (const l of list) l(...args);
    return list.length > 0;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event whose preventDefault can be observed. */
export function fakeEvent<T extends object>(extra: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const e = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  url = '';
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
}

export class BrowserWindow extends Emitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  destroyed = false;
  minimized = false;
  maximized = false;
  shown = false;
  focused = false;
  bounds = { x: 10, y: 20, width: 1280, height: 820 };
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return false;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
}

class FakeApp extends Emitter {
  isPackaged = false;
  lockGranted = true;
  lockRequests = 0;
  quitCalls = 0;
  exitCode: number | null = null;
  userData = '/nonexistent/user-data';
  appPath = process.cwd();
  requestSingleInstanceLock(): boolean {
    this.lockRequests++;
    return this.lockGranted;
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
}
export const app = new FakeApp();

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
class FakeIpcMain extends Emitter {
  handlers = new Map<string, InvokeHandler>();
  handle(channel: string, fn: InvokeHandler): void {
    // Like Electron: a second handler for one channel is an error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (req: { url: string }) => Promise<Response>>(),
  registerSchemesAsPrivileged(list: unknown[]): void {
    this.privileged.push(...list);
  },
  handle(scheme: string, h: (req: { url: string }) => Promise<Response>): void {
    this.handlers.set(scheme, h);
  },
};

type PermissionRequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
type HeadersListener = (details: Record<string, unknown>, cb: (r: Record<string, unknown>) => void) => void;
export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as PermissionCheckHandler | null,
    headersListener: null as HeadersListener | null,
    setPermissionRequestHandler(h: PermissionRequestHandler): void {
      this.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: PermissionCheckHandler): void {
      this.permissionCheckHandler = h;
    },
    webRequest: {
      onHeadersReceived(l: HeadersListener): void {
        session.defaultSession.headersListener = l;
      },
    },
  },
};

export const Menu = {
  applied: null as { template: unknown[] } | null,
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] }): void {
    this.applied = menu;
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const dialog = {
  openResults: [] as { canceled: boolean; filePaths: string[] }[],
  openCalls: [] as unknown[][],
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.openCalls.push(args);
    return this.openResults.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog(): Promise<{ canceled: boolean; filePath: string }> {
    return { canceled: true, filePath: '' };
  },
  async showMessageBox(): Promise<{ response: number }> {
    return { response: 0 };
  },
  errors: [] as string[][],
  showErrorBox(title: string, content: string): void {
    this.errors.push([title, content]);
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
  async openPath(): Promise<string> {
    return '';
  },
};

// Preload side.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends Emitter {
  invoked: unknown[][] = [];
  sentMessages: unknown[][] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: { channel } });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sentMessages.push([channel, ...args]);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const webUtils = {
  getPathForFile: (file: { path?: string }): string => file.path ?? '',
};

/** Back to a fresh state (vi.resetModules re-runs the main module but keeps this mock). */
export function resetFake(): void {
  Object.assign(app, new FakeApp());
  Object.assign(ipcMain, new FakeIpcMain());
  Object.assign(ipcRenderer, new FakeIpcRenderer());
  BrowserWindow.instances.length = 0;
  protocol.privileged = [];
  protocol.handlers = new Map();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  session.defaultSession.headersListener = null;
  Menu.applied = null;
  dialog.openResults = [];
  dialog.openCalls = [];
  dialog.errors = [];
  shell.opened = [];
  contextBridge.exposed = new Map();
}
