import type Database from 'better-sqlite3';
import type {
  Briefing,
  BriefingChange,
  BriefingComparison,
  BriefingItemKind,
  BriefingVersion,
  BriefingVersionReason,
} from '../../shared/dto';
import { richTextFromPlain } from '../../shared/rich-text';
import { CoreError } from '../errors';
import { newId } from '../ids';
import {
  deleteSectionsOfBriefing,
  getVersionRow,
  insertItemRow,
  insertSection,
  insertVersion,
  listItemRecords,
  listSectionRecords,
  listVersionRows,
  updateBriefingRow,
  type BriefingMetadataRow,
  type ItemRecord,
} from '../store/briefings';
import { getExcerpt } from '../store/excerpts';
import { recordBriefingEdit } from './history';
import { requireBriefing } from './read';

type SnapshotItem = Omit<ItemRecord, 'briefingId' | 'sectionId' | 'position'>;
type SnapshotSection = { id: string; heading: string; level: 1 | 2; guidance: string; items: SnapshotItem[] };
/** What a version keeps: the briefing's fields and its stored outline, rows as they were. */
type Snapshot = { format: 1; metadata: BriefingMetadataRow; sections: SnapshotSection[] };

function takeSnapshot(db: Database.Database, briefing: Briefing): Snapshot {
  const items = listItemRecords(db, briefing.id);
  return {
    format: 1,
    metadata: {
      title: briefing.title,
      subtitle: briefing.subtitle,
      author: briefing.author,
      date: briefing.date,
      marking: briefing.marking,
      bluf: briefing.bluf,
      recipients: briefing.recipients,
      citationStyle: briefing.citationStyle,
      repeatCitations: briefing.repeatCitations,
    },
    sections: listSectionRecords(db, briefing.id).map((section) => ({
      ...section,
      items: items
        .filter((item) => item.sectionId === section.id)
        .sort((a, b) => a.position - b.position)
        .map(({ id, kind, excerptId, body, content, likelihood, confidence }) => ({
          id,
          kind,
          excerptId,
          body,
          content,
          likelihood,
          confidence,
        })),
    })),
  };
}

function toVersion(row: NonNullable<ReturnType<typeof getVersionRow>>): BriefingVersion {
  return {
    id: row.id,
    briefingId: row.briefing_id,
    name: row.name,
    reason: row.reason,
    createdAt: row.created_at,
    sectionCount: row.section_count,
    itemCount: row.item_count,
  };
}

/** The briefing's stored state as a version keeps it (taken when an export reads the briefing). */
export function snapshotOf(db: Database.Database, briefing: Briefing): string {
  return JSON.stringify(takeSnapshot(db, briefing));
}

export function saveVersion(
  db: Database.Database,
  input: Readonly<{
    briefingId: string;
    name: string;
    reason: BriefingVersionReason;
    snapshot?: string;
    /** An id chosen beforehand (an export names its temporary file after its version). */
    id?: string;
  }>,
  now: Date,
): BriefingVersion {
  const briefing = requireBriefing(db, input.briefingId);
  const id = input.id ?? newId('ver');
  insertVersion(db, {
    id,
    briefingId: briefing.id,
    name: input.name.trim(),
    reason: input.reason,
    snapshot: input.snapshot ?? snapshotOf(db, briefing),
    now: now.toISOString(),
  });
  return listVersions(db, briefing.id).find((version) => version.id === id) as BriefingVersion;
}

export function listVersions(db: Database.Database, briefingId: string): BriefingVersion[] {
  requireBriefing(db, briefingId);
  return listVersionRows(db, briefingId).map((row) => toVersion({ ...row, snapshot: '' }));
}

function requireVersion(
  db: Database.Database,
  versionId: string,
): { version: BriefingVersion; snapshot: Snapshot } {
  const row = getVersionRow(db, versionId);
  if (row === undefined) throw new CoreError('version-not-found', 'That version no longer exists.');
  return { version: toVersion(row), snapshot: JSON.parse(row.snapshot) as Snapshot };
}

function describe(kind: BriefingItemKind, body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const text = flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
  return kind === 'excerpt' ? `“${text}”` : text === '' ? '(empty)' : text;
}

