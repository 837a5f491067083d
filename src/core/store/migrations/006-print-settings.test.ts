import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { migration006 } from './006-print-settings';

const BEFORE = MIGRATIONS.filter((migration) => migration.version < 6);

describe('migration 006: print settings', () => {
  it('gives existing briefings empty settings (all defaults) and refuses text that is not JSON', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, BEFORE);
    db.exec(
      `INSERT INTO briefings (id, title, briefing_date, created_at, updated_at) VALUES ('b', 'Brief', '2026-01-01', 'now', 'now')`,
    );

    migrate(db, [...BEFORE, migration006]);

    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT print_settings FROM briefings').get()).toEqual({ print_settings: '{}' });
    expect(() => db.prepare(`UPDATE briefings SET print_settings = 'not json'`).run()).toThrow(/CHECK/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
