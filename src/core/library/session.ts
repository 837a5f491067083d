import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefingApi } from '../../shared/api';
import type { BackupReason, BackupSummary, LibraryStatus } from '../../shared/dto';
import { API_METHODS, type ApiMethod } from '../../shared/methods';
import { createCore, type Core } from '../api/core';
import { CoreError } from '../errors';
import type { CorePorts } from '../ports';
import {
  cleanBackupTemporaries,
  DEFAULT_ROTATION,
  listBackups,
  makeBackup,
  resolveBackup,
  rotateBackups,
  verifyBackupFile,
  type RotationPolicy,
} from '../store/backups';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../store/migrate';
import { DATABASE_FILE_NAME } from '../store/open';
import { copyInAsLibrary, setLibraryAside } from '../store/set-aside';
import { warmSearch } from '../search/warm';
import { statusOfOpenLibrary } from './handlers';

export type LibraryOptions = Readonly<{
  /** How often a scheduled backup is made while the app runs, and the age that triggers one at start. */
  backupIntervalMs?: number;
  rotation?: RotationPolicy;
  /** False: no scheduled backups (a backup before each migration is always made). */
  scheduledBackups?: boolean;
}>;

export const DEFAULT_BACKUP_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** The search path is warmed once the API has been quiet this long after the library opens. */
const WARM_SEARCH_AFTER_QUIET_MS = 500;

/** One host's library: the API table it answers with, whatever state the library file is in. */
export type Library = Readonly<{
  /** Stable for the host's lifetime: delegates to the open core, or to recovery when damaged. */
  handlers: BriefingApi;
  status: () => LibraryStatus;
  /** The open core (null while the library is damaged). */
  core: () => Core | null;
  /** Makes a verified backup now (rotating old ones). */
  backupNow: (reason: BackupReason) => Promise<BackupSummary>;
  /** Waits for any backup in progress, stops the schedule and closes the library. */
  close: () => Promise<void>;
}>;

type Probe =
  | Readonly<{ kind: 'missing' }>
  | Readonly<{ kind: 'readable'; version: number }>
  | Readonly<{ kind: 'damaged'; problem: string }>;

/**
 * Looks at the library file before the store opens it: can SQLite read it at all, does
 * `PRAGMA quick_check` pass, and which schema version does it have. Nothing is written.
 */
function probeLibrary(dataDir: string, nativeBinding: string | undefined): Probe {
  const file = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) return { kind: 'missing' };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      fileMustExist: true,
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
    });
    const check = db.pragma('quick_check') as { quick_check: string }[];
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
      return { kind: 'damaged', problem: `the quick check found: ${check[0]?.quick_check ?? 'no answer'}` };
    }
    return { kind: 'readable', version: schemaVersion(db) };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return { kind: 'damaged', problem: problem.split(dataDir).join('<library folder>') };
  } finally {
    db?.close();
  }
}

function damagedMessage(problem: string): string {
  return `Briefing Builder could not open your library: the file is damaged or is not a Briefing Builder library (${problem}). Restore the newest good backup, or start with an empty library; either way the damaged file is kept in the "set-aside" folder beside your library.`;
}

/**
 * Opens the library for a host (Electron, the e2e host, the CLI). Before a migration it makes a
 * verified backup with SQLite's backup API; a library written by a newer version opens read-only;
 * a damaged library opens in recovery, where only the status, the backups and the recovery methods
 * answer, and `restoreBackup` or `startEmptyLibrary` open a working library in its place without
 * restarting the host. While the library is healthy, a backup is made at start when the newest is
 * older than the interval, then once per interval, and old ones are rotated.
 */
