import { describe, expect, it } from 'vitest';
import { seededRandom } from './testing/random';
import {
  isUntrimmed,
  isValidQuoteTrim,
  parseQuoteEdit,
  renderQuoteTrim,
  type QuoteSegment,
  type QuoteTrim,
} from './quote-trim';

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const quote = (start: number, end: number): QuoteSegment => ({ kind: 'quote', start, end });
const OMISSION: QuoteSegment = { kind: 'omission' };
const insertion = (text: string): QuoteSegment => ({ kind: 'insertion', text });

/** A quote segment for the `occurrence`-th (0-based) appearance of `text` in `original`. */
function span(original: string, text: string, occurrence = 0): QuoteSegment {
  let at = original.indexOf(text);
  for (let seen = 0; seen < occurrence; seen += 1) at = original.indexOf(text, at + 1);
  if (at < 0) throw new Error(`${text} is not in ${original}`);
  return quote(at, at + text.length);
}

function accept(original: string, edited: string): Readonly<{ segments: QuoteTrim; text: string }> {
  const result = parseQuoteEdit(original, edited);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(edited)}: ${result.reason}`);
  expect(result.text).toBe(renderQuoteTrim(original, result.segments));
  expect(isValidQuoteTrim(original, result.segments)).toBe(true);
  return result;
}

function refuse(original: string, edited: string): string {
  const result = parseQuoteEdit(original, edited);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(edited)} as ${JSON.stringify(result.segments)}`);
  expect(result.reason.length).toBeLessThanOrEqual(200);
  return result.reason;
}

const ALLOWED =
  'You can cut words, mark a cut with …, or add words in [square brackets]; nothing else may change.';
const NO_WORDS = `A quote must keep some of the original words. ${ALLOWED}`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for `text` in which any whitespace run matches any whitespace run. */
function flexible(text: string, flags = 'u'): RegExp {
  return new RegExp(escapeRegExp(text).replace(/\s+/g, '\\s+'), flags);
}

const GOVERNMENT = 'The government will act quickly and decisively.';

describe('an untouched quote', () => {
  it('is the whole original and prints exactly as the original', () => {
    const { segments, text } = accept(GOVERNMENT, GOVERNMENT);
    expect(segments).toEqual([quote(0, GOVERNMENT.length)]);
    expect(text).toBe(GOVERNMENT);
    expect(isUntrimmed(GOVERNMENT, segments)).toBe(true);
  });

  it('keeps outer whitespace and line breaks of the original when printed untrimmed', () => {
    const original = '  First line,\nsecond  line.\n';
    const { segments, text } = accept(original, 'First line, second line.');
    expect(segments).toEqual([quote(2, original.length - 1)]);
    expect(text).toBe(original);
    expect(isUntrimmed(original, segments)).toBe(true);
  });
});

describe('cutting words at the start and end', () => {
  it('accepts leading, trailing and two-sided trims', () => {
    expect(accept(GOVERNMENT, 'government will act quickly and decisively.').segments).toEqual([
      span(GOVERNMENT, 'government will act quickly and decisively.'),
    ]);
    expect(accept(GOVERNMENT, 'The government will act').segments).toEqual([quote(0, 23)]);
    const { segments, text } = accept(GOVERNMENT, '  will act quickly ');
    expect(segments).toEqual([span(GOVERNMENT, 'will act quickly')]);
    expect(text).toBe('will act quickly');
    expect(isUntrimmed(GOVERNMENT, segments)).toBe(false);
  });

  it('allows a leading or trailing ellipsis, with or without a cut at that end', () => {
    expect(accept(GOVERNMENT, '… will act …').text).toBe('… will act …');
    expect(accept(GOVERNMENT, '...will act...').text).toBe('… will act …');
    expect(accept(GOVERNMENT, '… The government will act quickly and decisively.').segments).toEqual([
      OMISSION,
      quote(0, GOVERNMENT.length),
    ]);
  });

  it('refuses a cut inside a word', () => {
    expect(refuse(GOVERNMENT, 'The govern')).toBe(
      '“govern” is only part of a word in the original quote. Cut whole words, or put changed letters in [square brackets].',
    );
    expect(refuse(GOVERNMENT, 'overnment will act')).toContain('“overnment” is only part of a word');
    expect(refuse('Don’t panic', 'Don')).toContain('“Don” is only part of a word');
  });
});

describe('whitespace', () => {
  it('lets any run of whitespace stand for any other, and prints the original’s', () => {
    const original = 'The government\nwill  act\u00a0quickly, and\tdecisively.';
    const { segments, text } = accept(original, 'government will\n\nact quickly, and decisively');
    expect(segments).toEqual([quote(4, original.length - 1)]);
    expect(text).toBe('government\nwill  act\u00a0quickly, and\tdecisively');
  });

  it('still refuses whitespace taken out or put inside a word', () => {
    expect(refuse(GOVERNMENT, 'The government willact')).toContain(
      '“willact” is not in the original quote here.',
    );
    expect(refuse(GOVERNMENT, 'The govern ment')).toContain('“govern” is only part of a word');
  });
});

