import PDFDocument from 'pdfkit';
import { createHash } from 'node:crypto';
import type { PrintModel } from './layout';
import type { Frame } from './pdf-style';
import { registerFonts } from './pdf-style';

type Doc = PDFKit.PDFDocument;

export type DocumentSettings = Readonly<{
  frame: Frame;
  fontsDir: string;
  creationDate: Date;
  author: string;
  language: string;
  keywords: readonly string[];
}>;

/** Section headings, each once, in order: what a briefing is about when no keywords are given. */
export function headingKeywords(model: PrintModel): string[] {
  return [
    ...new Set(model.sections.map((section) => section.heading.trim()).filter((heading) => heading !== '')),
  ];
}

/**
 * The file identifier for the trailer, from everything that decides the output. pdfkit derives it
 * from the document info alone, so two different briefings with the same title, author and date
 * would share one; from the content, an export is reproducible (same model, options and date give
 * the same bytes) and distinct briefings get distinct identifiers.
 */
export function fileIdentifier(model: PrintModel, settings: DocumentSettings): Buffer {
  const inputs = {
    model,
    pageSize: settings.frame.size,
    creationDate: settings.creationDate.toISOString(),
    author: settings.author,
    language: settings.language,
    keywords: settings.keywords,
  };
  return createHash('md5').update(JSON.stringify(inputs)).digest();
}

export function openDocument(model: PrintModel, settings: DocumentSettings): Doc {
  const { frame } = settings;
  const doc = new PDFDocument({
    // The catalog's /Lang entry is a PDF 1.4 feature (pdfkit writes 1.3 by default).
    pdfVersion: '1.4',
    size: [frame.width, frame.height],
    margins: frame.margin,
    bufferPages: true,
    autoFirstPage: true,
    lang: settings.language,
    displayTitle: true,
    // Tagged: a structure tree (headings, paragraphs, quotes, lists, notes) for screen readers.
    tagged: true,
    info: {
      Title: model.title,
      Author: settings.author,
      Subject: model.bluf.slice(0, 500),
      ...(settings.keywords.length > 0 ? { Keywords: settings.keywords.join(', ') } : {}),
      Creator: 'Briefing Builder',
      Producer: 'Briefing Builder (pdfkit)',
      CreationDate: settings.creationDate,
    },
  });
  registerFonts(doc, settings.fontsDir);
  // pdfkit writes `_id` into the trailer when the document ends and offers no option for it.
  (doc as unknown as { _id: Uint8Array })._id = fileIdentifier(model, settings);
  return doc;
}

/** The document's bytes once it has ended. */
export function collectBytes(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
