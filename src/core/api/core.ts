import type Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import type { BriefingApi } from '../../shared/api';
import { briefingHandlers } from '../briefing/handlers';
import { corpusHandlers } from '../corpus/handlers';
import { parseFile, type Parser } from '../corpus/import';
import { ParserPool, type ParserPoolStats } from '../corpus/parser-pool';
import { collectionHandlers } from '../collections/handlers';
import { excerptHandlers } from '../excerpts/handlers';
import { excerptLibraryHandlers } from '../excerpts/library-handlers';
import { exportHandlers, type ExportRegistry } from '../export/handlers';
import { LayoutThread } from '../export/layout-thread';
import { IN_PROCESS_LAYOUT, type PdfLayout } from '../export/service';
import type { ExportProgress } from '../../shared/dto';
import { searchHandlers } from '../search/handlers';
import { startSearchThreads, type SearchThreads } from '../search/search-thread';
import type { CorePorts } from '../ports';
import { cleanStaleTemporaries } from '../export/atomic-write';
import { listExportFolders, rememberExportFolder } from '../store/export-folders';
import { libraryHandlers } from '../library/handlers';
import { readOnlyHandlers, readOnlyMessage } from '../library/read-only';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../store/migrate';
import { getVersionRow } from '../store/briefings';
import { DATABASE_FILE_NAME, openLibraryStore } from '../store/open';

export type CoreContext = Readonly<{
  db: Database.Database;
  ports: CorePorts;
  /** Parses files off the event loop when the host gave a parser worker. */
  parse: Parser;
  /** How many files to parse ahead of storing (the pool runs as many at once as it has threads). */
  parseConcurrency: number;
  exports: ExportRegistry;
  /** Where PDFs are laid out: the layout thread when the host gave one, else this thread. */
  layout: PdfLayout;
  /** What the export in progress is doing, for the window's progress indicator. */
  exportProgress: ExportProgress;
  /** Files picked in an open dialog, by batch id. */
  importBatches: Map<string, readonly string[]>;
  /** Written by a newer version of the app: opened read-only, every change refused. */
  readOnly: boolean;
  /** Two search threads, one per half of a search, when the host gave a search worker. */
  searchThreads: SearchThreads | undefined;
}>;

export type Core = Readonly<{
  /** The full API, the same table the IPC door, the e2e host and the CLI call. */
  handlers: BriefingApi;
  db: Database.Database;
  context: CoreContext;
  /** What the parser threads' memory watch saw (null without parser threads). */
  parserMemory: () => ParserPoolStats | null;
  /** Closes the library now; threads with connections of their own stop afterwards. */
  close: () => void;
  /**
   * Closes the search threads' connections first, then the library: once it resolves, no
   * connection to the file is left (before the file is set aside or replaced).
   */
  shutdown: () => Promise<void>;
}>;

/** Opens the library in `ports.dataDir` and combines every feature's handlers into the API. */
export function createCore(hostPorts: CorePorts): Core {
  const { db, readOnly } = openLibraryStore({
    dataDir: hostPorts.dataDir,
    nativeBinding: hostPorts.nativeBinding,
    onMigrationStep: hostPorts.onMigrationStep,
  });
  // A crash during an export can leave a temporary file beside the target; the folders exports go
  // to are remembered before anything is written there, and cleaned of stale temporaries here.
  // A temporary that carries the id of a saved version is an export killed between saving its
  // version and its rename: it is whole, and is renamed into place so that both exist.
  const isRecorded = (id: string) => getVersionRow(db, id) !== undefined;
  for (const folder of [hostPorts.dataDir, ...listExportFolders(db)])
    cleanStaleTemporaries(folder, { isRecorded });
  const ports: CorePorts = {
    ...hostPorts,
    chooseSavePath: async (request) => {
      const path = await hostPorts.chooseSavePath(request);
      if (path !== null && !readOnly) rememberExportFolder(db, dirname(path));
      return path;
    },
  };
  const pool = ports.parserWorker === undefined ? undefined : new ParserPool({ worker: ports.parserWorker });
  const layoutThread = ports.layoutWorker === undefined ? undefined : new LayoutThread(ports.layoutWorker);
  const searchThreads =
    ports.searchWorker === undefined
      ? undefined
      : startSearchThreads(ports.searchWorker, {
          file: join(ports.dataDir, DATABASE_FILE_NAME),
          nativeBinding: ports.nativeBinding,
        });
  const context: CoreContext = {
    db,
    ports,
    parse:
      pool === undefined ? parseFile : (bytes, fileName) => pool.parse(bytes, fileName, { prepare: true }),
    parseConcurrency: pool === undefined ? 1 : pool.size * 8,
    exports: new Map(),
    layout: layoutThread ?? IN_PROCESS_LAYOUT,
    exportProgress: { stage: 'idle', pages: 0 },
    importBatches: new Map(),
    readOnly,
    searchThreads,
  };
  const all = rejectingInsteadOfThrowing({
    ...corpusHandlers(context),
    ...excerptHandlers(context),
    ...excerptLibraryHandlers(context),
    ...collectionHandlers(context),
    ...briefingHandlers(context),
    ...exportHandlers(context),
    ...searchHandlers(context),
    ...libraryHandlers(context),
  });
  const handlers = readOnly
    ? readOnlyHandlers(all, readOnlyMessage(schemaVersion(db), LATEST_SCHEMA_VERSION))
    : all;
  let searchThreadsClosed: Promise<unknown> | undefined;
  const closeSearchThreads = () =>
    (searchThreadsClosed ??= Promise.all([
      searchThreads?.documents.close(),
      searchThreads?.excerpts.close(),
    ]));
  const close = () => {
    void pool?.close();
    void layoutThread?.close();
    if (searchThreads !== undefined) {
      void closeSearchThreads();
      // The search threads' connections may outlive this one: fold the write-ahead log into the
      // file now, as the last connection to close would.
      try {
        if (db.open && !readOnly) db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A reader in the middle of a search: the log stays, and SQLite reads it at the next open.
      }
    }
    if (db.open) db.close();
  };
  return {
    handlers,
    db,
    context,
    parserMemory: () => pool?.memoryStats() ?? null,
    close,
    shutdown: async () => {
      await closeSearchThreads();
      close();
    },
  };
}

/**
 * Handlers run synchronous SQLite work before they return their promise; this makes an error thrown
 * there a rejected promise, as every caller of an async API expects.
 */
function rejectingInsteadOfThrowing(handlers: BriefingApi): BriefingApi {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [
    string,
    (input: unknown) => Promise<unknown>,
  ][]) {
    wrapped[method] = (input) => {
      try {
        return handler(input);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  }
  return wrapped as unknown as BriefingApi;
}
