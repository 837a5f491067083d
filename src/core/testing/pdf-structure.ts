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

type RawOutline = Readonly<{ title: string; dest: unknown; items: readonly RawOutline[] }>;

/** A PDF's document info, language and bookmarks (with the 1-based page each one opens), via pdf.js. */
export async function pdfStructureOf(bytes: Buffer): Promise<PdfStructure> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const metadata = await document.getMetadata();
    const pageOf = async (dest: unknown): Promise<number> => {
      const explicit = typeof dest === 'string' ? await document.getDestination(dest) : dest;
      const [ref] = Array.isArray(explicit) ? (explicit as unknown[]) : [];
      return (await document.getPageIndex(ref as Parameters<typeof document.getPageIndex>[0])) + 1;
    };
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
  } finally {
    await task.destroy();
  }
}
