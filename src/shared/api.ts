import type { ApiMethod } from './methods';
import type {
  ExportProgress,
  BundleImportSummary,
  CarryOverPlan,
  Collection,
  CollectionDetail,
  ExcerptColor,
  ExcerptDetail,
  ExcerptFilter,
  ExcerptSort,
  HistoryState,
  IntegrityReport,
  Page,
  TagCount,
  BackupSummary,
  LibraryStatus,
  DocumentMetadataInput,
  ImportBatch,
  ImportOutcome,
  Briefing,
  BriefingComparison,
  BriefingSummary,
  BriefingVersion,
  DocumentDetail,
  DocumentSummary,
  ExportResult,
  SavedSearch,
  SearchFacets,
  SearchRequest,
  SearchResults,
} from './dto';
import type { CitationStyle, RepeatCitation } from './citations';
import type { Confidence, Likelihood } from './estimative';
import type { PrintPreview } from './print-preview';
import type { PrintSettings } from './print-settings';
import type { RichText } from './rich-text';

/** What a new block of a briefing holds when it is created. */
export type NewBriefingItem =
  | Readonly<{ kind: 'excerpt'; excerptId: string }>
  | Readonly<{ kind: 'commentary'; rich?: RichText }>
  | Readonly<{ kind: 'judgment'; text?: string; likelihood?: Likelihood; confidence?: Confidence }>;

/** The briefing's own fields; each one given is changed, the others stay. */
export type BriefingMetadataInput = Readonly<{
  briefingId: string;
  title?: string;
  subtitle?: string;
  author?: string;
  date?: string;
  recipients?: string;
  marking?: string;
  bluf?: string;
  citationStyle?: CitationStyle;
  repeatCitations?: RepeatCitation;
  /** Print settings to change; the others stay. */
  printSettings?: Partial<PrintSettings>;
}>;

/** A briefing after undo or redo, with what can be undone or redone next. */
export type BriefingHistoryResult = Readonly<{ briefing: Briefing; history: HistoryState }>;

/**
 * The whole API the UI can call: one input object in, one promise out. Inputs are validated by the
 * schemas in schemas.ts at every door (IPC, e2e host, CLI) before core sees them.
 */
