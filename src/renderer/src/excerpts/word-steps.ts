const WORD = /[\p{L}\p{N}\p{M}_'’-]/u;

const isWord = (char: string | undefined) => char !== undefined && WORD.test(char);

/**
 * Moves one edge of an excerpt by one word: the start outwards (-1) or inwards (+1), the end
 * inwards (-1) or outwards (+1). The core snaps the result to whole words again.
 */
export function stepEdge(
  text: string,
  start: number,
  end: number,
  edge: 'start' | 'end',
  direction: -1 | 1,
): { start: number; end: number } {
  if (edge === 'start') {
    let at = start;
    if (direction < 0) {
      while (at > 0 && !isWord(text[at - 1])) at -= 1;
      while (at > 0 && isWord(text[at - 1])) at -= 1;
    } else {
      while (at < end && isWord(text[at])) at += 1;
      while (at < end && !isWord(text[at])) at += 1;
    }
    return { start: at < end ? at : start, end };
  }
  let at = end;
  if (direction > 0) {
    while (at < text.length && !isWord(text[at])) at += 1;
    while (at < text.length && isWord(text[at])) at += 1;
  } else {
    while (at > start && isWord(text[at - 1])) at -= 1;
    while (at > start && !isWord(text[at - 1])) at -= 1;
  }
  return { start, end: at > start ? at : end };
}
