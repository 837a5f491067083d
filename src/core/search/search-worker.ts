import type Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../store/open';
import type { SearchJob, SearchReply, SearchThreadData } from './search-thread';
import { searchDocuments, searchExcerptHits } from './service';
import { warmSearch } from './warm';

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
    if (job.kind === 'warm') {
      warmSearch(connection(), [job.half]);
      return { id: job.id, ok: true, value: null };
    }
    const half = job.kind === 'documents' ? searchDocuments : searchExcerptHits;
    return { id: job.id, ok: true, value: half(connection(), job.request) };
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: SearchJob) => parentPort?.postMessage(answer(job)));
