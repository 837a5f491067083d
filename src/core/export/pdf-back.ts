import type { PrintModel, PrintNote } from './layout';
import { appendixDetails } from './layout';
import type { NotePlacer } from './pdf-blocks';
import { destination, GENERATED, noteDestination } from './pdf-blocks';
import type { Sheet } from './pdf-sheet';
import { COLOUR, FONT } from './pdf-style';
import { flowHeight, flowHeightBound, writeFlow } from './text-flow';

const NOTE_SIZE = 9.5;
const NUMBER_WIDTH = 22;

/** A heading for the lists after the body (Notes, Sources, the appendix), with a bookmark. */
function writeListHeading(sheet: Sheet, text: string, first: ListEntry | undefined): void {
  const { doc, frame } = sheet;
  doc.y += 8;
  // Never alone at the foot of a page: kept with the first entry.
  sheet.keepTogether(30 + (first === undefined ? 0 : entryHeight(sheet, first)));
  doc.font(FONT.bold).fontSize(14);
  sheet.place({ kind: 'list-heading', text });
  const top = doc.y;
  sheet.tag('H1', () =>
    doc.fillColor(COLOUR.text).text(text, frame.left, top, { width: frame.contentWidth }),
  );
  doc.outline.addItem(text);
  doc.y += 6;
}

type ListEntry = Readonly<{
  /** The number in the margin (notes), or none (a hanging indent for sources). */
  number?: number;
  lines: readonly Readonly<{ text: string; font: string }>[];
  destination?: string;
}>;

const HANGING_INDENT = 18;

function entryLeft(sheet: Sheet, entry: ListEntry): number {
  return sheet.frame.left + (entry.number === undefined ? HANGING_INDENT : NUMBER_WIDTH);
}

function entryHeight(sheet: Sheet, entry: ListEntry, measure: typeof flowHeight = flowHeight): number {
  const width = sheet.frame.right - entryLeft(sheet, entry);
  sheet.doc.fontSize(NOTE_SIZE);
  return entry.lines.reduce(
    (sum, line) => sum + measure(sheet.doc, line.text, line.font, { width, lineGap: 2, ...GENERATED }),
    0,
  );
}

/**
 * A list after the body under its heading: notes (numbered) or entries (hanging indent), each
 * kept on one page, in the small size.
 */
function writeList(
  sheet: Sheet,
  heading: string,
  entries: readonly ListEntry[],
  toUnit: (index: number) => Parameters<Sheet['place']>[0],
): void {
  const { doc, frame } = sheet;
  writeListHeading(sheet, heading, entries[0]);
  entries.forEach((entry, index) => {
    const x = entryLeft(sheet, entry);
    const width = frame.right - x;
    sheet.keepTogetherBounded(entryHeight(sheet, entry, flowHeightBound), () => entryHeight(sheet, entry));
    doc.fontSize(NOTE_SIZE);
    sheet.place(toUnit(index));
    const top = doc.y;
    if (entry.destination !== undefined) destination(doc, entry.destination, frame.left, top);
    sheet.tag(entry.number === undefined ? 'P' : 'Note', () => {
      if (entry.number !== undefined) {
        doc
          .font(FONT.regular)
          .fillColor(COLOUR.text)
          .text(`${entry.number}.`, frame.left, top, { width: NUMBER_WIDTH });
      }
      doc.fillColor(COLOUR.text);
      entry.lines.forEach((line, lineIndex) => {
        writeFlow(doc, [{ text: line.text, font: line.font }], {
          x,
          ...(lineIndex === 0 ? { y: top } : {}),
          width,
          lineGap: 2,
          ...GENERATED,
        });
      });
    });
    doc.x = frame.left;
    doc.y += 5;
  });
}

/** The endnotes: every note with its number, each a link target for the number in the text. */
export function writeEndnotes(sheet: Sheet, notes: readonly PrintNote[]): void {
  writeList(
    sheet,
    'Notes',
    notes.map((note) => ({
      number: note.number,
      lines: [{ text: note.text, font: FONT.regular }],
      destination: noteDestination(note.number),
    })),
    (index) => ({ kind: 'note', number: notes[index]?.number ?? 0, text: notes[index]?.text ?? '' }),
  );
}

