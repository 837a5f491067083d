import {
  attributionLine,
  bibliographyEntry,
  formatLongDate,
  planCitations,
  sourceSortKey,
} from './citations';
import type { Briefing } from './dto';
import { judgmentQualifier } from './estimative';
import type { RichInline, RichText } from './rich-text';

/** A run of text with its emphasis, as printed. */
export type PrintRun = Readonly<{ text: string; bold?: boolean; italic?: boolean; link?: string }>;

export type PrintBlock =
  | Readonly<{ kind: 'quote'; text: string; attribution: string; citation: number }>
  | Readonly<{ kind: 'paragraph'; runs: readonly PrintRun[] }>
  | Readonly<{ kind: 'list-item'; marker: string; runs: readonly PrintRun[] }>
  | Readonly<{ kind: 'judgment'; text: string; qualifier: string }>;

export type PrintSection = Readonly<{ heading: string; level: 1 | 2; blocks: readonly PrintBlock[] }>;

export type PrintNote = Readonly<{ number: number; text: string }>;

/** A briefing laid out for print, independent of the output (PDF, the on-screen preview). */
export type PrintModel = Readonly<{
  title: string;
  subtitle: string;
  byline: string;
  /** "Distribution: …", or empty. */
  distribution: string;
  marking: string;
  bluf: string;
  sections: readonly PrintSection[];
  notes: readonly PrintNote[];
  /** The sources in alphabetical order, in bibliography form. */
  sources: readonly string[];
  /** The source appendix (filled in by core from the library when the briefing asks for it). */
  appendix?: readonly AppendixEntry[];
}>;

/** One source in the appendix: what it is, the SHA-256 of its file and text, and when it was taken. */
export type AppendixEntry = Readonly<{
  source: string;
  fileSha256: string;
  textSha256: string;
  /** The date the file was taken into the library, written out ("27 November 2026"). */
  accessed: string;
}>;

function runs(inlines: readonly RichInline[]): PrintRun[] {
  return inlines.map((inline) => ({
    text: inline.text,
    ...(inline.bold === true ? { bold: true } : {}),
    ...(inline.italic === true ? { italic: true } : {}),
    ...(inline.link === undefined ? {} : { link: inline.link }),
  }));
}

function richBlocks(rich: RichText): PrintBlock[] {
  return rich.blocks.flatMap((block): PrintBlock[] => {
    if (block.type === 'paragraph') {
      return block.content.every((inline) => inline.text.trim() === '')
        ? []
        : [{ kind: 'paragraph', runs: runs(block.content) }];
    }
    return block.items.map((item, index) => ({
      kind: 'list-item',
      marker: block.type === 'ordered-list' ? `${index + 1}.` : '•',
      runs: runs(item),
    }));
  });
}

/**
 * Turns a briefing into printable blocks. Citations are numbered in reading order with the
 * briefing's citation options; empty commentary and empty judgments are left out.
 */
export function layoutBriefing(briefing: Briefing): PrintModel {
  const cited = briefing.sections.flatMap((section) =>
    section.items.flatMap((item) =>
      item.kind === 'excerpt' ? [{ itemId: item.id, source: item.attribution }] : [],
    ),
  );
  const plan = planCitations(cited, { style: briefing.citationStyle, repeat: briefing.repeatCitations });
  const sections: PrintSection[] = briefing.sections.map((section) => ({
    heading: section.heading,
    level: section.level,
    blocks: section.items.flatMap((item): PrintBlock[] => {
      if (item.kind === 'commentary') return richBlocks(item.rich);
      if (item.kind === 'judgment') {
        return item.text.trim() === ''
          ? []
          : [
              {
                kind: 'judgment',
                text: item.text.trim(),
                qualifier: judgmentQualifier(item.likelihood, item.confidence),
              },
            ];
      }
      return [
        {
          kind: 'quote',
          text: item.quote,
          attribution: attributionLine(item.attribution),
          citation: plan.byItem.get(item.id) ?? 0,
        },
      ];
    }),
  }));
  const byline = [briefing.author, formatLongDate(briefing.date)]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');
  return {
    title: briefing.title,
    subtitle: briefing.subtitle,
    byline,
    distribution: briefing.recipients.trim() === '' ? '' : `Distribution: ${briefing.recipients.trim()}`,
    marking: briefing.marking,
    bluf: briefing.bluf,
    sections: printedSections(sections),
    notes: plan.notes.map((note) => ({ number: note.number, text: note.text })),
    sources: [...plan.sources]
      .map((source) => ({ key: sourceSortKey(source), entry: bibliographyEntry(source) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((source) => source.entry),
  };
}

/**
 * The sections that print: one with nothing in it (a template section left empty) is left out,
 * unless a subsection under it has content, so a distributed briefing has no empty headings.
 */
function printedSections(sections: readonly PrintSection[]): PrintSection[] {
  return sections.filter((section, index) => {
    if (section.blocks.length > 0) return true;
    if (section.level === 2) return false;
    for (let next = index + 1; next < sections.length && sections[next]?.level === 2; next += 1) {
      if ((sections[next]?.blocks.length ?? 0) > 0) return true;
    }
    return false;
  });
}

/** The lines under a source in the appendix, the same in every format. */
export function appendixDetails(entry: AppendixEntry): string[] {
  return [
    `Accessed ${entry.accessed}`,
    `File SHA-256 ${entry.fileSha256}`,
    `Text SHA-256 ${entry.textSha256}`,
  ];
}

/** The plain text of a run list (for measuring and for plain outputs). */
export function runsText(list: readonly PrintRun[]): string {
  return list.map((run) => run.text).join('');
}