export type BriefingApi = {
  /**
   * Documents in the library, newest import first: at most `limit` (default and most 200) from
   * `offset`, so that no answer grows with the library; page on with `offset` for more.
   */
  listDocuments(input: Readonly<{ offset?: number; limit?: number }>): Promise<readonly DocumentSummary[]>;
  /**
   * One page of the library for a virtualised list, newest import first; `query` keeps documents
   * whose title, author or outlet contains it (ignoring case). `total` counts every match.
   */
  listDocumentPage(
    input: Readonly<{ query?: string; offset: number; limit: number }>,
  ): Promise<Page<DocumentSummary>>;
  /** The outlets the library's documents name, in alphabetical order (for filters). */
  listOutlets(input: Readonly<Record<string, never>>): Promise<readonly string[]>;
  /** One document with its normalised text and blocks. */
  getDocument(input: Readonly<{ documentId: string }>): Promise<DocumentDetail>;
  /** Edits a document's metadata; its text never changes. Citations use the edited values. */
  updateDocumentMetadata(input: DocumentMetadataInput): Promise<DocumentSummary>;
  /** Opens the system's open dialog (files, or folders imported recursively). */
  pickImportFiles(input: Readonly<{ folders: boolean }>): Promise<ImportBatch>;
  /** Imports one file of a picked batch; the UI calls this file by file to show progress. */
  importPickedFile(input: Readonly<{ batchId: string; index: number }>): Promise<ImportOutcome>;
  /** Imports a file dropped on the window, sent as its bytes (base64) with its name. */
  importFileBytes(input: Readonly<{ name: string; dataBase64: string }>): Promise<ImportOutcome>;
  /** Stores text from the clipboard as a new plain-text document. */
  importPastedText(input: Readonly<{ text: string }>): Promise<ImportOutcome>;
  /**
   * Makes an excerpt of `text.slice(start, end)`, snapped outwards to whole words and trimmed of
   * surrounding whitespace.
   */
  createExcerpt(
    input: Readonly<{ documentId: string; start: number; end: number; note?: string }>,
  ): Promise<ExcerptDetail>;
  /**
   * Excerpts of one document in document order, or of the whole corpus, newest first: at most
   * `limit` (default and most 500, well under 1 MB) from `offset`; page on with `offset` for more.
   */
  listExcerpts(
    input: Readonly<{ documentId?: string; offset?: number; limit?: number }>,
  ): Promise<readonly ExcerptDetail[]>;
  /** Deletes an excerpt that no briefing uses. */
  deleteExcerpt(input: Readonly<{ excerptId: string }>): Promise<void>;
  /** Sets an excerpt's note, tags (replacing them) or colour. Undoable. */
  updateExcerpt(
    input: Readonly<{
      excerptId: string;
      note?: string;
      tags?: readonly string[];
      color?: ExcerptColor | null;
    }>,
  ): Promise<ExcerptDetail>;
  /**
   * Extends or shrinks an excerpt to [start, end) of its document (snapped to whole words). Refused
   * for an excerpt a briefing quotes. Undoable.
   */
  resizeExcerpt(input: Readonly<{ excerptId: string; start: number; end: number }>): Promise<ExcerptDetail>;
  /** Excerpts across the corpus, filtered, one page at a time (for a virtualised list). */
  listAllExcerpts(
    input: Readonly<{ filter?: ExcerptFilter; sort: ExcerptSort; offset: number; limit: number }>,
  ): Promise<Page<ExcerptDetail>>;
  /** Every tag with how many excerpts carry it, by name. */
  listTags(input: Readonly<Record<string, never>>): Promise<readonly TagCount[]>;
  /** Renames a tag; renaming onto an existing tag merges the two. Undoable. */
  renameTag(input: Readonly<{ from: string; to: string }>): Promise<readonly TagCount[]>;
  /** Re-checks excerpts (all, or one document's) against their source text. */
  verifyExcerpts(input: Readonly<{ documentId?: string }>): Promise<IntegrityReport>;
  /** How the excerpts of an older version would land in a newer version of the same source. */
  planCarryOver(input: Readonly<{ fromDocumentId: string; toDocumentId: string }>): Promise<CarryOverPlan>;
  /**
   * Creates, on the newer version, excerpts for the accepted items of the plan. Exact and moved
   * matches are verbatim; a fuzzy match is taken only when accepted, with the newer text as quote.
   */
  applyCarryOver(
    input: Readonly<{ fromDocumentId: string; toDocumentId: string; excerptIds: readonly string[] }>,
  ): Promise<CarryOverPlan>;
  listCollections(input: Readonly<Record<string, never>>): Promise<readonly Collection[]>;
  createCollection(input: Readonly<{ name: string; description?: string }>): Promise<Collection>;
  updateCollection(
    input: Readonly<{ collectionId: string; name?: string; description?: string }>,
  ): Promise<Collection>;
  /** Deletes a collection (its excerpts stay in the library). Undoable. */
  deleteCollection(input: Readonly<{ collectionId: string }>): Promise<void>;
  /**
   * A collection with up to `limit` (default and most 200) of its excerpts in order from `offset`;
   * `excerptCount` counts them all. Adding, removing and moving answer the first 200 the same way.
   */
  getCollection(
    input: Readonly<{ collectionId: string; offset?: number; limit?: number }>,
  ): Promise<CollectionDetail>;
  /** Adds excerpts (at `index`, default the end); ones already in it are left where they are. */
  addToCollection(
    input: Readonly<{ collectionId: string; excerptIds: readonly string[]; index?: number }>,
  ): Promise<CollectionDetail>;
  removeFromCollection(
    input: Readonly<{ collectionId: string; excerptIds: readonly string[] }>,
  ): Promise<CollectionDetail>;
  moveInCollection(
    input: Readonly<{ collectionId: string; excerptId: string; toIndex: number }>,
  ): Promise<CollectionDetail>;
  /** Asks where to save, then writes the collection as a portable, verifiable bundle file. */
  exportCollectionBundle(input: Readonly<{ collectionId: string }>): Promise<ExportResult>;
  /** Asks for a bundle file, verifies it and imports it; null when the dialog was cancelled. */
  importCollectionBundle(input: Readonly<Record<string, never>>): Promise<BundleImportSummary | null>;
  /** Imports a bundle dropped on the window, sent as its bytes (base64). */
  importBundleBytes(input: Readonly<{ name: string; dataBase64: string }>): Promise<BundleImportSummary>;
  /** Undoes the last excerpt or collection edit. */
  undo(input: Readonly<Record<string, never>>): Promise<HistoryState>;
  redo(input: Readonly<Record<string, never>>): Promise<HistoryState>;
  historyState(input: Readonly<Record<string, never>>): Promise<HistoryState>;
  /** Briefings, last opened first; `query` keeps those whose title contains it. */
  listBriefings(input: Readonly<{ query?: string }>): Promise<readonly BriefingSummary[]>;
  /** A blank briefing, or one with a template's sections (see shared/briefing-templates.ts). */
  createBriefing(input: Readonly<{ title: string; template?: string }>): Promise<Briefing>;
  /** A copy with every section and block (titled "… (copy)"); the copy starts its own history. */
  duplicateBriefing(input: Readonly<{ briefingId: string }>): Promise<Briefing>;
  /** Deletes a briefing. Undoable from the library's undo (Ctrl+Z in the briefings list). */
  deleteBriefing(input: Readonly<{ briefingId: string }>): Promise<void>;
  /** Brings back a deleted briefing (the notice's Undo), whatever was edited since. */
  restoreBriefing(input: Readonly<{ briefingId: string }>): Promise<Briefing>;
  getBriefing(input: Readonly<{ briefingId: string }>): Promise<Briefing>;
  /** The briefing, marked as opened now (the list shows last opened first). */
  openBriefing(input: Readonly<{ briefingId: string }>): Promise<Briefing>;
  updateBriefing(input: BriefingMetadataInput): Promise<Briefing>;
  /** Adds a section at `index` (default: the end). */
  addSection(
    input: Readonly<{ briefingId: string; heading: string; level?: 1 | 2; index?: number }>,
  ): Promise<Briefing>;
  updateSection(
    input: Readonly<{ sectionId: string; heading?: string; guidance?: string; level?: 1 | 2 }>,
  ): Promise<Briefing>;
  /** Removes a section with its blocks. Undoable. */
  removeSection(input: Readonly<{ sectionId: string }>): Promise<Briefing>;
  /** Moves a section (a section carries its subsections) to start at `index` of the others. */
  moveSection(input: Readonly<{ sectionId: string; index: number }>): Promise<Briefing>;
  /** Adds a block to a section (default: the last) at `index` (default: its end). */
  addBriefingItem(
    input: Readonly<{ briefingId: string; sectionId?: string; index?: number; item: NewBriefingItem }>,
  ): Promise<Briefing>;
  /** Adds every excerpt of a collection, in the collection's order, as one undoable step. */
  insertCollection(
    input: Readonly<{ briefingId: string; collectionId: string; sectionId?: string; index?: number }>,
  ): Promise<Briefing>;
  /** Moves a block to `index` of a section of the same briefing. */
  moveBriefingItem(input: Readonly<{ itemId: string; sectionId: string; index: number }>): Promise<Briefing>;
  removeBriefingItem(input: Readonly<{ itemId: string }>): Promise<Briefing>;
  /** Saves a commentary block's text; keystrokes close together are one undo step. */
  updateCommentary(input: Readonly<{ itemId: string; rich: RichText }>): Promise<HistoryState>;
  updateJudgment(
    input: Readonly<{ itemId: string; text?: string; likelihood?: Likelihood; confidence?: Confidence }>,
  ): Promise<HistoryState>;
  /**
   * Sets the quote an excerpt block prints: only cuts (marked with … inside it), and insertions in
   * [square brackets]; anything else is refused with \`quote-edit-refused\`. The whole excerpt's
   * text restores it.
   */
  editQuote(input: Readonly<{ itemId: string; text: string }>): Promise<Briefing>;
  undoBriefing(input: Readonly<{ briefingId: string }>): Promise<BriefingHistoryResult>;
  redoBriefing(input: Readonly<{ briefingId: string }>): Promise<BriefingHistoryResult>;
  briefingHistory(input: Readonly<{ briefingId: string }>): Promise<HistoryState>;
  saveBriefingVersion(input: Readonly<{ briefingId: string; name: string }>): Promise<BriefingVersion>;
  /** Saved versions, newest first (exports save one automatically). */
  listBriefingVersions(input: Readonly<{ briefingId: string }>): Promise<readonly BriefingVersion[]>;
  /** What was added, removed, moved or edited in the draft since the version. */
  compareBriefingVersion(input: Readonly<{ versionId: string }>): Promise<BriefingComparison>;
  /** Puts the draft back as it was in the version (undoable; the draft is saved as a version first). */
  restoreBriefingVersion(input: Readonly<{ versionId: string }>): Promise<Briefing>;
  /**
   * Appends an excerpt to a section of the briefing (the last section, or a new "Discussion"
   * section when the briefing has none), or inserts it at `index`.
   */
  addExcerptToBriefing(
    input: Readonly<{ briefingId: string; excerptId: string; sectionId?: string; index?: number }>,
  ): Promise<Briefing>;
  /** Asks the host where to save, then writes the briefing as a PDF there. */
  exportBriefingPdf(input: Readonly<{ briefingId: string }>): Promise<ExportResult>;
  /** Asks the host where to save, then writes the briefing as PDF, Word (.docx) or Markdown there. */
  exportBriefing(
    input: Readonly<{ briefingId: string; format: 'pdf' | 'docx' | 'md' }>,
  ): Promise<ExportResult>;
  /** What the export in progress is doing: its stage and the pages laid out so far. */
  exportStatus(input: Readonly<Record<string, never>>): Promise<ExportProgress>;
  /** The briefing's pages exactly as its PDF sets them, for the print preview. */
  previewBriefing(input: Readonly<{ briefingId: string }>): Promise<PrintPreview>;
  /** Opens a file exported in this session with the system's default application. */
  openExport(input: Readonly<{ exportId: string }>): Promise<void>;
  /**
   * Shows a file exported in this session in the system's file manager. The UI names the export
   * by the id it was given; paths never come from the renderer.
   */
  revealExport(input: Readonly<{ exportId: string }>): Promise<void>;
  /**
   * Ranked full-text search over documents and excerpts in the analyst query language. Any text is
   * accepted; a query with nothing to search answers `searched: false`.
   */
  search(input: SearchRequest): Promise<SearchResults>;
  /** Counts by outlet, author, year and tag over everything the query matches. */
  searchFacets(input: Readonly<{ query: string; typeahead?: boolean }>): Promise<SearchFacets>;
  /** Saved searches by name, each with how many matching documents are new since its last run. */
  listSavedSearches(input: Readonly<Record<string, never>>): Promise<readonly SavedSearch[]>;
  /** Names a query (its filters are part of the query text). */
  saveSearch(input: Readonly<{ name: string; query: string }>): Promise<SavedSearch>;
  deleteSavedSearch(input: Readonly<{ savedSearchId: string }>): Promise<void>;
  /** Marks a saved search as run now; answers it as it stood before (with its count of new documents). */
  runSavedSearch(input: Readonly<{ savedSearchId: string }>): Promise<SavedSearch>;
  /**
   * Whether the library opened normally, read-only (written by a newer version of the app) or not
   * at all (damaged: only the recovery methods below answer). The UI asks this first.
   */
  libraryStatus(input: Readonly<Record<string, never>>): Promise<LibraryStatus>;
  /** The backups beside the library, newest first, each checked by opening it. */
  listBackups(input: Readonly<Record<string, never>>): Promise<readonly BackupSummary[]>;
  /** Makes a verified backup of the library now (online: nothing else waits). */
  backupNow(input: Readonly<Record<string, never>>): Promise<BackupSummary>;
  /**
   * Replaces the library with a backup, named by its id (never a path). The file it replaces is
   * moved aside, never deleted. Answers the status of the library it opened.
   */
  restoreBackup(input: Readonly<{ backupId: string }>): Promise<LibraryStatus>;
  /** Only for a damaged library: moves the damaged file aside (kept) and starts an empty library. */
  startEmptyLibrary(input: Readonly<Record<string, never>>): Promise<LibraryStatus>;
};

