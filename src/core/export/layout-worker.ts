import { parentPort } from 'node:worker_threads';
import type { LayoutReply, LayoutRequest } from './layout-thread';
import { previewPdf, renderPdf } from './pdf';

// A layout thread: sets PDFs (and their page previews) off the host's event loop. It gets a print
// model and settings, never the database, and answers bytes or pages.
parentPort?.on('message', (request: LayoutRequest) => {
  const progress = (pages: number) => reply({ id: request.id, type: 'progress', pages });
  const options = { ...request.options, onPage: progress };
  // Started inside a promise, so a layout that throws fails its job, not the thread.
  const work =
    request.kind === 'preview'
      ? Promise.resolve()
          .then(() => previewPdf(request.model, options))
          .then((preview) => reply({ id: request.id, type: 'preview', preview }))
      : Promise.resolve()
          .then(() => renderPdf(request.model, options))
          .then(({ bytes, pages }) => {
            // A buffer of its own, handed over to the host without another copy.
            const buffer = new ArrayBuffer(bytes.byteLength);
            new Uint8Array(buffer).set(bytes);
            reply({ id: request.id, type: 'pdf', bytes: buffer, pages }, [buffer]);
          });
  work.catch((error: unknown) =>
    reply({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});

function reply(message: LayoutReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}
