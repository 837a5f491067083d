import type Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../store/open';
import type { SearchJob, SearchReply, SearchThreadData } from './search-thread';
import { documentPage, rankDocumentPart, searchDocuments, searchExcerptHits } from './service';
import { readAheadSizes } from './warm';

// A search thread (see SearchThread): one read-only connection to the library, opened on the first
// job, answering one job at a time.
const data = workerData as SearchThreadData;
let db: Database.Database | undefined;

function connection(): Database.Database {
  db ??= openReader(data.file, data.nativeBinding);
  return db;
}

function answer(job: SearchJob): SearchReply {
  try {
    if (job.kind === 'close') {
      db?.close();
      db = undefined;
      return { id: job.id, ok: true, value: null };
    }
    switch (job.kind) {
      case 'readAhead':
        readAheadSizes(connection(), job.halves);
        return { id: job.id, ok: true, value: null };
      case 'documents':
        return { id: job.id, ok: true, value: searchDocuments(connection(), job.request) };
      case 'excerpts':
        return { id: job.id, ok: true, value: searchExcerptHits(connection(), job.request) };
      case 'rankPart':
        return { id: job.id, ok: true, value: rankDocumentPart(connection(), job.request, job.range) };
      case 'documentPage':
        return { id: job.id, ok: true, value: documentPage(connection(), job.request, job.ranked) };
    }
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: SearchJob) => parentPort?.postMessage(answer(job)));
