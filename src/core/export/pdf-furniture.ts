import type { PrintModel } from './layout';
import type { Sheet } from './pdf-blocks';
import { COLOUR, FONT } from './pdf-style';
import { writeLine } from './text-flow';

/** The marking banner at the top and bottom of every page, and the footer with "Page X of Y". */
export function writePageFurniture({ doc, frame }: Sheet, model: PrintModel, pages: number): void {
  const shortTitle = model.title.length > 70 ? `${model.title.slice(0, 67).trimEnd()}…` : model.title;
  for (let index = 0; index < pages; index += 1) {
    doc.switchToPage(index);
    // Writing in the margins must not make pdfkit start new pages.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
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
    doc.page.margins.bottom = savedBottom;
  }
}
