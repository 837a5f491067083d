import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning } from '../process-alive';
import { BACKUP_ID_PATTERN, BACKUP_REASONS, type BackupReason, type BackupSummary } from '../../shared/dto';
import { CoreError } from '../errors';
import { checkHere, type FileChecker } from './file-check';
import { schemaVersion } from './migrate';

/** Backups live in a folder beside the library file, one self-contained SQLite file each. */
export const BACKUP_FOLDER_NAME = 'backups';

export function backupFolder(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER_NAME);
}

/** `backup-20261128T061500123Z-v7-scheduled.sqlite` for a backup made at that UTC millisecond. */
export function backupFileName(at: Date, version: number, reason: BackupReason): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `backup-${stamp}-v${Math.trunc(version)}-${reason}.sqlite`;
}

type ParsedName = Readonly<{ createdAt: string; schemaVersion: number; reason: BackupReason }>;

export function parseBackupFileName(name: string): ParsedName | null {
  if (!BACKUP_ID_PATTERN.test(name)) return null;
  const match = /^backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-v(\d+)-([a-z-]+)\.sqlite$/.exec(
    name,
  );
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, ms, version, reason] = match;
  const createdAt = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
  if (Number.isNaN(Date.parse(createdAt))) return null;
  const known = BACKUP_REASONS.find((candidate) => candidate === reason);
  if (known === undefined) return null;
  return { createdAt, schemaVersion: Number(version), reason: known };
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * An online backup through SQLite's backup API (better-sqlite3's `db.backup()`): it copies the
 * library page by page between other work, so nothing waits. The copy is written under a temporary
 * name, turned into a self-contained file (rollback journal, no -wal beside it), verified by opening
 * it read-only, and only then renamed into the backups folder. A copy that fails the check is
 * deleted and reported.
 */
export async function makeBackup(
  db: Database.Database,
  dataDir: string,
  options: Readonly<{
    reason: BackupReason;
    now: Date;
    nativeBinding?: string | undefined;
    /** Where the copy's full check runs (default: this thread). */
    check?: FileChecker | undefined;
  }>,
): Promise<BackupSummary> {
  const folder = backupFolder(dataDir);
  mkdirSync(folder, { recursive: true });
  const version = schemaVersion(db);
  let at = options.now.getTime();
  let name = backupFileName(new Date(at), version, options.reason);
  while (existsSync(join(folder, name))) {
    at += 1;
    name = backupFileName(new Date(at), version, options.reason);
  }
  const temporary = join(folder, `.${name}.${process.pid}.tmp`);
  const final = join(folder, name);
  try {
    await db.backup(temporary);
    const copy = new Database(temporary, {
      fileMustExist: true,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = await (options.check ?? checkHere)({
      file: temporary,
      kind: 'full',
      nativeBinding: options.nativeBinding,
    });
    if (!check.ok) {
      throw new CoreError(
        'backup-failed',
        `The backup could not be verified (${check.problem ?? 'unknown'}).`,
      );
    }
    fsyncPath(temporary);
    renameSync(temporary, final);
    fsyncPath(folder);
  } catch (error) {
    removeQuietly(temporary);
    if (error instanceof CoreError) throw error;
    throw new CoreError(
      'backup-failed',
      `The backup could not be written (${error instanceof Error ? error.message : String(error)}). Check the free space on the disk.`,
    );
  }
  return {
    id: name,
    createdAt: new Date(at).toISOString(),
    reason: options.reason,
    schemaVersion: version,
    sizeBytes: statSync(final).size,
    ok: true,
    problem: null,
  };
}

function removeQuietly(path: string): void {
  for (const file of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

/** The backups in the folder, newest first, as their names describe them (nothing is opened). */
export function listBackups(dataDir: string): BackupSummary[] {
  const folder = backupFolder(dataDir);
  if (!existsSync(folder)) return [];
  const backups: BackupSummary[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupFileName(name);
    if (parsed === null) continue;
    let sizeBytes: number;
    try {
      sizeBytes = statSync(join(folder, name)).size;
    } catch {
      continue;
    }
    backups.push({
      id: name,
      createdAt: parsed.createdAt,
      reason: parsed.reason,
      schemaVersion: parsed.schemaVersion,
      sizeBytes,
      ok: true,
      problem: null,
    });
  }
  return backups.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The backups, newest first, each opened and fully checked (one at a time) by `check`. */
export async function checkedBackups(
  dataDir: string,
  check: FileChecker,
  nativeBinding?: string,
): Promise<BackupSummary[]> {
  const checked: BackupSummary[] = [];
  for (const backup of listBackups(dataDir)) {
    const result = await check({ file: join(backupFolder(dataDir), backup.id), kind: 'full', nativeBinding });
    checked.push({
      ...backup,
      schemaVersion: result.schemaVersion ?? backup.schemaVersion,
      ok: result.ok,
      problem: result.problem,
    });
  }
  return checked;
}

/** The file of a backup named by its id; a name that is not a backup's is refused. */
export function resolveBackup(dataDir: string, backupId: string): string {
  if (parseBackupFileName(backupId) === null) {
    throw new CoreError('backup-not-found', 'That is not the name of a backup.');
  }
  const file = join(backupFolder(dataDir), backupId);
  if (!existsSync(file)) {
    throw new CoreError('backup-not-found', `The backup ${backupId} is no longer in the backups folder.`);
  }
  return file;
}

export type RotationPolicy = Readonly<{
  /** Scheduled and manual backups kept, newest first. */
  keep: number;
  /** Backups made before a migration or a restore kept, newest first. */
  keepBeforeChanges: number;
}>;

export const DEFAULT_ROTATION: RotationPolicy = { keep: 7, keepBeforeChanges: 3 };

/**
 * Deletes the oldest backups beyond the policy's counts. Backups are listed unverified: each was
 * verified when it was made, and rotation must stay cheap.
 */
export function rotateBackups(dataDir: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const removed: string[] = [];
  const all = listBackups(dataDir);
  const routine = all.filter((backup) => backup.reason === 'scheduled' || backup.reason === 'manual');
  const beforeChanges = all.filter(
    (backup) => backup.reason === 'pre-migration' || backup.reason === 'before-restore',
  );
  for (const backup of [...routine.slice(policy.keep), ...beforeChanges.slice(policy.keepBeforeChanges)]) {
    rmSync(join(backupFolder(dataDir), backup.id), { force: true });
    removed.push(backup.id);
  }
  return removed;
}

/** Temporary backup copies that a killed process left behind (a running one's are left alone). */
export function cleanBackupTemporaries(dataDir: string): void {
  const folder = backupFolder(dataDir);
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const match = /^\.backup-.*\.(\d+)\.tmp(?:-journal|-wal|-shm)?$/.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !isProcessRunning(pid)) rmSync(join(folder, name), { force: true });
  }
}
