import type { Briefing } from '../../shared/dto';
import { attributionLine, formatLongDate, numberCitations } from '../../shared/citations';
import { chicagoNote } from './citation';

export type PrintBlock =
  | Readonly<{ kind: 'quote'; text: string; attribution: string; citation: number }>
  | Readonly<{ kind: 'paragraph'; text: string }>;

export type PrintSection = Readonly<{ heading: string; blocks: readonly PrintBlock[] }>;

export type PrintNote = Readonly<{ number: number; text: string }>;

/** A briefing laid out for print, independent of the output format. */
export type PrintModel = Readonly<{
  title: string;
  subtitle: string;
  byline: string;
  marking: string;
  bluf: string;
  sections: readonly PrintSection[];
  notes: readonly PrintNote[];
}>;

/**
 * Turns a briefing into printable blocks. Citations are numbered by the first appearance of each
 * source document; a source quoted again reuses its number.
 */
export function layoutBriefing(briefing: Briefing): PrintModel {
  const { byItem, sources } = numberCitations(briefing);
  const sections: PrintSection[] = briefing.sections.map((section) => ({
    heading: section.heading,
    blocks: section.items.map((item): PrintBlock => {
      if (item.kind === 'commentary') return { kind: 'paragraph', text: item.text };
      return {
        kind: 'quote',
        text: item.quote,
        attribution: attributionLine(item.attribution),
        citation: byItem.get(item.id) ?? 0,
      };
    }),
  }));
  const byline = [briefing.author, formatLongDate(briefing.date)]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');
  return {
    title: briefing.title,
    subtitle: briefing.subtitle,
    byline,
    marking: briefing.marking,
    bluf: briefing.bluf,
    sections,
    notes: sources.map((source, index) => ({ number: index + 1, text: chicagoNote(source) })),
  };
}
