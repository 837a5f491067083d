import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/random';
import { createTempCore } from '../testing/temp-core';

const EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.markdown', '.exe', ''];

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) bytes[index] = Math.floor(random() * 256);
  return bytes;
}

/** Random bytes, sometimes dressed up with a format's magic number so deeper code is reached. */
function hostileBytes(random: () => number): Buffer {
  const body = randomBytes(random, Math.floor(random() * 4096));
  const prefix = [Buffer.from('%PDF-1.7\n'), Buffer.from('PK\u0003\u0004'), Buffer.from('<html><body><p>'), Buffer.from('---\ntitle: x\n---\n'), Buffer.alloc(0)];
  return Buffer.concat([prefix[Math.floor(random() * prefix.length)] ?? Buffer.alloc(0), body]);
}

describe('random bytes through the whole import path', () => {
  it('never crash, and leave either a whole document or nothing', async () => {
    const core = createTempCore();
    try {
      const random = seededRandom(20261127);
      let imported = 0;
      for (let round = 0; round < 400; round += 1) {
        const extension = EXTENSIONS[Math.floor(random() * EXTENSIONS.length)] ?? '.txt';
        const outcome = await core.handlers.importFileBytes({
          name: `fuzz-${round}${extension}`,
          dataBase64: hostileBytes(random).toString('base64'),
        });
        expect(['imported', 'duplicate', 'failed']).toContain(outcome.status);
        if (outcome.status === 'failed') expect(outcome.error).toMatch(/\S/);
        if (outcome.status === 'imported') imported += 1;
      }
      const db = core.db;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM documents')).toBe(imported);
      expect(count('SELECT count(*) AS n FROM blocks WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(0);
      expect(count('SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.document_id = d.id)')).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Every stored block lies inside its document's text.
      const bad = count(
        'SELECT count(*) AS n FROM blocks b JOIN documents d ON d.id = b.document_id WHERE b.end_offset > length(d.text) OR b.start_offset < 0',
      );
      expect(bad).toBe(0);
    } finally {
      core.dispose();
    }
  });
});
