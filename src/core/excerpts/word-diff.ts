import type { DiffPart } from '../../shared/dto';

/** Words, runs of whitespace and single other characters (punctuation, quotation marks). */
const TOKEN = /[\p{L}\p{N}\p{M}_]+|\s+|[^\s\p{L}\p{N}\p{M}_]/gu;

export function diffTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * Above this many cells (changed tokens of one side times the other's) the diff gives up on
 * aligning the changed middle and reports it as removed then added, so that a pathological pair
 * cannot make the check allocate without bound.
 */
export const MAX_DIFF_CELLS = 1_000_000;

/**
 * A word-level diff from `before` to `after`: the 'same' and 'removed' parts joined give `before`,
 * the 'same' and 'added' parts joined give `after`. Longest common subsequence over tokens, after
 * trimming the common head and tail.
 */
export function wordDiff(before: string, after: string, maxCells = MAX_DIFF_CELLS): DiffPart[] {
  const a = diffTokens(before);
  const b = diffTokens(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail += 1;
  }
  const parts = new DiffBuilder();
  parts.push('same', a.slice(0, head).join(''));
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  if (middleA.length * middleB.length > maxCells) {
    parts.push('removed', middleA.join(''));
    parts.push('added', middleB.join(''));
  } else {
    alignMiddle(middleA, middleB, parts);
  }
  parts.push('same', a.slice(a.length - tail).join(''));
  return parts.parts;
}

/** How alike two texts are, 0..1: twice the characters the diff keeps over both lengths. */
export function diffSimilarity(before: string, after: string, parts: readonly DiffPart[]): number {
  const total = before.length + after.length;
  if (total === 0) return 1;
  let same = 0;
  for (const part of parts) if (part.op === 'same') same += part.text.length;
  return (2 * same) / total;
}

class DiffBuilder {
  readonly parts: DiffPart[] = [];

  push(op: DiffPart['op'], text: string): void {
    if (text === '') return;
    const last = this.parts.at(-1);
    if (last !== undefined && last.op === op)
      this.parts[this.parts.length - 1] = { op, text: last.text + text };
    else this.parts.push({ op, text });
  }
}

function alignMiddle(a: readonly string[], b: readonly string[], parts: DiffBuilder): void {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lcs[i * width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push('same', a[i] ?? '');
      i += 1;
      j += 1;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      parts.push('removed', a[i] ?? '');
      i += 1;
    } else {
      parts.push('added', b[j] ?? '');
      j += 1;
    }
  }
  parts.push('removed', a.slice(i).join(''));
  parts.push('added', b.slice(j).join(''));
}
