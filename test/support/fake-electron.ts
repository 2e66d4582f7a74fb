/**
 * A fake `electron` module: just enough of the API that src/main/index.ts and src/preload/index.ts use, recording
 * what the real wiring asked of it. test/support/fake-electron-loader.ts makes `import ... from 'electron'` resolve
 * to an instance of this, so the tests load the real wiring files unchanged. Nothing here claims Electron ran: these
 * tests prove what the wiring asks of Electron, and test/electron proves the rest wherever the binary exists.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}
export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

type Rect = { x: number; y: number; width: number; height: number };
type Handler = (...args: unknown[]) => unknown;

type Options = { lockAvailable?: boolean; encryption?: 'available' | 'basic_text' | 'none' };

/** The one fake alive in this process: the wiring under test sees exactly one electron module at a time. */
interface Context {
  hub: EventEmitter;
  paths: Map<string, string>;
  options: Options;
  ready: Promise<void>;
  resolveReady: () => void;
  app: FakeApp;
}
let ctx: Context;

export class FakeApp extends EventEmitter {
  isPackaged = false;
  lockRequests = 0;
  quitRequests = 0;
  quitted = false;
  exitCode: number | null = null;
  badgeCounts: number[] = [];
  appPath = fs.mkdtempSync('/tmp/fake-electron-app-');
  getPath(name: string): string {
    const value = ctx.paths.get(name);
    if (value === undefined) throw new Error(`fake electron: app.getPath('${name}') was not set by the test`);
    return value;
  }
  setPath(name: string, value: string): void {
    ctx.paths.set(name, value);
  }
  getAppPath(): string {
    return this.appPath;
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequests += 1;
    return ctx.options.lockAvailable ?? true;
  }
  whenReady(): Promise<void> {
    return ctx.ready;
  }
  /** Test control: Electron's 'ready'. */
  emitReady(): void {
    ctx.resolveReady();
  }
  quit(): void {
    this.quitRequests += 1;
    const event = fakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    const willQuit = fakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.quitted = true;
    ctx.hub.emit('quit');
  }
  exit(code = 0): void {
    this.exitCode = code;
    ctx.hub.emit('exit', code);
  }
  setBadgeCount(count = 0): boolean {
    this.badgeCounts.push(count);
    ctx.hub.emit('badge', count);
    return true;
  }
}

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    ctx.hub.emit('sent', channel, payload);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  focused = false;
  minimized = false;
  maximized = false;
  visible = false;
  destroyed = false;
  flashes: boolean[] = [];
  overlays: { overlay: unknown; description: string }[] = [];
  bounds: Rect;
  constructor(public readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    const o = options as Partial<Rect>;
    this.bounds = { x: o.x ?? 100, y: o.y ?? 100, width: o.width ?? 800, height: o.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
    ctx.hub.emit('window', this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isFocused = () => this.focused;
  isMinimized = () => this.minimized;
  isMaximized = () => this.maximized;
  getNormalBounds = () => ({ ...this.bounds });
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
    ctx.hub.emit('focus', this);
  }
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }
  flashFrame(flag: boolean): void {
    this.flashes.push(flag);
  }
  setOverlayIcon(overlay: unknown, description: string): void {
    this.overlays.push({ overlay, description });
  }
  /** Test control: the user closes the window. */
  close(): void {
    this.emit('close', fakeEvent());
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) ctx.app.emit('window-all-closed');
  }
}

export class FakeMenu {
  constructor(public readonly template: unknown[]) {}
  static buildFromTemplate(template: unknown[]): FakeMenu {
    return new FakeMenu(template);
  }
  static applicationMenu: FakeMenu | null = null;
  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  toolTips: string[] = [];
  contextMenu: FakeMenu | null = null;
  constructor(public readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(toolTip: string): void {
    this.toolTips.push(toolTip);
  }
  setContextMenu(menu: FakeMenu): void {
    this.contextMenu = menu;
  }
}

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static isSupported = () => true;
  shown = false;
  constructor(public readonly options: { title: string; body: string }) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
    ctx.hub.emit('notification', this);
  }
}

export class FakeImage {
  constructor(public readonly path: string) {}
  isEmpty = () => !fs.existsSync(this.path);
  resize = () => this;
}

/** Builds a fresh fake electron module (replacing any earlier one) and the hub the tests wait on. */
export function createFakeElectron(options: Options = {}) {
  /** Every noteworthy call is also emitted here, so tests wait for what happened instead of for time. */
  const hub = new EventEmitter();
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  ctx = { hub, paths: new Map(), options, ready, resolveReady, app: undefined as unknown as FakeApp };
  const app = new FakeApp();
  ctx.app = app;
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeMenu.applicationMenu = null;

  const ipcMain = {
    handlers: new Map<string, Handler>(),
    handle(channel: string, handler: Handler) {
      if (this.handlers.has(channel)) throw new Error(`fake electron: second handler for ${channel}`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
  };

  const shell = {
    opened: [] as string[],
    openedPaths: [] as string[],
    shownInFolder: [] as string[],
    openExternal(url: string): Promise<void> {
      shell.opened.push(url);
      ctx.hub.emit('open-external', url);
      return Promise.resolve();
    },
    openPath(p: string): Promise<string> {
      shell.openedPaths.push(p);
      return Promise.resolve('');
    },
    showItemInFolder(p: string): void {
      shell.shownInFolder.push(p);
    },
  };

  const dialog = {
    errors: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string) {
      dialog.errors.push({ title, content });
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: unknown[]) {
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      protocol.handlers.set(scheme, handler);
    },
  };

  // Reversible and obviously not the plain text, so a test can tell sealed from plain in the database.

  const encryption = options.encryption ?? 'available';

  const safeStorage = {
    isEncryptionAvailable: () => encryption !== 'none',
    getSelectedStorageBackend: () => (encryption === 'basic_text' ? 'basic_text' : 'gnome_libsecret'),
    encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('hex')}`),
    decryptString: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('fake safeStorage: not sealed by this keychain');
      return Buffer.from(text.slice('sealed:'.length), 'hex').reverse().toString();
    },
  };

  const screen = {
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }] as Rect[],
    getAllDisplays: () => screen.workAreas.map((workArea) => ({ workArea, bounds: workArea })),
  };

  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown) {
      contextBridge.exposed.set(key, api);
    },
  };

  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoked: [] as { channel: string; request: unknown }[],
    invoke(channel: string, request: unknown) {
      ipcRenderer.invoked.push({ channel, request });
      return Promise.resolve({ ok: true, value: null });
    },
  });

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    Menu: FakeMenu,
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeImage: { createFromPath: (p: string) => new FakeImage(p) },
    shell,
    dialog,
    protocol,
    safeStorage,
    screen,
    contextBridge,
    ipcRenderer,
  };
  return { module, hub, ...module, setPath: (name: string, value: string) => void ctx.paths.set(name, value) };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Resolves on the first `event` on the hub whose arguments satisfy `predicate`; the timeout only names a hang. */
export function nextOnHub<T extends unknown[]>(
  fake: FakeElectron,
  event: string,
  predicate: (...args: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      fake.hub.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for fake electron "${event}"`));
    }, timeoutMs);
    const listener = (...args: unknown[]) => {
      if (!predicate(...(args as T))) return;
      clearTimeout(timer);
      fake.hub.off(event, listener);
      resolve(args as T);
    };
    fake.hub.on(event, listener);
  });
}
