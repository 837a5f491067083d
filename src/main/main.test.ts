import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { tempDir } from '../core/testing/temp-core';
import { resolveAppFile, serveAppRequest } from './app-protocol';
import { handleApiCall, isTrustedSender } from './ipc';
import { hardenWebContents, isAllowedRequest } from './security';
import { mainWebPreferences } from './web-preferences';
import type { BriefingApi } from '../shared/api';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('the main window', () => {
  it('runs sandboxed and isolated, with every risky feature off', () => {
    expect(mainWebPreferences('/app/out/preload/index.js', true)).toStrictEqual({
      preload: '/app/out/preload/index.js',
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
      devTools: false,
      partition: 'persist:main',
    });
  });

  it('denies navigation away from the app, new windows and webviews', () => {
    const listeners = new Map<
      string,
      (event: { preventDefault: () => void; url?: string }, url?: string) => void
    >();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault: () => void }, url?: string) => void) =>
        listeners.set(name, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        openHandler = handler;
      },
    } as unknown as WebContents;
    hardenWebContents(contents);

    const attempt = (name: string, url: string): boolean => {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true), url }, url);
      return prevented;
    };
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', 'app://main/index.html')).toBe(false);
    expect(attempt('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(attempt('will-frame-navigate', 'javascript:alert(1)')).toBe(true);
    expect(attempt('will-attach-webview', 'app://main/')).toBe(true);
    expect(openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('lets the renderer load only its own files', () => {
    expect(isAllowedRequest('app://main/assets/index.js')).toBe(true);
    expect(isAllowedRequest('https://example.org/track.gif')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('ws://localhost/')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  function rendererRoot(): string {
    const dir = tempDir();
    cleanups.push(dir.dispose);
    const root = join(dir.path, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'secret');
    symlinkSync(join(dir.path, 'secret.txt'), join(root, 'assets', 'link.js'));
    return root;
  }

  it('serves files inside the renderer folder and nothing else', async () => {
    const root = rendererRoot();
    expect(await resolveAppFile(root, 'app://main/index.html')).toMatch(/index\.html$/);
    expect(await resolveAppFile(root, 'app://main/')).toMatch(/index\.html$/);
    expect(await resolveAppFile(root, 'app://main/assets/app.js')).toMatch(/app\.js$/);
    expect(await resolveAppFile(root, 'app://main/../secret.txt')).toBeNull();
    expect(await resolveAppFile(root, 'app://main/%2e%2e/secret.txt')).toBeNull();
    expect(await resolveAppFile(root, 'app://main/assets/%2e%2e%2f%2e%2e%2fsecret.txt')).toBeNull();
    expect(await resolveAppFile(root, 'app://main/assets/link.js')).toBeNull();
    expect(await resolveAppFile(root, 'app://other/index.html')).toBeNull();
    expect(await resolveAppFile(root, 'app://main/missing.js')).toBeNull();
    expect(await resolveAppFile(root, 'app://main/%00index.html')).toBeNull();
  });

  it('sends the Content-Security-Policy on every response', async () => {
    const root = rendererRoot();
    const found = await serveAppRequest(root, 'app://main/index.html');
    expect(found.status).toBe(200);
    expect(found.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(found.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await serveAppRequest(root, 'app://main/../secret.txt');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('has a policy without remote origins, eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'");
  });
});

describe('the IPC door', () => {
  const mainFrame = { url: 'app://main/index.html' };

  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender({ senderFrame: mainFrame, sender: { mainFrame } } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://main/' }, sender: { mainFrame } } as never)).toBe(
      false,
    );
    const evil = { url: 'https://evil.example/' };
    expect(isTrustedSender({ senderFrame: evil, sender: { mainFrame: evil } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender: { mainFrame } } as never)).toBe(false);
  });

  it('never reaches core for an untrusted sender, an unknown method or invalid input', async () => {
    let reached = 0;
    const handlers = new Proxy({} as BriefingApi, {
      get: () => () => {
        reached += 1;
        return Promise.resolve([]);
      },
    });
    const door = handleApiCall(handlers, () => undefined);
    const evil = { url: 'https://evil.example/' };
    expect(
      await door({ senderFrame: evil, sender: { mainFrame: evil } } as never, 'listDocuments', {}),
    ).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const trusted = { senderFrame: mainFrame, sender: { mainFrame } } as never;
    expect(await door(trusted, 'constructor', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await door(trusted, 'getDocument', { documentId: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(reached).toBe(0);
    expect(await door(trusted, 'listDocuments', {})).toEqual({ ok: true, value: [] });
    expect(reached).toBe(1);
  });
});
