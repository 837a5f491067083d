import { Diagnosis } from './diagnosis';
import { tokenise, type Atom } from './edit-tokens';
import { prepareSource, type Source } from './original';
import { bracketReason, REASONS } from './reasons';
import { renderQuoteTrim } from './render';
import { search, STRICT } from './search';
import type { QuoteEditResult, QuoteTrim } from './types';
import { reread, sameTrim } from './validate';

function refuse(reason: string): QuoteEditResult {
  return { ok: false, reason };
}

/** Refusals that need no search: stray brackets the original does not have, or no words at all. */
function earlyReason(atoms: readonly Atom[], edited: string): string | null {
  for (const atom of atoms) {
    if (atom.type === 'mark' && atom.problem !== null && !atom.literal) return bracketReason(atom, edited);
  }
  const canKeepWords = atoms.some(
    (atom) => atom.type !== 'space' && atom.words && (atom.type === 'text' || atom.literal),
  );
  return canKeepWords ? null : REASONS.noWords;
}

/**
 * Settles on a trim that reads back as itself from its printed form. Unless the original contains
 * "…" or brackets the first reading already does; otherwise a few rounds settle it or we refuse.
 */
function settle(source: Source, segments: QuoteTrim): QuoteEditResult {
  let current = segments;
  for (let round = 0; round < 4; round += 1) {
    const again = reread(source, current);
    if (again.status === 'too-complex') return refuse(REASONS.tooComplex);
    if (again.status === 'none') break;
    if (sameTrim(again.segments, current)) {
      return { ok: true, segments: current, text: renderQuoteTrim(source.text, current) };
    }
    current = again.segments;
  }
  return refuse(REASONS.ambiguous);
}

/** Parses what the user typed against the original quote. Never throws, for any input strings. */
export function parseQuoteEdit(original: string, edited: string): QuoteEditResult {
  const source = prepareSource(original);
  const atoms = tokenise(source, edited);
  const early = earlyReason(atoms, edited);
  if (early !== null) return refuse(early);
  const found = search(source, atoms, STRICT);
  if (found.status === 'too-complex') return refuse(REASONS.tooComplex);
  if (found.status === 'none') return refuse(new Diagnosis(source, atoms, edited).reason());
  return settle(source, found.segments);
}
