import type Database from 'better-sqlite3';
import type { CitationStyle, RepeatCitation } from '../../shared/citations';
import type { Briefing, BriefingItem, BriefingSection, BriefingSummary } from '../../shared/dto';
import type { Confidence, Likelihood } from '../../shared/estimative';
import { isValidQuoteTrim, renderQuoteTrim, type QuoteTrim } from '../../shared/quote-trim';
import {
  defaultPrintSettingsFor,
  normalisePrintSettings,
  type PrintSettings,
} from '../../shared/print-settings';
import { richTextFromPlain, type RichText } from '../../shared/rich-text';

/** A briefing's own fields: what its details form edits and what a version keeps. */
export type BriefingMetadataRow = Readonly<{
  title: string;
  subtitle: string;
  author: string;
  date: string;
  marking: string;
  bluf: string;
  recipients: string;
  citationStyle: CitationStyle;
  repeatCitations: RepeatCitation;
}>;

export type NewBriefingRow = BriefingMetadataRow &
  Readonly<{ id: string; template: string; printSettings: PrintSettings; now: string }>;

type BriefingRow = {
  id: string;
  title: string;
  subtitle: string;
  author: string;
  briefing_date: string;
  marking: string;
  bluf: string;
  recipients: string;
  citation_style: CitationStyle;
  repeat_citations: RepeatCitation;
  template: string;
  print_settings: string;
  created_at: string;
  updated_at: string;
  opened_at: string | null;
};

type ItemRow = {
  id: string;
  section_id: string;
  kind: BriefingItem['kind'];
  excerpt_id: string | null;
  body: string;
  content: string | null;
  likelihood: Likelihood | null;
  confidence: Confidence | null;
  quote: string | null;
  note: string | null;
  document_id: string | null;
  title: string | null;
  author: string | null;
  outlet: string | null;
  published_at: string | null;
  url: string | null;
};

/** What a block holds; `content` is JSON (a trim or rich text) or null. */
export type ItemContent = Readonly<{
  kind: BriefingItem['kind'];
  excerptId: string | null;
  body: string;
  content: string | null;
  likelihood: Likelihood | null;
  confidence: Confidence | null;
}>;

/** The stored form of a block: its content and its place. */
export type ItemRecord = ItemContent &
  Readonly<{ id: string; briefingId: string; sectionId: string; position: number }>;

export function insertBriefing(db: Database.Database, row: NewBriefingRow): void {
  db.prepare(
    `INSERT INTO briefings (id, title, subtitle, author, briefing_date, marking, bluf, recipients,
       citation_style, repeat_citations, template, print_settings, created_at, updated_at, opened_at)
     VALUES (@id, @title, @subtitle, @author, @date, @marking, @bluf, @recipients,
       @citationStyle, @repeatCitations, @template, @printSettings, @now, @now, @now)`,
  ).run({ ...row, printSettings: JSON.stringify(row.printSettings) });
}

export function setPrintSettings(db: Database.Database, briefingId: string, settings: PrintSettings): void {
  db.prepare('UPDATE briefings SET print_settings = ? WHERE id = ?').run(
    JSON.stringify(settings),
    briefingId,
  );
}

export function touchBriefing(db: Database.Database, briefingId: string, now: string): void {
  db.prepare('UPDATE briefings SET updated_at = ? WHERE id = ?').run(now, briefingId);
}

/**
 * Records that a briefing was opened, which puts it first in the briefings list. When it is first
 * already (the window restoring the last briefing), nothing is written: a write would empty every
 * other connection's page cache (the search threads') for nothing.
 */
export function markBriefingOpened(db: Database.Database, briefingId: string, now: string): void {
  db.prepare(
    `UPDATE briefings SET opened_at = @now WHERE id = @id AND deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM briefings other
                   WHERE other.id <> @id AND other.deleted_at IS NULL
                     AND coalesce(other.opened_at, other.updated_at)
                         >= coalesce(briefings.opened_at, briefings.updated_at))`,
  ).run({ now, id: briefingId });
}

