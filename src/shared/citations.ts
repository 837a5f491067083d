import type { Attribution, Briefing } from './dto';

/** Full Chicago notes-bibliography notes (`chicago`), or the compact form of `compactNote` (`short`). */
export type CitationStyle = 'chicago' | 'short';

/**
 * What a source cited again gets: `reuse` prints the number of its first note again (one note per
 * source); `ibid` gives every citation its own note, "Ibid." when it directly follows a citation of
 * the same source and `shortNote` otherwise.
 */
export type RepeatCitation = 'reuse' | 'ibid';

/** How a briefing's citations are numbered and worded. */
export type CitationOptions = Readonly<{ style: CitationStyle; repeat: RepeatCitation }>;

/** Chicago notes, one per source (what exported briefings have always used). */
export const DEFAULT_CITATION_OPTIONS: CitationOptions = Object.freeze({ style: 'chicago', repeat: 'reuse' });

/** One citation in reading order: the briefing item that quotes a source, and that source. */
export type CitedItem = Readonly<{ itemId: string; source: Attribution }>;

/** An endnote: its number, its text (without the number) and the source document it cites. */
export type CitationNote = Readonly<{ number: number; text: string; documentId: string }>;

/** The numbering of a briefing's citations; see `planCitations`. */
export type CitationPlan = Readonly<{
  /** Item id -> the note number printed at the quote. */
  byItem: ReadonlyMap<string, number>;
  /** Endnotes in number order. */
  notes: readonly CitationNote[];
  /** Distinct sources in order of first appearance (for a live "Sources" list). */
  sources: readonly Attribution[];
}>;

/** The whole text of a note that cites the same source as the note directly before it. */
export const IBID = 'Ibid.';

/**
 * What a note says when the source has no author, title, outlet, date or URL at all: a visible
 * gap the analyst can fix in the document's metadata, rather than an empty note.
 */
const UNTITLED = 'Untitled source.';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Chicago's abbreviations (10.41): May, June and July stay whole, September is "Sept.". */
const SHORT_MONTHS = [
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
];

