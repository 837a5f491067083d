import type Database from 'better-sqlite3';
import type { Briefing, BriefingItem, BriefingSection, BriefingSummary } from '../../shared/dto';

export type NewBriefingRow = Readonly<{
  id: string;
  title: string;
  subtitle: string;
  author: string;
  date: string;
  marking: string;
  bluf: string;
  now: string;
}>;

type BriefingRow = {
  id: string;
  title: string;
  subtitle: string;
  author: string;
  briefing_date: string;
  marking: string;
  bluf: string;
  created_at: string;
  updated_at: string;
};

type ItemRow = {
  id: string;
  section_id: string;
  kind: string;
  excerpt_id: string | null;
  body: string;
  note: string | null;
  document_id: string | null;
  title: string | null;
  author: string | null;
  outlet: string | null;
  published_at: string | null;
  url: string | null;
};

export function insertBriefing(db: Database.Database, row: NewBriefingRow): void {
  db.prepare(
    `INSERT INTO briefings (id, title, subtitle, author, briefing_date, marking, bluf,
       created_at, updated_at)
     VALUES (@id, @title, @subtitle, @author, @date, @marking, @bluf, @now, @now)`,
  ).run(row);
}

export function touchBriefing(db: Database.Database, briefingId: string, now: string): void {
  db.prepare('UPDATE briefings SET updated_at = ? WHERE id = ?').run(now, briefingId);
}

export function insertSection(
  db: Database.Database,
  section: Readonly<{ id: string; briefingId: string; position: number; heading: string }>,
): void {
  db.prepare(
    `INSERT INTO sections (id, briefing_id, position, heading)
     VALUES (@id, @briefingId, @position, @heading)`,
  ).run(section);
}

export function insertBriefingItem(
  db: Database.Database,
  item: Readonly<{
    id: string;
    sectionId: string;
    position: number;
    kind: 'excerpt' | 'commentary';
    excerptId: string | null;
    body: string;
  }>,
): void {
  db.prepare(
    `INSERT INTO briefing_items (id, section_id, position, kind, excerpt_id, body)
     VALUES (@id, @sectionId, @position, @kind, @excerptId, @body)`,
  ).run(item);
}

/** Opens a gap at `position` so an item can be inserted there. */
export function shiftItemsFrom(db: Database.Database, sectionId: string, position: number): void {
  // Two steps so the positions never collide mid-update, even if a unique index is added later.
  db.prepare(
    'UPDATE briefing_items SET position = -(position + 1) WHERE section_id = ? AND position >= ?',
  ).run(sectionId, position);
  db.prepare('UPDATE briefing_items SET position = -position WHERE section_id = ? AND position < 0').run(
    sectionId,
  );
}

export function countItemsInSection(db: Database.Database, sectionId: string): number {
  return (
    db.prepare('SELECT count(*) AS n FROM briefing_items WHERE section_id = ?').get(sectionId) as {
      n: number;
    }
  ).n;
}

export function listSectionIds(db: Database.Database, briefingId: string): string[] {
  const rows = db
    .prepare('SELECT id FROM sections WHERE briefing_id = ? ORDER BY position')
    .all(briefingId) as { id: string }[];
  return rows.map((row) => row.id);
}

export function briefingExists(db: Database.Database, briefingId: string): boolean {
  return db.prepare('SELECT 1 FROM briefings WHERE id = ?').get(briefingId) !== undefined;
}

export function listBriefingSummaries(db: Database.Database): BriefingSummary[] {
  const rows = db
    .prepare(
      `SELECT b.id, b.title, b.updated_at,
         (SELECT count(*) FROM sections s WHERE s.briefing_id = b.id) AS section_count,
         (SELECT count(*) FROM briefing_items i JOIN sections s ON s.id = i.section_id
            WHERE s.briefing_id = b.id) AS item_count
       FROM briefings b ORDER BY b.updated_at DESC, b.title`,
    )
    .all() as {
    id: string;
    title: string;
    updated_at: string;
    section_count: number;
    item_count: number;
  }[];
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    updatedAt: row.updated_at,
    sectionCount: row.section_count,
    itemCount: row.item_count,
  }));
}

export function getBriefingById(db: Database.Database, briefingId: string): Briefing | undefined {
  const row = db
    .prepare(
      `SELECT id, title, subtitle, author, briefing_date, marking, bluf, created_at, updated_at
       FROM briefings WHERE id = ?`,
    )
    .get(briefingId) as BriefingRow | undefined;
  if (row === undefined) return undefined;

  const sectionRows = db
    .prepare('SELECT id, heading FROM sections WHERE briefing_id = ? ORDER BY position')
    .all(briefingId) as { id: string; heading: string }[];
  const itemRows = db
    .prepare(
      `SELECT i.id, i.section_id, i.kind, i.excerpt_id, i.body, e.note,
         d.id AS document_id, d.title, d.author, d.outlet, d.published_at, d.url
       FROM briefing_items i
       JOIN sections s ON s.id = i.section_id
       LEFT JOIN excerpts e ON e.id = i.excerpt_id
       LEFT JOIN documents d ON d.id = e.document_id
       WHERE s.briefing_id = ?
       ORDER BY s.position, i.position`,
    )
    .all(briefingId) as ItemRow[];

  const itemsBySection = new Map<string, BriefingItem[]>();
  for (const item of itemRows) {
    const list = itemsBySection.get(item.section_id) ?? [];
    list.push(toItem(item));
    itemsBySection.set(item.section_id, list);
  }
  const sections: BriefingSection[] = sectionRows.map((section) => ({
    id: section.id,
    heading: section.heading,
    items: itemsBySection.get(section.id) ?? [],
  }));

  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    author: row.author,
    date: row.briefing_date,
    marking: row.marking,
    bluf: row.bluf,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sections,
  };
}

function toItem(row: ItemRow): BriefingItem {
  if (row.kind === 'excerpt' && row.excerpt_id !== null && row.document_id !== null) {
    return {
      id: row.id,
      kind: 'excerpt',
      excerptId: row.excerpt_id,
      quote: row.body,
      note: row.note ?? '',
      attribution: {
        documentId: row.document_id,
        title: row.title ?? '',
        author: row.author,
        outlet: row.outlet,
        publishedAt: row.published_at,
        url: row.url,
      },
    };
  }
  return { id: row.id, kind: 'commentary', text: row.body };
}

export function deleteBriefingRow(db: Database.Database, briefingId: string): void {
  db.prepare('DELETE FROM briefings WHERE id = ?').run(briefingId);
}
