import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefingApi } from '../../shared/api';
import type { BackupReason, BackupSummary, LibraryStatus } from '../../shared/dto';
import { API_METHODS, type ApiMethod } from '../../shared/methods';
import { createCore, type Core } from '../api/core';
import { CoreError } from '../errors';
import type { CorePorts } from '../ports';
import {
  checkedBackups,
  cleanBackupTemporaries,
  DEFAULT_ROTATION,
  listBackups,
  makeBackup,
  resolveBackup,
  rotateBackups,
  type RotationPolicy,
} from '../store/backups';
import { checkerFor, checkFile } from '../store/file-check';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../store/migrate';
import { DATABASE_FILE_NAME } from '../store/open';
import { copyInAsLibrary, setLibraryAside } from '../store/set-aside';
import { warmSearchThreads } from '../search/on-threads';
import { warmSearch } from '../search/warm';
import { statusOfOpenLibrary } from './handlers';

export type LibraryOptions = Readonly<{
  /** How often a scheduled backup is made while the app runs, and the age that triggers one at start. */
  backupIntervalMs?: number;
  rotation?: RotationPolicy;
  /** False: no scheduled backups (a backup before each migration is always made). */
  scheduledBackups?: boolean;
  /**
   * A library file up to this size gets its quick check before it opens; a larger one opens at
   * once and is checked on the check thread (when the host has one), switching to recovery if the
   * check finds damage. Default 64 MiB (about half a second of checking here).
   */
  startCheckLimitBytes?: number;
  /**
   * The check of a large library and a backup due at start wait for this (Electron: the window
   * has loaded), so that neither competes with the first paint.
   */
  backgroundWorkAfter?: Promise<unknown>;
  /**
   * The background check of a large library starts once the API has been quiet this long.
   * Default CHECK_AFTER_QUIET_MS.
   */
  checkAfterQuietMs?: number;
}>;

export const DEFAULT_START_CHECK_LIMIT_BYTES = 64 * 1024 * 1024;

export const DEFAULT_BACKUP_INTERVAL_MS = 6 * 60 * 60 * 1000;
/**
 * The search path is warmed as soon as the library opens when no API call has come yet, else once
 * the API has been quiet this long.
 */
const WARM_SEARCH_AFTER_QUIET_MS = 500;
/**
 * The quick check of a large library reads the whole file (about 9 s at 50,000 documents) and, even
 * at the lowest priority, doubled the time of searches made meanwhile on a two-core machine. It
 * starts once no API call has come for this long. Once started it runs to the end: SQLite's check
 * is one call that its thread cannot leave before it returns.
 */
export const CHECK_AFTER_QUIET_MS = 2000;
/** However busy the window, the check starts at the latest this long after it could have started. */
export const CHECK_WAITS_AT_MOST_MS = 120_000;

/** One host's library: the API table it answers with, whatever state the library file is in. */
export type Library = Readonly<{
  /** Stable for the host's lifetime: delegates to the open core, or to recovery when damaged. */
  handlers: BriefingApi;
  status: () => LibraryStatus;
  /** The open core (null while the library is damaged). */
  core: () => Core | null;
  /** Makes a verified backup now (rotating old ones). */
  backupNow: (reason: BackupReason) => Promise<BackupSummary>;
  /**
   * Settles when the quick check of a library opened before its check (a large one) has answered:
   * 'passed', 'damaged' (the library is now in recovery), 'inconclusive' (it could not run to the
   * end), or 'before-open' when the library was checked before it opened.
   */
  startCheck: () => Promise<'passed' | 'damaged' | 'inconclusive' | 'before-open'>;
  /** Waits for any backup in progress, stops the schedule and closes the library. */
  close: () => Promise<void>;
}>;

type Probe =
  | Readonly<{ kind: 'missing' }>
  | Readonly<{ kind: 'readable'; version: number; checked: boolean }>
  | Readonly<{ kind: 'damaged'; problem: string }>;

const withoutFolder = (problem: string, dataDir: string) => problem.split(dataDir).join('<library folder>');

/**
 * Looks at the library file before the store opens it: can SQLite read its header and schema, and
 * which schema version does it have; with `quickCheck`, does `PRAGMA quick_check` pass (it reads
 * every page: about 6 s per GB here). Nothing is written.
 */
function probeLibrary(dataDir: string, nativeBinding: string | undefined, quickCheck: boolean): Probe {
  const file = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) return { kind: 'missing' };
  if (quickCheck) {
    const check = checkFile({ file, kind: 'quick', nativeBinding, readonly: false });
    if (!check.ok) return { kind: 'damaged', problem: withoutFolder(check.problem ?? 'no answer', dataDir) };
    return { kind: 'readable', version: check.schemaVersion ?? 0, checked: true };
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      fileMustExist: true,
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
    });
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    return { kind: 'readable', version: schemaVersion(db), checked: false };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return { kind: 'damaged', problem: withoutFolder(problem, dataDir) };
  } finally {
    db?.close();
  }
}