export async function openLibrary(ports: CorePorts, options: LibraryOptions = {}): Promise<Library> {
  const { dataDir, nativeBinding } = ports;
  const rotation = options.rotation ?? DEFAULT_ROTATION;
  const interval = options.backupIntervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  let core: Core | null = null;
  let damaged: { problem: string; version: number | null } | null = null;
  let setAside: string | null = null;
  let backupInProgress: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let warmTimer: NodeJS.Timeout | undefined;
  let lastCallAt = 0;
  let searched = false;
  let closed = false;

  const backupOf = (db: Database.Database, reason: BackupReason) => {
    const run = backupInProgress.then(async () => {
      const made = await makeBackup(db, dataDir, { reason, now: ports.now(), nativeBinding });
      rotateBackups(dataDir, rotation);
      return made;
    });
    backupInProgress = run.catch(() => undefined);
    return run;
  };

  // One search in the background readies the search path (see warmSearch), once the window's
  // start-up requests are answered: it waits until no API call came for a moment, and is left out
  // when the analyst searched first.
  const warmSearchWhenQuiet = (opened: Core) => {
    clearTimeout(warmTimer);
    warmTimer = setTimeout(() => {
      if (closed || core !== opened || searched) return;
      if (performance.now() - lastCallAt < WARM_SEARCH_AFTER_QUIET_MS) {
        warmSearchWhenQuiet(opened);
        return;
      }
      try {
        warmSearch(opened.db);
      } catch {
        // Only a head start: the analyst's own first search reports any problem.
      }
    }, WARM_SEARCH_AFTER_QUIET_MS);
    warmTimer.unref();
  };

  const open = () => {
    try {
      core = createCore(ports);
      damaged = null;
      warmSearchWhenQuiet(core);
    } catch (error) {
      core = null;
      const problem = error instanceof Error ? error.message : String(error);
      // The window shows this sentence; it names no folder of the analyst's.
      damaged = { problem: problem.split(dataDir).join('<library folder>'), version: null };
    }
  };

  cleanBackupTemporaries(dataDir);
  const probe = probeLibrary(dataDir, nativeBinding);
  if (probe.kind === 'damaged') {
    damaged = { problem: probe.problem, version: null };
  } else {
    if (probe.kind === 'readable' && probe.version > 0 && probe.version < LATEST_SCHEMA_VERSION) {
      // The file as the older version left it, before this version changes its schema.
      const old = new Database(join(dataDir, DATABASE_FILE_NAME), {
        readonly: true,
        fileMustExist: true,
        ...(nativeBinding === undefined ? {} : { nativeBinding }),
      });
      try {
        await backupOf(old, 'pre-migration');
      } finally {
        old.close();
      }
    }
    open();
  }

  const status = (): LibraryStatus => {
    if (core !== null) return { ...statusOfOpenLibrary(core.context), setAside };
    return {
      state: 'damaged',
      message: damagedMessage(damaged?.problem ?? 'unknown problem'),
      schemaVersion: damaged?.version ?? null,
      appSchemaVersion: LATEST_SCHEMA_VERSION,
      setAside,
    };
  };

  const backupNow = (reason: BackupReason): Promise<BackupSummary> => {
    if (core === null) {
      return Promise.reject(
        new CoreError('library-damaged', 'The library is damaged: there is nothing to back up.'),
      );
    }
    return backupOf(core.db, reason);
  };

  const scheduleTick = () => {
    const current = core;
    if (closed || current === null || current.context.readOnly) return;
    backupOf(current.db, 'scheduled').catch(() => undefined);
  };
  if (options.scheduledBackups !== false) {
    const newest = listBackups(dataDir, { verify: false }).find((backup) => backup.ok);
    const age = newest === undefined ? Infinity : ports.now().getTime() - Date.parse(newest.createdAt);
    if (age >= interval) scheduleTick();
    timer = setInterval(scheduleTick, interval);
    timer.unref();
  }

  const replaceWith = async (backupId: string | null): Promise<LibraryStatus> => {
    const source = backupId === null ? null : resolveBackup(dataDir, backupId);
    if (source !== null) {
      const check = verifyBackupFile(source, nativeBinding);
      if (!check.ok) {
        throw new CoreError(
          'restore-failed',
          `The backup ${backupId ?? ''} failed its check (${check.problem ?? 'unknown'}); choose another one.`,
        );
      }
      if ((check.schemaVersion ?? 0) > LATEST_SCHEMA_VERSION) {
        throw new CoreError(
          'restore-failed',
          `The backup ${backupId ?? ''} was made by a newer version of Briefing Builder; choose an older one or update the app.`,
        );
      }
    }
    await backupInProgress;
    const wasDamaged = core === null;
    core?.close();
    core = null;
    setAside = setLibraryAside(dataDir, wasDamaged ? 'damaged' : 'replaced', ports.now());
    if (source !== null) copyInAsLibrary(dataDir, source);
    open();
    return status();
  };

  const own: Partial<Record<ApiMethod, (input: unknown) => Promise<unknown>>> = {
    libraryStatus: () => Promise.resolve(status()),
    listBackups: () => Promise.resolve(listBackups(dataDir, { verify: true, nativeBinding })),
    backupNow: () => backupNow('manual'),
    restoreBackup: (input) => replaceWith((input as { backupId: string }).backupId),
    startEmptyLibrary: () => {
      if (core !== null) {
        return Promise.reject(
          new CoreError(
            'invalid-input',
            'The library is not damaged: there is no reason to start an empty one.',
          ),
        );
      }
      return replaceWith(null);
    },
  };
  const table = {} as Record<ApiMethod, (input: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    table[method] = (input) => {
      lastCallAt = performance.now();
      if (method === 'search') searched = true;
      const mine = own[method];
      if (mine !== undefined) return mine(input);
      const current = core;
      if (current === null) {
        return Promise.reject(
          new CoreError('library-damaged', damagedMessage(damaged?.problem ?? 'unknown problem')),
        );
      }
      const handler = (
        current.handlers as unknown as Record<ApiMethod, (value: unknown) => Promise<unknown>>
      )[method];
      return handler(input);
    };
  }

  return {
    handlers: table as unknown as BriefingApi,
    status,
    core: () => core,
    backupNow,
    close: async () => {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      clearTimeout(warmTimer);
      await backupInProgress;
      core?.close();
      core = null;
    },
  };
}