describe('marking a cut inside the quote', () => {
  const expected = [quote(0, 23), OMISSION, span(GOVERNMENT, 'decisively.')];

  it.each([
    'The government will act … decisively.',
    'The government will act ... decisively.',
    'The government will act . . . decisively.',
    'The government will act […] decisively.',
    'The government will act [...] decisively.',
    'The government will act [. . .] decisively.',
    'The government will act…decisively.',
    'The government will act   ...\ndecisively.',
  ])('reads %j as an omission', (edited) => {
    const { segments, text } = accept(GOVERNMENT, edited);
    expect(segments).toEqual(expected);
    expect(text).toBe('The government will act … decisively.');
  });

  it('reads a fourth dot before an ellipsis as a full stop', () => {
    const original = 'He left. Much later, he came back. Then he spoke.';
    expect(accept(original, 'He left.... Then he spoke.').segments).toEqual([
      span(original, 'He left.'),
      OMISSION,
      span(original, 'Then he spoke.'),
    ]);
  });

  it('refuses a cut without an ellipsis, naming the words around it', () => {
    expect(refuse(GOVERNMENT, 'The government will act decisively.')).toBe(
      'Words between “act” and “decisively.” were cut without an ellipsis. Mark the cut with …, or replace it with words in [square brackets].',
    );
  });

  it('refuses an ellipsis that stands for nothing cut', () => {
    expect(refuse(GOVERNMENT, 'The government … will act')).toContain(
      'The … before “will” stands for no cut words',
    );
    // Nor may it stand only for the original's own dots.
    const original = 'He paused... then he left.';
    expect(refuse(original, 'He paused … then he left.')).toContain(
      'The … before “then” stands for no cut words',
    );
    expect(accept(original, 'He paused … he left.').text).toBe('He paused … he left.');
  });

  it('refuses two ellipses in a row', () => {
    expect(refuse(GOVERNMENT, 'The government … … decisively.')).toBe(
      '“… …” has two ellipses in a row. Use one … for each cut.',
    );
  });
});

describe('adding words in square brackets', () => {
  it('accepts a pure insertion, spaced as in the original', () => {
    const { segments, text } = accept(GOVERNMENT, 'The government [of Ruritania] will act');
    expect(segments).toEqual([quote(0, 14), insertion('of Ruritania'), span(GOVERNMENT, 'will act')]);
    expect(text).toBe('The government [of Ruritania] will act');
    expect(accept(GOVERNMENT, 'The government[ of  Ruritania ]will act').text).toBe(
      'The government [of Ruritania] will act',
    );
  });

  it('accepts an insertion standing in for cut words', () => {
    const original = 'The minister said the plan was sound.';
    expect(accept(original, '[He] said the plan').segments).toEqual([
      insertion('He'),
      span(original, 'said the plan'),
    ]);
    const he = 'He said the plan was sound.';
    const replaced = accept(he, '[The minister] said the plan');
    expect(replaced.segments).toEqual([insertion('The minister'), span(he, 'said the plan')]);
    expect(replaced.text).toBe('[The minister] said the plan');
    expect(accept(original, 'The minister [told reporters] the plan was sound.').segments).toEqual([
      span(original, 'The minister'),
      insertion('told reporters'),
      span(original, 'the plan was sound.'),
    ]);
  });

  it('accepts a changed letter in brackets against a word, printed without spaces', () => {
    const original = 'the plan was sound';
    const capital = accept(original, '[T]he plan');
    expect(capital.segments).toEqual([insertion('T'), quote(1, 8)]);
    expect(capital.text).toBe('[T]he plan');
    const plural = accept(original, 'the pla[ns were] sound');
    expect(plural.segments).toEqual([quote(0, 7), insertion('ns were'), span(original, 'sound')]);
    expect(plural.text).toBe('the pla[ns were] sound');
  });

  it('puts a space next to an insertion exactly where the original has whitespace', () => {
    const original = 'the minister said so';
    expect(accept(original, 'the minister[’s] said').text).toBe('the minister [’s] said');
    expect(accept(original, '[Yesterday]the minister said').text).toBe('[Yesterday] the minister said');
    expect(accept(original, 'said so[sic]').text).toBe('said so [sic]');
    expect(accept(original, '… said so [sic] …').text).toBe('… said so [sic] …');
  });

  it('needs a word boundary where the insertion is spaced off', () => {
    const original = 'He unsaid so. He said so.';
    const spaced = accept(original, '[The minister] said so');
    expect(spaced.segments).toEqual([insertion('The minister'), span(original, 'said so', 1)]);
    expect(spaced.text).toBe('[The minister] said so');
    // Typed against the word, "said so" may be the end of "unsaid so".
    const attached = accept(original, '[The minister]said so');
    expect(attached.segments).toEqual([insertion('The minister'), span(original, 'said so')]);
    expect(attached.text).toBe('[The minister]said so');
  });

  it('refuses unmatched, nested, empty and doubled brackets', () => {
    expect(refuse(GOVERNMENT, 'The government [of Ruritania will act')).toBe(
      'The “[” in “[of Ruritania will act” has no matching “]”. Put each addition in its own [square brackets]; they cannot be nested.',
    );
    expect(refuse(GOVERNMENT, 'The government of] will act')).toContain(
      'The “]” in “The government of]” has no matching “[”.',
    );
    expect(refuse(GOVERNMENT, 'The [new [elected] government]')).toContain('has no matching');
    expect(refuse(GOVERNMENT, 'The government [ ] will act')).toBe(
      'The brackets “[ ]” are empty. Put the added words inside them, or remove them.',
    );
    expect(refuse(GOVERNMENT, 'The government [of] [Ruritania] will act')).toBe(
      '“[of] [Ruritania]” has two additions in a row. Put added words in a single pair of [square brackets].',
    );
  });
});

