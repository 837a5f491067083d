import type Database from 'better-sqlite3';

/**
 * Corruption checks on a library after a crash: SQLite's own integrity check, foreign keys, and
 * each FTS5 table's 'integrity-check' (against its content table when it has external content).
 * Returns one sentence per problem; empty means sound.
 */
export function corruptionProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
    (row) => row.integrity_check,
  );
  if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
  const foreignKeys = db.pragma('foreign_key_check') as unknown[];
  if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);
  for (const table of fullTextTables(db)) {
    try {
      // With rank 1 the index is also compared with an external content table's rows.
      db.prepare(`INSERT INTO "${table.name}" ("${table.name}", rank) VALUES ('integrity-check', ?)`).run(
        table.externalContent ? 1 : 0,
      );
    } catch (error) {
      problems.push(`${table.name} integrity-check: ${String(error)}`);
    }
  }
  return problems;
}

export function fullTextTables(db: Database.Database): { name: string; externalContent: boolean }[] {
  const rows = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
    )
    .all() as { name: string; sql: string }[];
  return rows.map((row) => ({ name: row.name, externalContent: /content\s*=\s*'[^']+'/i.test(row.sql) }));
}

/**
 * Half-applied changes the schema alone cannot refuse: a document without its blocks, search row
 * or full-text entry; an excerpt whose full-text row differs from it; positions with gaps.
 */
export function invariantProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const documents = db
    .prepare(
      `SELECT d.id, d.title,
              (SELECT count(*) FROM blocks b WHERE b.document_id = d.id) AS blocks,
              (SELECT count(*) FROM document_search s WHERE s.document_id = d.id) AS searchRows
         FROM documents d`,
    )
    .all() as { id: string; title: string; blocks: number; searchRows: number }[];
  const indexed = db.prepare(
    `SELECT s.document_id AS id FROM document_fts JOIN document_search s ON s.key = document_fts.rowid
      WHERE document_fts MATCH ?`,
  );
  for (const document of documents) {
    if (document.blocks === 0) problems.push(`document ${document.id} has no blocks`);
    if (document.searchRows !== 1)
      problems.push(`document ${document.id} has ${document.searchRows} search rows`);
    const marker = /zq\d+x\d+/.exec(document.title)?.[0];
    if (marker !== undefined) {
      const hits = (indexed.all(marker) as { id: string }[]).map((row) => row.id);
      if (!hits.includes(document.id))
        problems.push(`document ${document.id} is missing from the full-text index`);
    }
  }

  const excerpts = db
    .prepare(
      `SELECT e.id, e.quote, e.note, s.key, f.quote AS ftsQuote, f.note AS ftsNote, f.tags AS ftsTags
         FROM excerpts e
         LEFT JOIN excerpt_search s ON s.excerpt_id = e.id
         LEFT JOIN excerpt_fts f ON f.rowid = s.key`,
    )
    .all() as {
    id: string;
    quote: string;
    note: string;
    key: number | null;
    ftsQuote: string | null;
    ftsNote: string | null;
    ftsTags: string | null;
  }[];
  const tagsOf = excerptTags(db);
  for (const excerpt of excerpts) {
    if (excerpt.key === null || excerpt.ftsQuote === null) {
      problems.push(`excerpt ${excerpt.id} has no full-text row`);
      continue;
    }
    const tags = (tagsOf.get(excerpt.id) ?? []).join(' ');
    const ftsTags = (excerpt.ftsTags ?? '')
      .split(' ')
      .filter((tag) => tag !== '')
      .sort()
      .join(' ');
    if (excerpt.ftsQuote !== excerpt.quote || excerpt.ftsNote !== excerpt.note || ftsTags !== tags) {
      problems.push(`excerpt ${excerpt.id}'s full-text row differs from it`);
    }
  }
  const excerptRows = db.prepare('SELECT count(*) AS n FROM excerpt_search').get() as { n: number };
  if (excerptRows.n !== excerpts.length)
    problems.push(`${excerptRows.n} excerpt search rows for ${excerpts.length} excerpts`);

  const gaps = (sql: string, what: string) => {
    const groups = new Map<string, number[]>();
    for (const row of db.prepare(sql).all() as { owner: string; position: number }[]) {
      groups.set(row.owner, [...(groups.get(row.owner) ?? []), row.position]);
    }
    for (const [owner, positions] of groups) {
      const sorted = [...positions].sort((a, b) => a - b);
      if (sorted.some((position, index) => position !== index))
        problems.push(`${what} of ${owner} at ${sorted.join(',')}`);
    }
  };
  gaps('SELECT section_id AS owner, position FROM briefing_items', 'blocks');
  gaps('SELECT briefing_id AS owner, position FROM sections', 'sections');
  return problems;
}

/** Each excerpt's tag names, sorted. */
export function excerptTags(db: Database.Database): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const row of db
    .prepare('SELECT et.excerpt_id AS id, t.name FROM excerpt_tags et JOIN tags t ON t.id = et.tag_id')
    .all() as { id: string; name: string }[]) {
    tags.set(row.id, [...(tags.get(row.id) ?? []), row.name]);
  }
  for (const names of tags.values()) names.sort();
  return tags;
}
