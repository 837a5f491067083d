import { z } from 'zod';
import type { ApiInput } from './api';
import { BACKUP_ID_PATTERN, EXCERPT_COLORS } from './dto';
import { CONFIDENCES, LIKELIHOODS } from './estimative';
import { isLanguageTag } from './print-settings';
import { RICH_TEXT_SCHEMA } from './rich-text';
import type { ApiMethod } from './methods';

const id = z.string().min(1).max(200);
const offset = z.number().int().min(0).max(100_000_000);
const empty = z.object({}).strict();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');
/** A tag: trimmed, 1-64 characters, no control characters. */
const tagName = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(64, 'a tag has at most 64 characters')
  .regex(/^[^\p{Cc}]+$/u, 'a tag cannot contain control characters');
const collectionName = z.string().trim().min(1, 'a collection needs a name').max(200);
const briefingTitle = z.string().trim().min(1, 'a briefing needs a title').max(500);
const printSettings = z
  .object({
    pageSize: z.enum(['A4', 'Letter']),
    titlePage: z.boolean(),
    contents: z.enum(['auto', 'always', 'never']),
    notes: z.enum(['endnotes', 'footnotes']),
    sourceAppendix: z.boolean(),
    language: z.string().max(35).refine(isLanguageTag, 'a language is a tag such as en, en-GB or ar'),
  })
  .partial()
  .strict();
const sectionHeading = z.string().trim().min(1, 'a section needs a heading').max(500);
const sectionLevel = z.union([z.literal(1), z.literal(2)]);
const position = z.number().int().min(0).max(100_000);
const judgmentText = z.string().max(5000);
/** An optional text field: null, or a trimmed string (empty becomes null). */
const field = (max: number) =>
  z
    .string()
    .max(max)
    .nullable()
    .transform((value) => (value === null || value.trim() === '' ? null : value.trim()));

/**
 * One strict schema per method's input. Strings and numbers are capped so that no payload can make
 * core allocate without bound.
 */
