import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_SOCKET_PATH, startE2eHost, type E2eHost } from './server';

let folder: string;
let host: E2eHost;
const messages: [string, number, number][] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'briefing-e2e-host-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><script type="module" src="/app.js"></script>');
  host = await startE2eHost({
    dataDir: join(folder, 'data'),
    exportDir: join(folder, 'exports'),
    rendererRoot: folder,
    seed: false,
    onApiMessage: (method, requestBytes, responseBytes) =>
      messages.push([method, requestBytes, responseBytes]),
  });
});

afterAll(async () => {
  await host.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A socket to the host's API from `origin`; settles once open, or with the error that refused it. */
function connect(origin: string, path = API_SOCKET_PATH): Promise<WebSocket> {
  const socket = new WebSocket(`${host.url.replace(/^http/u, 'ws').replace(/\/$/u, '')}${path}`, { origin });
  return new Promise((resolveOpen, reject) => {
    socket.once('open', () => resolveOpen(socket));
    socket.once('error', reject);
  });
}

function reply(socket: WebSocket, message: string): Promise<unknown> {
  return new Promise((resolveReply) => {
    socket.once('message', (data: Buffer) => resolveReply(JSON.parse(data.toString('utf8'))));
    socket.send(message);
  });
}

describe('the e2e host API socket', () => {
  const origin = () => new URL(host.url).origin;

  it('answers each call with its id and the envelope dispatch gives, and reports the sizes', async () => {
    const socket = await connect(origin());
    try {
      const call = JSON.stringify({ id: 7, method: 'listSavedSearches', input: {} });
      expect(await reply(socket, call)).toEqual({ id: 7, envelope: { ok: true, value: [] } });
      expect(messages.at(-1)).toEqual(['listSavedSearches', Buffer.byteLength(call), expect.any(Number)]);
      expect(await reply(socket, JSON.stringify({ id: 8, method: 'noSuchMethod', input: {} }))).toMatchObject(
        {
          id: 8,
          envelope: { ok: false, error: { code: 'unknown-method' } },
        },
      );
      // What is not a call at all is answered as an unknown method, and the socket stays open.
      for (const text of ['not json', 'null', '42', '[]']) {
        expect(await reply(socket, text)).toMatchObject({
          envelope: { ok: false, error: { code: 'unknown-method' } },
        });
      }
      expect(
        await reply(socket, JSON.stringify({ id: 9, method: 'listSavedSearches', input: {} })),
      ).toMatchObject({
        id: 9,
        envelope: { ok: true },
      });
    } finally {
      socket.close();
    }
  });

  it('refuses a socket from another origin or on another path', async () => {
    await expect(connect('http://hostile.test')).rejects.toThrow();
    await expect(connect(origin(), '/__e2e/other')).rejects.toThrow();
  });
});
