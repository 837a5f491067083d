import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { API_CHANNEL } from '../shared/methods';
import { tempDir } from '../core/testing/temp-core';
import type { FakeSession, FakeWebContents, createFakeElectron } from './testing/fake-electron';

// The real src/main/index.ts, imported under Node with a recorded stand-in for `electron`: what it
// wires up is what the packaged app does, without an Electron binary.
const holder = await vi.hoisted(async () => {
  const fake = await import('./testing/fake-electron');
  return { create: fake.createFakeElectron, current: fake.createFakeElectron() };
});
// The factory runs once per file; each export reads the current fake so every start gets a fresh one.
vi.mock('electron', () => {
  const current = (name: string) =>
    holder.current.module[name as keyof typeof holder.current.module] as unknown as object;
  return Object.fromEntries(
    Object.keys(holder.current.module).map((name) => [
      name,
      // A function target so that `new BrowserWindow(...)` reaches the current fake class too.
      new Proxy(function fake() {}, {
        get: (_target, key) => Reflect.get(current(name), key) as unknown,
        construct: (_target, args) => Reflect.construct(current(name) as new () => object, args) as object,
      }),
    ]),
  );
});

type State = ReturnType<typeof createFakeElectron>['state'];

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const ENTRY = 'app://main/index.html';
/** Start-up opens a real library; on a busy machine that can take a while. */
const WAIT = { timeout: 20_000, interval: 20 };
const PRELOAD = resolve(__dirname, '..', 'preload', 'index.js');

