/** Plain, serialisable data that crosses the API boundary. Dates are ISO-8601 strings. */

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
      quote: string;
      note: string;
      attribution: Attribution;
    }>
  | Readonly<{
      id: string;
      kind: 'commentary';
      text: string;
    }>;

export type BriefingSection = Readonly<{
  id: string;
  heading: string;
  items: readonly BriefingItem[];
}>;

export type BriefingSummary = Readonly<{
  id: string;
  title: string;
  updatedAt: string;
  sectionCount: number;
  itemCount: number;
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
  createdAt: string;
  updatedAt: string;
  sections: readonly BriefingSection[];
}>;

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
