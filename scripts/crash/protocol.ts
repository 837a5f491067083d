/**
 * What the crash worker tells the harness, one JSON object per line on stdout. A change is
 * announced (`begin`) before its API call and acknowledged (`ack`) only after the call resolved,
 * so at a kill at most one change is in flight: it may have happened or not, but never in part.
 */
export type ExportFormat = 'pdf' | 'docx' | 'md';

export type Op = Readonly<
  { id: string; marker: string } & (
    | { kind: 'import'; via: 'paste' | 'file' }
    | { kind: 'createExcerpt'; documentId: string; start: number; end: number }
    | { kind: 'updateExcerpt'; excerptId: string; note: string; tags: readonly string[] }
    | { kind: 'createBriefing'; title: string; template: 'bluf' | null }
    | { kind: 'addSection'; briefingId: string; heading: string }
    | { kind: 'addCommentary'; briefingId: string; sectionId: string; text: string }
    | { kind: 'addExcerptItem'; briefingId: string; sectionId: string; excerptId: string }
    | { kind: 'updateCommentary'; itemId: string; text: string }
    | { kind: 'moveItem'; itemId: string; toSectionId: string; index: number }
    | { kind: 'removeItem'; itemId: string }
    | { kind: 'updateBriefing'; briefingId: string; title: string; bluf: string }
    | { kind: 'export'; briefingId: string; format: ExportFormat; path: string }
  )
>;

export type OpKind = Op['kind'];

export type AckResult = Readonly<{
  documentId?: string;
  excerptId?: string;
  briefingId?: string;
  sectionIds?: readonly string[];
  sectionId?: string;
  itemId?: string;
  path?: string;
}>;

export type WorkerMessage =
  | Readonly<{ t: 'ready'; pid: number }>
  | Readonly<{ t: 'begin'; op: Op }>
  | Readonly<{ t: 'ack'; id: string; result: AckResult }>
  | Readonly<{ t: 'failed'; id: string; code: string; message: string }>;

/** A word the full-text index keeps as it is (letters then digits: no stemmer touches it). */
export function markerFor(life: number, sequence: number): string {
  return `zq${life}x${sequence}`;
}