describe('changes that are refused', () => {
  it('refuses a changed letter with the reason in the house style', () => {
    const original = 'The government will act.';
    expect(refuse(original, 'The goverment will act.')).toBe(
      '“goverment” is not in the original quote here. You can cut words, mark a cut with …, or add words in [square brackets]; nothing else may change.',
    );
    expect(refuse(original, 'The Government will act.')).toContain(
      '“Government” is not in the original quote',
    );
  });

  it('refuses straight for curly quotation marks and apostrophes, and the reverse', () => {
    const curly = 'He said: “We don’t agree.”';
    expect(refuse(curly, 'He said: "We don’t agree."')).toBe(
      '“"We” has different quotation marks, apostrophes or dashes from the original. Only cuts, … and [added words] are allowed.',
    );
    expect(refuse(curly, "We don't agree.")).toContain("“don't” has different quotation marks");
    expect(refuse('He said: "No."', 'He said: “No.”')).toContain('‘“No.”’ has different quotation marks');
  });

  it('refuses words out of order', () => {
    expect(refuse(GOVERNMENT, 'will act … The government')).toBe(
      `“The” does not follow “act” in the original quote. ${ALLOWED}`,
    );
  });

  it.each(['', '   ', '…', '[…]', '.', ', …', '[The minister]', '… [said] …'])(
    'refuses %j because no original words are kept',
    (edited) => {
      expect(refuse(GOVERNMENT, edited)).toBe(NO_WORDS);
    },
  );

  it('quotes at most 40 characters of what the user typed', () => {
    const long = 'Supercalifragilisticexpialidociousnesslyishly';
    const reason = refuse(GOVERNMENT, `The ${long} will act`);
    expect(reason).toContain(`“${long.slice(0, 39)}…”`);
    expect(reason).not.toContain(long);
  });
});

describe('choosing among repeated words', () => {
  it('finds the occurrence that makes the whole edit fit', () => {
    const original = 'the cat and the dog and the cat sat';
    expect(accept(original, 'the cat sat').segments).toEqual([span(original, 'the cat sat')]);
    expect(accept(original, 'the cat').segments).toEqual([quote(0, 7)]);
    expect(accept(original, 'the dog … the cat').segments).toEqual([
      span(original, 'the dog'),
      OMISSION,
      span(original, 'the cat', 1),
    ]);
  });

  it('backs off reading dots as original text when the rest does not fit', () => {
    const original = 'He said... nothing. Then... he left.';
    expect(accept(original, 'He said... he left.').segments).toEqual([
      span(original, 'He said'),
      OMISSION,
      span(original, 'he left.'),
    ]);
  });

  it('takes the earliest reading and treats later occurrences as not normalised', () => {
    const original = 'yes, yes, and yes';
    const { segments } = accept(original, 'yes');
    expect(segments).toEqual([quote(0, 3)]);
    expect(isValidQuoteTrim(original, [span(original, 'yes', 2)])).toBe(false);
  });
});

describe('originals that contain ellipses or brackets', () => {
  it('keeps the original’s own "..." and "…" when the user leaves them', () => {
    const dots = 'Well... I suppose so.';
    expect(accept(dots, dots).segments).toEqual([quote(0, dots.length)]);
    expect(accept(dots, 'Well... I suppose').segments).toEqual([span(dots, 'Well... I suppose')]);
    const ellipsis = '… and then, nothing … at all.';
    expect(accept(ellipsis, ellipsis).segments).toEqual([quote(0, ellipsis.length)]);
    // The leading "…" is the original's own, so it is kept as original text.
    const trimmed = accept(ellipsis, '… and then … at all.');
    expect(trimmed.segments).toEqual([span(ellipsis, '… and then'), OMISSION, span(ellipsis, 'at all.')]);
    expect(trimmed.text).toBe('… and then … at all.');
  });

  it('keeps original brackets and still reads the user’s own', () => {
    const original = 'The report [sic] was late, and [the] minister knew.';
    expect(accept(original, original).segments).toEqual([quote(0, original.length)]);
    expect(accept(original, 'report [sic] was late').segments).toEqual([
      span(original, 'report [sic] was late'),
    ]);
    expect(accept(original, 'The report [really] was late').segments).toEqual([
      span(original, 'The report'),
      insertion('really'),
      span(original, 'was late'),
    ]);
    expect(accept(original, '[the] minister knew.').segments).toEqual([
      span(original, '[the] minister knew.'),
    ]);
    const lone = 'See note 3] below, and [4 above.';
    expect(accept(lone, 'note 3] below').segments).toEqual([span(lone, 'note 3] below')]);
    expect(accept(lone, 'and [4 above.').segments).toEqual([span(lone, 'and [4 above.')]);
  });

  it('round-trips the printed form of trims of such originals', () => {
    const original = 'Wait... [laughs] no, wait… it was [the] end. Done.';
    for (const edited of [
      original,
      'Wait... [laughs] no',
      'Wait … no, wait…',
      '[laughs] no, wait… it was [the] end.',
      'Wait... [chuckles] no … [the] end.',
    ]) {
      const { segments, text } = accept(original, edited);
      expect(parseQuoteEdit(original, text)).toEqual({ ok: true, segments, text });
    }
  });

  it('refuses an edit whose printed form would read differently', () => {
    const original = '[a x b] and [a y b]';
    // "[a" … "b]": printed "[a … b]" would read as one bracketed addition.
    const result = parseQuoteEdit(original, '[a [...] b]');
    expect(result.ok).toBe(false);
  });
});

