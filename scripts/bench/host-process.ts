import { fork } from 'node:child_process';
import { join } from 'node:path';

/** What the host process tells the bench. */
type FromHost =
  | { type: 'ready'; url: string; startMs: number }
  | { type: 'api'; method: string; requestBytes: number; responseBytes: number }
  | { type: 'checked'; result: string }
  | { type: 'failed'; message: string };

/** What the bench asks of the host process. */
export type ToHost = { type: 'startCheck' } | { type: 'close' };

export type HostProcessOptions = Readonly<{
  dataDir: string;
  exportDir: string;
  /** The built renderer to serve (by default `out/renderer`). */
  rendererRoot?: string;
  /** Told the size in bytes of every API call and answer, when the host has answered it. */
  onApiMessage: (method: string, requestBytes: number, responseBytes: number) => void;
}>;

export type HostProcess = Readonly<{
  url: string;
  /** How long startE2eHost took in the host process (opening the library; not starting Node). */
  startMs: number;
  /** The library's background quick check: its result once it has run (see Library.startCheck). */
  startCheck: () => Promise<string>;
  close: () => Promise<void>;
}>;

/** How long the host process has to start, and to close. */
const START_LIMIT_MS = 60_000;
const CLOSE_LIMIT_MS = 10_000;

/**
 * The browser e2e host in a process of its own, as the app's window talks to a main process that
 * runs nothing else. In the bench's own process, the host's thread also carried Playwright's client
 * and the bench's bookkeeping: their garbage, collected on that thread, paused it for 30–50 ms in
 * the middle of the first search after the window opened.
 */
export async function startHostProcess(options: HostProcessOptions): Promise<HostProcess> {
  const child = fork(
    join(__dirname, 'host-child.ts'),
    [
      options.dataDir,
      options.exportDir,
      ...(options.rendererRoot === undefined ? [] : [options.rendererRoot]),
    ],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  let check: Promise<string> | null = null;
  const checked: ((result: string) => void)[] = [];
  const ready = await new Promise<{ url: string; startMs: number }>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The e2e host process did not start in time.')),
      START_LIMIT_MS,
    );
    child.on('message', (message: FromHost) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolveReady(message);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`The e2e host process failed: ${message.message}`));
      } else if (message.type === 'api') {
        options.onApiMessage(message.method, message.requestBytes, message.responseBytes);
      } else {
        for (const settle of checked.splice(0)) settle(message.result);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The e2e host process exited (code ${String(code)}).`));
    });
  });
  const send = (message: ToHost) => child.send(message);
  return {
    url: ready.url,
    startMs: ready.startMs,
    startCheck: () => {
      check ??= new Promise<string>((settle) => {
        checked.push(settle);
        send({ type: 'startCheck' });
      });
      return check;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
      send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_LIMIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
