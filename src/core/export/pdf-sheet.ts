import type { PreviewUnit } from '../../shared/print-preview';
import type { Frame } from './pdf-style';

type Doc = PDFKit.PDFDocument;

type StructureOptions = Parameters<Doc['struct']>[1];

/** A structure element of the tagged PDF (a parent that content can be added to). */
export type Tag = PDFKit.PDFStructureElement;

/** A footnote waiting to be set at the foot of its page, and its tag in the structure tree. */
export type PendingFootnote = Readonly<{ number: number; text: string; height: number; tag: Tag }>;

/**
 * The document being written: the page geometry, where each piece landed (for the preview) and
 * the tagged-PDF structure the content goes into. Writers put everything on the page through a
 * Sheet so that the PDF, its structure tree and the preview never disagree.
 */
export class Sheet {
  /** What was placed on each page, in order. */
  readonly pages: PreviewUnit[][] = [[]];
  /** Footnotes per page index, set at the foot of the page once the body is written. */
  readonly footnotes = new Map<number, PendingFootnote[]>();
  private parents: Tag[];
  /** Height kept free at the foot of the current page for its footnotes. */
  private footnoteReserve = 0;

  constructor(
    readonly doc: Doc,
    readonly frame: Frame,
    root: Tag,
    private readonly onPage?: (pages: number) => void,
  ) {
    this.parents = [root];
    doc.on('pageAdded', () => {
      this.pages.push([]);
      this.footnoteReserve = 0;
      this.onPage?.(this.pages.length);
    });
  }

  /** The index of the page being written. */
  get pageIndex(): number {
    return this.doc.bufferedPageRange().count - 1;
  }

  /** Records that `unit` starts on the current page (or on `page`, for pieces set afterwards). */
  place(unit: PreviewUnit, page: number = this.pageIndex): void {
    this.pages[page]?.push(unit);
  }

  /** The lowest y the body may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one (a taller piece just starts). */
  keepTogether(height: number): void {
    const fullPage =
      this.frame.height - this.frame.margin.bottom - this.footnoteReserve - this.frame.margin.top;
    if (this.doc.y + height > this.bottom && height <= fullPage) this.doc.addPage();
  }

  /**
   * keepTogether for a height known exactly only at a cost: when the cheap upper `bound` fits on
   * this page the block fits too, and `exact` is never measured.
   */
  keepTogetherBounded(bound: number, exact: () => number): void {
    if (this.doc.y + bound <= this.bottom) return;
    this.keepTogether(exact());
  }

  /** Keeps `height` more at the foot of the current page free (for a footnote set there later). */
  reserveFootnote(height: number): void {
    this.footnoteReserve += height;
    this.doc.page.margins.bottom = this.frame.margin.bottom + this.footnoteReserve;
  }

  get reservedForFootnotes(): number {
    return this.footnoteReserve;
  }

  /** The document element at the top of the structure tree. */
  get root(): Tag {
    return this.parents[0] as Tag;
  }

  /** The current parent in the structure tree. */
  get parent(): Tag {
    return this.parents[this.parents.length - 1] as Tag;
  }

  /** A structure element under the current parent, with `draw` as its content. */
  tag(type: string, draw: () => void, options: StructureOptions = {}): void {
    this.parent.add(this.doc.struct(type, options, [draw]));
  }

  /** Opens a grouping element (a section, a list); content tagged inside `body` goes under it. */
  group(type: string, body: () => void, options: StructureOptions = {}): Tag {
    const element = this.doc.struct(type, options);
    this.parent.add(element);
    this.parents.push(element);
    try {
      body();
    } finally {
      this.parents.pop();
    }
    element.end();
    return element;
  }

  /** Runs `body` with `parent` as the parent of what it tags (an element opened earlier). */
  parentFor(parent: Tag, body: () => void): void {
    this.parents.push(parent);
    try {
      body();
    } finally {
      this.parents.pop();
    }
  }

  /** A structure element to fill later (the contents, footnotes); the caller ends it. */
  open(type: string, parent: Tag = this.parent): Tag {
    const element = this.doc.struct(type);
    parent.add(element);
    return element;
  }

  /** Decoration (rules, boxes, banners): marked as an artifact so screen readers skip it. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }
}
