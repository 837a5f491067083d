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

/**
 * Temporary files are named `.<target name>.<writer pid>.<12 hex>.bb-tmp` beside their target, so
 * that a later start can find the ones a crashed writer left behind without touching anything
 * else: the suffix is the app's own, and the pid says whether their writer can still be running.
 */
export const TEMPORARY_SUFFIX = '.bb-tmp';
const TEMPORARY_NAME = /^\.(.+)\.(\d{1,10})\.[0-9a-f]{12}\.bb-tmp$/;
/** A temporary whose writer's pid is in use again is still removed once it is this old. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const processStartedAt = Date.now() - process.uptime() * 1000;

export function temporaryPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`,
  );
}

/** The target file name and writer pid of one of our temporary files, or null for any other name. */
export function parseTemporaryName(name: string): { target: string; pid: number } | null {
  const match = TEMPORARY_NAME.exec(name);
  if (match === null) return null;
  return { target: match[1] ?? '', pid: Number(match[2]) };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when no writer can still be using the temporary: its process is gone, or it is this
 * process's pid but the file is older than this process (a previous run with the same pid), or it
 * has sat there for a day.
 */
function isStale(pid: number, modifiedAt: number, now: number): boolean {
  if (now - modifiedAt > STALE_AFTER_MS) return true;
  if (pid === process.pid) return modifiedAt < processStartedAt;
  return !isRunning(pid);
}

/**
 * Removes stale temporaries (see `isStale`) from `folder`, only those for `target` when given.
 * Returns how many it removed; a folder that cannot be read is skipped.
 */
export function cleanStaleTemporaries(folder: string, target?: string): number {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  const now = Date.now();
  let removed = 0;
  for (const name of names) {
    const parsed = parseTemporaryName(name);
    if (parsed === null || (target !== undefined && parsed.target !== target)) continue;
    const path = join(folder, name);
    try {
      const info = lstatSync(path);
      if (info.isDirectory() || !isStale(parsed.pid, info.mtimeMs, now)) continue;
      unlinkSync(path);
      removed += 1;
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/**
 * Writes a file so that readers see either the old content or the whole new content: a temporary
 * file beside the target (created exclusively, owner-only), fsync, rename over the target, fsync
 * the folder. If anything fails, the earlier file at `path` is left as it was and the temporary is
 * removed; temporaries of this target that a crashed writer left are removed first.
 */
export function writeFileAtomic(path: string, data: Uint8Array): void {
  const folder = dirname(path);
  cleanStaleTemporaries(folder, basename(path));
  const temporary = temporaryPathFor(path);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporary, 'wx', 0o600);
    let written = 0;
    while (written < data.byteLength) {
      written += writeSync(descriptor, data, written, data.byteLength - written);
    }
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, path);
  } catch (error) {
    try {
      if (descriptor !== undefined) closeSync(descriptor);
    } finally {
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
