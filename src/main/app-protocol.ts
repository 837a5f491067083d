import { realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { RENDERER_MIME_TYPES as MIME } from '../shared/mime';

export const APP_SCHEME = 'app';
export const APP_HOST = 'main';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on the app's own origin. Compared by scheme and host: Node's URL reports the
 * origin of a custom scheme as "null".
 */
export function isAppOrigin(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Resolves an app:// URL to a file inside `root`, or null when the URL names anything else:
 * another host, a path outside the root (by `..`, encoded dots or a symlink), or a missing file.
 */
export async function resolveAppFile(root: string, url: string): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!isInside(realRoot, candidate)) return null;
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return null;
  }
  return isInside(realRoot, real) ? real : null;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Serves the built renderer for the app:// protocol, with the CSP on every response. */
export async function serveAppRequest(root: string, url: string): Promise<Response> {
  const file = await resolveAppFile(root, url);
  if (file === null) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  }
}

export function rendererRoot(appPath: string): string {
  return join(appPath, 'out', 'renderer');
}
