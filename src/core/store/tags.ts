import type Database from 'better-sqlite3';
import type { TagCount } from '../../shared/dto';

export type TagRow = Readonly<{ id: number; name: string }>;

/** How tag names compare: case-insensitively in every script (SQLite's NOCASE folds only ASCII). */
export function foldTagName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The tag of that name, compared case-insensitively. */
export function findTagByName(db: Database.Database, name: string): TagRow | undefined {
  const found = db.prepare('SELECT id, name FROM tags WHERE name = ?').get(name) as TagRow | undefined;
  // tags.name is COLLATE NOCASE, which settles ASCII names; other scripts are folded here.
  if (found !== undefined || /^[\x20-\x7e]*$/.test(name)) return found;
  const folded = foldTagName(name);
  const rows = db.prepare('SELECT id, name FROM tags ORDER BY id').all() as TagRow[];
  return rows.find((row) => foldTagName(row.name) === folded);
}

export function insertTag(db: Database.Database, name: string, now: string): number {
  return Number(
    db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid,
  );
}

export function renameTagRow(db: Database.Database, tagId: number, name: string): void {
  db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(name, tagId);
}

export function listTagsOfExcerpt(db: Database.Database, excerptId: string): TagRow[] {
  return db
    .prepare(
      `SELECT t.id, t.name FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
       WHERE et.excerpt_id = ? ORDER BY t.name COLLATE NOCASE, t.id`,
    )
    .all(excerptId) as TagRow[];
}

/** Gives an excerpt exactly these tags. */
export function replaceExcerptTags(
  db: Database.Database,
  excerptId: string,
  tagIds: readonly number[],
): void {
  db.prepare('DELETE FROM excerpt_tags WHERE excerpt_id = ?').run(excerptId);
  addExcerptTags(db, excerptId, tagIds);
}

/** Adds tags to an excerpt, leaving the ones it has. */
export function addExcerptTags(db: Database.Database, excerptId: string, tagIds: readonly number[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO excerpt_tags (excerpt_id, tag_id) VALUES (?, ?)');
  for (const tagId of tagIds) insert.run(excerptId, tagId);
}

/** Moves every excerpt from one tag to another (merging two tags); the source tag ends unused. */
export function moveTagAssignments(db: Database.Database, fromTagId: number, toTagId: number): void {
  db.prepare(
    `INSERT OR IGNORE INTO excerpt_tags (excerpt_id, tag_id)
     SELECT excerpt_id, @toTagId FROM excerpt_tags WHERE tag_id = @fromTagId`,
  ).run({ fromTagId, toTagId });
  db.prepare('DELETE FROM excerpt_tags WHERE tag_id = ?').run(fromTagId);
}

/** Deletes those of the given tags that no excerpt carries any more. */
export function deleteTagsIfUnused(db: Database.Database, tagIds: readonly number[]): void {
  const remove = db.prepare(
    'DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM excerpt_tags et WHERE et.tag_id = tags.id)',
  );
  for (const tagId of tagIds) remove.run(tagId);
}

/** Every tag some excerpt carries, with how many, by name (case-insensitively). */
export function listTagCounts(db: Database.Database): TagCount[] {
  const rows = db
    .prepare(
      `SELECT t.name AS name, count(*) AS count FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id
       GROUP BY t.id`,
    )
    .all() as TagCount[];
  return rows.sort(
    (a, b) => compareText(foldTagName(a.name), foldTagName(b.name)) || compareText(a.name, b.name),
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
