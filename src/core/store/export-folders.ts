import type Database from 'better-sqlite3';
import { getMeta, setMeta } from './meta';

const KEY = 'export_folders';
/** Enough for the places an analyst saves to; older ones drop off. */
const MAX_FOLDERS = 20;

/** Folders that exports were saved to, most recent first (where a crash could leave a temporary). */
export function listExportFolders(db: Database.Database): string[] {
  const stored = getMeta(db, KEY);
  if (stored === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed)
      ? parsed.filter((folder): folder is string => typeof folder === 'string')
      : [];
  } catch {
    return [];
  }
}

export function rememberExportFolder(db: Database.Database, folder: string): void {
  const known = listExportFolders(db);
  if (known[0] === folder) return;
  const folders = [folder, ...known.filter((other) => other !== folder)].slice(0, MAX_FOLDERS);
  setMeta(db, KEY, JSON.stringify(folders));
}
