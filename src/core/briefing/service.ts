import type Database from 'better-sqlite3';
import type { BriefingMetadataInput, NewBriefingItem } from '../../shared/api';
import { findTemplate } from '../../shared/briefing-templates';
import type { CitationStyle, RepeatCitation } from '../../shared/citations';
import type { Briefing } from '../../shared/dto';
import { defaultPrintSettingsFor, type PrintSettings } from '../../shared/print-settings';
import { EMPTY_RICH_TEXT, normaliseRichText, richTextToPlain } from '../../shared/rich-text';
import { CoreError } from '../errors';
import { recordLibraryEdit } from '../excerpts/library-history';
import { newId } from '../ids';
import {
  briefingExists,
  insertBriefing,
  isBriefingDeleted,
  setBriefingTemplate,
  shiftItemPositions,
  type ItemContent,
  insertItemRow,
  insertSection,
  markBriefingOpened,
  setBriefingDeleted,
  setPrintSettings,
  updateBriefingRow,
} from '../store/briefings';
import { getExcerpt } from '../store/excerpts';
import { recordBriefingEdit } from './history';
import { requireBriefing } from './read';

export { requireBriefing } from './read';

export const DEFAULT_SECTION_HEADING = 'Discussion';

/** A briefing longer than this is several products; the cap keeps every operation bounded. */
const MAX_BLOCKS = 5000;

export type NewBriefing = Readonly<{
  title: string;
  subtitle?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  marking?: string | undefined;
  bluf?: string | undefined;
  recipients?: string | undefined;
  citationStyle?: CitationStyle | undefined;
  repeatCitations?: RepeatCitation | undefined;
  template?: string | undefined;
  printSettings?: PrintSettings | undefined;
}>;

/** Inserts a briefing row (and its template's sections); callers run it inside their transaction. */
export function insertNewBriefing(db: Database.Database, input: NewBriefing, now: Date): string {
  const template = input.template === undefined ? undefined : findTemplate(input.template);
  if (input.template !== undefined && template === undefined) {
    throw new CoreError('template-not-found', `There is no briefing template called “${input.template}”.`);
  }
  const id = newId('brf');
  insertBriefing(db, {
    id,
    title: input.title.trim(),
    subtitle: input.subtitle?.trim() ?? '',
    author: input.author?.trim() ?? '',
    date: input.date ?? now.toISOString().slice(0, 10),
    marking: input.marking?.trim() ?? '',
    bluf: input.bluf?.trim() ?? '',
    recipients: input.recipients?.trim() ?? '',
    citationStyle: input.citationStyle ?? 'chicago',
    repeatCitations: input.repeatCitations ?? 'reuse',
    template: template?.id ?? '',
    printSettings: input.printSettings ?? defaultPrintSettingsFor(template?.id ?? ''),
    now: now.toISOString(),
  });
  template?.sections.forEach((section, position) => {
    insertSection(db, { id: newId('sec'), briefingId: id, position, ...section });
  });
  return id;
}

export function createBriefing(db: Database.Database, input: NewBriefing, now: Date): Briefing {
  const id = db.transaction(() => insertNewBriefing(db, input, now))();
  return requireBriefing(db, id);
}

