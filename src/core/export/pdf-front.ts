import type { PrintModel, PrintSection } from './layout';
import { sectionDestination } from './pdf-blocks';
import type { Sheet, Tag } from './pdf-sheet';
import { COLOUR, FONT } from './pdf-style';
import { containsRtl } from './bidi-lines';
import { flowHeight, writeFlow, writeLine } from './text-flow';

function titleUnit(model: PrintModel, ownPage: boolean) {
  return {
    kind: 'title',
    ownPage,
    title: model.title,
    subtitle: model.subtitle,
    byline: model.byline,
    distribution: model.distribution,
  } as const;
}

/** Title, subtitle, byline and distribution in a column from `top`; returns where it ended. */
function writeTitleLines(sheet: Sheet, model: PrintModel, top: number, titleSize: number): void {
  const { doc, frame } = sheet;
  const column = { x: frame.left, width: frame.contentWidth };
  doc.fontSize(titleSize).fillColor(COLOUR.text);
  sheet.tag('Title', () =>
    writeFlow(doc, [{ text: model.title, font: FONT.bold }], { ...column, y: top, lineGap: 2 }),
  );
  const line = (text: string, size: number, gap: number) => {
    if (text === '') return;
    doc.moveDown(gap);
    doc.fontSize(size).fillColor(COLOUR.muted);
    sheet.tag('P', () => writeFlow(doc, [{ text, font: FONT.regular }], column));
  };
  line(model.subtitle, titleSize * 0.6, 0.3);
  line(model.byline, 10.5, 0.6);
  line(model.distribution, 10.5, 0.25);
}

/** The title block at the top of the first page, closed by a rule. */
export function writeTitleBlock(sheet: Sheet, model: PrintModel): void {
  const { doc, frame } = sheet;
  sheet.place(titleUnit(model, false));
  writeTitleLines(sheet, model, frame.margin.top, 22);
  doc.moveDown(0.8);
  const y = doc.y;
  sheet.artifact(() =>
    doc.moveTo(frame.left, y).lineTo(frame.right, y).lineWidth(0.75).strokeColor(COLOUR.rule).stroke(),
  );
  doc.y = y + 14;
}

/** A title page: the title a third of the way down, a rule, the byline and distribution; then a new page. */
export function writeTitlePage(sheet: Sheet, model: PrintModel): void {
  const { doc, frame } = sheet;
  sheet.place(titleUnit(model, true));
  const top = frame.margin.top + (frame.height - frame.margin.top - frame.margin.bottom) * 0.28;
  sheet.artifact(() => doc.rect(frame.left, top - 22, 48, 4).fill(COLOUR.accent));
  writeTitleLines(sheet, model, top, 28);
  doc.addPage();
}

export function writeBluf(sheet: Sheet, bluf: string): void {
  const { doc, frame } = sheet;
  const padding = 10;
  const textWidth = frame.contentWidth - padding * 2;
  doc.fontSize(11);
  const textHeight = flowHeight(doc, bluf, FONT.regular, { width: textWidth, lineGap: 3 });
  const boxHeight = textHeight + padding * 2 + 16;
  sheet.keepTogether(boxHeight);
  sheet.place({ kind: 'bluf', text: bluf });
  const top = doc.y;
  sheet.artifact(() => {
    doc.rect(frame.left, top, frame.contentWidth, boxHeight).fill(COLOUR.blufFill);
    doc.rect(frame.left, top, 3, boxHeight).fill(COLOUR.accent);
  });
  sheet.group('Div', () => {
    doc.font(FONT.bold).fontSize(8.5).fillColor(COLOUR.accent);
    sheet.tag('P', () =>
      doc.text('BOTTOM LINE UP FRONT', frame.left + padding, top + padding, {
        width: textWidth,
        characterSpacing: 0.6,
      }),
    );
    doc.fontSize(11).fillColor(COLOUR.text);
    sheet.tag('P', () =>
      writeFlow(doc, [{ text: bluf, font: FONT.regular }], {
        x: frame.left + padding,
        y: top + padding + 16,
        width: textWidth,
        lineGap: 3,
      }),
    );
  });
  doc.x = frame.left;
  doc.y = top + boxHeight + 18;
}

const CONTENTS_LINE = 19;

/** A line of the contents, kept for drawing once the sections' pages are known. */
type ContentsSlot = Readonly<{ page: number; y: number }>;