function formatDate(isoDate: string | null, months: readonly string[]): string | null {
  if (isoDate === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (match === null) return isoDate;
  const month = months[Number(match[2]) - 1];
  return month === undefined ? isoDate : `${month} ${Number(match[3])}, ${match[1]}`;
}

/** "March 4, 2019" from "2019-03-04" (Chicago's date form); other strings pass through. */
export function formatLongDate(isoDate: string | null): string | null {
  return formatDate(isoDate, MONTHS);
}

/** The line under a block quote: "Author, Outlet, March 4, 2019". */
export function attributionLine(source: Attribution): string {
  const parts = [source.author, source.outlet, formatLongDate(source.publishedAt)].filter(
    (part): part is string => part !== null && part !== '',
  );
  return parts.length > 0 ? parts.join(', ') : source.title;
}

/**
 * Numbers citations in reading order. Pure; deterministic.
 *
 * `reuse`: each source document (by `documentId`) gets the next number at its first citation and
 * keeps it; one note per source (`chicagoNote`, or `compactNote` for the `short` style).
 * `ibid`: every citation gets the next number; a source's first citation gets the style's full
 * note, a citation of the same source as the one directly before it gets "Ibid.", and a later
 * repeat gets `shortNote`.
 *
 * A source's first attribution is the one the notes and `sources` use. Item ids are expected to be
 * unique; if one repeats, it is cited again and `byItem` keeps its first number.
 */
export function planCitations(items: readonly CitedItem[], options: CitationOptions): CitationPlan {
  const first = new Map<string, Readonly<{ number: number; source: Attribution }>>();
  const byItem = new Map<string, number>();
  const notes: CitationNote[] = [];
  const sources: Attribution[] = [];
  let previous: string | null = null;
  for (const { itemId, source } of items) {
    const documentId = source.documentId;
    const cited = first.get(documentId);
    let number: number;
    if (cited !== undefined && options.repeat === 'reuse') {
      number = cited.number;
    } else {
      number = notes.length + 1;
      let text: string;
      if (cited === undefined) {
        text = options.style === 'chicago' ? chicagoNote(source) : compactNote(source);
        first.set(documentId, { number, source });
        sources.push(source);
      } else {
        text = previous === documentId ? IBID : shortNote(cited.source);
      }
      notes.push({ number, text, documentId });
    }
    if (!byItem.has(itemId)) byItem.set(itemId, number);
    previous = documentId;
  }
  return { byItem, notes, sources };
}

/** The excerpts of a briefing as citations, in reading order (sections, then items). */
export function citedItemsOf(briefing: Briefing): CitedItem[] {
  const items: CitedItem[] = [];
  for (const section of briefing.sections) {
    for (const item of section.items) {
      if (item.kind === 'excerpt') items.push({ itemId: item.id, source: item.attribution });
    }
  }
  return items;
}

/**
 * Citation numbers by first appearance of each source document, in reading order; a source quoted
 * again keeps its number. Maps briefing item id to its number; `sources` lists them in order.
 * The default options of `planCitations`, kept in this shape for existing callers.
 */
export function numberCitations(briefing: Briefing): { byItem: Map<string, number>; sources: Attribution[] } {
  const plan = planCitations(citedItemsOf(briefing), DEFAULT_CITATION_OPTIONS);
  return { byItem: new Map(plan.byItem), sources: [...plan.sources] };
}

/**
 * A Chicago notes-bibliography note for a news or web source:
 * `Jane Analyst, “Title of the Article,” Outlet Name, March 4, 2019, https://example.org/a.`
 * Missing parts are left out. The author is printed as recorded. Double quotes inside the title
 * become single quotes, and a title ending in "?" or "!" takes no comma or period of its own.
 */
export function chicagoNote(source: Attribution): string {
  return noteOf(cleanAuthor(source.author), cleanText(source.title), [
    cleanText(source.outlet),
    cleanText(formatLongDate(source.publishedAt)),
    cleanText(source.url),
  ]);
}

/**
 * The `short` style's note: `Jane Analyst, “Title of the Article,” Outlet Name, Mar. 4, 2019.`
 * Months are abbreviated and the URL is left out to keep the note to a line; the full URL stays in
 * the source list (`bibliographyEntry`). When the outlet is unknown, the URL's host name stands in
 * for it so that the note still says where the source was published.
 */
export function compactNote(source: Attribution): string {
  return noteOf(cleanAuthor(source.author), cleanText(source.title), [
    cleanText(source.outlet) ?? hostOf(source.url),
    cleanText(formatDate(source.publishedAt, SHORT_MONTHS)),
  ]);
}

/**
 * Chicago's shortened note, for a source already cited in full: the author's surname (or the
 * outlet when there is no author) and a short title of at most four significant words, e.g.
 * `Analyst, “Rising Tensions.”` Two authors give `Analyst and Smith`, three `Analyst, Smith, and
 * Lee`, four or more `Analyst et al.`; organisations are named whole.
 */
export function shortNote(source: Attribution): string {
  const outlet = cleanText(source.outlet);
  const authors = parseAuthors(cleanAuthor(source.author), outlet);
  const who = authors.length > 0 ? surnames(authors) : outlet;
  const title = cleanText(source.title);
  if (title === null) return endSentence(who ?? hostOf(source.url) ?? UNTITLED);
  const quoted = quoteTitle(shortTitle(title), '.');
  return who === null ? quoted : `${who}, ${quoted}`;
}

/**
 * A Chicago bibliography entry, for an alphabetical source list:
 * `Analyst, Jane. “Title of the Article.” Outlet Name, March 4, 2019. https://example.org/a.`
 * The first author is inverted (surname first); an entry without an author begins with the title.
 */
export function bibliographyEntry(source: Attribution): string {
  const outlet = cleanText(source.outlet);
  const author = invertedAuthors(parseAuthors(cleanAuthor(source.author), outlet));
  const title = cleanText(source.title);
  const published = [outlet, cleanText(formatLongDate(source.publishedAt))].filter(isText);
  const blocks = [
    author,
    title === null ? null : quoteTitle(title, '.'),
    published.length > 0 ? published.join(', ') : null,
    cleanText(source.url),
  ].filter(isText);
  return blocks.length > 0 ? blocks.map(endSentence).join(' ') : UNTITLED;
}

/**
 * A key that sorts sources the way a bibliography does: by the first element of the entry (the
 * inverted author, else the title without a leading article, else the outlet), then title, date
 * and document id so that the order is total. Case and accents are folded; compare keys with
 * plain `<` (code-unit order), not a locale collation, which may skip the separators.
 */
export function sourceSortKey(source: Attribution): string {
  const outlet = cleanText(source.outlet);
  const title = cleanText(source.title);
  const sortTitle = title === null ? null : title.replace(/^["“‘'«]*(?:the|an|a)\s+/i, '');
  const first =
    invertedAuthors(parseAuthors(cleanAuthor(source.author), outlet)) ?? sortTitle ?? outlet ?? source.url;
  return [first, sortTitle, source.publishedAt, source.documentId]
    .map((part) => fold(part ?? ''))
    .join('\u0000');
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/["“”‘’«»]/g, '')
    .toLowerCase()
    .trim();
}

function isText(part: string | null): part is string {
  return part !== null;
}

/** Trimmed with runs of white space collapsed; null when nothing is left. */
function cleanText(text: string | null): string | null {
  if (text === null) return null;
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean;
}

/** Bylines scraped from pages often keep their "By "; a note names the author without it. */
function cleanAuthor(author: string | null): string | null {
  return cleanText(cleanText(author)?.replace(/^by\s+/i, '') ?? null);
}

/** A period at the end unless the text already ends a sentence ("Jr.", "Yahoo!", a title's “?”). */
function endSentence(text: string): string {
  return /[.?!؟…]["”’]*$/.test(text) ? text : `${text}.`;
}

/**
 * Author, title and the rest joined as a Chicago note: commas between the parts, the title's comma
 * inside its quotes, and a period at the end.
 */
function noteOf(author: string | null, title: string | null, tail: readonly (string | null)[]): string {
  const rest = tail.filter(isText);
  const lead = author === null ? [] : [author];
  if (title === null) {
    const parts = [...lead, ...rest];
    return parts.length > 0 ? endSentence(parts.join(', ')) : UNTITLED;
  }
  const quoted = quoteTitle(title, rest.length > 0 ? ',' : '.');
  const head = [...lead, quoted].join(', ');
  return rest.length > 0 ? endSentence(`${head} ${rest.join(', ')}`) : head;
}

/**
 * `“Title,”` with `punctuation` inside the quotes, as Chicago puts it. Double quotes inside the
 * title become single quotes; a period, comma, colon or semicolon that ends the title gives way to
 * `punctuation`; a "?" or "!" that ends it replaces `punctuation`; and when the title ends with a
 * quotation, the punctuation goes inside that too (`“Minister Says ‘No,’”`).
 */
function quoteTitle(title: string, punctuation: ',' | '.'): string {
  const [, body = title, trailingQuotes = ''] = /^(.*?)((?:\s*["”])*)$/su.exec(title) ?? [];
  const closers = trailingQuotes.replace(/\s/g, '').replace(/["”]/g, '’');
  let core = body;
  // Strip a final separator, but not the last dot of an ellipsis ("Wait...").
  if (!/\.\.\.$/.test(core)) core = core.replace(/\s*[.,;:]$/, '');
  const terminal = /[?!؟]$/.test(core);
  return `“${innerQuotes(core)}${terminal ? '' : punctuation}${closers}”`;
}

/** Double quotes inside a quoted title become single quotes (Chicago 6.9). */
function innerQuotes(text: string): string {
  return text
    .replace(/“/g, '‘')
    .replace(/”/g, '’')
    .replace(/"/g, (_quote, offset: number) =>
      offset === 0 || /[\s([{‘—–-]/.test(text.charAt(offset - 1)) ? '‘' : '’',
    );
}

const SHORT_TITLE_WORDS = 4;

/**
 * Words that do not count towards a short title's four (articles, conjunctions, prepositions),
 * in English and, for sources in those languages, Russian and Arabic.
 */
const MINOR_WORDS = new Set(
  [
    'a an the and or but nor so yet',
    'for of in on at to by with from as into onto over under per via vs than up out off',
    'about after before amid among against between through',
    'и а но или в во на с со по о об к ко у из за от до для при',
    'و في من على إلى عن مع',
  ]
    .join(' ')
    .split(' '),
);

function isMinor(word: string): boolean {
  return MINOR_WORDS.has(word.replace(/^["“”‘’'«(]+|["“”‘’'»),.;:]+$/g, '').toLowerCase());
}

/**
 * Chicago's short title: the main title (before a colon or dash that starts a subtitle), without a
 * leading article, cut after its fourth significant word and any minor words left dangling.
 */
function shortTitle(title: string): string {
  // A question ends the main title too ("Is War Coming? Analysts Weigh In"), and keeps its mark.
  const main =
    /^(.+?[^\s:])(?::\s|\s[—–-]\s)|^(.+?[?!؟])\s/u
      .exec(title)
      ?.slice(1)
      .find((group) => group !== undefined) ?? title;
  const words = main.split(' ');
  if (words.length > 1 && /^(?:the|an|a)$/i.test(words[0] ?? '')) words.shift();
  const kept: string[] = [];
  let significant = 0;
  for (const word of words) {
    if (significant === SHORT_TITLE_WORDS) break;
    kept.push(word);
    if (!isMinor(word)) significant += 1;
  }
  while (kept.length > 1 && isMinor(kept[kept.length - 1] ?? '')) kept.pop();
  let short = kept.join(' ');
  // A "?" belongs to the whole title; after a cut it would ask a question the title does not.
  if (kept.length < words.length) short = short.replace(/[.,;:?!؟]+$/, '');
  return closeQuotes(short);
}

/** A cut can leave a quotation inside the title open; close it so the quotes pair up. */
function closeQuotes(text: string): string {
  let open = 0;
  for (const match of text.matchAll(/(^|.)(["“”])/gsu)) {
    const [, before = '', quote] = match;
    const opens = quote === '“' || (quote === '"' && (before === '' || /[\s([{—–-]/u.test(before)));
    open = opens ? open + 1 : Math.max(0, open - 1);
  }
  return text + '”'.repeat(open);
}

function hostOf(url: string | null): string | null {
  const host = url === null ? undefined : /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(url)?.[1];
  return host === undefined ? null : host.replace(/^www\./i, '').toLowerCase();
}

/**
 * An author parsed from the recorded byline. A heuristic: names are recorded in natural order
 * ("Jane Analyst"); the surname is the last word with any particles before it ("von der Leyen",
 * "عبد الله"); a single word or an organisation is named whole.
 */
type Author =
  | Readonly<{ kind: 'whole'; name: string }>
  | Readonly<{ kind: 'person'; given: string; surname: string; suffix: string | null }>;

/** Words that make an author an organisation (named whole, never inverted). */
const ORGANISATION =
  /(?:^|\s)(?:staff|desk|team|board|editors?|editorial|newsroom|agency|institute|institution|cent(?:er|re)|council|committee|commission|ministry|department|office|service|services|group|association|foundation|organi[sz]ation|press|news|bureau|university|company|corporation|inc\.?|ltd\.?|llc|government|authority|network|society|secretariat|programme|program|project|редакция|агентство|министерство|وكالة|وزارة)(?:\s|$)/i;

/** Surname particles (compared in lower case); a name keeps at least one given name before them. */
const PARTICLES = new Set([
  ...'van von der den de del della di da das dos du des la le ter ten bin ibn bint al el abu abd'.split(' '),
  ...'عبد أبو ابو بن ابن بنت'.split(' '),
]);

const SUFFIX = /^(?:jr|sr)\.?$|^(?:ii|iii|iv)$/i;

function parseAuthors(author: string | null, outlet: string | null): Author[] {
  if (author === null) return [];
  if (
    !author.includes(' ') ||
    ORGANISATION.test(author) ||
    (outlet !== null && author.toLowerCase() === outlet.toLowerCase())
  ) {
    return [{ kind: 'whole', name: author }];
  }
  const commaParts = author.split(/\s*,\s*/);
  const conjunction = /\s(?:and|и)\s|&|;/i.test(author);
  // "Analyst, Jane" is already inverted: keep it as surname and given name.
  const [first, second] = commaParts;
  if (commaParts.length === 2 && !conjunction && first !== undefined && second !== undefined) {
    if (!first.includes(' ') && !SUFFIX.test(second)) {
      return [{ kind: 'person', given: second, surname: first, suffix: null }];
    }
  }
  const names: string[] = [];
  for (const part of author.split(/\s*(?:;|,\s*(?:and|и|&)\s+|,|\s(?:and|и)\s|&)\s*/i)) {
    const last = names.length - 1;
    // "Martin Luther King, Jr." splits at the comma; the suffix belongs to the name before it.
    if (SUFFIX.test(part) && last >= 0) names[last] = `${names[last] ?? ''} ${part}`;
    else if (part !== '') names.push(part);
  }
  return names.map(parsePerson);
}

function parsePerson(name: string): Author {
  const words = name.split(' ');
  const suffix =
    words.length > 1 && SUFFIX.test(words[words.length - 1] ?? '') ? (words.pop() ?? null) : null;
  if (words.length < 2) return { kind: 'whole', name };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] ?? '').toLowerCase())) start -= 1;
  return {
    kind: 'person',
    given: words.slice(0, start).join(' '),
    surname: words.slice(start).join(' '),
    suffix,
  };
}

/** "Analyst", "Analyst and Smith", "Analyst, Smith, and Lee", "Analyst et al." (Chicago 14.76). */
function surnames(authors: readonly Author[]): string | null {
  const names = authors.map((author) => (author.kind === 'whole' ? author.name : author.surname));
  const [first, second, third] = names;
  if (first === undefined) return null;
  if (second === undefined) return first;
  if (third === undefined) return `${first} and ${second}`;
  if (names.length === 3) return `${first}, ${second}, and ${third}`;
  return `${first} et al.`;
}

/** "Analyst, Jane", "Analyst, Jane, and John Smith", "King, Martin Luther, Jr." (Chicago 14.72). */
function invertedAuthors(authors: readonly Author[]): string | null {
  const [first, ...others] = authors;
  if (first === undefined) return null;
  const lead =
    first.kind === 'whole'
      ? first.name
      : [first.surname, first.given, first.suffix].filter(isText).join(', ');
  const rest = others.map((author) =>
    author.kind === 'whole'
      ? author.name
      : [author.given, author.surname, author.suffix].filter(isText).join(' '),
  );
  const last = rest.pop();
  if (last === undefined) return lead;
  return [lead, ...rest, `and ${last}`].join(', ');
}
