/**
 * Trimming a quoted excerpt without changing its words.
 *
 * A briefing quotes an excerpt verbatim. The analyst may shorten the printed quote only the way
 * quotation style guides allow: cut words at the start or end, mark a cut inside with an ellipsis,
 * or add words in [square brackets], which may also stand in for cut words ("[T]he" for "the",
 * "[The minister] said" for "He said"). A trim is stored as segments that point into the original
 * excerpt, so the printed quote is always rebuilt from the source text and cannot drift from it.
 *
 * Reading what the analyst typed (`parseQuoteEdit`):
 * - Omission marks: "…", "..." and ". . ." (a fourth dot before them is a full stop: "end.... Next"
 *   reads as "end." then "…"), and the bracketed forms "[…]", "[...]", "[. . .]".
 * - Insertions: "[text]" with text that is not blank; its whitespace is collapsed to single spaces.
 *   A "[" with no "]" before the next "[", a lone "]" and empty brackets are refused, unless the
 *   original quote has those very characters at that point.
 * - Text between marks must be in the original, in order and verbatim, except that any run of
 *   whitespace matches any run of whitespace. Whitespace next to a mark is not significant, with one
 *   exception: an insertion typed against a word with no space ("[T]he", "governmen[t]") may meet
 *   that word in the middle; everywhere else a kept piece must start and end on a word boundary of
 *   the original, so "govern" is not accepted for "government". No boundary ever falls inside a
 *   character (surrogate pairs, combining marks, emoji sequences).
 * - Between two kept pieces, an omission must stand for cut text that holds something besides
 *   whitespace and dots (so it cannot just replace the original's own "..."); an insertion may stand
 *   for nothing (a pure addition) or for any cut text. A leading or trailing ellipsis is always
 *   allowed: the excerpt itself may begin or end mid-sentence in its source. Two ellipses in a row,
 *   or two insertions in a row, are refused. Some kept text must contain a letter or digit.
 * - When the original itself contains "...", "…" or brackets, the same characters typed by the
 *   analyst are tried as original text first and as a mark second, so leaving them in place keeps
 *   them. Among all readings the first one wins in this order: marks read as original text before
 *   marks read as marks (left to right), and each kept piece as early in the original as the rest of
 *   the edit allows. The search memoises failures on (position in the edit, position in the
 *   original), so it stays polynomial, and it gives up with a reason rather than run away.
 *
 * Normal form: quote segments never begin or end with whitespace; no two quotes, omissions or
 * insertions are adjacent; and a trim is exactly the reading of its own printed form. If the
 * printed form of an accepted edit reads differently (possible only when the original contains
 * "…" or brackets), the printed form's reading is used; if that never settles the edit is refused.
 * So `parseQuoteEdit(o, renderQuoteTrim(o, s))` returns `s` for every `s` that `isValidQuoteTrim`
 * accepts, and every result of `parseQuoteEdit` is accepted by `isValidQuoteTrim`.
 */

export type { QuoteEditResult, QuoteSegment, QuoteTrim } from './quote-trim/types';
export { parseQuoteEdit } from './quote-trim/parse';
export { isUntrimmed, renderQuoteTrim } from './quote-trim/render';
export { isValidQuoteTrim } from './quote-trim/validate';
