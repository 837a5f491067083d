import { mkdirSync, readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { dispatch } from '../../src/core/api/dispatch';
import { seedFromCorpusOnce } from '../../src/core/corpus/seed';
import { openLibrary, type Library, type LibraryOptions } from '../../src/core/library/session';
import type { BriefingApi } from '../../src/shared/api';
import { sourceParserWorker } from '../../src/core/corpus/source-worker';
import { sourceLayoutWorker } from '../../src/core/export/source-worker';
import { sourceCheckWorker } from '../../src/core/store/file-check';
import { sourceSearchWorker } from '../../src/core/search/search-thread';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { API_METHODS } from '../../src/shared/methods';
import { RENDERER_MIME_TYPES as MIME } from '../../src/shared/mime';

export const REPO_ROOT = resolve(__dirname, '../..');

export type E2eHostOptions = Readonly<{
  dataDir: string;
  exportDir: string;
  port?: number;
  rendererRoot?: string;
  seed?: boolean;
  /** What the stand-in for the open dialog answers. */
  pickPaths?: readonly string[];
  /** Told the size in bytes of every API request body and response body (benchmarks measure them). */
  onApiMessage?: (method: string, requestBytes: number, responseBytes: number) => void;
  /** Backup schedule; by default no scheduled backups (a test makes them when it needs them). */
  library?: LibraryOptions;
}>;

export type E2eHost = Readonly<{
  url: string;
  /** The library session: the handler table answers even while the library is damaged. */
  library: Library;
  handlers: BriefingApi;
  /** The same table as `handlers`, where older specs and benches look for it. */
  core: Readonly<{ handlers: BriefingApi }>;
  close: () => Promise<void>;
}>;

export const API_PATH = '/__e2e/api';
const BRIDGE_PATH = '/__e2e/bridge.js';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The browser e2e host: serves the built renderer over http on 127.0.0.1 with the production CSP,
 * and answers the API by calling the same `dispatch` over the same handler table that the Electron
 * IPC door uses. A small script in place of the preload gives the page the same window.briefing.
 */
export async function startE2eHost(options: E2eHostOptions): Promise<E2eHost> {
  const rendererRoot = await realpath(options.rendererRoot ?? join(REPO_ROOT, 'out', 'renderer'));
  mkdirSync(options.exportDir, { recursive: true });
  // As in the app, where they wait for the window to load: the background check of a large library
  // and a backup due at start wait for the page to be served (and then for a quiet moment).
  let pageServed = () => undefined as void;
  const served = new Promise<void>((resolvePage) => {
    pageServed = resolvePage;
  });
  const libraryOptions = options.library ?? { scheduledBackups: false };
  const library = await openLibrary(
    {
      dataDir: options.dataDir,
      fontsDir: join(REPO_ROOT, 'resources', 'fonts'),
      now: () => new Date(),
      showItemInFolder: () => undefined,
      // Nothing to open a file with in a test: opening succeeds without showing anything.
      openPath: () => Promise.resolve(),
      chooseSavePath: (request) => Promise.resolve(join(options.exportDir, request.defaultFileName)),
      chooseOpenPaths: () => Promise.resolve(options.pickPaths ?? null),
      parserWorker: sourceParserWorker(),
      layoutWorker: sourceLayoutWorker(),
      checkWorker: sourceCheckWorker(),
      searchWorker: sourceSearchWorker(),
    },
    { backgroundWorkAfter: served, ...libraryOptions },
  );
  const opened = library.core();
  if (options.seed !== false && opened !== null && !opened.context.readOnly) {
    await seedFromCorpusOnce(opened, join(REPO_ROOT, 'corpus'));
  }
  const indexHtml = readFileSync(join(rendererRoot, 'index.html'), 'utf8').replace(
    '<script type="module"',
    `<script src="${BRIDGE_PATH}"></script>\n    <script type="module"`,
  );

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, 'text/plain', 'Internal error'));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === API_PATH && request.method === 'POST') {
      const body = await readBody(request);
      let message: { method?: unknown; input?: unknown } = {};
      try {
        message = JSON.parse(body) as typeof message;
      } catch {
        message = {};
      }
      const envelope = await dispatch(library.handlers, message.method, message.input, (text, error) =>
        console.error(text, error),
      );
      const answer = JSON.stringify(envelope);
      options.onApiMessage?.(
        typeof message.method === 'string' ? message.method : '?',
        Buffer.byteLength(body),
        Buffer.byteLength(answer),
      );
      send(response, 200, 'application/json', answer);
      return;
    }
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed');
    if (url.pathname === BRIDGE_PATH) return send(response, 200, MIME['.js'] ?? '', bridgeScript());
    if (url.pathname === '/' || url.pathname === '/index.html') {
      pageServed();
      return send(response, 200, MIME['.html'] ?? '', indexHtml);
    }
    const file = await staticFile(rendererRoot, url.pathname);
    if (file === null) return send(response, 404, 'text/plain', 'Not found');
    send(response, 200, MIME[extname(file)] ?? 'application/octet-stream', await readFile(file));
  }

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    library,
    handlers: library.handlers,
    core: { handlers: library.handlers },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }).then(() => library.close()),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function staticFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const candidate = resolve(root, `.${decoded}`);
  try {
    const real = await realpath(candidate);
    const rel = relative(root, real);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? real : null;
  } catch {
    return null;
  }
}

/** Stands in for the preload: the same named functions on window.briefing, over fetch. */
function bridgeScript(): string {
  return `'use strict';
(() => {
  const methods = ${JSON.stringify(API_METHODS)};
  const bridge = {};
  for (const method of methods) {
    bridge[method] = (input) =>
      fetch(${JSON.stringify(API_PATH)}, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ method, input }),
      }).then((response) => response.json());
  }
  Object.defineProperty(window, 'briefing', { value: Object.freeze(bridge), enumerable: true });
})();
`;
}
