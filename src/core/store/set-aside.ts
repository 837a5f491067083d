import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from './open';

/** Where a damaged or replaced library file goes: kept beside the library, never deleted. */
export const SET_ASIDE_FOLDER_NAME = 'set-aside';

const COMPANIONS = ['', '-wal', '-shm', '-journal'] as const;

function fsyncPath(path: string, write = false): void {
  const fd = openSync(path, write ? 'r+' : 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Moves the library file (with its -wal, which may hold committed changes, and -shm) into the
 * set-aside folder under a dated name. Answers that name as `set-aside/<name>`, or null when there
 * was no library file. The connection to it must be closed.
 */
export function setLibraryAside(dataDir: string, label: 'damaged' | 'replaced', now: Date): string | null {
  const file = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) return null;
  const folder = join(dataDir, SET_ASIDE_FOLDER_NAME);
  mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  let name = `briefing-builder-${stamp}-${label}.sqlite`;
  for (let n = 2; existsSync(join(folder, name)); n += 1)
    name = `briefing-builder-${stamp}-${label}-${n}.sqlite`;
  for (const suffix of COMPANIONS) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, join(folder, `${name}${suffix}`));
  }
  fsyncPath(folder);
  fsyncPath(dataDir);
  return `${SET_ASIDE_FOLDER_NAME}/${name}`;
}

/**
 * Puts a copy of `source` in place as the library file: copied under a temporary name, flushed, then
 * renamed, so a crash leaves either no library file or the whole copy.
 */
export function copyInAsLibrary(dataDir: string, source: string): void {
  const file = join(dataDir, DATABASE_FILE_NAME);
  const temporary = join(dataDir, `.${DATABASE_FILE_NAME}.${process.pid}.restore-tmp`);
  rmSync(temporary, { force: true });
  copyFileSync(source, temporary);
  fsyncPath(temporary, true);
  // Stale companions of an earlier file must not be applied to the copy.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  renameSync(temporary, file);
  fsyncPath(dataDir);
}