describe('scripts, emoji and combining marks', () => {
  it('trims around emoji and astral characters without splitting them', () => {
    const original = 'Great work 👍🏽 team 𝒳 and 👨‍👩‍👧 family 🇫🇷 France';
    expect(accept(original, '👍🏽 team 𝒳').segments).toEqual([span(original, '👍🏽 team 𝒳')]);
    expect(accept(original, 'work … 👨‍👩‍👧 family').text).toBe('work … 👨‍👩‍👧 family');
    expect(refuse(original, '👍 team')).toContain('“👍” is only part of a word');
    expect(refuse(original, 'Great work 👍')).toContain('“👍” is only part of a word');
    expect(refuse(original, '👨 family')).toContain('part of a word');
    expect(refuse(original, 'and \ud83d')).toContain('is only part of a word');
  });

  it('does not split a letter from its combining mark', () => {
    const original = 'un cafe\u0301 noir'; // "café" with a combining acute accent
    expect(refuse(original, 'un cafe')).toContain('“cafe” is only part of a word');
    expect(accept(original, 'un cafe\u0301').segments).toEqual([quote(0, 8)]);
    expect(refuse(original, 'un café')).toContain('“café” is not in the original quote here');
  });

  it('handles Arabic', () => {
    const original = 'قال الوزير إن الحكومة ستعمل بسرعة وحزم.';
    expect(accept(original, 'الحكومة ستعمل').segments).toEqual([span(original, 'الحكومة ستعمل')]);
    expect(accept(original, 'قال الوزير … وحزم.').text).toBe('قال الوزير … وحزم.');
    expect(accept(original, '[رئيس] الوزير إن').segments).toEqual([
      insertion('رئيس'),
      span(original, 'الوزير إن'),
    ]);
    expect(refuse(original, 'قال الوزير إن الحكومه')).toContain(
      '“الحكومه” is not in the original quote here',
    );
  });

  it('handles Cyrillic', () => {
    const original = 'Министр сказал, что правительство будет действовать быстро.';
    expect(accept(original, 'правительство будет действовать').segments).toEqual([
      span(original, 'правительство будет действовать'),
    ]);
    expect(accept(original, 'Министр сказал … быстро.').segments).toEqual([
      span(original, 'Министр сказал'),
      OMISSION,
      span(original, 'быстро.'),
    ]);
    expect(refuse(original, 'что правительства будет')).toContain('“правительства” is not in the original');
  });
});

describe('renderQuoteTrim', () => {
  const original = 'He said the plan, in truth, was sound.';

  it('prints omissions as … with one space on each side between words', () => {
    expect(renderQuoteTrim(original, [quote(0, 16), OMISSION, quote(28, 38)])).toBe(
      'He said the plan … was sound.',
    );
    expect(renderQuoteTrim(original, [OMISSION, quote(3, 16)])).toBe('… said the plan');
    expect(renderQuoteTrim(original, [quote(0, 16), OMISSION])).toBe('He said the plan …');
    expect(renderQuoteTrim(original, [insertion('x'), OMISSION, quote(28, 38)])).toBe('[x] … was sound.');
  });

  it('spaces insertions as the original is spaced at the junction', () => {
    expect(renderQuoteTrim(original, [insertion('The minister'), quote(3, 16)])).toBe(
      '[The minister] said the plan',
    );
    expect(renderQuoteTrim(original, [insertion('S'), quote(4, 7)])).toBe('[S]aid');
    expect(renderQuoteTrim(original, [quote(0, 15), insertion('ns'), quote(28, 38)])).toBe(
      'He said the pla[ns] was sound.',
    );
    expect(renderQuoteTrim(original, [quote(28, 38), insertion('sic')])).toBe('was sound. [sic]');
    expect(renderQuoteTrim(original, [insertion('Yesterday'), quote(0, 7)])).toBe('[Yesterday] He said');
  });

  it('prints an untrimmed quote as the original string', () => {
    expect(renderQuoteTrim(original, [quote(0, original.length)])).toBe(original);
    expect(renderQuoteTrim(` ${original}\n`, [quote(1, original.length + 1)])).toBe(` ${original}\n`);
  });
});

