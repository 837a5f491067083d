import type { Excerpt, InlineMark } from '../../../shared/dto';

export type Segment = Readonly<{ text: string; excerptIds: readonly string[]; marks: readonly InlineMark[] }>;

/**
 * Splits one block's text into runs that share the same excerpts and inline marks, so highlights
 * and emphasis can be drawn without changing the text (offsets stay exact).
 */
export function segmentBlock(
  text: string,
  blockStart: number,
  blockEnd: number,
  excerpts: readonly Excerpt[],
  marks: readonly InlineMark[] = [],
): Segment[] {
  const overlapping = excerpts.filter((excerpt) => excerpt.start < blockEnd && excerpt.end > blockStart);
  const inside = marks.filter((mark) => mark.start < blockEnd && mark.end > blockStart);
  const cuts = new Set<number>([blockStart, blockEnd]);
  for (const range of [...overlapping, ...inside]) {
    cuts.add(Math.max(blockStart, range.start));
    cuts.add(Math.min(blockEnd, range.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let index = 0; index < points.length - 1; index += 1) {
    const from = points[index] ?? blockStart;
    const to = points[index + 1] ?? blockEnd;
    if (to <= from) continue;
    segments.push({
      text: text.slice(from, to),
      excerptIds: overlapping
        .filter((excerpt) => excerpt.start <= from && excerpt.end >= to)
        .map((excerpt) => excerpt.id),
      marks: inside.filter((mark) => mark.start <= from && mark.end >= to),
    });
  }
  return segments;
}
