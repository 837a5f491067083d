import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isProcessRunning } from '../process-alive';

/**
 * Temporary files are named `.<target name>.<writer pid>.<12 hex>.bb-tmp` beside their target, so
 * that a later start can find the ones a crashed writer left behind without touching anything
 * else: the suffix is the app's own, and the pid says whether their writer can still be running.
 * A write that records itself in the library (an export's version) also carries the id of that
 * record: `.<target name>.<pid>.<12 hex>.<record id>.bb-tmp` (see `AtomicRecord`).
 */
export const TEMPORARY_SUFFIX = '.bb-tmp';
const TEMPORARY_NAME = /^\.(.+)\.(\d{1,10})\.[0-9a-f]{12}(?:\.([a-z]{2,8}_[0-9a-f]{16}))?\.bb-tmp$/;
const RECORD_ID = /^[a-z]{2,8}_[0-9a-f]{16}$/;
/** A temporary whose writer's pid is in use again is still removed once it is this old. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const processStartedAt = Date.now() - process.uptime() * 1000;

export function temporaryPathFor(path: string, recordId?: string): string {
  if (recordId !== undefined && !RECORD_ID.test(recordId)) {
    throw new Error(`Not a record id for a temporary file name: ${recordId}`);
  }
  const record = recordId === undefined ? '' : `.${recordId}`;
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${record}${TEMPORARY_SUFFIX}`,
  );
}

export type TemporaryName = { target: string; pid: number; recordId?: string };

/**
 * The target file name, writer pid and (for a recorded write) record id of one of our temporary
 * files, or null for any other name.
 */
export function parseTemporaryName(name: string): TemporaryName | null {
  const match = TEMPORARY_NAME.exec(name);
  if (match === null) return null;
  const parsed: TemporaryName = { target: match[1] ?? '', pid: Number(match[2]) };
  if (match[3] !== undefined) parsed.recordId = match[3];
  return parsed;
}

/**
 * True when no writer can still be using the temporary: its process is gone, or it is this
 * process's pid but the file is older than this process (a previous run with the same pid), or it
 * has sat there for a day.
 */
function isStale(pid: number, modifiedAt: number, now: number): boolean {
  if (now - modifiedAt > STALE_AFTER_MS) return true;
  if (pid === process.pid) return modifiedAt < processStartedAt;
  return !isProcessRunning(pid);
}

export type CleanOptions = Readonly<{
  /** Only temporaries of this target file name. */
  target?: string;
  /**
   * Whether the library holds the record a temporary's name carries. A stale temporary whose
   * record was saved is a whole file whose writer died between saving the record and the rename:
   * it is renamed into place (unless the target was changed after it was written), so that the
   * record and the file exist together. Without this, such temporaries are removed like any other.
   */
  isRecorded?: (recordId: string) => boolean;
}>;

export type CleanResult = { removed: number; completed: number };

/**
 * Removes stale temporaries (see `isStale`) from `folder`, or completes them (see
 * `CleanOptions.isRecorded`). A folder that cannot be read is skipped.
 */
export function cleanStaleTemporaries(folder: string, options: CleanOptions = {}): CleanResult {
  const result: CleanResult = { removed: 0, completed: 0 };
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return result;
  }
  const now = Date.now();
  for (const name of names) {
    const parsed = parseTemporaryName(name);
    if (parsed === null || (options.target !== undefined && parsed.target !== options.target)) continue;
    const path = join(folder, name);
    try {
      const info = lstatSync(path);
      if (info.isDirectory() || !isStale(parsed.pid, info.mtimeMs, now)) continue;
      if (
        parsed.recordId !== undefined &&
        options.isRecorded?.(parsed.recordId) === true &&
        !changedSince(join(folder, parsed.target), info.mtimeMs)
      ) {
        renameSync(path, join(folder, parsed.target));
        syncFolder(folder);
        result.completed += 1;
        continue;
      }
      unlinkSync(path);
      result.removed += 1;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return result;
}

/** True when something was written at `path` after `since` (an analyst's own file there wins). */
function changedSince(path: string, since: number): boolean {
  try {
    return lstatSync(path).mtimeMs > since;
  } catch {
    return false;
  }
}

/**
 * A record the library keeps of a written file (an export's version), saved so that the file and
 * the record exist together or not at all, even across a crash: the record is saved (`save`, one
 * transaction) once the file is whole and synced under a temporary name that carries `id`, and
 * before the rename. A crash after `save` leaves a whole temporary that the next start renames into
 * place (`cleanStaleTemporaries` with `isRecorded`); a failed rename calls `undo`.
 */
export type AtomicRecord = Readonly<{
  /** The record's id, as `newId` makes them (`ver_` and 16 hex digits). */
  id: string;
  save: () => void;
  undo: () => void;
}>;

/**
 * Writes a file so that readers see either the old content or the whole new content: a temporary
 * file beside the target (created exclusively, owner-only), fsync, rename over the target, fsync
 * the folder. If anything fails, the earlier file at `path` is left as it was and the temporary is
 * removed; temporaries of this target that a crashed writer left are removed first. With a
 * `record`, the record is saved between the fsync and the rename (see `AtomicRecord`).
 */
export function writeFileAtomic(path: string, data: Uint8Array, record?: AtomicRecord): void {
  const folder = dirname(path);
  cleanStaleTemporaries(folder, { target: basename(path) });
  const temporary = temporaryPathFor(path, record?.id);
  let descriptor: number | undefined;
  let saved = false;
  try {
    descriptor = openSync(temporary, 'wx', 0o600);
    let written = 0;
    while (written < data.byteLength) {
      written += writeSync(descriptor, data, written, data.byteLength - written);
    }
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    if (record !== undefined) {
      record.save();
      saved = true;
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      if (descriptor !== undefined) closeSync(descriptor);
      if (saved) record?.undo();
    } catch {
      // The write's own error is the one to report.
    } finally {
      // Removed even if the record could not be: a record left with its temporary would be
      // completed at the next start, an export the analyst was told had failed.
      rmSync(temporary, { force: true });
    }
    throw error;
  }
  syncFolder(folder);
}

function syncFolder(folder: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(folder, 'r');
    fsyncSync(descriptor);
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