/** Copies a briefing with all its sections and blocks; versions and history stay with the original. */
export function duplicateBriefing(db: Database.Database, briefingId: string, now: Date): Briefing {
  const source = requireBriefing(db, briefingId);
  const id = db.transaction(() => {
    const copyId = insertNewBriefing(
      db,
      { ...source, title: `${source.title} (copy)`, template: undefined },
      now,
    );
    // The copy brings its own sections; it keeps the template's name for where excerpts go.
    setBriefingTemplate(db, copyId, source.template);
    source.sections.forEach((section, position) => {
      const sectionId = newId('sec');
      insertSection(db, {
        id: sectionId,
        briefingId: copyId,
        position,
        heading: section.heading,
        level: section.level,
        guidance: section.guidance,
      });
      section.items.forEach((item, index) => {
        const common = { id: newId('itm'), briefingId: copyId, sectionId, position: index };
        if (item.kind === 'excerpt') {
          insertItemRow(db, {
            ...common,
            kind: 'excerpt',
            excerptId: item.excerptId,
            body: item.quote,
            content: item.trim === null ? null : JSON.stringify(item.trim),
            likelihood: null,
            confidence: null,
          });
        } else if (item.kind === 'commentary') {
          insertItemRow(db, {
            ...common,
            kind: 'commentary',
            excerptId: null,
            body: item.text,
            content: JSON.stringify(item.rich),
            likelihood: null,
            confidence: null,
          });
        } else {
          insertItemRow(db, {
            ...common,
            kind: 'judgment',
            excerptId: null,
            body: item.text,
            content: null,
            likelihood: item.likelihood,
            confidence: item.confidence,
          });
        }
      });
    });
    return copyId;
  })();
  return requireBriefing(db, id);
}

/** Hides a briefing; the library's undo brings it back. */
export function deleteBriefing(db: Database.Database, briefingId: string, now: Date): void {
  const briefing = requireBriefing(db, briefingId);
  recordLibraryEdit(
    db,
    {
      label: `Delete briefing “${briefing.title}”`,
      sets: [{ table: 'briefings', where: { id: briefingId } }],
      now,
    },
    () => setBriefingDeleted(db, briefingId, now.toISOString()),
  );
}

/** Brings a deleted briefing back, as a library edit (so it can itself be undone). */
export function restoreDeletedBriefing(db: Database.Database, briefingId: string, now: Date): Briefing {
  if (!isBriefingDeleted(db, briefingId)) {
    throw new CoreError('briefing-not-found', 'That briefing is not in the deleted briefings any more.');
  }
  recordLibraryEdit(
    db,
    { label: 'Restore deleted briefing', sets: [{ table: 'briefings', where: { id: briefingId } }], now },
    () => setBriefingDeleted(db, briefingId, null),
  );
  return requireBriefing(db, briefingId);
}

export function openBriefing(db: Database.Database, briefingId: string, now: Date): Briefing {
  markBriefingOpened(db, briefingId, now.toISOString());
  return requireBriefing(db, briefingId);
}

export function updateBriefingMetadata(
  db: Database.Database,
  input: BriefingMetadataInput,
  now: Date,
): Briefing {
  const current = requireBriefing(db, input.briefingId);
  const next = {
    title: input.title?.trim() ?? current.title,
    subtitle: input.subtitle ?? current.subtitle,
    author: input.author ?? current.author,
    date: input.date ?? current.date,
    marking: input.marking?.trim() ?? current.marking,
    bluf: input.bluf ?? current.bluf,
    recipients: input.recipients ?? current.recipients,
    citationStyle: input.citationStyle ?? current.citationStyle,
    repeatCitations: input.repeatCitations ?? current.repeatCitations,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => next[key] !== current[key]);
  const printSettings = { ...current.printSettings, ...input.printSettings };
  const printChanged = (Object.keys(printSettings) as (keyof PrintSettings)[]).some(
    (key) => printSettings[key] !== current.printSettings[key],
  );
  if (printChanged) {
    recordBriefingEdit(
      db,
      { briefingId: input.briefingId, label: 'Change print settings', now, rows: 'briefing' },
      () => setPrintSettings(db, input.briefingId, printSettings),
    );
  }
  if (changed.length === 0) return printChanged ? requireBriefing(db, input.briefingId) : current;
  recordBriefingEdit(
    db,
    {
      briefingId: input.briefingId,
      label:
        changed.length === 1 ? `Edit ${METADATA_LABELS[changed[0] ?? 'title']}` : 'Edit briefing details',
      now,
      rows: 'briefing',
      // Typing in one field is one undo step.
      coalesceKey: `meta:${changed.join(',')}`,
    },
    () => updateBriefingRow(db, input.briefingId, next),
  );
  return requireBriefing(db, input.briefingId);
}