export function updateBriefingRow(db: Database.Database, briefingId: string, row: BriefingMetadataRow): void {
  db.prepare(
    `UPDATE briefings SET title = @title, subtitle = @subtitle, author = @author, briefing_date = @date,
       marking = @marking, bluf = @bluf, recipients = @recipients, citation_style = @citationStyle,
       repeat_citations = @repeatCitations
     WHERE id = @id`,
  ).run({ ...row, id: briefingId });
}

/** Removes, for good, deleted briefings that quote an excerpt (so the excerpt can be deleted). */
export function purgeDeletedBriefingsQuoting(db: Database.Database, excerptId: string): void {
  db.prepare(
    `DELETE FROM briefings WHERE deleted_at IS NOT NULL
       AND id IN (SELECT briefing_id FROM briefing_items WHERE excerpt_id = ?)`,
  ).run(excerptId);
}

export function setBriefingTemplate(db: Database.Database, briefingId: string, template: string): void {
  db.prepare('UPDATE briefings SET template = ? WHERE id = ?').run(template, briefingId);
}

export function isBriefingDeleted(db: Database.Database, briefingId: string): boolean {
  return (
    db.prepare('SELECT 1 FROM briefings WHERE id = ? AND deleted_at IS NOT NULL').get(briefingId) !==
    undefined
  );
}

export function setBriefingDeleted(
  db: Database.Database,
  briefingId: string,
  deletedAt: string | null,
): void {
  db.prepare('UPDATE briefings SET deleted_at = ? WHERE id = ?').run(deletedAt, briefingId);
}

export function insertSection(
  db: Database.Database,
  section: Readonly<{
    id: string;
    briefingId: string;
    position: number;
    heading: string;
    level: 1 | 2;
    guidance: string;
  }>,
): void {
  db.prepare(
    `INSERT INTO sections (id, briefing_id, position, heading, level, guidance)
     VALUES (@id, @briefingId, @position, @heading, @level, @guidance)`,
  ).run(section);
}

export function updateSectionRow(
  db: Database.Database,
  section: Readonly<{ id: string; heading: string; guidance: string }>,
): void {
  db.prepare('UPDATE sections SET heading = @heading, guidance = @guidance WHERE id = @id').run(section);
}

export function setSectionPlace(
  db: Database.Database,
  place: Readonly<{ id: string; position: number; level: 1 | 2 }>,
): void {
  db.prepare('UPDATE sections SET position = @position, level = @level WHERE id = @id').run(place);
}

export function deleteSectionRow(db: Database.Database, sectionId: string): void {
  db.prepare('DELETE FROM sections WHERE id = ?').run(sectionId);
}

export function insertItemRow(db: Database.Database, item: ItemRecord): void {
  db.prepare(
    `INSERT INTO briefing_items (id, briefing_id, section_id, position, kind, excerpt_id, body, content,
       likelihood, confidence)
     VALUES (@id, @briefingId, @sectionId, @position, @kind, @excerptId, @body, @content,
       @likelihood, @confidence)`,
  ).run(item);
}

export function updateItemContent(
  db: Database.Database,
  item: Readonly<{
    id: string;
    body: string;
    content: string | null;
    likelihood: Likelihood | null;
    confidence: Confidence | null;
  }>,
): void {
  db.prepare(
    `UPDATE briefing_items SET body = @body, content = @content, likelihood = @likelihood,
       confidence = @confidence WHERE id = @id`,
  ).run(item);
}

/** Moves the blocks of a section from `position` on down by `count`, to make room. */
export function shiftItemPositions(
  db: Database.Database,
  sectionId: string,
  position: number,
  count: number,
): void {
  db.prepare('UPDATE briefing_items SET position = position + ? WHERE section_id = ? AND position >= ?').run(
    count,
    sectionId,
    position,
  );
}