describe('isValidQuoteTrim and isUntrimmed', () => {
  const original = 'One two three four five.';

  it('accepts what parseQuoteEdit produces', () => {
    for (const edited of ['two three', 'One … four five.', '[1] two … [5]', 'One two three four five.']) {
      expect(isValidQuoteTrim(original, accept(original, edited).segments)).toBe(true);
    }
  });

  it.each<[string, QuoteTrim]>([
    ['no segments', []],
    ['only marks', [OMISSION, insertion('x')]],
    ['an offset past the end', [quote(0, 99)]],
    ['an empty quote', [quote(3, 3)]],
    ['a fractional offset', [quote(0.5, 3)]],
    ['quoted text starting with whitespace', [quote(3, 7)]],
    ['quoted text ending with whitespace', [quote(0, 4)]],
    ['quotes out of order', [quote(4, 7), OMISSION, quote(0, 3)]],
    ['two quotes in a row', [quote(0, 3), quote(4, 7)]],
    ['two omissions in a row', [quote(0, 3), OMISSION, OMISSION, quote(19, 24)]],
    ['two insertions in a row', [quote(0, 3), insertion('a'), insertion('b'), quote(4, 7)]],
    ['an empty insertion', [insertion(''), quote(0, 3)]],
    ['an insertion with brackets', [insertion('a]b'), quote(0, 3)]],
    ['an insertion with outer spaces', [insertion(' a'), quote(0, 3)]],
    ['an insertion that reads as an ellipsis', [quote(0, 3), insertion('...'), quote(8, 13)]],
    ['an omission standing for nothing', [quote(0, 3), OMISSION, quote(4, 7)]],
    ['a cut without a mark', [quote(0, 3), insertion('x'), quote(4, 7), quote(8, 13)]],
    ['a partial word', [quote(0, 2)]],
    ['not a trim at all', [{ kind: 'bogus' } as unknown as QuoteSegment, quote(0, 3)]],
  ])('rejects %s', (_, segments) => {
    expect(isValidQuoteTrim(original, segments)).toBe(false);
    expect(() => renderQuoteTrim(original, segments)).not.toThrow();
  });

  it('rejects non-arrays from stored data', () => {
    expect(isValidQuoteTrim(original, null as unknown as QuoteTrim)).toBe(false);
  });

  it('tells an untrimmed quote from a trimmed one', () => {
    expect(isUntrimmed(original, [quote(0, original.length)])).toBe(true);
    expect(isUntrimmed(original, [quote(0, 7)])).toBe(false);
    expect(isUntrimmed(original, [OMISSION, quote(0, original.length)])).toBe(false);
    expect(isUntrimmed('   ', [quote(0, 3)])).toBe(false);
  });
});

/** Mixed scripts, punctuation, apostrophes, digits, emoji and combining marks; no ellipses or brackets. */
const VOCABULARY = [
  'the',
  'the',
  'the',
  'a',
  'and',
  'and',
  'of',
  'minister',
  'said',
  'said,',
  'government',
  'will',
  'act',
  'plan',
  'was',
  'sound.',
  'not',
  'he',
  'she',
  '(in',
  'part)',
  '“we',
  'agree”',
  'don’t',
  "it's",
  '2024',
  '3.5%',
  '—',
  'Straße',
  'l’État',
  'naïve',
  'cafe\u0301',
  'правительство',
  'сказал,',
  'министр',
  'не',
  'и',
  'الحكومة',
  'قال',
  'الوزير',
  'لن',
  'Ελλάδα',
  '政府',
  '👍🏽',
  '👍',
  '👨‍👩‍👧',
  '𝒳',
  '🇫🇷',
  '❤️',
];
const SEPARATORS = [' ', ' ', ' ', ' ', '  ', '\n', ' \n', '\t', '\u00a0'];
const INSERTIONS = [
  'sic',
  'the minister',
  'emphasis added',
  'и',
  'الوزير',
  'Ed.',
  '2025',
  'X',
  '…and',
  'a. b',
];

type Token = Readonly<{ start: number; end: number }>;

/** Words from `vocabulary` (a few of them only, a third of the time, so that repeats abound). */
function randomOriginal(random: () => number): Readonly<{ text: string; tokens: Token[] }> {
  const vocabulary = random() < 0.35 ? Array.from({ length: 4 }, () => pick(random, VOCABULARY)) : VOCABULARY;
  let text = random() < 0.2 ? pick(random, SEPARATORS) : '';
  const tokens: Token[] = [];
  const count = 1 + Math.floor(random() * 30);
  for (let index = 0; index < count; index += 1) {
    if (index > 0) text += pick(random, SEPARATORS);
    const word = pick(random, vocabulary);
    tokens.push({ start: text.length, end: text.length + word.length });
    text += word;
  }
  if (random() < 0.2) text += pick(random, SEPARATORS);
  return { text, tokens };
}

/** Marks between kept pieces: omission, insertion, or both in either order. */
function randomMarks(random: () => number, mustInsert: boolean): QuoteSegment[] {
  const inserted = insertion(pick(random, INSERTIONS));
  if (mustInsert) return [inserted];
  const roll = random();
  if (roll < 0.5) return [OMISSION];
  if (roll < 0.75) return [inserted];
  return roll < 0.875 ? [OMISSION, inserted] : [inserted, OMISSION];
}

const BMP_LETTER = /^[\p{L}]$/u;
const isPlainLetter = (text: string, index: number): boolean =>
  BMP_LETTER.test(text.charAt(index)) && !/\p{M}/u.test(text.charAt(index + 1));

