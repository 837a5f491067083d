import type Database from 'better-sqlite3';
import type { ExcerptDetail } from '../../shared/dto';
import { importPaths } from '../corpus/import';
import type { CorePorts } from '../ports';
import { CORPUS_DIR, createTempCore, type TempCore } from '../testing/temp-core';

/** A temporary core with the sample corpus imported. */
export async function seededCore(overrides: Partial<CorePorts> = {}): Promise<TempCore> {
  const core = createTempCore(overrides);
  await importPaths(core.db, [CORPUS_DIR], () => new Date('2026-11-20T09:00:00Z'));
  return core;
}

/**
 * Makes `perDocument` excerpts in each of the first `documents` documents, at well-separated
 * offsets, in document order.
 */
export async function makeExcerpts(
  core: TempCore,
  options: Readonly<{ documents?: number; perDocument?: number; length?: number }> = {},
): Promise<ExcerptDetail[]> {
  const summaries = (await core.handlers.listDocuments({})).slice(0, options.documents ?? 3);
  const made: ExcerptDetail[] = [];
  for (const summary of summaries) {
    const document = await core.handlers.getDocument({ documentId: summary.id });
    const count = options.perDocument ?? 2;
    const step = Math.floor(document.text.length / (count + 1));
    for (let index = 1; index <= count; index += 1) {
      const start = index * step;
      made.push(
        await core.handlers.createExcerpt({
          documentId: summary.id,
          start,
          end: start + (options.length ?? 40),
        }),
      );
    }
  }
  return made;
}

const TABLES = [
  'documents',
  'blocks',
  'excerpts',
  'tags',
  'excerpt_tags',
  'collections',
  'collection_items',
] as const;

/** Rows per table, to prove that a refused edit or import changed nothing. */
export function countRows(db: Database.Database): Record<(typeof TABLES)[number], number> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

/** Sets an excerpt's note, colour and tags directly (the excerpt library's own API may not exist yet). */
export function decorateExcerpt(
  db: Database.Database,
  input: Readonly<{ excerptId: string; note: string; color: string | null; tags: readonly string[] }>,
): void {
  db.transaction(() => {
    db.prepare('UPDATE excerpts SET note = ?, color = ? WHERE id = ?').run(
      input.note,
      input.color,
      input.excerptId,
    );
    for (const tag of input.tags) {
      db.prepare('INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(
        tag,
        'now',
      );
      db.prepare('INSERT INTO excerpt_tags (excerpt_id, tag_id) SELECT ?, id FROM tags WHERE name = ?').run(
        input.excerptId,
        tag,
      );
    }
  })();
}
