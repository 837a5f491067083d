/**
 * A stand-in for the parts of the `electron` module the main process uses, recording every call, so
 * that src/main/index.ts can be imported under Node (there is no Electron binary here) and its
 * wiring asserted: windows and their webPreferences, session handlers, the app:// protocol, the IPC
 * door and what reaches the shell.
 */
type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? [])
      (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
export type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: unknown,
) => boolean;
export type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel?: boolean }) => void,
) => void;
export type ProtocolHandler = (request: { url: string }) => Promise<Response>;
export type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeSession extends Emitter {
  permissionRequest: PermissionRequestHandler | undefined;
  permissionCheck: PermissionCheckHandler | undefined;
  devicePermission: ((details: unknown) => boolean) | undefined;
  displayMedia: ((request: unknown, callback: (streams: unknown) => void) => void) | undefined;
  beforeRequest: BeforeRequestListener | undefined;
  readonly protocols = new Map<string, ProtocolHandler>();

  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(
    handler: (request: unknown, callback: (streams: unknown) => void) => void,
  ): void {
    this.displayMedia = handler;
  }
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener) => {
      this.beforeRequest = listener;
    },
  };
  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler) => {
      this.protocols.set(scheme, handler);
    },
  };
}

export class FakeWebContents extends Emitter {
  windowOpen: WindowOpenHandler | undefined;
  readonly mainFrame = { url: 'app://main/index.html' };
  readonly sent: unknown[][] = [];
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpen = handler;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

export type FakeElectronState = ReturnType<typeof createFakeElectron>['state'];

export function createFakeElectron() {
  const state = {
    appPath: '',
    userData: '',
    isPackaged: false,
    singleInstance: true,
    /** What the confirmation dialog answers: the index of the button the "user" clicks. */
    messageBoxResponse: 0,
    app: new Emitter(),
    calls: {
      enableSandbox: 0,
      quit: 0,
      privilegedSchemes: [] as unknown[],
      openExternal: [] as string[],
      messageBoxes: [] as { detail?: string; message?: string; buttons?: string[] }[],
      errorBoxes: [] as string[],
    },
    sessions: new Map<string, FakeSession>(),
    defaultSession: new FakeSession('(default)'),
    windows: [] as FakeWindow[],
    ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  };

  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    shown = false;
    constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super();
      state.windows.push(this);
      // Electron announces every new web contents to the app before anything else sees it.
      state.app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows(): FakeWindow[] {
      return state.windows;
    }
    static getFocusedWindow(): FakeWindow | null {
      return null;
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }

  const app = Object.assign(state.app, {
    enableSandbox: () => {
      state.calls.enableSandbox += 1;
    },
    requestSingleInstanceLock: () => state.singleInstance,
    quit: () => {
      state.calls.quit += 1;
    },
    whenReady: () => Promise.resolve(),
    getAppPath: () => state.appPath,
    getPath: (name: string) => `${state.userData}/${name}`,
    getName: () => 'Briefing Builder',
  });
  // A getter (Object.assign would copy the value once).
  Object.defineProperty(app, 'isPackaged', { get: () => state.isPackaged });

  const module = {
    app,
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.calls.privilegedSchemes.push(...schemes);
      },
    },
    session: {
      get defaultSession() {
        return state.defaultSession;
      },
      fromPartition: (partition: string) => {
        const existing = state.sessions.get(partition);
        if (existing !== undefined) return existing;
        const created = new FakeSession(partition);
        state.sessions.set(partition, created);
        return created;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
        if (state.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        state.ipcHandlers.set(channel, handler);
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: () => undefined,
    },
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        const options = args[args.length - 1] as { detail?: string; message?: string; buttons?: string[] };
        state.calls.messageBoxes.push(options);
        return Promise.resolve({ response: state.messageBoxResponse, checkboxChecked: false });
      },
      showErrorBox: (title: string, content: string) => {
        state.calls.errorBoxes.push(`${title}: ${content}`);
      },
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    shell: {
      openExternal: (url: string) => {
        state.calls.openExternal.push(url);
        return Promise.resolve();
      },
      showItemInFolder: () => undefined,
      openPath: () => Promise.resolve(''),
    },
  };
  return { state, module, FakeWindow };
}