/** The sources, alphabetically, in bibliography form, after the notes (hanging indent). */
export function writeSources(sheet: Sheet, model: PrintModel): void {
  writeList(
    sheet,
    'Sources',
    model.sources.map((entry) => ({ lines: [{ text: entry, font: FONT.regular }] })),
    (index) => ({ kind: 'entry', text: model.sources[index] ?? '', detail: [] }),
  );
}

/** The appendix: each source with the SHA-256 of its file and text and the date it was taken. */
export function writeSourceAppendix(sheet: Sheet, model: PrintModel): void {
  const entries = model.appendix ?? [];
  if (entries.length === 0) return;
  const details = entries.map(appendixDetails);
  writeList(
    sheet,
    'Appendix: source records',
    entries.map((entry, index) => ({
      lines: [
        { text: entry.source, font: FONT.regular },
        ...(details[index] ?? []).map((text) => ({ text, font: FONT.italic })),
      ],
    })),
    (index) => ({ kind: 'entry', text: entries[index]?.source ?? '', detail: details[index] ?? [] }),
  );
}

/**
 * Footnotes: a note is set at the foot of the page where its number first appears. Before a quote is
 * placed the placer says how much room its note needs, so the quote and its note share a page; the
 * notes are drawn once the body is done (`writeFootnotes`).
 */
export function footnotePlacer(sheet: Sheet, notes: readonly PrintNote[]): NotePlacer {
  const byNumber = new Map(notes.map((note) => [note.number, note]));
  const placed = new Set<number>();
  const width = sheet.frame.contentWidth - NUMBER_WIDTH;
  const heightOf = (note: PrintNote) => {
    sheet.doc.fontSize(8.5);
    return flowHeight(sheet.doc, note.text, FONT.regular, { width, lineGap: 1.5, ...GENERATED }) + 3;
  };
  // The rule above the first footnote of a page.
  const separator = 12;
  return {
    heightFor: (citation) => {
      const note = byNumber.get(citation);
      if (note === undefined || placed.has(citation)) return 0;
      return heightOf(note) + (sheet.reservedForFootnotes === 0 ? separator : 0);
    },
    placed: (citation) => {
      const note = byNumber.get(citation);
      if (note === undefined || placed.has(citation)) return;
      placed.add(citation);
      const height = heightOf(note) + (sheet.reservedForFootnotes === 0 ? separator : 0);
      const page = sheet.pageIndex;
      const list = sheet.footnotes.get(page) ?? [];
      // Under the document, not the section: a section ends (with its children) before the note is set.
      list.push({ number: note.number, text: note.text, height, tag: sheet.open('Note', sheet.root) });
      sheet.footnotes.set(page, list);
      sheet.reserveFootnote(height);
    },
  };
}

/** Sets each page's footnotes in the room kept for them at its foot, under a short rule. */
export function writeFootnotes(sheet: Sheet): void {
  const { doc, frame } = sheet;
  const width = frame.contentWidth - NUMBER_WIDTH;
  for (const [page, notes] of [...sheet.footnotes.entries()].sort((a, b) => a[0] - b[0])) {
    doc.switchToPage(page);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const total = notes.reduce((sum, note) => sum + note.height, 0);
    let y = frame.height - frame.margin.bottom - total + 6;
    const ruleY = y;
    sheet.artifact(() =>
      doc
        .moveTo(frame.left, ruleY)
        .lineTo(frame.left + 120, ruleY)
        .lineWidth(0.5)
        .strokeColor(COLOUR.rule)
        .stroke(),
    );
    y += 6;
    for (const note of notes) {
      sheet.place({ kind: 'footnote', number: note.number, text: note.text }, page);
      destination(doc, noteDestination(note.number), frame.left, y);
      const top = y;
      sheet.parentFor(note.tag, () =>
        sheet.tag('P', () => {
          doc.fontSize(8.5).fillColor(COLOUR.text);
          doc
            .font(FONT.regular)
            .text(`${note.number}.`, frame.left, top, { width: NUMBER_WIDTH, lineBreak: false });
          writeFlow(doc, [{ text: note.text, font: FONT.regular }], {
            x: frame.left + NUMBER_WIDTH,
            y: top,
            width,
            lineGap: 1.5,
            ...GENERATED,
          });
        }),
      );
      note.tag.end();
      y = doc.y + 3;
    }
    doc.page.margins.bottom = savedBottom;
  }
}
