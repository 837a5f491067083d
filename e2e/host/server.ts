import { mkdirSync, readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
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

/** The WebSocket the page's window.briefing sends its API calls over. */
export const API_SOCKET_PATH = '/__e2e/api';
const BRIDGE_PATH = '/__e2e/bridge.js';
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/** A call of the API from the page: answered by a reply with the same id. */
export type SocketCall = { id?: unknown; method?: unknown; input?: unknown };

/** A message on the API socket as a call: empty when it is not a JSON object. */
export function readSocketCall(text: string): SocketCall {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    // Not JSON: read as a call of no method.
  }
  return {};
}

/**
 * The browser e2e host: serves the built renderer over http on 127.0.0.1 with the production CSP,
 * and answers the API by calling the same `dispatch` over the same handler table that the Electron
 * IPC door uses. A small script in place of the preload gives the page the same window.briefing,
 * whose calls go over one WebSocket: like Electron's IPC, a message each way on a channel kept open
 * (a fetch per call cost about 5 ms more here, in Chromium's network stack, than the app's IPC).
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

  // The API socket takes connections from the page's own origin only.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const { port: listening } = server.address() as AddressInfo;
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== API_SOCKET_PATH || request.headers.origin !== `http://127.0.0.1:${String(listening)}`) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (connection) => {
      connection.on('message', (data) => {
        answerCall(connection, data).catch(() => connection.close(1011, 'Internal error'));
      });
    });
  });

  async function answerCall(connection: WebSocket, data: RawData): Promise<void> {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    const text = bytes.toString('utf8');
    // Not a JSON object: dispatch answers that the method does not exist.
    const call = readSocketCall(text);
    const envelope = await dispatch(library.handlers, call.method, call.input, (message, error) =>
      console.error(message, error),
    );
    const answer = JSON.stringify({ id: call.id, envelope });
    options.onApiMessage?.(
      typeof call.method === 'string' ? call.method : '?',
      Buffer.byteLength(text),
      Buffer.byteLength(answer),
    );
    connection.send(answer);
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
        for (const connection of sockets.clients) connection.terminate();
        sockets.close();
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

/**
 * Stands in for the preload: the same named functions on window.briefing, each call a message on the
 * API socket (opened once, at load) answered by a reply with its id. A call made while the socket is
 * opening waits for it; when the socket is closed, calls answer an error envelope.
 */
function bridgeScript(): string {
  return `'use strict';
(() => {
  const methods = ${JSON.stringify(API_METHODS)};
  const closed = { ok: false, error: { code: 'internal', message: 'The connection to Briefing Builder was lost.' } };
  const socket = new WebSocket('ws://' + location.host + ${JSON.stringify(API_SOCKET_PATH)});
  const opened = new Promise((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });
  const waiting = new Map();
  let nextId = 1;
  socket.addEventListener('message', (event) => {
    const reply = JSON.parse(event.data);
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (resolve) resolve(reply.envelope);
  });
  socket.addEventListener('close', () => {
    for (const resolve of waiting.values()) resolve(closed);
    waiting.clear();
  });
  const bridge = {};
  for (const method of methods) {
    bridge[method] = (input) =>
      opened.then((open) => {
        if (!open || socket.readyState !== WebSocket.OPEN) return closed;
        const id = nextId++;
        return new Promise((resolve) => {
          waiting.set(id, resolve);
          socket.send(JSON.stringify({ id, method, input }));
        });
      });
  }
  Object.defineProperty(window, 'briefing', { value: Object.freeze(bridge), enumerable: true });
})();
`;
}
