/**
 * The analyst query language for full-text search, compiled to a safe SQLite FTS5 MATCH expression.
 *
 * Language:
 * - `word word`          every word must match (AND)
 * - `"exact phrase"`     the words in order
 * - `stem*`              prefix search when the stem has 3+ letters/digits; shorter stems are plain words
 * - `-word`, `-"phrase"` exclusion (a query with only exclusions has nothing to search: `match` is null)
 * - `a OR b`             either term (uppercase `OR` between two positive terms; chains `a OR b OR c`)
 * - `author:x`, `outlet:x`, `tag:x` filters (the value may be `"quoted value"`)
 * - `in:documents`, `in:excerpts`, `after:YYYY-MM-DD`, `before:YYYY-MM-DD`
 *
 * Anything else is searched as words: unbalanced quotes are ignored, a dangling `OR`, `AND`, `NOT`,
 * `NEAR`, parentheses, `^`, `+`, column filters like `title:`, invalid dates and unknown `in:` values
 * all become ordinary words. Filter keys are case-insensitive; a repeated filter keeps the last value.
 *
 * Tokenising: words are runs of letters, digits and combining marks (any script). Punctuation inside
 * a word is a separator, as for FTS5's unicode61 tokenizer, and the pieces are kept together as a
 * PHRASE: `war-risk` searches `"war risk"`, which matches how unicode61 indexed `war-risk` (adjacent
 * tokens) without also matching documents that merely contain both words somewhere.
 *
 * Safety: the input is made well-formed (lone surrogates become U+FFFD), normalised to NFC, and
 * control characters become spaces. Every term is emitted as an FTS5 string literal containing only
 * the normalised words joined by single spaces, so it never carries a double quote, control character
 * or operator; the expression is built only from `"..."`, `*`, `AND`, `OR`, `NOT` and parentheses.
 */

export interface SearchFilters {
  author?: string;
  outlet?: string;
  tag?: string;
  in?: 'documents' | 'excerpts';
  /** YYYY-MM-DD */
  after?: string;
  /** YYYY-MM-DD */
  before?: string;
}

export interface ParsedQuery {
  /** A safe FTS5 MATCH expression, or null when there is nothing to search. */
  match: string | null;
  filters: SearchFilters;
  /** The positive words and phrases (prefix stems without `*`), for highlighting. */
  terms: string[];
}

/** One searchable unit: the words of a word or phrase, and whether the last one is a prefix. */
interface Term {
  words: string[];
  prefix: boolean;
  /** Written as a "quoted phrase". */
  quoted?: boolean;
}

export type ParseOptions = Readonly<{
  /**
   * Search as you type: the last word typed (not in quotes, not excluded) also matches longer words,
   * as if it ended in `*`, wherever filters follow it.
   */
  typeahead?: boolean;
}>;

type Item =
  | { kind: 'term'; term: Term; negated: boolean }
  | { kind: 'or' }
  | { kind: 'filter'; apply: (filters: SearchFilters) => void };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const CONTROL = /\p{Cc}/gu;
const WHITESPACE = /\s/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const TEXT_FILTER = /^(author|outlet|tag):(.*)$/isu;
const IN_FILTER = /^in:(documents|excerpts)$/iu;
const DATE_FILTER = /^(after|before):(\d{4})-(\d{2})-(\d{2})$/iu;
const MIN_PREFIX_STEM = 3;

/** Well-formed, NFC, control characters replaced by spaces. */
function sanitize(input: string): string {
  return input.replace(LONE_SURROGATE, '\ufffd').normalize('NFC').replace(CONTROL, ' ');
}

/** The words of a piece of text: runs of letters/digits/marks that hold at least one letter or digit. */
function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).filter((word) => countLettersOrDigits(word) > 0);
}

function countLettersOrDigits(word: string): number {
  return word.match(LETTER_OR_DIGIT)?.length ?? 0;
}

