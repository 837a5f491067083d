import { startE2eHost } from '../../e2e/host/server';
import type { ToHost } from './host-process';

// The e2e host in a process of its own (see startHostProcess): argv gives the data and export
// folders (and the renderer, if not the built one); the bench is told when the host is ready, of every API message, and of the check.
const [dataDir, exportDir, rendererRoot] = process.argv.slice(2);
const tell = (message: unknown) => process.send?.(message);

async function main(): Promise<void> {
  if (dataDir === undefined || exportDir === undefined)
    throw new Error('usage: host-child <data> <exports> [renderer]');
  const started = performance.now();
  const host = await startE2eHost({
    dataDir,
    exportDir,
    ...(rendererRoot === undefined ? {} : { rendererRoot }),
    seed: false,
    onApiMessage: (method, requestBytes, responseBytes) =>
      tell({ type: 'api', method, requestBytes, responseBytes }),
  });
  process.on('message', (message: ToHost) => {
    if (message.type === 'startCheck') {
      void host.library.startCheck().then((result) => tell({ type: 'checked', result }));
    } else {
      void host.close().finally(() => process.exit(0));
    }
  });
  tell({ type: 'ready', url: host.url, startMs: performance.now() - started });
}

main().catch((error: unknown) => {
  tell({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
