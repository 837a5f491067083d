import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { sourceWorker, type WorkerSpec } from '../worker-spec';
import { schemaVersion } from './migrate';

/**
 * `quick`: SQLite's `quick_check` (page and record structure, no index cross-check), for the
 * library at start. `full`: `integrity_check`, `foreign_key_check` and "holds a library", for a
 * backup before it counts as good.
 */
export type FileCheckKind = 'quick' | 'full';

export type FileCheckRequest = Readonly<{
  file: string;
  kind: FileCheckKind;
  nativeBinding?: string | undefined;
  /**
   * Default true. False for a library no connection has open yet: after a crash its write-ahead
   * log must be recovered before it can be read, which a read-only connection cannot do.
   */
  readonly?: boolean;
}>;

export type FileCheck = Readonly<{
  ok: boolean;
  schemaVersion: number | null;
  problem: string | null;
  /** The check could not run to the end (the file was busy, the check was stopped): no verdict. */
  inconclusive?: boolean;
}>;

/**
 * Runs a check somewhere (this thread, or a thread of its own) and answers its result; `signal`
 * stops a check that is no longer wanted (its answer is then inconclusive).
 */
export type FileChecker = (request: FileCheckRequest, signal?: AbortSignal) => Promise<FileCheck>;

/** SQLite answers that say the file could not be read just now, not that it is damaged. */
const TRANSIENT_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_INTERRUPT', 'SQLITE_NOMEM']);

/** Opens the file read-only and runs the check on the calling thread. Never throws. */
export function checkFile(request: FileCheckRequest): FileCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(request.file, {
      readonly: request.readonly !== false,
      fileMustExist: true,
      ...(request.nativeBinding === undefined ? {} : { nativeBinding: request.nativeBinding }),
    });
    const version = schemaVersion(db);
    const pragma = request.kind === 'quick' ? 'quick_check' : 'integrity_check';
    const rows = db.pragma(pragma) as Record<string, string>[];
    const first = rows[0]?.[pragma];
    if (rows.length !== 1 || first !== 'ok') {
      const label = request.kind === 'quick' ? 'the quick check found' : 'integrity check failed';
      return { ok: false, schemaVersion: version, problem: `${label}: ${first ?? 'no answer'}` };
    }
    if (request.kind === 'quick') return { ok: true, schemaVersion: version, problem: null };
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) {
      return { ok: false, schemaVersion: version, problem: `${foreignKeys.length} foreign key problems` };
    }
    if (version === 0) return { ok: false, schemaVersion: version, problem: 'it holds no library' };
    return { ok: true, schemaVersion: version, problem: null };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      schemaVersion: null,
      problem: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' && TRANSIENT_CODES.has(code) ? { inconclusive: true } : {}),
    };
  } finally {
    db?.close();
  }
}

/** Checks on the calling thread (tests, the CLI, scripts: nothing else waits on them). */
export const checkHere: FileChecker = (request) => Promise.resolve(checkFile(request));

/**
 * Checks in a thread of its own, one thread per check: a full check of a large library reads every
 * page for many seconds, and the host's event loop (the window's API calls) must not wait on it.
 * A thread that fails to start or dies answers a failed check, never a thrown error.
 */
export function checkInThread(spec: WorkerSpec): FileChecker {
  return (request, signal) =>
    new Promise<FileCheck>((resolve) => {
      const stopped: FileCheck = {
        ok: false,
        schemaVersion: null,
        problem: 'the check was stopped',
        inconclusive: true,
      };
      if (signal?.aborted === true) {
        resolve(stopped);
        return;
      }
      let settled = false;
      const settle = (check: FileCheck) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        resolve(check);
        void worker.terminate();
      };
      const abort = () => settle(stopped);
      const worker = new Worker(spec.filename, {
        eval: spec.eval === true,
        execArgv: [...(spec.execArgv ?? [])],
        workerData: request,
      });
      signal?.addEventListener('abort', abort);
      worker.on('message', (check: FileCheck) => settle(check));
      worker.on('error', (error) =>
        settle({
          ok: false,
          schemaVersion: null,
          problem: `the check stopped (${error.message})`,
          inconclusive: true,
        }),
      );
      worker.on('exit', () =>
        settle({
          ok: false,
          schemaVersion: null,
          problem: 'the check stopped before it finished',
          inconclusive: true,
        }),
      );
    });
}

/** The host's check thread if it has one, else this thread. */
export function checkerFor(spec: WorkerSpec | undefined): FileChecker {
  return spec === undefined ? checkHere : checkInThread(spec);
}

/** The check thread for hosts that run from source; the Electron build ships check-worker.js. */
export function sourceCheckWorker(): WorkerSpec {
  return sourceWorker(__dirname, 'check-worker.ts');
}
