import type { PrintModel, PrintNote } from './layout';
import { elementRun, fieldRuns, textRuns } from './docx-runs';

const REFERENCE = { characterStyle: 'EndnoteReference' } as const;

/**
 * How note numbers are shown. `auto`: Word numbers endnotes itself, in order of their references,
 * which gives the model's numbers whenever each note is first cited in number order (always so for
 * layoutBriefing). `custom`: otherwise every reference carries its number as a custom mark, so Word
 * cannot renumber the notes away from the Markdown and PDF exports.
 */
export type NoteMode = 'auto' | 'custom';

/**
 * The notes that can become endnotes: ids -1 and 0 belong to the separators and ids must be unique,
 * so a note numbered below 1, or a second note with the same number, is left out.
 */
export function endnotesOf(model: PrintModel): PrintNote[] {
  const seen = new Set<number>();
  return model.notes.filter((note) => {
    if (!Number.isSafeInteger(note.number) || note.number < 1 || seen.has(note.number)) return false;
    seen.add(note.number);
    return true;
  });
}

export function noteModeFor(model: PrintModel): NoteMode {
  const known = new Set(endnotesOf(model).map((note) => note.number));
  const firstSeen: number[] = [];
  for (const section of model.sections) {
    for (const block of section.blocks) {
      if (block.kind !== 'quote' || !known.has(block.citation) || firstSeen.includes(block.citation))
        continue;
      firstSeen.push(block.citation);
    }
  }
  return firstSeen.every((number, index) => number === index + 1) ? 'auto' : 'custom';
}

/**
 * Writes the citation marks after quotes. A note's first citation is a real endnote reference; a
 * later citation of the same note (the "reuse" citation style) cannot be a second reference to the
 * same endnote, so it is a NOTEREF cross-reference to a bookmark on the first, the way Word's own
 * "Insert cross-reference" does it.
 */
export class CitationWriter {
  private readonly known: ReadonlySet<number>;
  private readonly cited = new Set<number>();
  private nextBookmark = 1;

  constructor(
    model: PrintModel,
    private readonly mode: NoteMode,
  ) {
    this.known = new Set(endnotesOf(model).map((note) => note.number));
  }

  /** The runs for citation `number` (0 or an unknown number gives none). */
  reference(number: number): string {
    if (!this.known.has(number)) return '';
    const mark = String(number);
    if (this.cited.has(number)) {
      return this.mode === 'auto'
        ? fieldRuns(`NOTEREF ${bookmarkName(number)} \\f \\h`, mark, REFERENCE)
        : textRuns(mark, REFERENCE);
    }
    this.cited.add(number);
    const id = this.nextBookmark;
    this.nextBookmark += 1;
    const reference =
      this.mode === 'auto'
        ? elementRun(`<w:endnoteReference w:id="${number}"/>`, REFERENCE)
        : `<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:customMarkFollows="1" w:id="${number}"/><w:t>${mark}</w:t></w:r>`;
    return (
      `<w:bookmarkStart w:id="${id}" w:name="${bookmarkName(number)}"/>` +
      reference +
      `<w:bookmarkEnd w:id="${id}"/>`
    );
  }
}

/** Names starting with "_" are hidden bookmarks, as Word names its own cross-reference targets. */
function bookmarkName(number: number): string {
  return `_RefNote${number}`;
}