export type ContentsPlan = Readonly<{ slots: readonly ContentsSlot[]; tag: Tag }>;

/**
 * Keeps room for the table of contents (a heading and one line per section) from the current
 * position, over as many pages as it needs; the lines are drawn by `writeContents` once the body
 * has been set and every section's page is known.
 */
export function reserveContents(sheet: Sheet, sections: readonly PrintSection[]): ContentsPlan {
  const { doc, frame } = sheet;
  sheet.keepTogether(40 + CONTENTS_LINE * Math.min(sections.length, 3));
  sheet.place({ kind: 'list-heading', text: 'Contents' });
  const tag = sheet.open('TOC');
  doc.font(FONT.bold).fontSize(14).fillColor(COLOUR.text);
  const headingTop = doc.y;
  sheet.parentFor(tag, () =>
    sheet.tag('H1', () => doc.text('Contents', frame.left, headingTop, { width: frame.contentWidth })),
  );
  doc.outline.addItem('Contents');
  doc.y += 8;
  const slots: ContentsSlot[] = [];
  for (let index = 0; index < sections.length; index += 1) {
    if (doc.y + CONTENTS_LINE > sheet.bottom) doc.addPage();
    slots.push({ page: sheet.pageIndex, y: doc.y });
    doc.y += CONTENTS_LINE;
  }
  doc.y += 12;
  return { slots, tag };
}

/** Draws the contents into the room `reserveContents` kept: heading, leader dots, page, a link. */
export function writeContents(
  sheet: Sheet,
  plan: ContentsPlan,
  sections: readonly PrintSection[],
  headingPages: readonly number[],
): void {
  const { doc, frame } = sheet;
  const numberWidth = 34;
  sections.forEach((section, index) => {
    const slot = plan.slots[index];
    const page = headingPages[index];
    if (slot === undefined || page === undefined) return;
    doc.switchToPage(slot.page);
    const indent = section.level === 1 ? 0 : 16;
    const textWidth = frame.contentWidth - numberWidth - indent - 12;
    sheet.place(
      { kind: 'contents-entry', text: section.heading, level: section.level, page: page + 1 },
      slot.page,
    );
    const font = section.level === 1 ? FONT.bold : FONT.regular;
    doc.fontSize(section.level === 1 ? 11 : 10.5).fillColor(COLOUR.text);
    const text = fitLine(doc, section.heading, font, textWidth);
    const linkTarget = sectionDestination(index);
    sheet.parentFor(plan.tag, () =>
      sheet.tag('TOCI', () => {
        if (containsRtl(text)) {
          writeLine(doc, text, font, { x: frame.left + indent, y: slot.y, width: textWidth, align: 'left' });
        } else {
          doc.font(font).text(text, frame.left + indent, slot.y, { lineBreak: false });
        }
        doc.font(FONT.regular).text(String(page + 1), frame.right - numberWidth, slot.y, {
          width: numberWidth,
          align: 'right',
          lineBreak: false,
        });
      }),
    );
    // The whole line is a link to the section, whatever its script.
    doc.goTo(frame.left, slot.y, frame.contentWidth, CONTENTS_LINE - 4, linkTarget);
    const textEnd = containsRtl(text)
      ? frame.left + indent + textWidth
      : frame.left + indent + doc.font(font).widthOfString(text);
    const leaderStart = Math.min(textEnd + 6, frame.right - numberWidth - 6);
    const leaderY = slot.y + doc.currentLineHeight() * 0.8;
    sheet.artifact(() =>
      doc
        .moveTo(leaderStart, leaderY)
        .lineTo(frame.right - numberWidth + 4, leaderY)
        .lineWidth(0.6)
        .dash(1, { space: 3 })
        .strokeColor(COLOUR.muted)
        .stroke()
        .undash(),
    );
  });
  plan.tag.end();
}

/** `text` cut with an ellipsis to fit on one line of `width` in `font`. */
function fitLine(doc: PDFKit.PDFDocument, text: string, font: string, width: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  doc.font(font);
  if (doc.widthOfString(line) <= width) return line;
  let low = 0;
  let high = line.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (doc.widthOfString(`${line.slice(0, middle).trimEnd()}…`) <= width) low = middle;
    else high = middle - 1;
  }
  return `${line.slice(0, low).trimEnd()}…`;
}
