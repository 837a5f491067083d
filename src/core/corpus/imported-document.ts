import type { BlockKind, DocumentFormat, TextDirection } from '../../shared/dto';
import type { NewBlock } from '../store/blocks';

/** A stretch of a block's text with the inline emphasis the source gave it. */
export type RawRun = Readonly<{
  text: string;
  marks?: readonly ('em' | 'strong' | 'code')[];
  href?: string;
}>;

/**
 * One structural block as an importer found it, before normalisation. `text` is the block's raw
 * text; when `runs` is given, their texts joined equal `text` and carry inline emphasis.
 */
export type RawBlock = Readonly<{
  kind: BlockKind;
  level: number;
  text: string;
  runs?: readonly RawRun[];
  /** 1-based page number (PDF). */
  page?: number;
  /** Recognised site furniture: stored, but kept out of the reading flow. */
  boilerplate?: boolean;
}>;

/** What an importer makes of a file's bytes: metadata and structural blocks, before storage. */
export type ParsedDocument = Readonly<{
  format: DocumentFormat;
  title: string | null;
  author: string | null;
  outlet: string | null;
  /** YYYY-MM-DD. */
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  direction?: TextDirection | null;
  blocks: readonly RawBlock[];
  /**
   * The normalised text, its blocks and both hashes, when a parser thread already computed them
   * (so the thread that stores documents does no text work). `blocks` is then empty.
   */
  prepared?: PreparedText;
}>;

export type PreparedText = Readonly<{
  text: string;
  blocks: readonly NewBlock[];
  textSha256: string;
  originalSha256: string;
}>;

/**
 * Turns a file's bytes into a document. Pure (no database, no file system, no network); throws
 * CoreError with a user-facing message (codes import-unreadable, import-empty-file,
 * import-too-large) when the file cannot become a document.
 */
export type Importer = (bytes: Buffer, fileName: string) => ParsedDocument | Promise<ParsedDocument>;
