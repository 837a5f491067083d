import { join } from 'node:path';
import type { Library } from '../../core/library/session';
import type { BackupSummary } from '../../shared/dto';
import { UsageError, type ParsedArgs } from '../args';
import { printJson, type Output } from './command';

export type LibraryCommandContext = Readonly<{
  library: Library;
  dataDir: string;
  args: ParsedArgs;
  json: boolean;
  output: Output;
}>;

/** A command about the library file itself: it runs even when the library is damaged. */
export type LibraryCommand = (context: LibraryCommandContext) => Promise<number>;

function line(backup: BackupSummary): string {
  const state = backup.ok ? 'ok' : `FAILED: ${backup.problem ?? 'unknown problem'}`;
  return `${backup.id}  ${backup.reason.padEnd(14)} schema ${backup.schemaVersion}  ${String(Math.ceil(backup.sizeBytes / 1024)).padStart(7)} kB  ${state}\n`;
}

const backupsCommand: LibraryCommand = async ({ library, args, json, output }) => {
  if (args.positionals.length > 0) throw new UsageError('backups takes no arguments.');
  const backups = await library.handlers.listBackups({});
  if (json) printJson(output, backups);
  else if (backups.length === 0) output.stdout('No backups yet.\n');
  else for (const backup of backups) output.stdout(line(backup));
  return backups.some((backup) => !backup.ok) ? 1 : 0;
};

const backupCommand: LibraryCommand = async ({ library, args, json, output }) => {
  if (args.positionals.length > 0) throw new UsageError('backup takes no arguments.');
  const backup = await library.handlers.backupNow({});
  if (json) printJson(output, backup);
  else output.stdout(`Backed up and verified: ${backup.id}\n`);
  return 0;
};

const restoreCommand: LibraryCommand = async ({ library, dataDir, args, json, output }) => {
  const [wanted, ...extra] = args.positionals;
  if (wanted === undefined || extra.length > 0) {
    throw new UsageError('restore needs one backup: its name from `backups`, or `newest`.');
  }
  let backupId = wanted;
  if (wanted === 'newest') {
    const newest = (await library.handlers.listBackups({})).find((backup) => backup.ok);
    if (newest === undefined) {
      output.stderr('briefing: there is no good backup to restore.\n');
      return 1;
    }
    backupId = newest.id;
  }
  const status = await library.handlers.restoreBackup({ backupId });
  if (json) printJson(output, { restored: backupId, ...status });
  else {
    output.stdout(`Restored ${backupId}.\n`);
    if (status.setAside !== null)
      output.stdout(`The file it replaced is kept as ${join(dataDir, status.setAside)}\n`);
    if (status.state !== 'ok') output.stdout(`${status.message}\n`);
  }
  return status.state === 'damaged' ? 1 : 0;
};

export const LIBRARY_COMMANDS: Readonly<Record<string, LibraryCommand>> = {
  backups: backupsCommand,
  backup: backupCommand,
  restore: restoreCommand,
};
