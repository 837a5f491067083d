import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Loaded like the PDF importer does: the worker code on this thread (see importers/pdf.ts). */
const PDFJS_WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

async function loadPdfJs(): Promise<typeof PdfJs> {
  await import(/* @vite-ignore */ PDFJS_WORKER_MODULE);
  return await import('pdfjs-dist/legacy/build/pdf.mjs');
}

export type OutlineEntry = Readonly<{ title: string; page: number; items: readonly OutlineEntry[] }>;

export type PdfStructure = Readonly<{
  /** The document information dictionary plus the catalog's language (pdf.js calls it Language). */
  info: Readonly<Record<string, unknown>>;
  outline: readonly OutlineEntry[];
}>;

type PdfDocument = Awaited<ReturnType<typeof PdfJs.getDocument>['promise']>;

/** Opens `bytes` with pdf.js for `read`, and always closes it again. */
async function withPdf<T>(bytes: Buffer, read: (document: PdfDocument) => Promise<T>): Promise<T> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await read(await task.promise);
  } finally {
    await task.destroy();
  }
}

/** The 1-based page a destination (a name or an explicit array) opens. */
async function pageOfDestination(document: PdfDocument, dest: unknown): Promise<number> {
  const explicit = typeof dest === 'string' ? await document.getDestination(dest) : dest;
  const [ref] = Array.isArray(explicit) ? (explicit as unknown[]) : [];
  return (await document.getPageIndex(ref as Parameters<typeof document.getPageIndex>[0])) + 1;
}

type RawOutline = Readonly<{ title: string; dest: unknown; items: readonly RawOutline[] }>;

/** A PDF's document info, language and bookmarks (with the 1-based page each one opens), via pdf.js. */
export async function pdfStructureOf(bytes: Buffer): Promise<PdfStructure> {
  return withPdf(bytes, async (document) => {
    const metadata = await document.getMetadata();
    const pageOf = (dest: unknown) => pageOfDestination(document, dest);
    const entries = async (raw: readonly RawOutline[]): Promise<OutlineEntry[]> =>
      Promise.all(
        raw.map(async (item) => ({
          title: item.title,
          page: await pageOf(item.dest),
          items: await entries(item.items),
        })),
      );
    const outline = ((await document.getOutline()) as readonly RawOutline[] | null) ?? [];
    return { info: metadata.info as Record<string, unknown>, outline: await entries(outline) };
  });
}

/** A link on a page: where it sits and where it goes (a 1-based page, or a web address). */
export type PdfLink = Readonly<{
  page: number;
  rect: readonly number[];
  toPage: number | null;
  url: string | null;
}>;

/** A structure element of a tagged PDF: its role and its children (content items are left out). */
export type StructNode = Readonly<{ role: string; children: readonly StructNode[] }>;

export type PdfAccess = Readonly<{
  links: readonly PdfLink[];
  /** The structure tree of each page, as pdf.js reads it (null for an untagged page). */
  structure: readonly (StructNode | null)[];
  /** Whether the catalog marks the document as tagged. */
  marked: boolean;
}>;

type RawStruct = Readonly<{ role?: string; type?: string; children?: readonly RawStruct[] }>;

function structNode(raw: RawStruct): StructNode {
  return {
    role: raw.role ?? '',
    children: (raw.children ?? []).filter((child) => child.type !== 'content').map(structNode),
  };
}

/** Every link annotation with its target page, each page's structure tree and the MarkInfo flag. */
export async function pdfAccessOf(bytes: Buffer): Promise<PdfAccess> {
  return withPdf(bytes, async (document) => {
    const links: PdfLink[] = [];
    const structure: (StructNode | null)[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const annotations = (await page.getAnnotations()) as {
        subtype: string;
        rect: number[];
        dest?: unknown;
        url?: string;
      }[];
      for (const annotation of annotations) {
        if (annotation.subtype !== 'Link') continue;
        const toPage =
          annotation.dest === undefined || annotation.dest === null
            ? null
            : await pageOfDestination(document, annotation.dest);
        links.push({ page: number, rect: annotation.rect, toPage, url: annotation.url ?? null });
      }
      const tree = (await page.getStructTree()) as RawStruct | null;
      structure.push(tree === null ? null : structNode(tree));
    }
    const markInfo = (await document.getMarkInfo()) as { Marked?: boolean } | null;
    return { links, structure, marked: markInfo?.Marked === true };
  });
}
