/** Plain, serialisable data that crosses the API boundary. Dates are ISO-8601 strings. */

import type { CitationStyle, RepeatCitation } from './citations';
import type { Confidence, Likelihood } from './estimative';
import type { PrintSettings } from './print-settings';
import type { QuoteTrim } from './quote-trim';
import type { RichText } from './rich-text';

export type DocumentFormat = 'md' | 'txt' | 'html' | 'pdf' | 'docx';

export type TextDirection = 'ltr' | 'rtl';

/** Inline emphasis kept from the source, as offsets into the document text (end exclusive). */
export type InlineMark = Readonly<{
  start: number;
  end: number;
  type: 'em' | 'strong' | 'code' | 'link';
  href?: string;
}>;

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'block-quote';

export type DocumentSummary = Readonly<{
  id: string;
  title: string;
  author: string | null;
  outlet: string | null;
  /** Publication date as YYYY-MM-DD, or null when the source does not say. */
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection | null;
  format: DocumentFormat;
  blockCount: number;
  /** The earlier version of the same source (same URL, or same title and outlet), if any. */
  previousVersionId: string | null;
  /** SHA-256 (hex) of the original file bytes, as imported. */
  sha256: string;
  importedAt: string;
}>;

/**
 * A structural block of a document. `start` and `end` are offsets into the document's normalised
 * text, counted in UTF-16 code units (JavaScript string indices); `end` is exclusive.
 */
export type Block = Readonly<{
  id: number;
  ordinal: number;
  kind: BlockKind;
  /** Heading level (1-6) for headings, nesting depth for list items, otherwise 0. */
  level: number;
  start: number;
  end: number;
  page: number | null;
  /**
   * Site furniture recognised in the source (repeated titles, photo credits, section labels,
   * author biographies): kept in the text so offsets stay exact, but out of the reading flow.
   */
  boilerplate: boolean;
  marks: readonly InlineMark[];
}>;

export type DocumentDetail = DocumentSummary &
  Readonly<{
    /** The normalised text every excerpt points into. Immutable after import. */
    text: string;
    blocks: readonly Block[];
  }>;

/**
 * An excerpt anchored the W3C Web Annotation way: a TextQuoteSelector (quote, prefix, suffix) and
 * a TextPositionSelector (start, end) into the document's normalised text.
 */
export type Excerpt = Readonly<{
  id: string;
  documentId: string;
  /** SHA-256 of the document's normalised text when the excerpt was made. */
  documentTextSha256: string;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  note: string;
  createdAt: string;
  updatedAt: string;
}>;

export type Attribution = Readonly<{
  documentId: string;
  title: string;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
}>;

export type BriefingItem =
  | Readonly<{
      id: string;
      kind: 'excerpt';
      excerptId: string;
      /** The quote as printed: the excerpt's quote, or the analyst's trim of it. */
      quote: string;
      /** The excerpt's verbatim quote, which the trim's offsets point into. */
      originalQuote: string;
      /** Cuts and [insertions] made in the briefing; null when the whole excerpt is quoted. */
      trim: QuoteTrim | null;
      note: string;
      attribution: Attribution;
    }>
  | Readonly<{
      id: string;
      kind: 'commentary';
      /** Plain text of `rich`, for lists, search and plain exports. */
      text: string;
      rich: RichText;
    }>
  | Readonly<{
      id: string;
      kind: 'judgment';
      text: string;
      likelihood: Likelihood;
      confidence: Confidence;
    }>;

export type BriefingItemKind = BriefingItem['kind'];

export type BriefingSection = Readonly<{
  id: string;
  heading: string;
  /** 1 for a section, 2 for a subsection of the level-1 section above it. */
  level: 1 | 2;
  /** What the template suggests writing here; shown in the composer, never printed. */
  guidance: string;
  items: readonly BriefingItem[];
}>;

export type BriefingSummary = Readonly<{
  id: string;
  title: string;
  updatedAt: string;
  /** When the analyst last opened it; null if never. The list shows last opened first. */
  openedAt: string | null;
  sectionCount: number;
  itemCount: number;
}>;

export type BriefingVersionReason = 'manual' | 'export' | 'restore';

export type BriefingVersion = Readonly<{
  id: string;
  briefingId: string;
  name: string;
  reason: BriefingVersionReason;
  createdAt: string;
  sectionCount: number;
  itemCount: number;
}>;

/** How the current draft differs from a saved version, item by item. */
export type BriefingChange = Readonly<{
  kind: 'added' | 'removed' | 'moved' | 'edited';
  itemKind: BriefingItemKind | 'section';
  /** A short description of the item (its heading, quote or text), for the list of changes. */
  label: string;
  /** Where it is now (added, moved, edited) or was (removed): the section heading. */
  section: string;
}>;