const METADATA_LABELS = {
  title: 'title',
  subtitle: 'subtitle',
  author: 'author',
  date: 'date',
  marking: 'marking',
  bluf: 'bottom line',
  recipients: 'distribution',
  citationStyle: 'citation style',
  repeatCitations: 'repeated citations',
} as const;

/** The stored form of a new block. */
export function newItemRecord(db: Database.Database, item: NewBriefingItem): ItemContent {
  if (item.kind === 'excerpt') {
    const excerpt = getExcerpt(db, item.excerptId);
    if (excerpt === undefined) {
      throw new CoreError('excerpt-not-found', 'That excerpt no longer exists. It may have been deleted.');
    }
    return {
      kind: 'excerpt',
      excerptId: excerpt.id,
      body: excerpt.quote,
      content: null,
      likelihood: null,
      confidence: null,
    };
  }
  if (item.kind === 'commentary') {
    const rich = normaliseRichText(item.rich ?? EMPTY_RICH_TEXT);
    return {
      kind: 'commentary',
      excerptId: null,
      body: richTextToPlain(rich),
      content: JSON.stringify(rich),
      likelihood: null,
      confidence: null,
    };
  }
  return {
    kind: 'judgment',
    excerptId: null,
    body: item.text?.trim() ?? '',
    content: null,
    likelihood: item.likelihood ?? 'likely',
    confidence: item.confidence ?? 'moderate',
  };
}

/**
 * Where a new block goes: the named section; else the template's evidence section (Discussion in a
 * BLUF note) while it exists; else the last section (a new "Discussion" section if there is none).
 */
export function targetSection(
  db: Database.Database,
  briefing: Briefing,
  sectionId: string | undefined,
): string {
  if (sectionId !== undefined) {
    if (!briefing.sections.some((section) => section.id === sectionId)) {
      throw new CoreError('section-not-found', 'That section is not part of this briefing.');
    }
    return sectionId;
  }
  const evidence = findTemplate(briefing.template)?.evidenceSection;
  const named = briefing.sections.find((section) => section.heading === evidence);
  if (named !== undefined) return named.id;
  const last = briefing.sections.at(-1);
  if (last !== undefined) return last.id;
  const id = newId('sec');
  insertSection(db, {
    id,
    briefingId: briefing.id,
    position: 0,
    heading: DEFAULT_SECTION_HEADING,
    level: 1,
    guidance: '',
  });
  return id;
}

/**
 * Inserts blocks at `index` of a section (default: its end); callers own the transaction and the
 * history. Positions after the insertion point shift.
 */
export function insertItems(
  db: Database.Database,
  input: Readonly<{ briefingId: string; sectionId?: string | undefined; index?: number | undefined }>,
  items: readonly NewBriefingItem[],
): string[] {
  const briefing = requireBriefing(db, input.briefingId);
  const sectionId = targetSection(db, briefing, input.sectionId);
  const total = briefing.sections.reduce((sum, section) => sum + section.items.length, 0);
  if (total + items.length > MAX_BLOCKS) {
    throw new CoreError(
      'invalid-input',
      `A briefing holds at most ${MAX_BLOCKS.toLocaleString('en')} blocks; this one has ${total.toLocaleString('en')}. Split it into two briefings.`,
    );
  }
  const records = items.map((item) => ({ id: newId('itm'), ...newItemRecord(db, item) }));
  const count = briefing.sections.find((entry) => entry.id === sectionId)?.items.length ?? 0;
  const at = Math.min(input.index ?? count, count);
  shiftItemPositions(db, sectionId, at, records.length);
  records.forEach((record, offset) => {
    insertItemRow(db, { ...record, briefingId: briefing.id, sectionId, position: at + offset });
  });
  return records.map((record) => record.id);
}

export function ensureBriefing(db: Database.Database, briefingId: string): void {
  if (!briefingExists(db, briefingId)) requireBriefing(db, briefingId);
}
