import type Database from 'better-sqlite3';
import type { Collection } from '../../shared/dto';

type CollectionRow = {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
  excerpt_count: number;
};

const COLUMNS = `c.id, c.name, c.description, c.created_at, c.updated_at,
  (SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id) AS excerpt_count`;

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    excerptCount: row.excerpt_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type NewCollectionRow = Readonly<{ id: string; name: string; description: string; now: string }>;

export function insertCollection(db: Database.Database, row: NewCollectionRow): void {
  db.prepare(
    `INSERT INTO collections (id, name, description, created_at, updated_at)
     VALUES (@id, @name, @description, @now, @now)`,
  ).run(row);
}

export function getCollectionById(db: Database.Database, collectionId: string): Collection | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM collections c WHERE c.id = ?`).get(collectionId) as
    CollectionRow | undefined;
  return row === undefined ? undefined : toCollection(row);
}

/** Most recently updated first; among equal times, the most recently created first. */
export function listCollectionsRecentFirst(db: Database.Database): Collection[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM collections c ORDER BY c.updated_at DESC, c.rowid DESC`)
    .all() as CollectionRow[];
  return rows.map(toCollection);
}

export function updateCollectionText(
  db: Database.Database,
  input: Readonly<{ collectionId: string; name: string; description: string; now: string }>,
): number {
  return db
    .prepare(
      'UPDATE collections SET name = @name, description = @description, updated_at = @now WHERE id = @collectionId',
    )
    .run(input).changes;
}

export function touchCollection(db: Database.Database, collectionId: string, now: string): number {
  return db.prepare('UPDATE collections SET updated_at = ? WHERE id = ?').run(now, collectionId).changes;
}

/** Deletes a collection; its items go with it (ON DELETE CASCADE), its excerpts stay. */
export function deleteCollectionRow(db: Database.Database, collectionId: string): number {
  return db.prepare('DELETE FROM collections WHERE id = ?').run(collectionId).changes;
}

export function collectionNameExists(db: Database.Database, name: string): boolean {
  return db.prepare('SELECT 1 FROM collections WHERE name = ? LIMIT 1').get(name) !== undefined;
}

/** The excerpt ids of a collection in order. */
/** Collection names are unique (case aside), so this finds at most one. */
export function findCollectionIdsByName(db: Database.Database, name: string): string[] {
  const rows = db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE').all(name.trim()) as {
    id: string;
  }[];
  return rows.map((row) => row.id);
}

export function listCollectionExcerptIds(db: Database.Database, collectionId: string): string[] {
  const rows = db
    .prepare('SELECT excerpt_id FROM collection_items WHERE collection_id = ? ORDER BY position, excerpt_id')
    .all(collectionId) as { excerpt_id: string }[];
  return rows.map((row) => row.excerpt_id);
}

/** Each item's position, in order, for checking that positions stay dense. */
export function listCollectionPositions(
  db: Database.Database,
  collectionId: string,
): { excerptId: string; position: number }[] {
  const rows = db
    .prepare(
      'SELECT excerpt_id, position FROM collection_items WHERE collection_id = ? ORDER BY position, excerpt_id',
    )
    .all(collectionId) as { excerpt_id: string; position: number }[];
  return rows.map((row) => ({ excerptId: row.excerpt_id, position: row.position }));
}

export function insertCollectionItem(
  db: Database.Database,
  item: Readonly<{ collectionId: string; excerptId: string; position: number }>,
): void {
  db.prepare(
    'INSERT INTO collection_items (collection_id, excerpt_id, position) VALUES (@collectionId, @excerptId, @position)',
  ).run(item);
}

export function deleteCollectionItem(db: Database.Database, collectionId: string, excerptId: string): number {
  return db
    .prepare('DELETE FROM collection_items WHERE collection_id = ? AND excerpt_id = ?')
    .run(collectionId, excerptId).changes;
}

export function setCollectionItemPosition(
  db: Database.Database,
  item: Readonly<{ collectionId: string; excerptId: string; position: number }>,
): number {
  return db
    .prepare(
      'UPDATE collection_items SET position = @position WHERE collection_id = @collectionId AND excerpt_id = @excerptId',
    )
    .run(item).changes;
}

/** Which of `excerptIds` exist in the library. */
export function findExistingExcerptIds(db: Database.Database, excerptIds: readonly string[]): Set<string> {
  const found = new Set<string>();
  const statement = db.prepare('SELECT id FROM excerpts WHERE id IN (SELECT value FROM json_each(?))');
  for (let index = 0; index < excerptIds.length; index += 500) {
    const rows = statement.all(JSON.stringify(excerptIds.slice(index, index + 500))) as { id: string }[];
    for (const row of rows) found.add(row.id);
  }
  return found;
}
