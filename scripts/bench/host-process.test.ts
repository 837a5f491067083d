import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { API_SOCKET_PATH } from '../../e2e/host/server';
import { startHostProcess, type HostProcess } from './host-process';

let folder: string;
let host: HostProcess;
const messages: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'briefing-host-process-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>host</title>');
  host = await startHostProcess({
    dataDir: join(folder, 'data'),
    exportDir: join(folder, 'exports'),
    rendererRoot: folder,
    onApiMessage: (method) => messages.push(method),
  });
}, 60_000);

afterAll(async () => {
  await host.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the e2e host in a process of its own', () => {
  it('serves the page, answers the API socket and reports each call', async () => {
    expect(await (await fetch(host.url)).text()).toContain('<title>host</title>');
    const origin = new URL(host.url).origin;
    const socket = new WebSocket(`${origin.replace(/^http/u, 'ws')}${API_SOCKET_PATH}`, { origin });
    await new Promise((resolveOpen) => socket.once('open', resolveOpen));
    const answer = await new Promise<unknown>((resolveAnswer) => {
      socket.once('message', (data: Buffer) => resolveAnswer(JSON.parse(data.toString('utf8'))));
      socket.send(JSON.stringify({ id: 1, method: 'listSavedSearches', input: {} }));
    });
    socket.close();
    expect(answer).toEqual({ id: 1, envelope: { ok: true, value: [] } });
    await expect.poll(() => messages).toContain('listSavedSearches');
  });

  it("answers the library check's result (a small library is checked as it opens)", async () => {
    expect(await host.startCheck()).toBe('before-open');
    expect(host.startMs).toBeGreaterThan(0);
  });

  it('closes, and then its process has exited', async () => {
    await host.close();
    await expect(fetch(host.url)).rejects.toThrow();
  });
});
