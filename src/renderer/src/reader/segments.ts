import type { Excerpt } from '../../../shared/dto';

export type Segment = Readonly<{ text: string; excerptIds: readonly string[] }>;

/**
 * Splits one block's text into runs that are inside the same set of excerpts, so highlights can be
 * drawn without changing the text (offsets stay exact).
 */
export function segmentBlock(
  text: string,
  blockStart: number,
  blockEnd: number,
  excerpts: readonly Excerpt[],
): Segment[] {
  const overlapping = excerpts.filter((excerpt) => excerpt.start < blockEnd && excerpt.end > blockStart);
  if (overlapping.length === 0) return [{ text: text.slice(blockStart, blockEnd), excerptIds: [] }];
  const cuts = new Set<number>([blockStart, blockEnd]);
  for (const excerpt of overlapping) {
    cuts.add(Math.max(blockStart, excerpt.start));
    cuts.add(Math.min(blockEnd, excerpt.end));
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
    });
  }
  return segments;
}
