/** One piece of a trimmed quote. Quote offsets are UTF-16 offsets into the ORIGINAL excerpt quote. */
export type QuoteSegment =
  | Readonly<{ kind: 'quote'; start: number; end: number }>
  | Readonly<{ kind: 'omission' }>
  | Readonly<{ kind: 'insertion'; text: string }>;

/** A trimmed quote, in printed order. */
export type QuoteTrim = readonly QuoteSegment[];

/** What `parseQuoteEdit` made of an edit: the trim and its printed text, or why it was refused. */
export type QuoteEditResult =
  Readonly<{ ok: true; segments: QuoteTrim; text: string }> | Readonly<{ ok: false; reason: string }>;