export function setItemPlace(
  db: Database.Database,
  place: Readonly<{ id: string; sectionId: string; position: number }>,
): void {
  db.prepare('UPDATE briefing_items SET section_id = @sectionId, position = @position WHERE id = @id').run(
    place,
  );
}

export function deleteItemRow(db: Database.Database, itemId: string): void {
  db.prepare('DELETE FROM briefing_items WHERE id = ?').run(itemId);
}

export function getItemRecord(db: Database.Database, itemId: string): ItemRecord | undefined {
  const row = db
    .prepare(
      `SELECT id, briefing_id AS briefingId, section_id AS sectionId, position, kind, excerpt_id AS excerptId,
         body, content, likelihood, confidence
       FROM briefing_items WHERE id = ?`,
    )
    .get(itemId) as ItemRecord | undefined;
  return row;
}

export function sectionBriefingId(db: Database.Database, sectionId: string): string | undefined {
  const row = db.prepare('SELECT briefing_id FROM sections WHERE id = ?').get(sectionId) as
    { briefing_id: string } | undefined;
  return row?.briefing_id;
}

export function briefingExists(db: Database.Database, briefingId: string): boolean {
  return (
    db.prepare('SELECT 1 FROM briefings WHERE id = ? AND deleted_at IS NULL').get(briefingId) !== undefined
  );
}

/** Live briefings, last opened first (then last edited), optionally those whose title contains `query`. */
export function listBriefingSummaries(db: Database.Database, query = ''): BriefingSummary[] {
  const rows = db
    .prepare(
      `SELECT b.id, b.title, b.updated_at, b.opened_at,
         (SELECT count(*) FROM sections s WHERE s.briefing_id = b.id) AS section_count,
         (SELECT count(*) FROM briefing_items i WHERE i.briefing_id = b.id) AS item_count
       FROM briefings b
       WHERE b.deleted_at IS NULL AND (@query = '' OR instr(lower(b.title), lower(@query)) > 0)
       ORDER BY coalesce(b.opened_at, b.updated_at) DESC, b.updated_at DESC, b.title`,
    )
    .all({ query }) as {
    id: string;
    title: string;
    updated_at: string;
    opened_at: string | null;
    section_count: number;
    item_count: number;
  }[];
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    sectionCount: row.section_count,
    itemCount: row.item_count,
  }));
}

