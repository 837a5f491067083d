import type Database from 'better-sqlite3';
import type { TagCount } from '../../shared/dto';
import { CoreError } from '../errors';
import type { RowSet } from '../store/history';
import {
  deleteTagsIfUnused,
  findTagByName,
  foldTagName,
  insertTag,
  listTagCounts,
  moveTagAssignments,
  renameTagRow,
} from '../store/tags';
import { recordLibraryEdit } from './library-history';

/**
 * Tag names as given, trimmed, without empty ones and without repeats (compared case-insensitively,
 * the first spelling kept).
 */
export function cleanTagNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const folded = foldTagName(name);
    if (name === '' || seen.has(folded)) continue;
    seen.add(folded);
    kept.push(name);
  }
  return kept;
}

/** The ids of these tags, creating the ones that do not exist yet (an existing tag keeps its spelling). */
export function resolveTagIds(db: Database.Database, names: readonly string[], now: string): number[] {
  const ids: number[] = [];
  for (const name of cleanTagNames(names)) {
    const id = findTagByName(db, name)?.id ?? insertTag(db, name, now);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** History row sets for the tags an edit may create. */
export function tagRowSets(db: Database.Database, names: readonly string[]): RowSet[] {
  return cleanTagNames(names).map((name): RowSet => {
    const existing = findTagByName(db, name);
    return existing === undefined
      ? { table: 'tags', where: { name } }
      : { table: 'tags', where: { id: existing.id } };
  });
}

export function listTags(db: Database.Database): TagCount[] {
  return listTagCounts(db);
}

/**
 * Renames a tag, or merges it into the tag that already has the new name (compared
 * case-insensitively; the existing tag keeps its spelling). One undoable edit.
 */
export function renameTag(
  db: Database.Database,
  input: Readonly<{ from: string; to: string; now: Date }>,
): void {
  const source = findTagByName(db, input.from);
  if (source === undefined) throw new CoreError('tag-invalid', `There is no tag “${input.from}” to rename.`);
  const to = input.to.trim();
  if (to === '') throw new CoreError('tag-invalid', 'A tag cannot be empty.');
  if (to === source.name) return;
  const target = findTagByName(db, to);
  const merging = target !== undefined && target.id !== source.id;
  const sets: RowSet[] = [
    { table: 'tags', where: { id: source.id } },
    { table: 'excerpt_tags', where: { tag_id: source.id } },
  ];
  if (merging) {
    sets.push(
      { table: 'tags', where: { id: target.id } },
      { table: 'excerpt_tags', where: { tag_id: target.id } },
    );
  }
  recordLibraryEdit(
    db,
    {
      label: merging
        ? `Merge tag “${source.name}” into “${target.name}”`
        : `Rename tag “${source.name}” to “${to}”`,
      sets,
      now: input.now,
    },
    () => {
      if (merging) {
        moveTagAssignments(db, source.id, target.id);
        deleteTagsIfUnused(db, [source.id]);
      } else {
        renameTagRow(db, source.id, to);
      }
    },
  );
}
