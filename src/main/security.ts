import type { App, Session, WebContents } from 'electron';
import { isAppOrigin } from './app-protocol';
import type { ExternalLinks } from './external-link-policy';

/** Navigation stays inside the app's own origin. */
export function isAppUrl(url: string): boolean {
  return isAppOrigin(url);
}

export type RequestPolicy = Readonly<{
  /** DevTools' own pages (devtools://), in development only: packaged builds have no DevTools. */
  allowDevTools: boolean;
}>;

/**
 * Requests the renderer may make: the app's own files (app://main) and blobs the app's page made
 * itself (blob:app://main/…). Nothing on a network, no file://, no other app:// host.
 */
export function isAllowedRequest(url: string, policy: RequestPolicy = { allowDevTools: false }): boolean {
  if (isAppOrigin(url)) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'blob:') return isAppOrigin(parsed.pathname);
  return policy.allowDevTools && parsed.protocol === 'devtools:';
}

/**
 * Locks down every web contents the app ever creates: no navigation away, no popups, no webviews.
 * A link to the web (a click that would navigate, or a new-window request) is offered to the user
 * through `links`, which opens it in the system browser only after they confirm.
 */
export function hardenWebContents(contents: WebContents, links?: ExternalLinks): void {
  const offer = (url: string) => {
    if (links !== undefined) void links.maybeOpen(url);
  };
  // Electron passes the target as `event.url`; the positional URL is deprecated but checked too.
  const isAway = (event: { url?: string }, url: unknown) =>
    !isAppUrl(event.url ?? '') || (typeof url === 'string' && !isAppUrl(url));
  contents.on('will-navigate', (event, url) => {
    if (!isAway(event, url)) return;
    event.preventDefault();
    offer(event.url ?? url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (isAway(event, undefined)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (isAway(event, url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (!isAppUrl(url)) offer(url);
    return { action: 'deny' };
  });
}

/** Denies every permission, download and network request that is not the app's own. */
export function hardenSession(session: Session, policy: RequestPolicy = { allowDevTools: false }): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, policy) });
  });
}

export function installWebContentsHardening(app: App, links?: ExternalLinks): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, links));
}
