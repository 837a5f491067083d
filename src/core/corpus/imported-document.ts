import type { DocumentFormat } from '../../shared/dto';
import type { RawBlock } from './normalise';

/** What an importer makes of a file's bytes: metadata and structural blocks, before storage. */
export type ParsedDocument = Readonly<{
  format: DocumentFormat;
  title: string | null;
  author: string | null;
  outlet: string | null;
  publishedAt: string | null;
  url: string | null;
  language: string | null;
  blocks: readonly RawBlock[];
}>;

export type Importer = (bytes: Buffer, fileName: string) => ParsedDocument;