/**
 * A random valid trim (not necessarily normalised): kept token ranges with marks between them, and
 * sometimes a letter of a kept word replaced through an attached insertion ("[X]he", "governmen[t]").
 */
function randomTrim(random: () => number, original: string, tokens: readonly Token[]): QuoteSegment[] {
  const ranges: [number, number][] = [];
  let at = Math.floor(random() * Math.min(3, tokens.length));
  const wanted = 1 + Math.floor(random() * 4);
  while (at < tokens.length && ranges.length < wanted) {
    const end = Math.min(tokens.length, at + 1 + Math.floor(random() * 4));
    ranges.push([at, end]);
    at = end + Math.floor(random() * 3);
  }
  const segments: QuoteSegment[] = [];
  const leading = random();
  if (leading < 0.2) segments.push(OMISSION);
  else if (leading < 0.35) segments.push(insertion(pick(random, INSERTIONS)));
  ranges.forEach(([first, end], index) => {
    const firstToken = tokens[first];
    const lastToken = tokens[end - 1];
    if (firstToken === undefined || lastToken === undefined) return;
    let start = firstToken.start;
    let stop = lastToken.end;
    const previous = segments.at(-1);
    // "[X]he": drop the first letter of the word and let the insertion before it replace it.
    if (
      previous?.kind === 'insertion' &&
      random() < 0.4 &&
      isPlainLetter(original, start) &&
      isPlainLetter(original, start + 1)
    ) {
      start += 1;
    }
    const next = ranges[index + 1];
    const marks = next === undefined ? [] : randomMarks(random, next[0] === end);
    // "governmen[t]": drop the last letter and let an insertion after it replace it.
    if (
      marks[0]?.kind === 'insertion' &&
      random() < 0.3 &&
      stop - start > 2 &&
      isPlainLetter(original, stop - 1) &&
      isPlainLetter(original, stop - 2)
    ) {
      stop -= 1;
    }
    segments.push(quote(start, stop), ...marks);
  });
  const trailing = random();
  if (trailing < 0.2) segments.push(OMISSION);
  else if (trailing < 0.3) segments.push(insertion(pick(random, INSERTIONS)));
  return segments;
}

// The reference ("oracle") below restates the matching rules independently and naively: regular
// expressions, Intl.Segmenter for character boundaries, and plain memoised recursion.

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });
const WORDISH = /[\p{L}\p{N}\p{M}]/u;

function characterStarts(text: string): Set<number> {
  const starts = new Set([text.length]);
  for (const { index } of GRAPHEMES.segment(text)) starts.add(index);
  return starts;
}

const lastChar = (text: string): string => Array.from(text.slice(-2)).at(-1) ?? '';
const firstChar = (text: string): string => Array.from(text.slice(0, 2))[0] ?? '';