export type BriefingComparison = Readonly<{
  version: BriefingVersion;
  changes: readonly BriefingChange[];
}>;

export type Briefing = Readonly<{
  id: string;
  title: string;
  subtitle: string;
  author: string;
  /** The briefing's date as YYYY-MM-DD. */
  date: string;
  /** Handling marking printed as a banner, e.g. "TLP:CLEAR"; empty for none. */
  marking: string;
  /** Bottom line up front; empty for none. */
  bluf: string;
  /** Recipients or distribution line, e.g. "Policy Planning Staff; Desk officers". */
  recipients: string;
  citationStyle: CitationStyle;
  repeatCitations: RepeatCitation;
  /** The template it was created from ('' for blank). */
  template: string;
  printSettings: PrintSettings;
  createdAt: string;
  updatedAt: string;
  openedAt: string | null;
  sections: readonly BriefingSection[];
}>;

/** What the export in progress is doing (the window polls it for its progress indicator). */
export type ExportProgress = {
  stage: 'idle' | 'choosing-file' | 'checking' | 'laying-out' | 'writing';
  /** Pages laid out so far (PDF). */
  pages: number;
};

export type ExportResult = Readonly<{
  /** Names this export for revealExport; null when the user cancelled the save dialog. */
  exportId: string | null;
  /** Where the file was written, for display; null when cancelled. */
  path: string | null;
  pages: number;
  citations: number;
}>;

export type ImportStatus = 'imported' | 'duplicate' | 'failed';

/** What happened to one file of an import. */
export type ImportOutcome = Readonly<{
  /** The file's name as the user knows it (for picked files: the path). */
  file: string;
  status: ImportStatus;
  documentId: string | null;
  title: string | null;
  /** Why the file failed, in a sentence, or null. */
  error: string | null;
}>;

/** Files the user picked in the open dialog, to import one call at a time (progress, cancel). */
export type ImportBatch = Readonly<{
  /** Null when the user cancelled the dialog. */
  batchId: string | null;
  files: readonly Readonly<{ index: number; name: string }>[];
}>;

export type DocumentMetadataInput = Readonly<{
  documentId: string;
  title: string;
  author: string | null;
  outlet: string | null;
  /** YYYY-MM-DD or null. */
  publishedAt: string | null;
  url: string | null;
  language: string | null;
}>;

/** Highlight colours an analyst can give an excerpt (its category). */
export const EXCERPT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple', 'orange'] as const;
export type ExcerptColor = (typeof EXCERPT_COLORS)[number];

/** An excerpt with what the lists beside it need: its tags, colour and source. */
export type ExcerptDetail = Excerpt &
  Readonly<{
    tags: readonly string[];
    color: ExcerptColor | null;
    /** 1-based page for excerpts of PDFs, else null. */
    page: number | null;
    documentTitle: string;
    author: string | null;
    outlet: string | null;
    publishedAt: string | null;
  }>;

export type ExcerptSort = 'recent' | 'document';

export type ExcerptFilter = Readonly<{
  tag?: string;
  documentId?: string;
  outlet?: string;
  /** Source published on or after, YYYY-MM-DD. */
  from?: string;
  /** Source published on or before, YYYY-MM-DD. */
  to?: string;
}>;

/** One page of a long list; `total` counts every match. */
export type Page<T> = Readonly<{ total: number; offset: number; items: readonly T[] }>;

export type TagCount = Readonly<{ name: string; count: number }>;

export type IntegrityStatus = 'exact' | 'moved' | 'broken';

/** One excerpt's check against its source text. */
export type IntegrityItem = Readonly<{
  excerptId: string;
  documentId: string;
  status: IntegrityStatus;
  quote: string;
  start: number;
  end: number;
  /** Where the quote was found instead (moved). */
  foundStart: number | null;
  foundEnd: number | null;
  /** What the source now has at the excerpt's offsets (broken), for a diff. */
  sourceText: string | null;
  diff: readonly DiffPart[] | null;
}>;

export type DiffPart = Readonly<{ op: 'same' | 'removed' | 'added'; text: string }>;

export type IntegrityReport = Readonly<{
  checked: number;
  exact: number;
  moved: number;
  broken: number;
  /** Only the excerpts that are not exact. */
  problems: readonly IntegrityItem[];
}>;

export type CarryOverStatus = 'exact' | 'moved' | 'fuzzy' | 'missing';

/** How one excerpt of an older version would land in the newer version. */
export type CarryOverItem = Readonly<{
  excerptId: string;
  quote: string;
  status: CarryOverStatus;
  /** Where it lands in the new version; null when missing. */
  start: number | null;
  end: number | null;
  /** The new version's text there: equal to `quote` for exact and moved; for review when fuzzy. */
  newQuote: string | null;
  /** 0..1 similarity of the best fuzzy match. */
  similarity: number;
  /** Already carried over to the new version. */
  carried: boolean;
}>;