/** Ids of `order` that are not in a longest common subsequence with `other`: the ones that moved. */
function movedIds(order: readonly string[], other: readonly string[]): Set<string> {
  const n = order.length;
  const m = other.length;
  if (n * m > 4_000_000) {
    // Too long for the exact comparison: an item moved when its place among the others changed.
    const at = new Map(other.map((id, index) => [id, index]));
    return new Set(order.filter((id, index) => at.get(id) !== index));
  }
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const row = table[i] as number[];
      row[j] =
        order[i] === other[j]
          ? (table[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (order[i] === other[j]) {
      kept.add(order[i] as string);
      i += 1;
      j += 1;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i += 1;
    else j += 1;
  }
  return new Set(order.filter((id) => !kept.has(id)));
}

/** Added, removed, moved and edited blocks and sections of the draft since the version. */
export function compareVersion(db: Database.Database, versionId: string): BriefingComparison {
  const { version, snapshot } = requireVersion(db, versionId);
  const current = takeSnapshot(db, requireBriefing(db, version.briefingId));
  const changes: BriefingChange[] = [];
  const place = (sections: SnapshotSection[]) => {
    const map = new Map<string, { section: SnapshotSection; item: SnapshotItem }>();
    for (const section of sections) for (const item of section.items) map.set(item.id, { section, item });
    return map;
  };
  const then = place(snapshot.sections);
  const now = place(current.sections);
  const thenSections = new Map(snapshot.sections.map((section) => [section.id, section]));
  const nowSections = new Map(current.sections.map((section) => [section.id, section]));

  const movedSections = movedIds(
    current.sections.map((section) => section.id).filter((id) => thenSections.has(id)),
    snapshot.sections.map((section) => section.id).filter((id) => nowSections.has(id)),
  );
  for (const section of current.sections) {
    const old = thenSections.get(section.id);
    const entry = { itemKind: 'section' as const, label: section.heading, section: section.heading };
    if (old === undefined) changes.push({ kind: 'added', ...entry });
    else if (movedSections.has(section.id) || old.level !== section.level)
      changes.push({ kind: 'moved', ...entry });
    else if (old.heading !== section.heading)
      changes.push({ kind: 'edited', ...entry, label: `${old.heading} → ${section.heading}` });
  }
  for (const section of snapshot.sections) {
    if (!nowSections.has(section.id)) {
      changes.push({
        kind: 'removed',
        itemKind: 'section',
        label: section.heading,
        section: section.heading,
      });
    }
  }

  const movedItems = movedIds(
    current.sections.flatMap((section) => section.items.map((item) => item.id)).filter((id) => then.has(id)),
    snapshot.sections.flatMap((section) => section.items.map((item) => item.id)).filter((id) => now.has(id)),
  );
  for (const [id, { section, item }] of now) {
    const old = then.get(id);
    const entry = { itemKind: item.kind, label: describe(item.kind, item.body), section: section.heading };
    if (old === undefined) changes.push({ kind: 'added', ...entry });
    else if (movedItems.has(id) || old.section.id !== section.id) changes.push({ kind: 'moved', ...entry });
    else if (
      old.item.body !== item.body ||
      old.item.content !== item.content ||
      old.item.likelihood !== item.likelihood ||
      old.item.confidence !== item.confidence
    ) {
      changes.push({ kind: 'edited', ...entry });
    }
  }
  for (const [id, { section, item }] of then) {
    if (!now.has(id)) {
      changes.push({
        kind: 'removed',
        itemKind: item.kind,
        label: describe(item.kind, item.body),
        section: section.heading,
      });
    }
  }
  return { version, changes };
}

/**
 * Puts the draft back as the version had it, as one undoable step; the draft is kept as a version
 * first. A block whose excerpt has since left the library comes back as a note saying so.
 */
export function restoreVersion(db: Database.Database, versionId: string, now: Date): Briefing {
  const { version, snapshot } = requireVersion(db, versionId);
  const briefing = requireBriefing(db, version.briefingId);
  db.transaction(() => {
    saveVersion(
      db,
      { briefingId: briefing.id, name: `Before restoring “${version.name}”`, reason: 'restore' },
      now,
    );
    recordBriefingEdit(
      db,
      { briefingId: briefing.id, label: `Restore version “${version.name}”`, now },
      () => {
        updateBriefingRow(db, briefing.id, snapshot.metadata);
        deleteSectionsOfBriefing(db, briefing.id);
        snapshot.sections.forEach((section, position) => {
          insertSection(db, { ...section, briefingId: briefing.id, position });
          section.items.forEach((item, index) => {
            const place = { briefingId: briefing.id, sectionId: section.id, position: index };
            if (
              item.kind === 'excerpt' &&
              (item.excerptId === null || getExcerpt(db, item.excerptId) === undefined)
            ) {
              const note = `[This version quoted an excerpt that is no longer in the library: “${item.body}”]`;
              insertItemRow(db, {
                ...item,
                ...place,
                kind: 'commentary',
                excerptId: null,
                body: note,
                content: JSON.stringify(richTextFromPlain(note)),
              });
              return;
            }
            insertItemRow(db, { ...item, ...place });
          });
        });
      },
    );
  })();
  return requireBriefing(db, briefing.id);
}