export const API_INPUT_SCHEMAS = {
  listDocuments: z
    .object({
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  listDocumentPage: z
    .object({
      query: z.string().max(500).optional(),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(200),
    })
    .strict(),
  listOutlets: empty,
  getDocument: z.object({ documentId: id }).strict(),
  updateDocumentMetadata: z
    .object({
      documentId: id,
      title: z.string().trim().min(1, 'a document needs a title').max(1000),
      author: field(500),
      outlet: field(500),
      publishedAt: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
        .nullable(),
      url: field(2000),
      language: field(35),
    })
    .strict(),
  pickImportFiles: z.object({ folders: z.boolean() }).strict(),
  importPickedFile: z.object({ batchId: id, index: z.number().int().min(0).max(1_000_000) }).strict(),
  // 50 MB of file as base64, with room for padding.
  importFileBytes: z
    .object({ name: z.string().min(1).max(500), dataBase64: z.string().max(70_000_000) })
    .strict(),
  importPastedText: z.object({ text: z.string().max(20_000_000) }).strict(),
  createExcerpt: z
    .object({
      documentId: id,
      start: offset,
      end: offset,
      note: z.string().max(20_000).optional(),
    })
    .strict(),
  listExcerpts: z
    .object({
      documentId: id.optional(),
      offset: z.number().int().min(0).max(10_000_000).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  deleteExcerpt: z.object({ excerptId: id }).strict(),
  updateExcerpt: z
    .object({
      excerptId: id,
      note: z.string().max(20_000).optional(),
      tags: z.array(tagName).max(100).optional(),
      color: z.enum(EXCERPT_COLORS).nullable().optional(),
    })
    .strict(),
  resizeExcerpt: z.object({ excerptId: id, start: offset, end: offset }).strict(),
  listAllExcerpts: z
    .object({
      filter: z
        .object({
          tag: tagName.optional(),
          documentId: id.optional(),
          outlet: z.string().max(500).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
        })
        .strict()
        .optional(),
      sort: z.enum(['recent', 'document']),
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(500),
    })
    .strict(),
  listTags: empty,
  renameTag: z.object({ from: tagName, to: tagName }).strict(),
  verifyExcerpts: z.object({ documentId: id.optional() }).strict(),
  planCarryOver: z.object({ fromDocumentId: id, toDocumentId: id }).strict(),
  applyCarryOver: z
    .object({ fromDocumentId: id, toDocumentId: id, excerptIds: z.array(id).max(100_000) })
    .strict(),
  listCollections: empty,
  createCollection: z.object({ name: collectionName, description: z.string().max(5000).optional() }).strict(),
  updateCollection: z
    .object({
      collectionId: id,
      name: collectionName.optional(),
      description: z.string().max(5000).optional(),
    })
    .strict(),
  deleteCollection: z.object({ collectionId: id }).strict(),
  getCollection: z
    .object({
      collectionId: id,
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  addToCollection: z
    .object({
      collectionId: id,
      excerptIds: z.array(id).min(1).max(10_000),
      index: z.number().int().min(0).max(1_000_000).optional(),
    })
    .strict(),
  removeFromCollection: z.object({ collectionId: id, excerptIds: z.array(id).min(1).max(10_000) }).strict(),
  moveInCollection: z
    .object({ collectionId: id, excerptId: id, toIndex: z.number().int().min(0).max(1_000_000) })
    .strict(),
  exportCollectionBundle: z.object({ collectionId: id }).strict(),
  importCollectionBundle: empty,
  importBundleBytes: z
    .object({ name: z.string().min(1).max(500), dataBase64: z.string().max(140_000_000) })
    .strict(),
  undo: empty,
  redo: empty,
  historyState: empty,
  listBriefings: z.object({ query: z.string().max(500).optional() }).strict(),
  createBriefing: z
    .object({ title: briefingTitle, template: z.string().min(1).max(100).optional() })
    .strict(),
  duplicateBriefing: z.object({ briefingId: id }).strict(),
  deleteBriefing: z.object({ briefingId: id }).strict(),
  restoreBriefing: z.object({ briefingId: id }).strict(),
  getBriefing: z.object({ briefingId: id }).strict(),
  openBriefing: z.object({ briefingId: id }).strict(),
  updateBriefing: z
    .object({
      briefingId: id,
      title: briefingTitle.optional(),
      subtitle: z.string().max(1000).optional(),
      author: z.string().max(500).optional(),
      date: isoDate.optional(),
      recipients: z.string().max(2000).optional(),
      marking: z.string().max(200).optional(),
      bluf: z.string().max(20_000).optional(),
      citationStyle: z.enum(['chicago', 'short']).optional(),
      repeatCitations: z.enum(['reuse', 'ibid']).optional(),
      printSettings: printSettings.optional(),
    })
    .strict(),
  addSection: z
    .object({
      briefingId: id,
      heading: sectionHeading,
      level: sectionLevel.optional(),
      index: position.optional(),
    })
    .strict(),
  updateSection: z
    .object({
      sectionId: id,
      heading: sectionHeading.optional(),
      guidance: z.string().max(2000).optional(),
      level: sectionLevel.optional(),
    })
    .strict(),
  removeSection: z.object({ sectionId: id }).strict(),
  moveSection: z.object({ sectionId: id, index: position }).strict(),
  addBriefingItem: z
    .object({
      briefingId: id,
      sectionId: id.optional(),
      index: position.optional(),
      item: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('excerpt'), excerptId: id }).strict(),
        z.object({ kind: z.literal('commentary'), rich: RICH_TEXT_SCHEMA.optional() }).strict(),
        z
          .object({
            kind: z.literal('judgment'),
            text: judgmentText.optional(),
            likelihood: z.enum(LIKELIHOODS).optional(),
            confidence: z.enum(CONFIDENCES).optional(),
          })
          .strict(),
      ]),
    })
    .strict(),
  insertCollection: z
    .object({ briefingId: id, collectionId: id, sectionId: id.optional(), index: position.optional() })
    .strict(),
  moveBriefingItem: z.object({ itemId: id, sectionId: id, index: position }).strict(),
  removeBriefingItem: z.object({ itemId: id }).strict(),
  updateCommentary: z.object({ itemId: id, rich: RICH_TEXT_SCHEMA }).strict(),
  updateJudgment: z
    .object({
      itemId: id,
      text: judgmentText.optional(),
      likelihood: z.enum(LIKELIHOODS).optional(),
      confidence: z.enum(CONFIDENCES).optional(),
    })
    .strict(),
  editQuote: z.object({ itemId: id, text: z.string().max(60_000) }).strict(),
  undoBriefing: z.object({ briefingId: id }).strict(),
  redoBriefing: z.object({ briefingId: id }).strict(),
  briefingHistory: z.object({ briefingId: id }).strict(),
  saveBriefingVersion: z
    .object({ briefingId: id, name: z.string().trim().min(1, 'a version needs a name').max(200) })
    .strict(),
  listBriefingVersions: z.object({ briefingId: id }).strict(),
  compareBriefingVersion: z.object({ versionId: id }).strict(),
  restoreBriefingVersion: z.object({ versionId: id }).strict(),
  addExcerptToBriefing: z
    .object({
      briefingId: id,
      excerptId: id,
      sectionId: id.optional(),
      index: z.number().int().min(0).max(100_000).optional(),
    })
    .strict(),
  exportBriefingPdf: z.object({ briefingId: id }).strict(),
  revealExport: z.object({ exportId: id }).strict(),
  exportBriefing: z.object({ briefingId: id, format: z.enum(['pdf', 'docx', 'md']) }).strict(),
  exportStatus: empty,
  previewBriefing: z.object({ briefingId: id }).strict(),
  openExport: z.object({ exportId: id }).strict(),
  search: z
    .object({
      // Any text is a valid query; very long input is cut by core, never refused.
      query: z.string().max(100_000),
      sort: z.enum(['relevance', 'date']).optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      typeahead: z.boolean().optional(),
    })
    .strict(),
  searchFacets: z.object({ query: z.string().max(100_000), typeahead: z.boolean().optional() }).strict(),
  listSavedSearches: empty,
  saveSearch: z
    .object({
      name: z.string().trim().min(1, 'a saved search needs a name').max(200),
      query: z.string().min(1).max(10_000),
    })
    .strict(),
  deleteSavedSearch: z.object({ savedSearchId: id }).strict(),
  runSavedSearch: z.object({ savedSearchId: id }).strict(),
  libraryStatus: empty,
  listBackups: empty,
  backupNow: empty,
  // A backup's file name as listBackups gave it: core resolves it inside the backups folder.
  restoreBackup: z
    .object({ backupId: z.string().regex(BACKUP_ID_PATTERN, 'that is not the name of a backup') })
    .strict(),
  startEmptyLibrary: empty,
} as const satisfies Record<ApiMethod, z.ZodType>;

/** Compile-time proof that every schema accepts exactly what the method's type declares. */
type SchemaMatchesApi = {
  [M in ApiMethod]: z.output<(typeof API_INPUT_SCHEMAS)[M]> extends ApiInput<M>
    ? ApiInput<M> extends z.output<(typeof API_INPUT_SCHEMAS)[M]>
      ? true
      : M
    : M;
};
export const SCHEMAS_MATCH_API: SchemaMatchesApi[ApiMethod] = true;