export type CarryOverPlan = Readonly<{
  fromDocumentId: string;
  toDocumentId: string;
  items: readonly CarryOverItem[];
}>;

export type Collection = Readonly<{
  id: string;
  name: string;
  description: string;
  excerptCount: number;
  createdAt: string;
  updatedAt: string;
}>;

export type CollectionDetail = Collection & Readonly<{ excerpts: readonly ExcerptDetail[] }>;

/** What importing a shared collection bundle did. */
export type BundleImportSummary = Readonly<{
  collectionId: string;
  collectionName: string;
  documentsAdded: number;
  documentsAlreadyPresent: number;
  excerptsAdded: number;
  excerptsAlreadyPresent: number;
  /** Every anchor re-verified against the stored text. */
  verified: number;
}>;

/** An undoable edit, for the Edit menu's "Undo …" label. */
export type HistoryState = Readonly<{
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}>;

/** Text with the matched words marked: `highlights` are [start, end) ranges into `text`. */
export type MarkedText = Readonly<{ text: string; highlights: readonly (readonly [number, number])[] }>;

export type SearchSort = 'relevance' | 'date';

export type SearchRequest = Readonly<{
  query: string;
  sort?: SearchSort;
  offset?: number;
  limit?: number;
  /** Search as you type: the last word, while still being typed, also matches longer words. */
  typeahead?: boolean;
}>;

/** One passage of a document that matches: its block, offsets into the text and a snippet. */
export type BlockHit = Readonly<{
  blockId: number;
  start: number;
  end: number;
  page: number | null;
  snippet: MarkedText;
  /** The matched words in this block, as [start, end) offsets into the document text. */
  matches: readonly (readonly [number, number])[];
}>;

export type DocumentSearchHit = Readonly<{
  documentId: string;
  title: MarkedText;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  /** bm25: lower is better (SQLite's convention). */
  score: number;
  hits: readonly BlockHit[];
}>;

export type ExcerptSearchHit = Readonly<{
  excerptId: string;
  documentId: string;
  documentTitle: string;
  start: number;
  end: number;
  quote: MarkedText;
  note: MarkedText | null;
  tags: readonly string[];
  score: number;
}>;

export type SearchResults = Readonly<{
  /** False when the query holds nothing to search (empty, punctuation only): show the empty state. */
  searched: boolean;
  /** Words and phrases to highlight in the reader. */
  terms: readonly string[];
  documentTotal: number;
  documents: readonly DocumentSearchHit[];
  excerptTotal: number;
  excerpts: readonly ExcerptSearchHit[];
  offset: number;
}>;

export type FacetCount = Readonly<{ value: string; count: number }>;

export type SearchFacets = Readonly<{
  outlets: readonly FacetCount[];
  authors: readonly FacetCount[];
  years: readonly FacetCount[];
  tags: readonly FacetCount[];
}>;

export type SavedSearch = Readonly<{
  id: string;
  name: string;
  query: string;
  createdAt: string;
  lastRunAt: string | null;
  /** Matching documents imported since the last run (all matches if it never ran). */
  newSinceLastRun: number;
}>;

/** Why a backup was made. */
export const BACKUP_REASONS = ['scheduled', 'pre-migration', 'manual', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/**
 * A backup's id is its file name in the backups folder beside the library:
 * `backup-<UTC time to the millisecond>-v<schema version>-<reason>.sqlite`. Nothing else is one, so
 * an id can never name a file outside that folder.
 */
export const BACKUP_ID_PATTERN =
  /^backup-\d{8}T\d{9}Z-v\d{1,4}-(?:scheduled|pre-migration|manual|before-restore)\.sqlite$/;

export type BackupSummary = Readonly<{
  id: string;
  createdAt: string;
  reason: BackupReason;
  /** The schema version the backup was written with. */
  schemaVersion: number;
  sizeBytes: number;
  /** Opened read-only and passed PRAGMA integrity_check when listed. */
  ok: boolean;
  /** What was wrong with it when `ok` is false. */
  problem: string | null;
}>;

/**
 * How the library opened. `read-only`: written by a newer version of the app, readable and
 * exportable, every change refused. `damaged`: it could not be opened; only the status, the backups
 * and the recovery methods answer.
 */
export type LibraryStatus = Readonly<{
  state: 'ok' | 'read-only' | 'damaged';
  /** A sentence for the analyst (empty when all is well). */
  message: string;
  /** The library's schema version (null when it could not be read). */
  schemaVersion: number | null;
  /** The newest schema version this app writes. */
  appSchemaVersion: number;
  /** Where a replaced or damaged file went, as a name inside the data folder (null if none moved). */
  setAside: string | null;
}>;