export type ApiInput<M extends ApiMethod> = Parameters<BriefingApi[M]>[0];
export type ApiOutput<M extends ApiMethod> = Awaited<ReturnType<BriefingApi[M]>>;

export type ApiErrorBody = Readonly<{ code: ErrorCode; message: string }>;

/** What travels back over IPC or HTTP: Electron's own invoke errors lose their structure. */
export type ApiEnvelope<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ApiErrorBody }>;

/** Stable error codes; the UI switches on them. */
export const ERROR_CODES = [
  'invalid-input',
  'unknown-method',
  'forbidden-sender',
  'document-not-found',
  'excerpt-not-found',
  'excerpt-in-use',
  'collection-not-found',
  'saved-search-not-found',
  'tag-invalid',
  'bundle-invalid',
  'nothing-to-undo',
  'briefing-not-found',
  'section-not-found',
  'item-not-found',
  'version-not-found',
  'template-not-found',
  'quote-edit-refused',
  'quote-not-found',
  'empty-selection',
  'import-unsupported-format',
  'import-empty-file',
  'import-unreadable',
  'import-too-large',
  'file-not-found',
  'export-failed',
  'not-exported-here',
  'spec-invalid',
  'store-too-new',
  'library-read-only',
  'library-damaged',
  'backup-not-found',
  'backup-failed',
  'restore-failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What the preload (or the e2e host's shim) puts on `window.briefing`: one function per method,
 * each answering with an envelope. The renderer's api.ts unwraps it.
 */
export type BriefingBridge = {
  readonly [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiEnvelope<ApiOutput<M>>>;
};