function oracleBoundary(text: string, starts: Set<number>, index: number, wholeWord: boolean): boolean {
  if (!starts.has(index)) return false;
  if (!wholeWord || index === 0 || index === text.length) return true;
  const before = lastChar(text.slice(0, index));
  const after = firstChar(text.slice(index));
  if (WORDISH.test(before) && WORDISH.test(after)) return false;
  const apostrophe = /^['’]$/;
  if (apostrophe.test(after) && WORDISH.test(before) && WORDISH.test(firstChar(text.slice(index + 1))))
    return false;
  return !(
    apostrophe.test(before) &&
    WORDISH.test(after) &&
    WORDISH.test(lastChar(text.slice(0, index - 1)))
  );
}

const spaceAt = (text: string, index: number): boolean =>
  index < 0 || index >= text.length || /\s/.test(text.charAt(index));

type Piece = Readonly<{ text: string; wholeStart: boolean; wholeEnd: boolean; needsCut: boolean }>;

/** The kept pieces of a trim, with the constraints its printed form puts on each. */
function piecesOf(original: string, segments: QuoteTrim): Piece[] {
  const pieces: Piece[] = [];
  let sawOmission = false;
  segments.forEach((segment, index) => {
    if (segment.kind === 'omission') sawOmission = true;
    if (segment.kind !== 'quote') return;
    const before = segments[index - 1];
    const after = segments[index + 1];
    pieces.push({
      text: original.slice(segment.start, segment.end),
      wholeStart: !(before?.kind === 'insertion' && !spaceAt(original, segment.start - 1)),
      wholeEnd: !(after?.kind === 'insertion' && !spaceAt(original, segment.end)),
      needsCut: pieces.length > 0 && sawOmission,
    });
    sawOmission = false;
  });
  return pieces;
}

/** The earliest placement of the pieces in the original, or null. */
function oraclePlace(original: string, pieces: readonly Piece[]): Token[] | null {
  const starts = characterStarts(original);
  const memo = new Map<string, Token[] | null>();
  const place = (index: number, from: number): Token[] | null => {
    const piece = pieces[index];
    if (piece === undefined) return [];
    const key = `${index}:${from}`;
    if (memo.has(key)) return memo.get(key) ?? null;
    let found: Token[] | null = null;
    const pattern = flexible(piece.text, 'uy');
    // An omission needs cut text other than whitespace and dots between the pieces.
    const firstCuttable = original.slice(from).search(/[^\s.…]/u);
    const lowest = index === 0 ? 0 : piece.needsCut ? from + firstCuttable + 1 : from;
    if (piece.needsCut && firstCuttable < 0) return null;
    for (let start = lowest; start < original.length && found === null; start += 1) {
      if (!oracleBoundary(original, starts, start, piece.wholeStart)) continue;
      pattern.lastIndex = start;
      const match = pattern.exec(original);
      if (match === null) continue;
      const end = start + match[0].length;
      if (!oracleBoundary(original, starts, end, piece.wholeEnd)) continue;
      const rest = place(index + 1, end);
      if (rest !== null) found = [{ start, end }, ...rest];
    }
    memo.set(key, found);
    return found;
  };
  return place(0, 0);
}

/** The normal form of a trim by the reference rules: the same marks, pieces placed earliest. */
function oracleNormalise(original: string, segments: QuoteTrim): QuoteTrim | null {
  let current = segments;
  for (let round = 0; round < 4; round += 1) {
    const placed = oraclePlace(original, piecesOf(original, current));
    if (placed === null) return null;
    let next = 0;
    const moved = current.map((segment) =>
      segment.kind === 'quote' ? { ...segment, ...placed[next++] } : segment,
    );
    if (JSON.stringify(moved) === JSON.stringify(current)) return current;
    current = moved;
  }
  return null;
}

/** Where each segment's printed form sits in the printed text. */
function printedRanges(printed: string, original: string, segments: QuoteTrim): Token[] {
  let cursor = 0;
  return segments.map((segment) => {
    const text =
      segment.kind === 'quote'
        ? original.slice(segment.start, segment.end)
        : segment.kind === 'omission'
          ? '…'
          : `[${segment.text}]`;
    const start = printed.indexOf(text, cursor);
    expect(start).toBeGreaterThanOrEqual(cursor);
    cursor = start + text.length;
    return { start, end: cursor };
  });
}

const REPLACEMENT_LETTERS = Array.from(
  'abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщыэюяبتثجحخدذرزسشصضطظعغفقكلمنهوي',
);

describe('property: printed trims read back as themselves', () => {
  it('round-trips 2,500 random trims of random mixed-script originals', () => {
    const random = seededRandom(20260611);
    let renormalised = 0;
    for (let round = 0; round < 2500; round += 1) {
      const { text: original, tokens } = randomOriginal(random);
      const generated = randomTrim(random, original, tokens);
      const keepsWords = generated.some(
        (segment) =>
          segment.kind === 'quote' && /[\p{L}\p{N}]/u.test(original.slice(segment.start, segment.end)),
      );
      if (!keepsWords) continue;
      const normal = oracleNormalise(original, generated);
      if (normal === null) throw new Error(`no normal form for ${JSON.stringify({ original, generated })}`);
      if (JSON.stringify(normal) !== JSON.stringify(generated)) renormalised += 1;

      const printed = renderQuoteTrim(original, normal);
      const context = JSON.stringify({ original, normal, printed });
      expect(parseQuoteEdit(original, printed), context).toEqual({
        ok: true,
        segments: normal,
        text: printed,
      });
      expect(isValidQuoteTrim(original, normal), context).toBe(true);
      expect(isValidQuoteTrim(original, generated), context).toBe(
        JSON.stringify(normal) === JSON.stringify(generated),
      );
      const ranges = printedRanges(printed, original, normal);
      normal.forEach((segment, index) => {
        if (segment.kind !== 'quote') return;
        const range = ranges[index];
        expect(range && printed.slice(range.start, range.end)).toBe(
          original.slice(segment.start, segment.end),
        );
        expect(/^\S[\s\S]*\S$|^\S$/u.test(original.slice(segment.start, segment.end))).toBe(true);
      });
    }
    // Repeated words make some generated trims non-earliest; the test must have met such cases.
    expect(renormalised).toBeGreaterThan(50);
  });

  it('refuses a changed letter in kept text unless the changed text genuinely occurs', () => {
    const random = seededRandom(77);
    let strict = 0;
    let lenient = 0;
    for (let round = 0; round < 2000; round += 1) {
      const { text: original, tokens } = randomOriginal(random);
      const normal = oracleNormalise(original, randomTrim(random, original, tokens));
      if (normal === null || !normal.some((segment) => segment.kind === 'quote')) continue;
      const printed = renderQuoteTrim(original, normal);
      const ranges = printedRanges(printed, original, normal);
      const choices = normal.flatMap((segment, index) => (segment.kind === 'quote' ? [index] : []));
      const chosen = pick(random, choices);
      const range = ranges[chosen];
      if (range === undefined) continue;
      const kept = printed.slice(range.start, range.end);
      const letters = Array.from(kept.matchAll(/\p{L}/gu), (match) => match.index).filter(
        (index) => kept.codePointAt(index) === kept.charCodeAt(index),
      );
      if (letters.length === 0) continue;
      const index = pick(random, letters);
      const replacement = pick(
        random,
        REPLACEMENT_LETTERS.filter((letter) => letter !== kept.charAt(index)),
      );
      const mutated = kept.slice(0, index) + replacement + kept.slice(index + 1);
      const edited = printed.slice(0, range.start) + mutated + printed.slice(range.end);
      const result = parseQuoteEdit(original, edited);
      const context = JSON.stringify({ original, printed, edited });
      if (!flexible(mutated).test(original)) {
        // The changed text is nowhere in the original, so no reading can accept it.
        strict += 1;
        expect(result.ok, context).toBe(false);
        const word =
          (/\S*$/u.exec(mutated.slice(0, index))?.[0] ?? '') +
          (/^\S*/u.exec(mutated.slice(index))?.[0] ?? '');
        if (!result.ok && !original.includes(word)) expect(result.reason, context).toContain(word);
      } else {
        // The change produced other original text; if accepted, the reading must be a sound trim.
        lenient += 1;
        if (result.ok) expect(isValidQuoteTrim(original, result.segments), context).toBe(true);
      }
    }
    expect(strict).toBeGreaterThan(1500);
    expect(lenient).toBeLessThan(strict / 10);
  });
});

describe('property: any input strings', () => {
  const PIECES = [
    'a',
    'b',
    'the',
    'cat',
    '...',
    '…',
    '.',
    '. . .',
    '[',
    ']',
    '[x]',
    '[sic]',
    '[…]',
    ' ',
    ' ',
    '  ',
    '\n',
    '👍🏽',
    'e\u0301',
    '\ud83d',
    ',',
    '—',
    '"',
    '“',
  ];

  function randomText(random: () => number, length: number): string {
    let text = '';
    for (let index = 0; index < length; index += 1) text += pick(random, PIECES);
    return text;
  }

  /** Cuts of the original glued with marks: often valid, often subtly not. */
  function randomEdit(random: () => number, original: string): string {
    if (random() < 0.3) return randomText(random, Math.floor(random() * 12));
    let edit = '';
    let at = Math.floor(random() * original.length);
    while (at < original.length && random() < 0.8) {
      const end = Math.min(original.length, at + 1 + Math.floor(random() * 12));
      edit += original.slice(at, end) + pick(random, [' … ', '...', ' [y] ', '[z]', ' ', '', ' [...] ']);
      at = end + Math.floor(random() * 6);
    }
    return edit;
  }

  it('never throws, and every accepted edit is a valid, stable trim', () => {
    const random = seededRandom(4242);
    let accepted = 0;
    for (let round = 0; round < 3000; round += 1) {
      const original = randomText(random, Math.floor(random() * 25));
      const edited = randomEdit(random, original);
      const context = JSON.stringify({ original, edited });
      const result = parseQuoteEdit(original, edited);
      if (!result.ok) {
        expect(result.reason.length, context).toBeGreaterThan(0);
        expect(result.reason.length, context).toBeLessThanOrEqual(200);
        continue;
      }
      accepted += 1;
      expect(isValidQuoteTrim(original, result.segments), context).toBe(true);
      expect(result.text, context).toBe(renderQuoteTrim(original, result.segments));
      expect(parseQuoteEdit(original, result.text), context).toEqual(result);
    }
    expect(accepted).toBeGreaterThan(300);
  });
});

describe('long quotes', () => {
  const random = seededRandom(9001);
  const words = [
    'the',
    'grain',
    'corridor',
    'and',
    'insurance',
    'of',
    'ships',
    'Black',
    'Sea',
    'war',
    'risk',
  ];
  let long = '';
  while (long.length < 50_000)
    long += `${pick(random, words)}${pick(random, [' ', ' ', ' ', ', ', '. ', '\n'])}`;
  long = long.trim();

  it('parses a 50,000-character quote with many repeated words', () => {
    const whole = accept(long, long);
    expect(whole.segments).toEqual([quote(0, long.length)]);

    // Keep every tenth stretch of about 40 words, with ellipses between.
    const cuts = Array.from(long.matchAll(/\S+/g), (match) => ({
      start: match.index,
      end: match.index + match[0].length,
    }));
    const kept: string[] = [];
    for (let first = 0; first + 40 < cuts.length; first += 400) {
      const from = cuts[first];
      const to = cuts[first + 39];
      if (from !== undefined && to !== undefined) kept.push(long.slice(from.start, to.end));
    }
    const { segments } = accept(long, kept.join(' … '));
    expect(segments.filter((segment) => segment.kind === 'quote')).toHaveLength(kept.length);

    // A changed word deep inside a long kept stretch is refused by name.
    const middle = long.indexOf(' ', long.length / 2);
    const changed = `${long.slice(0, middle)} zzzgrain ${long.slice(middle)}`;
    expect(refuse(long, changed)).toContain('“zzzgrain”');
    // Short repeated words kept out of order are refused too.
    expect(parseQuoteEdit(long, 'Sea Sea Sea Sea Sea Sea Sea Sea').ok).toBe(false);
  });

  it('refuses adversarial repetition as too complex instead of searching on and on', () => {
    const original = 'a... '.repeat(5000).trim();
    // Every "..." may be the original's own or a cut, and the flaw only shows at the very end.
    expect(refuse(original, `${'a... '.repeat(3000)}… … a`)).toBe(
      'This edit is too complex to check against the original quote. Cut it in fewer places.',
    );
    // A plain typo in the same quote is still found and named.
    expect(refuse(original, `${'a... '.repeat(2000)}b`)).toContain('“b” is not in the original quote here.');
  });
});
