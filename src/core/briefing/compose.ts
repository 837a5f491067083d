import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CoreError } from '../errors';
import { findQuote } from '../excerpts/anchor';
import { createExcerptAt, requireDocumentText } from '../excerpts/service';
import { CONFIDENCES, LIKELIHOODS } from '../../shared/estimative';
import { richTextFromPlain } from '../../shared/rich-text';
import { findCollectionIdsByName, getCollectionById, listCollectionExcerptIds } from '../store/collections';
import { findDocumentIdsByTitle, getDocumentSummary } from '../store/documents';
import { insertSection, touchBriefing } from '../store/briefings';
import { newId } from '../ids';
import { requireBriefing } from './read';
import type { NewBriefingItem } from '../../shared/api';
import { insertItems, insertNewBriefing } from './service';

const text = (max: number) => z.string().max(max);

export const COMPOSE_SPEC_SCHEMA = z
  .object({
    title: text(500).trim().min(1),
    subtitle: text(1000).optional(),
    author: text(500).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
      .optional(),
    marking: text(200).optional(),
    bluf: text(20_000).optional(),
    recipients: text(2000).optional(),
    citationStyle: z.enum(['chicago', 'short']).optional(),
    repeatCitations: z.enum(['reuse', 'ibid']).optional(),
    template: text(100).optional(),
    sections: z
      .array(
        z.object({
          heading: text(500).trim().min(1),
          items: z
            .array(
              z.union([
                z
                  .object({
                    document: text(1000).min(1),
                    quote: text(50_000).min(1),
                    note: text(20_000).optional(),
                  })
                  .strict(),
                z.object({ text: text(100_000).min(1) }).strict(),
                z.object({ collection: text(1000).min(1) }).strict(),
                z
                  .object({
                    judgment: z
                      .object({
                        text: text(5000).trim().min(1),
                        likelihood: z.enum(LIKELIHOODS),
                        confidence: z.enum(CONFIDENCES),
                      })
                      .strict(),
                  })
                  .strict(),
              ]),
            )
            .max(5000),
        }),
      )
      .max(500)
      .default([]),
  })
  .strict();

export type ComposeSpec = z.infer<typeof COMPOSE_SPEC_SCHEMA>;

/** Parses a compose spec from JSON text, with a message that says which field is wrong. */
export function parseComposeSpec(json: string): ComposeSpec {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new CoreError(
      'spec-invalid',
      `The spec is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const result = COMPOSE_SPEC_SCHEMA.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'spec' : issue.path.join('.');
    throw new CoreError('spec-invalid', `The spec is not valid: ${where}: ${issue?.message ?? 'invalid'}.`);
  }
  return result.data;
}

function resolveCollectionId(db: Database.Database, reference: string): string {
  if (getCollectionById(db, reference) !== undefined) return reference;
  const byName = findCollectionIdsByName(db, reference);
  const first = byName[0];
  if (first === undefined) {
    throw new CoreError('collection-not-found', `No collection has the id or name “${reference}”.`);
  }
  return first;
}

function resolveDocumentId(db: Database.Database, reference: string): string {
  if (getDocumentSummary(db, reference) !== undefined) return reference;
  const byTitle = findDocumentIdsByTitle(db, reference);
  const first = byTitle[0];
  if (first === undefined) {
    throw new CoreError('document-not-found', `No document has the id or exact title “${reference}”.`);
  }
  if (byTitle.length > 1) {
    throw new CoreError(
      'document-not-found',
      `${byTitle.length} documents have the title “${reference}”; name one by id (${byTitle.join(', ')}).`,
    );
  }
  return first;
}

/**
 * Saves a briefing described by a spec in one transaction. Every quote must be verbatim in its
 * document (whitespace aside); if one is not, nothing is saved.
 */
export function composeBriefing(db: Database.Database, spec: ComposeSpec, now: Date): string {
  return db.transaction((): string => {
    const { sections, ...fields } = spec;
    const briefingId = insertNewBriefing(db, fields, now);
    // Sections named like a template's section fill it; others are added after them.
    const templateSections = requireBriefing(db, briefingId).sections;
    for (const section of sections) {
      let sectionId = templateSections.find(
        (existing) => existing.heading.toLowerCase() === section.heading.trim().toLowerCase(),
      )?.id;
      if (sectionId === undefined) {
        sectionId = newId('sec');
        insertSection(db, {
          id: sectionId,
          briefingId,
          position: requireBriefing(db, briefingId).sections.length,
          heading: section.heading,
          level: 1,
          guidance: '',
        });
      }
      // The section's blocks are inserted together: one read of the briefing per section.
      const blocks: NewBriefingItem[] = [];
      for (const item of section.items) {
        if ('text' in item) {
          blocks.push({ kind: 'commentary', rich: richTextFromPlain(item.text.trim()) });
          continue;
        }
        if ('judgment' in item) {
          blocks.push({ kind: 'judgment', ...item.judgment });
          continue;
        }
        if ('collection' in item) {
          const collectionId = resolveCollectionId(db, item.collection);
          for (const excerptId of listCollectionExcerptIds(db, collectionId)) {
            blocks.push({ kind: 'excerpt', excerptId });
          }
          continue;
        }
        const documentId = resolveDocumentId(db, item.document);
        const { text: documentText } = requireDocumentText(db, documentId);
        const match = findQuote(documentText, item.quote)[0];
        if (match === undefined) {
          const title = getDocumentSummary(db, documentId)?.title ?? documentId;
          const shown = item.quote.length > 80 ? `${item.quote.slice(0, 77)}…` : item.quote;
          throw new CoreError(
            'quote-not-found',
            `The quote “${shown}” is not verbatim in the document “${title}” (${documentId}).`,
          );
        }
        const excerpt = createExcerptAt(db, {
          documentId,
          start: match.start,
          end: match.end,
          note: item.note,
          now,
          snap: false,
        });
        blocks.push({ kind: 'excerpt', excerptId: excerpt.id });
      }
      if (blocks.length > 0) insertItems(db, { briefingId, sectionId }, blocks);
    }
    touchBriefing(db, briefingId, now.toISOString());
    return briefingId;
  })();
}
