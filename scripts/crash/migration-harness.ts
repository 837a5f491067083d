import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openLibrary } from '../../src/core/library/session';
import { backupFolder, checkedBackups } from '../../src/core/store/backups';
import { checkHere } from '../../src/core/store/file-check';
import { LATEST_SCHEMA_VERSION, migrate } from '../../src/core/store/migrate';
import { DATABASE_FILE_NAME } from '../../src/core/store/open';
import {
  digestDatabase,
  digestFile,
  isHealthy,
  type DatabaseDigest,
} from '../../src/core/testing/database-digest';
import { writeSchemaContent } from '../../src/core/testing/schema-content';
import { buildSchemaFixture } from '../../src/core/testing/schema-fixtures';
import { FONTS_DIR } from '../../src/core/testing/temp-core';
import { seededRandom } from '../../src/shared/testing/random';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(__dirname, 'migration-worker.ts');
const WATCHDOG_MS = 120_000;

export type MigrationCrashOptions = Readonly<{
  kills: number;
  seed?: number;
  /** Documents added to each older library (a bigger library migrates for longer). */
  extraDocuments?: number;
  /**
   * Share of kills that stop the worker inside the migration transaction after a random step; the
   * others come at a random moment up to maxDelayMs after the worker starts opening the library.
   */
  heldShare?: number;
  maxDelayMs?: number;
  keep?: boolean;
  onKill?: (kill: number, report: MigrationCrashReport) => void;
}>;

export type MigrationCrashReport = {
  kills: number;
  /** The library after the kill equals the old one exactly (schema, content, index). */
  old: number;
  /** The library after the kill equals a fresh install of the latest schema with the same content. */
  new: number;
  /** Anything else: another version, or a version whose schema or content is not the old or new. */
  mixed: number;
  /** integrity_check, foreign_key_check or an FTS integrity-check failed. */
  corrupt: number;
  /** Kills that landed inside the migration transaction (a step had run, nothing committed yet). */
  insideTransaction: number;
  /** After the kill, the next start migrated the library to the latest schema and it equals fresh. */
  recovered: number;
  /** Temporary backup files of killed workers still there after the next start. */
  staleBackupTemporaries: number;
  problems: string[];
  folder: string;
};

type Life = {
  messages: Record<string, unknown>[];
  stderr: string;
  signal: string | null;
  code: number | null;
};

function live(args: readonly string[], killAfterMs: number | null): Promise<Life> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const messages: Record<string, unknown>[] = [];
    let rest = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    const watchdog = setTimeout(() => {
      kill();
      fail(
        new Error(
          `the migration worker did not finish within ${WATCHDOG_MS / 1000} s: ${stderr.slice(0, 2000)}`,
        ),
      );
    }, WATCHDOG_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        const message = JSON.parse(line) as Record<string, unknown>;
        messages.push(message);
        if (message['t'] === 'held' || message['t'] === 'open' || message['t'] === 'error') kill();
        if (message['t'] === 'start' && killAfterMs !== null) timer = setTimeout(kill, killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      clearTimeout(watchdog);
      done({ messages, stderr, signal, code });
    });
  });
}

const readDigest = digestFile;
const healthy = isHealthy;

const same = (a: DatabaseDigest, b: DatabaseDigest) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Kills the app with SIGKILL while it opens (and migrates) an older library: the schema fixtures of
 * every released version, each with `extraDocuments` more documents. After each kill the library
 * file must be exactly the old library or exactly the new one (compared with a fresh install of the
 * same content), and the next start must finish the migration.
 */