/** SQLite's words for a damaged file (and the backup check's). */
const DAMAGE =
  /not a database|malformed|corrupt|integrity check failed|quick check found|foreign key problems/i;

type Unopened = Readonly<{
  problem: string;
  version: number | null;
  /** `upgrade-failed`: the file was readable, but this version could not bring it up to date. */
  reason: 'damaged' | 'upgrade-failed';
}>;

function unopenedMessage(unopened: Unopened | null): string {
  const problem = unopened?.problem ?? 'unknown problem';
  if (unopened?.reason === 'upgrade-failed') {
    return `Briefing Builder could not bring your library up to date for this version (${problem}). The library file was left as it was. Free some disk space and restart the app to try again; or restore the newest good backup, or start with an empty library, and the current file is kept in the "set-aside" folder beside your library.`;
  }
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
  const checker = checkerFor(ports.checkWorker);
  const startCheckLimit = options.startCheckLimitBytes ?? DEFAULT_START_CHECK_LIMIT_BYTES;
  const libraryFile = join(dataDir, DATABASE_FILE_NAME);
  const rotation = options.rotation ?? DEFAULT_ROTATION;
  const interval = options.backupIntervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  let core: Core | null = null;
  let damaged: Unopened | null = null;
  let setAside: string | null = null;
  let backupInProgress: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let warmTimer: NodeJS.Timeout | undefined;
  /** When the last API call came or was answered, and how many are being answered now. */
  let lastCallAt: number | null = null;
  let callsUnderway = 0;
  let searched = false;
  let closed = false;

  const backupOf = (db: Database.Database, reason: BackupReason) => {
    const run = backupInProgress.then(async () => {
      const made = await makeBackup(db, dataDir, { reason, now: ports.now(), nativeBinding, check: checker });
      rotateBackups(dataDir, rotation);
      return made;
    });
    backupInProgress = run.catch(() => undefined);
    return run;
  };

  // One search in the background readies the search path (see warmSearch). A library opened before
  // the window asks for anything (the app's start: the window is still loading) is warmed at once,
  // in that idle time; otherwise the warm-up waits until the window's requests are answered and no
  // API call came for a moment. It is left out when the analyst searched first.
  const warmSearchWhenQuiet = (opened: Core, delayMs = WARM_SEARCH_AFTER_QUIET_MS) => {
    clearTimeout(warmTimer);
    warmTimer = setTimeout(() => {
      if (closed || core !== opened || searched) return;
      if (lastCallAt !== null && performance.now() - lastCallAt < WARM_SEARCH_AFTER_QUIET_MS) {
        warmSearchWhenQuiet(opened);
        return;
      }
      // Searches run on the search threads when the host has them (their connections are readied
      // there, at the same time), else on this thread.
      const threads = opened.context.searchThreads;
      if (threads !== undefined) {
        warmSearchThreads(opened.db, threads).catch(() => undefined);
        return;
      }
      try {
        warmSearch(opened.db);
      } catch {
        // Only a head start: the analyst's own first search reports any problem.
      }
    }, delayMs);
    warmTimer.unref();
  };

  /** `upgrading`: migrations are pending, so a failure that is not damage is a failed upgrade. */
  const open = (upgrading: boolean) => {
    try {
      core = createCore(ports);
      damaged = null;
      warmSearchWhenQuiet(core, lastCallAt === null ? 0 : WARM_SEARCH_AFTER_QUIET_MS);
    } catch (error) {
      core = null;
      const problem = error instanceof Error ? error.message : String(error);
      // The window shows this sentence; it names no folder of the analyst's.
      damaged = {
        problem: withoutFolder(problem, dataDir),
        version: null,
        reason: upgrading && !DAMAGE.test(problem) ? 'upgrade-failed' : 'damaged',
      };
    }
  };

  // The quick check reads every page. A small library is checked before it opens; a large one
  // opens at once and is checked on the check thread, and damage found there closes it and puts the
  // window on the recovery screen (its next API call answers `library-damaged`).
  let backgroundCheck: AbortController | null = null;
  let startCheck: Promise<'passed' | 'damaged' | 'inconclusive' | 'before-open'> =
    Promise.resolve('before-open');
  // Waits until the window has made no API call for `ms` (or CHECK_WAITS_AT_MOST_MS have passed).
  const quietFor = async (ms: number, stop: AbortSignal) => {
    const waitingSince = performance.now();
    const deadline = waitingSince + CHECK_WAITS_AT_MOST_MS;
    for (;;) {
      const now = performance.now();
      const quietSince = lastCallAt ?? waitingSince;
      if (stop.aborted || now >= deadline) return;
      if (callsUnderway === 0 && now - quietSince >= ms) return;
      const wait = callsUnderway > 0 ? ms : ms - (now - quietSince);
      await new Promise<void>((resolve) => {
        setTimeout(resolve, Math.max(1, Math.min(wait, deadline - now))).unref();
      });
    }
  };
  const checkInBackground = () => {
    const controller = new AbortController();
    backgroundCheck = controller;
    const after = options.backgroundWorkAfter ?? Promise.resolve();
    startCheck = after
      .then(() => quietFor(options.checkAfterQuietMs ?? CHECK_AFTER_QUIET_MS, controller.signal))
      .then(() => checker({ file: libraryFile, kind: 'quick', nativeBinding }, controller.signal))
      .then(async (check) => {
        if (check.ok) return 'passed';
        if (check.inconclusive === true || controller.signal.aborted) return 'inconclusive';
        await backupInProgress;
        if (controller.signal.aborted || closed || core === null) return 'inconclusive';
        const found = core;
        core = null;
        damaged = {
          problem: withoutFolder(check.problem ?? 'no answer', dataDir),
          version: check.schemaVersion,
          reason: 'damaged',
        };
        await found.shutdown();
        return 'damaged';
      });
  };
  const stopBackgroundCheck = () => {
    backgroundCheck?.abort();
    backgroundCheck = null;
  };

  cleanBackupTemporaries(dataDir);
  const large = existsSync(libraryFile) && statSync(libraryFile).size > startCheckLimit;
  const probe = probeLibrary(dataDir, nativeBinding, !(large && ports.checkWorker !== undefined));
  if (probe.kind === 'damaged') {
    damaged = { problem: probe.problem, version: null, reason: 'damaged' };
  } else {
    let checked = probe.kind !== 'readable' || probe.checked;
    if (probe.kind === 'readable' && probe.version > 0 && probe.version < LATEST_SCHEMA_VERSION) {
      // The file as the older version left it, before this version changes its schema. The copy
      // gets the full check, so a library that passes needs no other check now.
      const old = new Database(libraryFile, {
        readonly: true,
        fileMustExist: true,
        ...(nativeBinding === undefined ? {} : { nativeBinding }),
      });
      try {
        await backupOf(old, 'pre-migration');
        checked = true;
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        damaged = {
          problem: withoutFolder(`no good backup could be made before the upgrade: ${problem}`, dataDir),
          version: probe.version,
          reason: DAMAGE.test(problem) ? 'damaged' : 'upgrade-failed',
        };
      } finally {
        old.close();
      }
    }
    if (damaged === null) {
      open(probe.kind === 'readable' && probe.version < LATEST_SCHEMA_VERSION);
      if (!checked && core !== null) checkInBackground();
    }
  }

  const status = (): LibraryStatus => {
    if (core !== null) return { ...statusOfOpenLibrary(core.context), setAside };
    return {
      state: 'damaged',
      message: unopenedMessage(damaged),
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
    const newest = listBackups(dataDir).find((backup) => backup.ok);
    const age = newest === undefined ? Infinity : ports.now().getTime() - Date.parse(newest.createdAt);
    if (age >= interval) void (options.backgroundWorkAfter ?? Promise.resolve()).then(scheduleTick);
    timer = setInterval(scheduleTick, interval);
    timer.unref();
  }

  const replaceWith = async (backupId: string | null): Promise<LibraryStatus> => {
    const source = backupId === null ? null : resolveBackup(dataDir, backupId);
    if (source !== null) {
      const check = await checker({ file: source, kind: 'full', nativeBinding });
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
    stopBackgroundCheck();
    await backupInProgress;
    const wasDamaged = core === null;
    const replaced = core;
    core = null;
    await replaced?.shutdown();
    setAside = setLibraryAside(dataDir, wasDamaged ? 'damaged' : 'replaced', ports.now());
    if (source !== null) copyInAsLibrary(dataDir, source);
    open(false);
    return status();
  };

  const own: Partial<Record<ApiMethod, (input: unknown) => Promise<unknown>>> = {
    libraryStatus: () => Promise.resolve(status()),
    listBackups: () => checkedBackups(dataDir, checker, nativeBinding),
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
    const answer = (input: unknown): Promise<unknown> => {
      if (method === 'search') searched = true;
      const mine = own[method];
      if (mine !== undefined) return mine(input);
      const current = core;
      if (current === null) {
        return Promise.reject(new CoreError('library-damaged', unopenedMessage(damaged)));
      }
      const handler = (
        current.handlers as unknown as Record<ApiMethod, (value: unknown) => Promise<unknown>>
      )[method];
      return handler(input);
    };
    table[method] = (input) => {
      lastCallAt = performance.now();
      callsUnderway += 1;
      const answered = answer(input);
      const done = () => {
        callsUnderway -= 1;
        lastCallAt = performance.now();
      };
      answered.then(done, done);
      return answered;
    };
  }

  return {
    handlers: table as unknown as BriefingApi,
    status,
    core: () => core,
    backupNow,
    startCheck: () => startCheck,
    close: async () => {
      closed = true;
      stopBackgroundCheck();
      if (timer !== undefined) clearInterval(timer);
      clearTimeout(warmTimer);
      await backupInProgress;
      const current = core;
      core = null;
      await current?.shutdown();
    },
  };
}
