import type { App, Session, WebContents } from 'electron';
import { APP_SCHEME, isAppOrigin } from './app-protocol';

/** Navigation stays inside the app's own origin. */
export function isAppUrl(url: string): boolean {
  return isAppOrigin(url);
}

/** Requests the renderer may make: the app's own files and in-memory blobs. Nothing on a network. */
export function isAllowedRequest(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === `${APP_SCHEME}:` || protocol === 'blob:' || protocol === 'devtools:';
  } catch {
    return false;
  }
}

/** Locks down every web contents the app ever creates: no navigation away, no popups, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  const denyUnlessApp = (event: { preventDefault: () => void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', denyUnlessApp);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', denyUnlessApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission, download and network request that is not the app's own. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
}

export function installWebContentsHardening(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
