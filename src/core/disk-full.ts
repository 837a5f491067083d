/** What the user reads when a change cannot be saved because the disk is full. */
export const DISK_FULL_MESSAGE =
  'There is no space left on the disk that holds your library, so this change was not saved. Your library is as it was before; free some space and try again.';

/**
 * True for SQLite's "database or disk is full" (and its I/O error for a failed write to a full
 * disk) and for the file system's ENOSPC and EDQUOT (quota).
 */
export function isDiskFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
