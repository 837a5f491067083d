import type Database from 'better-sqlite3';
import type { Briefing, HistoryState } from '../../shared/dto';
import type { Confidence, Likelihood } from '../../shared/estimative';
import { isUntrimmed, parseQuoteEdit } from '../../shared/quote-trim';
import { normaliseRichText, richTextToPlain, type RichText } from '../../shared/rich-text';
import { CoreError } from '../errors';
import { getExcerpt } from '../store/excerpts';
import { updateItemContent } from '../store/briefings';
import { briefingHistoryState, recordBriefingEdit } from './history';
import { requireBriefing, requireItem } from './read';

/** Saves what the analyst typed in a commentary block; typing close together is one undo step. */
export function updateCommentary(
  db: Database.Database,
  input: Readonly<{ itemId: string; rich: RichText }>,
  now: Date,
): HistoryState {
  const item = requireItem(db, input.itemId);
  if (item.kind !== 'commentary') {
    throw new CoreError('invalid-input', 'Only a commentary block holds formatted text.');
  }
  const rich = normaliseRichText(input.rich);
  const content = JSON.stringify(rich);
  if (content !== item.content) {
    recordBriefingEdit(
      db,
      {
        briefingId: item.briefingId,
        label: 'Typing in commentary',
        now,
        rows: { itemId: item.id },
        coalesceKey: `commentary:${item.id}`,
      },
      () =>
        updateItemContent(db, {
          id: item.id,
          body: richTextToPlain(rich),
          content,
          likelihood: null,
          confidence: null,
        }),
    );
  }
  return briefingHistoryState(db, item.briefingId);
}

export function updateJudgment(
  db: Database.Database,
  input: Readonly<{
    itemId: string;
    text?: string | undefined;
    likelihood?: Likelihood | undefined;
    confidence?: Confidence | undefined;
  }>,
  now: Date,
): HistoryState {
  const item = requireItem(db, input.itemId);
  if (item.kind !== 'judgment' || item.likelihood === null || item.confidence === null) {
    throw new CoreError(
      'invalid-input',
      'Only a key-judgment block has a likelihood and a confidence level.',
    );
  }
  const next = {
    id: item.id,
    body: input.text ?? item.body,
    content: null,
    likelihood: input.likelihood ?? item.likelihood,
    confidence: input.confidence ?? item.confidence,
  };
  const typing = input.likelihood === undefined && input.confidence === undefined;
  if (next.body !== item.body || next.likelihood !== item.likelihood || next.confidence !== item.confidence) {
    recordBriefingEdit(
      db,
      {
        briefingId: item.briefingId,
        label: typing ? 'Typing in key judgment' : 'Change likelihood or confidence',
        now,
        rows: { itemId: item.id },
        ...(typing ? { coalesceKey: `judgment:${item.id}` } : {}),
      },
      () => updateItemContent(db, next),
    );
  }
  return briefingHistoryState(db, item.briefingId);
}

/**
 * Sets the quote an excerpt block prints. Only cuts marked with an ellipsis (or at either end) and
 * [insertions] are allowed; the excerpt itself never changes, so the quote stays tied to its source.
 */
export function editQuote(
  db: Database.Database,
  input: Readonly<{ itemId: string; text: string }>,
  now: Date,
): Briefing {
  const item = requireItem(db, input.itemId);
  if (item.kind !== 'excerpt' || item.excerptId === null) {
    throw new CoreError('invalid-input', 'Only an excerpt block holds a quote.');
  }
  const excerpt = getExcerpt(db, item.excerptId);
  if (excerpt === undefined) {
    throw new CoreError('excerpt-not-found', 'The excerpt this block quotes no longer exists.');
  }
  const result = parseQuoteEdit(excerpt.quote, input.text);
  if (!result.ok) throw new CoreError('quote-edit-refused', result.reason);
  const whole = isUntrimmed(excerpt.quote, result.segments);
  const body = whole ? excerpt.quote : result.text;
  const content = whole ? null : JSON.stringify(result.segments);
  if (body !== item.body || content !== item.content) {
    recordBriefingEdit(
      db,
      {
        briefingId: item.briefingId,
        label: whole ? 'Quote whole excerpt' : 'Trim quote',
        now,
        rows: { itemId: item.id },
      },
      () => updateItemContent(db, { id: item.id, body, content, likelihood: null, confidence: null }),
    );
  }
  return requireBriefing(db, item.briefingId);
}
