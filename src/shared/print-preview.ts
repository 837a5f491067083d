import type { PrintBlock } from './print-layout';

/**
 * One piece of a printed page, in the order the PDF sets it. The PDF writer reports each piece as
 * it places it, so the on-screen preview shows exactly the PDF's pages; the renderer only draws.
 */
export type PreviewUnit =
  | Readonly<{
      kind: 'title';
      /** A title page of its own, or the title block at the top of the first page. */
      ownPage: boolean;
      title: string;
      subtitle: string;
      byline: string;
      distribution: string;
    }>
  | Readonly<{ kind: 'bluf'; text: string }>
  | Readonly<{ kind: 'list-heading'; text: string }>
  | Readonly<{ kind: 'contents-entry'; text: string; level: 1 | 2; page: number }>
  | Readonly<{ kind: 'heading'; text: string; level: 1 | 2 }>
  | Readonly<{ kind: 'block'; block: PrintBlock }>
  | Readonly<{ kind: 'note'; number: number; text: string }>
  | Readonly<{ kind: 'footnote'; number: number; text: string }>
  | Readonly<{ kind: 'entry'; text: string; detail: readonly string[] }>;

export type PrintPreview = Readonly<{
  /** Page size in PDF points. */
  width: number;
  height: number;
  marking: string;
  /** The short title in every page's footer. */
  footerTitle: string;
  pages: readonly (readonly PreviewUnit[])[];
}>;