/** Starts the main process as Electron would, against a temporary app folder and data folder. */
async function startMain(options: { isPackaged: boolean; singleInstance?: boolean }): Promise<State> {
  vi.resetModules();
  const fake = holder.create();
  holder.current = fake;
  const dir = tempDir('briefing-main-');
  const appPath = join(dir.path, 'app');
  const renderer = join(appPath, 'out', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  mkdirSync(join(appPath, 'corpus'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir.path, 'secret.txt'), 'outside the app folder');
  symlinkSync(join(dir.path, 'secret.txt'), join(renderer, 'assets', 'link.js'));
  symlinkSync(dir.path, join(renderer, 'up'));
  fake.state.appPath = appPath;
  fake.state.userData = join(dir.path, 'user');
  fake.state.isPackaged = options.isPackaged;
  fake.state.singleInstance = options.singleInstance ?? true;
  const previousResources = Object.getOwnPropertyDescriptor(process, 'resourcesPath');
  Object.defineProperty(process, 'resourcesPath', { value: appPath, configurable: true });
  const previousDataDir = process.env['BRIEFING_DATA_DIR'];
  delete process.env['BRIEFING_DATA_DIR'];
  cleanups.push(() => {
    fake.state.app.emit('will-quit');
    if (previousResources === undefined) delete (process as { resourcesPath?: string }).resourcesPath;
    else Object.defineProperty(process, 'resourcesPath', previousResources);
    if (previousDataDir !== undefined) process.env['BRIEFING_DATA_DIR'] = previousDataDir;
    dir.dispose();
  });

  await import('./index');
  if (fake.state.singleInstance) {
    await vi.waitFor(() => {
      expect(fake.state.calls.errorBoxes).toEqual([]);
      expect(fake.state.windows[0]?.loaded).toEqual([ENTRY]);
    }, WAIT);
  }
  return fake.state;
}

function appSession(state: State): FakeSession {
  const session = state.sessions.get('persist:main');
  if (session === undefined) throw new Error('no persist:main session');
  return session;
}

function everySession(state: State): FakeSession[] {
  return [state.defaultSession, appSession(state)];
}

/** True when the listener called preventDefault. */
function prevented(contents: FakeWebContents, name: string, url: string): boolean {
  let stopped = false;
  contents.emit(name, { url, preventDefault: () => (stopped = true) }, url);
  return stopped;
}

const flush = () => new Promise<void>((done) => setImmediate(done));

function expectedWebPreferences(isPackaged: boolean) {
  return {
    preload: PRELOAD,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    plugins: false,
    navigateOnDragDrop: false,
    disableDialogs: true,
    spellcheck: false,
    safeDialogs: true,
    devTools: !isPackaged,
    partition: 'persist:main',
  };
}

describe('the main process under a recorded electron', () => {
  it.each([false, true])('creates every window sandboxed and isolated (packaged: %s)', async (isPackaged) => {
    const state = await startMain({ isPackaged });
    expect(state.windows).toHaveLength(1);
    for (const window of state.windows) {
      expect(window.options.webPreferences).toStrictEqual(expectedWebPreferences(isPackaged));
      expect(window.options['show']).toBe(false);
      expect(window.loaded).toEqual([ENTRY]);
    }
    expect(state.calls.enableSandbox).toBe(1);
    expect(state.calls.privilegedSchemes).toStrictEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('quits at once when another instance holds the lock, wiring nothing', async () => {
    const state = await startMain({ isPackaged: true, singleInstance: false });
    await flush();
    expect(state.calls.quit).toBe(1);
    expect(state.windows).toEqual([]);
    expect(state.ipcHandlers.size).toBe(0);
    expect(state.app.listeners.get('web-contents-created')).toBeUndefined();
  });

  it('keeps every web contents on the app: navigation, frames, redirects, popups and webviews', async () => {
    const state = await startMain({ isPackaged: true });
    const { FakeWebContents: Contents } = await import('./testing/fake-electron');
    const stray = new Contents();
    state.app.emit('web-contents-created', {}, stray);
    for (const contents of [state.windows[0]!.webContents, stray]) {
      expect(prevented(contents, 'will-navigate', 'app://main/index.html#/briefing')).toBe(false);
      for (const away of [
        'https://evil.example/',
        'http://127.0.0.1:8080/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'data:text/html,<script>1</script>',
        'app://other/index.html',
        'app://main.evil.example/',
        'app://user@main/index.html',
        'not a url',
      ]) {
        expect(prevented(contents, 'will-navigate', away), away).toBe(true);
        expect(prevented(contents, 'will-frame-navigate', away), away).toBe(true);
        expect(prevented(contents, 'will-redirect', away), away).toBe(true);
      }
      expect(prevented(contents, 'will-frame-navigate', ENTRY)).toBe(false);
      expect(prevented(contents, 'will-attach-webview', ENTRY)).toBe(true);
      expect(contents.windowOpen?.({ url: ENTRY })).toEqual({ action: 'deny' });
      expect(contents.windowOpen?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    }
  });

  it('opens only http(s) links outside the app, and only after the user confirms the full URL', async () => {
    const state = await startMain({ isPackaged: true });
    const contents = state.windows[0]!.webContents;
    const link = 'https://example.org/report?id=7#part-2';

    state.messageBoxResponse = 0; // Cancel
    expect(contents.windowOpen?.({ url: link })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(state.calls.messageBoxes).toHaveLength(1), WAIT);
    await flush();
    expect(state.calls.messageBoxes[0]?.detail).toBe(link);
    expect(state.calls.openExternal).toEqual([]);

    state.messageBoxResponse = 1; // Open in Browser
    expect(contents.windowOpen?.({ url: link })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(state.calls.openExternal).toEqual([link]), WAIT);

    // A click on a plain link navigates the window: refused there, offered outside.
    expect(prevented(contents, 'will-navigate', 'http://example.net/a')).toBe(true);
    await vi.waitFor(() => expect(state.calls.openExternal).toEqual([link, 'http://example.net/a']), WAIT);

    const asked = state.calls.messageBoxes.length;
    for (const refused of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'mailto:someone@example.org',
      'vscode://open?file=/etc/passwd',
      'ms-msdt:/id PCWDiagnostic',
      'data:text/html,hi',
      'https://bank.example@evil.example/',
      `https://example.org/${'a'.repeat(3000)}`,
      'https://',
      'app://main/index.html',
    ]) {
      contents.windowOpen?.({ url: refused });
      prevented(contents, 'will-navigate', refused);
    }
    await flush();
    await flush();
    expect(state.calls.messageBoxes).toHaveLength(asked);
    expect(state.calls.openExternal).toEqual([link, 'http://example.net/a']);
  });

  it('denies every permission request and check, devices, screen capture and downloads', async () => {
    const state = await startMain({ isPackaged: true });
    const permissions = [
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'fullscreen',
      'geolocation',
      'idle-detection',
      'media',
      'mediaKeySystem',
      'midi',
      'midiSysex',
      'notifications',
      'pointerLock',
      'keyboardLock',
      'openExternal',
      'speaker-selection',
      'storage-access',
      'window-management',
      'unknown',
      'hid',
      'serial',
      'usb',
    ];
    for (const session of everySession(state)) {
      for (const permission of permissions) {
        const answers: boolean[] = [];
        session.permissionRequest?.({}, permission, (granted) => answers.push(granted), {
          requestingUrl: ENTRY,
        });
        expect(answers, `${session.partition} ${permission}`).toEqual([false]);
        expect(session.permissionCheck?.({}, permission, 'app://main', { requestingUrl: ENTRY })).toBe(false);
      }
      expect(session.devicePermission?.({ deviceType: 'usb', origin: 'app://main' })).toBe(false);
      const streams: unknown[] = [];
      session.displayMedia?.({}, (answer) => streams.push(answer));
      expect(streams).toEqual([{}]);
      let downloadStopped = false;
      session.emit('will-download', { preventDefault: () => (downloadStopped = true) });
      expect(downloadStopped).toBe(true);
    }
  });

  it.each([false, true])("blocks every request but the app's own (packaged: %s)", async (isPackaged) => {
    const state = await startMain({ isPackaged });
    const cancelled = (session: FakeSession, url: string) => {
      const answers: { cancel?: boolean }[] = [];
      session.beforeRequest?.({ url }, (answer) => answers.push(answer));
      expect(answers).toHaveLength(1);
      return answers[0]?.cancel === true;
    };
    for (const session of everySession(state)) {
      for (const allowed of [
        ENTRY,
        'app://main/assets/app.js',
        'blob:app://main/5b3c8f1e-0000-4000-8000-000000000000',
      ])
        expect(cancelled(session, allowed), allowed).toBe(false);
      for (const blocked of [
        'https://example.org/track.gif',
        'http://127.0.0.1:8080/',
        'http://localhost/',
        'ws://localhost/',
        'wss://example.org/',
        'ftp://example.org/',
        'file:///etc/passwd',
        'data:image/png;base64,AAAA',
        'blob:https://evil.example/1',
        'blob:null/1',
        'app://other/index.html',
        'app://main.evil.example/',
        'app://user:pass@main/index.html',
        'chrome://settings',
        'chrome-extension://abc/x.js',
        'not a url',
      ])
        expect(cancelled(session, blocked), blocked).toBe(true);
      // DevTools' own pages load only where DevTools exist: in development.
      expect(cancelled(session, 'devtools://devtools/bundled/inspector.html')).toBe(isPackaged);
    }
  });

  it('serves only files inside the app folder through app://, each with the CSP', async () => {
    const state = await startMain({ isPackaged: true });
    expect(state.defaultSession.protocols.size).toBe(0);
    const handler = appSession(state).protocols.get('app');
    expect(handler).toBeDefined();
    const serve = (url: string) => handler!({ url });

    for (const url of [ENTRY, 'app://main/', 'app://main/assets/app.js', 'app://main/assets/./app.js']) {
      const response = await serve(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await serve('app://main/assets/app.js')).text()).toBe('console.log(1)');
    for (const url of [
      'app://main/../secret.txt',
      'app://main/assets/../../secret.txt',
      'app://main/%2e%2e/secret.txt',
      'app://main/%2E%2E/secret.txt',
      'app://main/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://main/assets/..%2f..%2fsecret.txt',
      'app://main/%2e%2e%5csecret.txt',
      'app://main/..%5c..%5csecret.txt',
      'app://main/%252e%252e/secret.txt',
      'app://main/assets/link.js',
      'app://main/up/secret.txt',
      'app://main/%00index.html',
      'app://main/index.html%00.js',
      'app://main/%E0%A4%A',
      'app://other/index.html',
      'app://main.evil.example/index.html',
      'file:///etc/passwd',
      'app://main/missing.js',
      'app://main/assets',
    ]) {
      const response = await serve(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text(), url).not.toContain('outside the app folder');
    }
  });

  it('answers the API on one channel, from the app window only, through the real core', async () => {
    const state = await startMain({ isPackaged: true });
    expect([...state.ipcHandlers.keys()]).toEqual([API_CHANNEL]);
    const door = state.ipcHandlers.get(API_CHANNEL)!;
    const mainFrame = { url: ENTRY };
    expect(await door({ senderFrame: mainFrame, sender: { mainFrame } }, 'listDocuments', {})).toEqual({
      ok: true,
      value: [],
    });
    const child = { url: ENTRY };
    const evil = { url: 'https://evil.example/' };
    for (const event of [
      { senderFrame: child, sender: { mainFrame } },
      { senderFrame: evil, sender: { mainFrame: evil } },
      { senderFrame: null, sender: { mainFrame } },
    ]) {
      expect(await door(event, 'listDocuments', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
  });
});

/** The policy as a map from directive to its sources. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') map.set(name, sources);
  }
  return map;
}

describe('the Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows no remote origin, eval or inline script anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(
          /^(https?|wss?|ftp|data|filesystem|file):|\*|\.|'unsafe-|'wasm-unsafe-eval'|'nonce-|'sha\d+-|'strict-dynamic'/,
        );
      }
    }
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('forbids form submissions and base changes', () => {
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('is repeated in index.html as a backstop (without frame-ancestors, which a meta tag ignores)', () => {
    const html = readFileSync(resolve(__dirname, '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = new Map(policy);
    header.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(header);
  });
});
