import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { historyState, recordEdit, redoNext, undoLast } from './history';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.exec(`INSERT INTO documents (id, title, format, source_name, text, text_sha256, original_sha256, original_bytes, byte_size, imported_at)
             VALUES ('d', 'T', 'txt', 'a.txt', 'Body text', 'h', 's', x'00', 1, 'now');
           INSERT INTO excerpts (id, document_id, document_text_sha256, quote, prefix, suffix, start_offset, end_offset, note, created_at, updated_at)
             VALUES ('e', 'd', 'h', 'Body', '', ' text', 0, 4, 'first', 'now', 'now');`);
});

const note = () => (db.prepare("SELECT note FROM excerpts WHERE id = 'e'").get() as { note: string }).note;
const now = '2026-11-27T00:00:00Z';

describe('edit history', () => {
  it('undoes and redoes a change to a row', () => {
    recordEdit(
      db,
      { scope: 'library', label: 'Edit note', sets: [{ table: 'excerpts', where: { id: 'e' } }], now },
      () => db.prepare("UPDATE excerpts SET note = 'second' WHERE id = 'e'").run(),
    );
    expect(historyState(db, 'library')).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'Edit note',
      redoLabel: null,
    });
    undoLast(db, 'library');
    expect(note()).toBe('first');
    expect(historyState(db, 'library')).toMatchObject({
      canUndo: false,
      canRedo: true,
      redoLabel: 'Edit note',
    });
    redoNext(db, 'library');
    expect(note()).toBe('second');
  });

  it('restores deleted parents before their children', () => {
    db.exec(`INSERT INTO collections (id, name, created_at, updated_at) VALUES ('c', 'Shipping', 'now', 'now');
             INSERT INTO collection_items (collection_id, excerpt_id, position) VALUES ('c', 'e', 0);`);
    recordEdit(
      db,
      {
        scope: 'library',
        label: 'Delete collection',
        sets: [
          { table: 'collections', where: { id: 'c' } },
          { table: 'collection_items', where: { collection_id: 'c' } },
        ],
        now,
      },
      () => db.prepare("DELETE FROM collections WHERE id = 'c'").run(),
    );
    expect(db.prepare('SELECT count(*) AS n FROM collection_items').get()).toEqual({ n: 0 });
    undoLast(db, 'library');
    expect(db.prepare('SELECT collection_id, excerpt_id, position FROM collection_items').all()).toEqual([
      { collection_id: 'c', excerpt_id: 'e', position: 0 },
    ]);
    redoNext(db, 'library');
    expect(db.prepare('SELECT count(*) AS n FROM collections').get()).toEqual({ n: 0 });
  });

  it('forgets the redo branch when a new edit is made, and says when there is nothing to undo', () => {
    const edit = (value: string) =>
      recordEdit(
        db,
        { scope: 'library', label: `Note ${value}`, sets: [{ table: 'excerpts', where: { id: 'e' } }], now },
        () => db.prepare('UPDATE excerpts SET note = ? WHERE id = ?').run(value, 'e'),
      );
    edit('a');
    undoLast(db, 'library');
    edit('b');
    expect(historyState(db, 'library').canRedo).toBe(false);
    undoLast(db, 'library');
    expect(note()).toBe('first');
    expect(() => undoLast(db, 'library')).toThrow(/nothing to undo/);
  });

  it('does not restore over a change the history cannot see, and drops that step', () => {
    recordEdit(
      db,
      {
        scope: 'library',
        label: 'Tag',
        sets: [
          { table: 'excerpt_tags', where: { excerpt_id: 'e' } },
          { table: 'tags', where: {} },
        ],
        now,
      },
      () => {
        db.exec(
          "INSERT INTO tags (id, name, created_at) VALUES (1, 'x', 'now'); INSERT INTO excerpt_tags VALUES ('e', 1);",
        );
      },
    );
    undoLast(db, 'library');
    db.exec("DELETE FROM excerpts WHERE id = 'e'");
    expect(() => redoNext(db, 'library')).toThrow(/can no longer be redone/);
    expect(historyState(db, 'library').canRedo).toBe(false);
  });
});