export async function runMigrationCrashHarness(
  options: MigrationCrashOptions,
): Promise<MigrationCrashReport> {
  const rng = seededRandom(options.seed ?? 1);
  const folder = mkdtempSync(join(tmpdir(), 'briefing-migration-crash-'));
  const report: MigrationCrashReport = {
    kills: 0,
    old: 0,
    new: 0,
    mixed: 0,
    corrupt: 0,
    insideTransaction: 0,
    recovered: 0,
    staleBackupTemporaries: 0,
    problems: [],
    folder,
  };
  const note = (kill: number, problem: string) => {
    if (report.problems.length < 50) report.problems.push(`kill ${kill}: ${problem}`);
  };
  const extra = options.extraDocuments ?? 0;
  const originals = new Map<number, { file: string; digest: DatabaseDigest; fresh: DatabaseDigest }>();
  const original = (version: number) => {
    let found = originals.get(version);
    if (found === undefined) {
      const file = join(folder, `original-v${version}.sqlite`);
      buildSchemaFixture(file, version, extra);
      const fresh = new Database(join(folder, `fresh-v${version}.sqlite`));
      fresh.pragma('foreign_keys = ON');
      migrate(fresh);
      writeSchemaContent(fresh, { level: version, schema: LATEST_SCHEMA_VERSION, extraDocuments: extra });
      found = { file, digest: readDigest(file).digest, fresh: digestDatabase(fresh) };
      fresh.close();
      originals.set(version, found);
    }
    return found;
  };
  try {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      const version = 1 + Math.floor(rng() * (LATEST_SCHEMA_VERSION - 1));
      const held = rng() < (options.heldShare ?? 1);
      const holdAt = version + 1 + Math.floor(rng() * (LATEST_SCHEMA_VERSION - version));
      const delay = Math.floor(rng() * (options.maxDelayMs ?? 3000));
      const source = original(version);
      const dataDir = join(folder, `life-${kill}`);
      mkdirSync(dataDir, { recursive: true });
      const file = join(dataDir, DATABASE_FILE_NAME);
      copyFileSync(source.file, file);

      const life = await live(
        ['--data-dir', dataDir, ...(held ? ['--hold-at', String(holdAt)] : [])],
        held ? null : delay,
      );
      if (life.signal !== 'SIGKILL') {
        throw new Error(
          `the migration worker ended by itself (code ${String(life.code)}): ${life.stderr.slice(0, 2000)}`,
        );
      }
      const error = life.messages.find((message) => message['t'] === 'error');
      if (error !== undefined) note(kill, `the worker failed: ${String(error['message'])}`);
      report.kills += 1;
      const steps = life.messages.filter((message) => message['t'] === 'step').length;
      const opened = life.messages.some((message) => message['t'] === 'open');
      if (steps > 0 && !opened) report.insideTransaction += 1;

      const after = readDigest(file);
      if (!healthy(after.digest)) {
        report.corrupt += 1;
        note(kill, `v${version}: the library failed a check: ${after.digest.integrity}`);
      }
      if (after.version === version && same(after.digest, source.digest)) report.old += 1;
      else if (after.version === LATEST_SCHEMA_VERSION && same(after.digest, source.fresh)) report.new += 1;
      else {
        report.mixed += 1;
        note(
          kill,
          `v${version}: after the kill the library is version ${after.version} and neither the old nor the new`,
        );
      }

      // The next start finishes the job.
      const library = await openLibrary(
        {
          dataDir,
          fontsDir: FONTS_DIR,
          chooseSavePath: () => Promise.resolve(null),
          chooseOpenPaths: () => Promise.resolve(null),
          showItemInFolder: () => undefined,
          now: () => new Date(),
        },
        { scheduledBackups: false },
      );
      const core = library.core();
      if (core !== null && same(digestDatabase(core.db), source.fresh)) report.recovered += 1;
      else note(kill, `v${version}: the next start did not bring the library to the latest schema`);
      await library.close();
      const stale = readdirSync(backupFolder(dataDir)).filter((name) => name.endsWith('.tmp'));
      report.staleBackupTemporaries += stale.length;
      if ((await checkedBackups(dataDir, checkHere)).some((backup) => !backup.ok)) {
        note(kill, `v${version}: a backup in the folder failed its check`);
      }
      if (options.keep !== true) rmSync(dataDir, { recursive: true, force: true });
      options.onKill?.(kill, report);
    }
  } finally {
    if (options.keep !== true) rmSync(folder, { recursive: true, force: true });
  }
  return report;
}

export function migrationCrashFigure(report: MigrationCrashReport): string {
  return `${report.kills} kills during migration: ${report.old} old, ${report.new} new, ${report.mixed} mixed, ${report.corrupt} corrupt (${report.insideTransaction} inside the transaction; ${report.recovered} migrated on the next start)`;
}
