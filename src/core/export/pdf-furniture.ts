import type { PrintModel } from './layout';
import type { Sheet } from './pdf-sheet';
import { COLOUR, FONT } from './pdf-style';
import { writeLine } from './text-flow';

/** The briefing's short title, as the footer of every page shows it. */
export function footerTitle(model: PrintModel): string {
  return model.title.length > 70 ? `${model.title.slice(0, 67).trimEnd()}…` : model.title;
}

/**
 * The marking banner at the top and bottom of every page, and the footer with the short title and
 * "Page X of Y"; all of it marked as pagination artifacts, outside the document's structure.
 */
export function writePageFurniture(sheet: Sheet, model: PrintModel, pages: number): void {
  const { doc, frame } = sheet;
  const shortTitle = footerTitle(model);
  for (let index = 0; index < pages; index += 1) {
    doc.switchToPage(index);
    // Writing in the margins must not make pdfkit start new pages.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    sheet.artifact(() => {
      if (model.marking !== '') {
        doc.fontSize(9).fillColor(COLOUR.text);
        const banner = { x: 0, width: frame.width, align: 'center' } as const;
        writeLine(doc, model.marking, FONT.bold, { ...banner, y: 30 });
        writeLine(doc, model.marking, FONT.bold, { ...banner, y: frame.height - 38 });
      }
      const footerY = frame.height - 62;
      doc
        .moveTo(frame.left, footerY - 8)
        .lineTo(frame.right, footerY - 8)
        .lineWidth(0.5)
        .strokeColor(COLOUR.rule)
        .stroke();
      doc.fontSize(8.5).fillColor(COLOUR.muted);
      writeLine(doc, shortTitle, FONT.regular, {
        x: frame.left,
        y: footerY,
        width: frame.contentWidth * 0.7,
        align: 'left',
      });
      doc.text(`Page ${index + 1} of ${pages}`, frame.left, footerY, {
        width: frame.contentWidth,
        align: 'right',
        lineBreak: false,
      });
    }, 'Pagination');
    doc.page.margins.bottom = savedBottom;
  }
}