/** A filter value: control and format characters (RTL marks etc.) dropped, whitespace collapsed. */
function cleanValue(value: string): string {
  return value
    .replace(/\p{Cf}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A term from text, or null when the text holds no words. */
function termOf(text: string, wantsPrefix: boolean): Term | null {
  const words = wordsOf(text);
  const last = words.at(-1);
  if (last === undefined) return null;
  return { words, prefix: wantsPrefix && countLettersOrDigits(last) >= MIN_PREFIX_STEM };
}

/** Index of the closing quote for an opening quote at `open`, or -1 when it is unbalanced. */
function closingQuote(text: string, open: number): number {
  return text.indexOf('"', open + 1);
}

/** Interpret one bare chunk (no whitespace, no quotes). */
function chunkItems(chunk: string): Item[] {
  if (chunk === 'OR') return [{ kind: 'or' }];

  const inMatch = IN_FILTER.exec(chunk);
  if (inMatch) {
    const where = inMatch[1]?.toLowerCase() === 'documents' ? 'documents' : 'excerpts';
    return [{ kind: 'filter', apply: (filters) => (filters.in = where) }];
  }

  const dateMatch = DATE_FILTER.exec(chunk);
  if (dateMatch) {
    const [, key = '', y = '', m = '', d = ''] = dateMatch;
    if (isValidDate(Number(y), Number(m), Number(d))) {
      const value = `${y}-${m}-${d}`;
      const field = key.toLowerCase() === 'after' ? 'after' : 'before';
      return [{ kind: 'filter', apply: (filters) => (filters[field] = value) }];
    }
  }

  const textMatch = TEXT_FILTER.exec(chunk);
  if (textMatch) {
    const value = cleanValue(textMatch[2] ?? '');
    if (value !== '') return [textFilter(textMatch[1] ?? '', value)];
  }

  let body = chunk;
  let negated = false;
  if (body.startsWith('-')) {
    negated = true;
    body = body.replace(/^-+/u, '');
  }
  const wantsPrefix = body.endsWith('*');
  const term = termOf(body, wantsPrefix);
  return term ? [{ kind: 'term', term, negated }] : [];
}

function textFilter(key: string, value: string): Item {
  const field = key.toLowerCase() === 'author' ? 'author' : key.toLowerCase() === 'outlet' ? 'outlet' : 'tag';
  return { kind: 'filter', apply: (filters) => (filters[field] = value) };
}

/** Split the sanitized query into items: terms, OR markers and filters. */
function lex(text: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (WHITESPACE.test(ch)) {
      i += 1;
      continue;
    }

    // Quoted phrase, optionally negated (-"...") and optionally a prefix ("..."*).
    const negatedQuote = ch === '-' && text.charAt(i + 1) === '"';
    const open = negatedQuote ? i + 1 : i;
    if (text.charAt(open) === '"') {
      const close = closingQuote(text, open);
      if (close === -1) {
        // Unbalanced quote: ignore the quote character(s) and read on as words.
        i = open + 1;
        continue;
      }
      const wantsPrefix = text.charAt(close + 1) === '*';
      const term = termOf(text.slice(open + 1, close), wantsPrefix);
      if (term) items.push({ kind: 'term', term: { ...term, quoted: true }, negated: negatedQuote });
      i = close + (wantsPrefix ? 2 : 1);
      continue;
    }

    // Bare chunk: up to whitespace or a quote.
    let end = i;
    while (end < text.length && !WHITESPACE.test(text.charAt(end)) && text.charAt(end) !== '"') end += 1;
    const chunk = text.slice(i, end);

    // author:"quoted value"
    const key = /^(author|outlet|tag):$/iu.exec(chunk);
    if (key && text.charAt(end) === '"') {
      const close = closingQuote(text, end);
      const value = close === -1 ? '' : cleanValue(text.slice(end + 1, close));
      if (value !== '') {
        items.push(textFilter(key[1] ?? '', value));
        i = close + 1;
        continue;
      }
    }

    items.push(...chunkItems(chunk));
    i = end;
  }
  return items;
}

/** Letters a Porter stem may lack at the end of a word (`relational` is indexed as `relat`). */
const STEM_SLACK = 4;
/**
 * The shortest beginning tried as a whole stem. FTS5 stems it again, so short ones or ones ending in
 * `s` could collapse onto common words (`ins` is searched as `in`).
 */
const MIN_STEM_GUESS = 4;

function quote(words: readonly string[]): string {
  return `"${words.join(' ').replace(/"/gu, '""')}"`;
}

/**
 * FTS5 expression for a term; the words hold no quotes, but double any defensively.
 *
 * The index holds Porter stems, and FTS5 stems a prefix before matching it, so `insura*` alone would
 * miss `insurance` (indexed as `insur`). A prefix therefore also matches the words whose whole stem is
 * a shorter beginning of it: `("insura" * OR "insur" OR "insu")`, never shorter than four letters
 * and never ending in `s`.
 */
function literal(term: Term): string {
  if (!term.prefix) return quote(term.words);
  const head = term.words.slice(0, -1);
  const last = term.words.at(-1) ?? '';
  const letters = [...last];
  const alternatives = [`${quote(term.words)} *`];
  for (let cut = 1; cut <= STEM_SLACK && letters.length - cut >= MIN_STEM_GUESS; cut += 1) {
    const guess = letters.slice(0, letters.length - cut).join('');
    if (!/s$/iu.test(guess)) alternatives.push(quote([...head, guess]));
  }
  return alternatives.length === 1 ? (alternatives[0] ?? '') : `(${alternatives.join(' OR ')})`;
}

/** Compile the query language to an FTS5 MATCH expression plus filters; never throws. */
export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const filters: SearchFilters = {};
  let items: Item[];
  try {
    items = lex(sanitize(typeof input === 'string' ? input : ''));
  } catch {
    items = [];
  }
  if (options.typeahead === true) {
    const last = items.findLast((item) => item.kind === 'term');
    if (last?.kind === 'term' && !last.negated && last.term.quoted !== true) {
      const word = last.term.words.at(-1) ?? '';
      last.term.prefix = countLettersOrDigits(word) >= MIN_PREFIX_STEM;
    }
  }

  // Positive terms grouped into OR alternatives; an OR that is not between two positive terms is a word.
  const groups: Term[][] = [];
  const negatives: Term[] = [];
  const isPositive = (item: Item | undefined): boolean => item?.kind === 'term' && !item.negated;
  items.forEach((item, index) => {
    if (item.kind === 'filter') {
      item.apply(filters);
    } else if (item.kind === 'or') {
      const joins = isPositive(items[index - 1]) && isPositive(items[index + 1]) && groups.length > 0;
      if (!joins) groups.push([{ words: ['OR'], prefix: false }]);
    } else if (item.negated) {
      negatives.push(item.term);
    } else {
      const previous = items[index - 1];
      const group = groups.at(-1);
      if (previous?.kind === 'or' && isPositive(items[index - 2]) && group) group.push(item.term);
      else groups.push([item.term]);
    }
  });

  const terms = [...new Set(groups.flat().map((term) => term.words.join(' ')))];
  if (groups.length === 0) return { match: null, filters, terms };

  const positive = groups
    .map((group) =>
      group.length === 1 ? group.map(literal).join('') : `(${group.map(literal).join(' OR ')})`,
    )
    .join(' AND ');
  if (negatives.length === 0) return { match: positive, filters, terms };
  const left = groups.length === 1 && (groups[0]?.length ?? 0) > 1 ? positive : `(${positive})`;
  const match = `${left} NOT (${negatives.map(literal).join(' OR ')})`;
  return { match, filters, terms };
}
