import { parentPort } from 'node:worker_threads';
import { isCoreError } from '../errors';
import { parseFile, prepareText } from './import';
import type { ParseReply, ParseRequest } from './parser-pool';

// A parser thread: turns file bytes into a ParsedDocument off the host's event loop. It has no
// database and no file access beyond what the importers need (none).
parentPort?.on('message', (request: ParseRequest) => {
  const bytes = Buffer.from(request.bytes);
  parseFile(bytes, request.fileName).then(
    (parsed) =>
      reply({
        id: request.id,
        ok: true,
        // Prepared text replaces the raw blocks: less to copy back, nothing left to do but store it.
        parsed: request.prepare ? { ...parsed, blocks: [], prepared: prepareText(bytes, parsed) } : parsed,
      }),
    (error: unknown) =>
      reply(
        isCoreError(error)
          ? { id: request.id, ok: false, code: error.code, message: error.message }
          : {
              id: request.id,
              ok: false,
              code: 'import-unreadable',
              message: `The file could not be read as a document (${error instanceof Error ? error.message : String(error)}).`,
            },
      ),
  );
});

function reply(message: ParseReply): void {
  parentPort?.postMessage(message);
}