export function getBriefingById(db: Database.Database, briefingId: string): Briefing | undefined {
  const row = db
    .prepare(
      `SELECT id, title, subtitle, author, briefing_date, marking, bluf, recipients, citation_style,
         repeat_citations, template, print_settings, created_at, updated_at, opened_at
       FROM briefings WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(briefingId) as BriefingRow | undefined;
  if (row === undefined) return undefined;

  const sectionRows = db
    .prepare('SELECT id, heading, level, guidance FROM sections WHERE briefing_id = ? ORDER BY position')
    .all(briefingId) as { id: string; heading: string; level: 1 | 2; guidance: string }[];
  const itemRows = db
    .prepare(
      `SELECT i.id, i.section_id, i.kind, i.excerpt_id, i.body, i.content, i.likelihood, i.confidence,
         e.quote, e.note, d.id AS document_id, d.title, d.author, d.outlet, d.published_at, d.url
       FROM briefing_items i
       LEFT JOIN excerpts e ON e.id = i.excerpt_id
       LEFT JOIN documents d ON d.id = e.document_id
       WHERE i.briefing_id = ?
       ORDER BY i.section_id, i.position`,
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
    level: section.level,
    guidance: section.guidance,
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
    recipients: row.recipients,
    citationStyle: row.citation_style,
    repeatCitations: row.repeat_citations,
    template: row.template,
    printSettings: normalisePrintSettings(
      parseJson(row.print_settings),
      defaultPrintSettingsFor(row.template),
    ),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    sections,
  };
}

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function toItem(row: ItemRow): BriefingItem {
  if (row.kind === 'excerpt' && row.excerpt_id !== null && row.document_id !== null) {
    // The printed quote is derived from the excerpt as it is now, never taken from the stored copy:
    // whatever happened since (an undo, a restored version), a block can only print the excerpt or
    // a valid trim of it. A trim that no longer fits prints the whole excerpt instead.
    const original = row.quote ?? '';
    const stored = parseJson<QuoteTrim>(row.content);
    const trim = stored !== null && isValidQuoteTrim(original, stored) ? stored : null;
    return {
      id: row.id,
      kind: 'excerpt',
      excerptId: row.excerpt_id,
      quote: trim === null ? original : renderQuoteTrim(original, trim),
      originalQuote: original,
      trim,
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
  if (row.kind === 'judgment' && row.likelihood !== null && row.confidence !== null) {
    return {
      id: row.id,
      kind: 'judgment',
      text: row.body,
      likelihood: row.likelihood,
      confidence: row.confidence,
    };
  }
  return {
    id: row.id,
    kind: 'commentary',
    text: row.body,
    rich: parseJson<RichText>(row.content) ?? richTextFromPlain(row.body),
  };
}

export function deleteBriefingRow(db: Database.Database, briefingId: string): void {
  db.prepare('DELETE FROM briefings WHERE id = ?').run(briefingId);
}

/** The stored rows of a briefing's outline, in order: what a version keeps. */
export function listSectionRecords(
  db: Database.Database,
  briefingId: string,
): { id: string; heading: string; level: 1 | 2; guidance: string }[] {
  return db
    .prepare('SELECT id, heading, level, guidance FROM sections WHERE briefing_id = ? ORDER BY position')
    .all(briefingId) as { id: string; heading: string; level: 1 | 2; guidance: string }[];
}

export function listItemRecords(db: Database.Database, briefingId: string): ItemRecord[] {
  return db
    .prepare(
      `SELECT id, briefing_id AS briefingId, section_id AS sectionId, position, kind, excerpt_id AS excerptId,
         body, content, likelihood, confidence
       FROM briefing_items WHERE briefing_id = ? ORDER BY section_id, position`,
    )
    .all(briefingId) as ItemRecord[];
}

export function deleteSectionsOfBriefing(db: Database.Database, briefingId: string): void {
  db.prepare('DELETE FROM sections WHERE briefing_id = ?').run(briefingId);
}

type VersionRow = {
  id: string;
  briefing_id: string;
  name: string;
  reason: 'manual' | 'export' | 'restore';
  created_at: string;
  section_count: number;
  item_count: number;
};

export function insertVersion(
  db: Database.Database,
  row: Readonly<{
    id: string;
    briefingId: string;
    name: string;
    reason: VersionRow['reason'];
    snapshot: string;
    now: string;
  }>,
): void {
  db.prepare(
    `INSERT INTO briefing_versions (id, briefing_id, name, reason, snapshot, created_at)
     VALUES (@id, @briefingId, @name, @reason, @snapshot, @now)`,
  ).run(row);
}

export function deleteVersionRow(db: Database.Database, versionId: string): void {
  db.prepare('DELETE FROM briefing_versions WHERE id = ?').run(versionId);
}

const VERSION_COLUMNS = `id, briefing_id, name, reason, created_at,
  json_array_length(snapshot, '$.sections') AS section_count,
  (SELECT coalesce(sum(json_array_length(value, '$.items')), 0) FROM json_each(snapshot, '$.sections')) AS item_count`;

export function listVersionRows(db: Database.Database, briefingId: string): VersionRow[] {
  return db
    .prepare(
      `SELECT ${VERSION_COLUMNS} FROM briefing_versions WHERE briefing_id = ? ORDER BY created_at DESC, rowid DESC`,
    )
    .all(briefingId) as VersionRow[];
}

export function getVersionRow(
  db: Database.Database,
  versionId: string,
): (VersionRow & { snapshot: string }) | undefined {
  return db
    .prepare(`SELECT ${VERSION_COLUMNS}, snapshot FROM briefing_versions WHERE id = ?`)
    .get(versionId) as (VersionRow & { snapshot: string }) | undefined;
}
