import type { PrintBlock, PrintModel } from './layout';
import { appendixDetails } from './layout';
import { escapeInline, escapeLineStart, inlineRuns } from './markdown-inline';

/** A top-level Markdown block, and whether it belongs to a list (list items join without a gap). */
type Chunk = Readonly<{ text: string; list?: 'bullet' | 'ordered'; number?: number }>;

const ORDERED_MARKER = /^(\d{1,9})[.)]$/;

/** A heading's text on one line; "#" is escaped everywhere, as a trailing run of it would be dropped. */
function headingText(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim()).replace(/#/g, '\\#');
}

/**
 * Plain text as Markdown paragraphs: blank lines separate paragraphs, and each single line break
 * is kept as a hard break (a backslash at the end of the line).
 */
function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n\s*/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => escapeLineStart(escapeInline(line.trimEnd())))
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

const hardBreaks = (lines: readonly string[]): string => lines.join('\\\n');

function plainParagraphs(text: string): Chunk[] {
  return paragraphs(text).map((lines) => ({ text: hardBreaks(lines) }));
}

/** A quote as a block quote, each of its lines kept, the note reference after its last word. */
function quoteChunk(block: Extract<PrintBlock, { kind: 'quote' }>, notes: ReadonlySet<number>): Chunk {
  const quoted = paragraphs(block.text).map((lines) => hardBreaks(lines));
  const reference = notes.has(block.citation) ? `[^${block.citation}]` : '';
  if (quoted.length === 0) quoted.push('');
  quoted[quoted.length - 1] += reference;
  const attribution =
    block.attribution.trim() === '' ? [] : [`— ${escapeInline(oneLine(block.attribution))}`];
  const body = [...quoted, ...attribution].join('\n\n');
  return { text: body.replace(/^/gm, '> ').replace(/^> $/gm, '>') };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function blockChunks(block: PrintBlock, notes: ReadonlySet<number>): Chunk[] {
  switch (block.kind) {
    case 'quote':
      return [quoteChunk(block, notes)];
    case 'paragraph': {
      const text = escapeLineStart(inlineRuns(block.runs).trim());
      return text === '' ? [] : [{ text }];
    }
    case 'list-item': {
      const ordered = ORDERED_MARKER.exec(block.marker);
      const content = escapeLineStart(inlineRuns(block.runs).trim());
      if (ordered === null) return [{ text: `- ${content}`.trimEnd(), list: 'bullet' }];
      const number = Number(ordered[1]);
      return [{ text: `${number}. ${content}`.trimEnd(), list: 'ordered', number }];
    }
    case 'judgment': {
      const sentence = inlineRuns([{ text: oneLine(block.text), bold: true }]);
      const qualifier = oneLine(block.qualifier);
      if (sentence === '') return [];
      const line = escapeLineStart(sentence);
      return [
        { text: qualifier === '' ? line : `${line}\\\n${inlineRuns([{ text: qualifier, italic: true }])}` },
      ];
    }
  }
}

/** Joins chunks: blank lines between blocks, single newlines inside a list. */
function join(chunks: readonly Chunk[]): string {
  let out = '';
  let previous: Chunk | undefined;
  for (const chunk of chunks) {
    if (previous === undefined) out = chunk.text;
    else if (chunk.list !== undefined && chunk.list === previous.list) {
      const restarts =
        chunk.list === 'ordered' && (chunk.number ?? 0) <= (previous.number ?? 0) ? '\n\n<!-- -->\n\n' : '\n';
      // Two ordered lists in a row would merge into one; an empty HTML comment keeps them apart.
      out += restarts + chunk.text;
    } else out += `\n\n${chunk.text}`;
    previous = chunk;
  }
  return out;
}

/**
 * Writes a laid-out briefing as CommonMark with GitHub extensions: the marking as the first and last
 * line, the title block, the BLUF, sections and subsections, quotes as block quotes with GFM
 * footnote references and their attribution line, commentary with emphasis and links, key
 * judgments with their qualifier, a Sources list and the notes as GFM footnotes. Every piece of
 * text is escaped, so what a source or an analyst wrote can never become Markdown syntax.
 */
export function markdownFromModel(model: PrintModel): string {
  const chunks: Chunk[] = [];
  const marking = oneLine(model.marking);
  const banner = marking === '' ? [] : [{ text: `**${escapeInline(marking)}**` }];
  chunks.push(...banner);
  if (model.title.trim() !== '') chunks.push({ text: `# ${headingText(model.title)}` });
  if (model.subtitle.trim() !== '') {
    chunks.push({ text: escapeLineStart(inlineRuns([{ text: oneLine(model.subtitle), italic: true }])) });
  }
  chunks.push(...plainParagraphs(model.byline), ...plainParagraphs(model.distribution));
  chunks.push({ text: '---' });

  const bluf = plainParagraphs(model.bluf);
  const [firstBluf, ...restBluf] = bluf;
  if (firstBluf !== undefined) {
    chunks.push({ text: `**Bottom line up front:** ${firstBluf.text}` }, ...restBluf);
  }

  const notes = new Set(model.notes.map((note) => note.number));
  for (const section of model.sections) {
    if (section.heading.trim() !== '') {
      chunks.push({ text: `${section.level === 1 ? '##' : '###'} ${headingText(section.heading)}` });
    }
    for (const block of section.blocks) chunks.push(...blockChunks(block, notes));
  }

  if (model.sources.length > 0) {
    chunks.push({ text: '## Sources' });
    for (const source of model.sources) {
      chunks.push({ text: `- ${escapeLineStart(escapeInline(oneLine(source)))}`, list: 'bullet' });
    }
  }
  if ((model.appendix ?? []).length > 0) {
    chunks.push({ text: '## Appendix: source records' });
    for (const entry of model.appendix ?? []) {
      const details = appendixDetails(entry).map((line) => escapeInline(line));
      chunks.push({
        text: `- ${escapeLineStart(escapeInline(oneLine(entry.source)))}  \n  ${details.join('  \n  ')}`,
        list: 'bullet',
      });
    }
  }
  if (model.notes.length > 0) {
    const definitions = model.notes.map((note) => `[^${note.number}]: ${escapeInline(oneLine(note.text))}`);
    // Blank lines between definitions: a line right after one would be read as its continuation.
    chunks.push({ text: definitions.join('\n\n') });
  }
  chunks.push(...banner);
  return `${join(chunks)}\n`;
}
