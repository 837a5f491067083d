import { normaliseDate, normaliseInline } from '../normalise';

/**
 * Recognisers for the furniture that articles carry around their body text: bylines, datelines,
 * photo credits, section labels, share prompts and author biographies. Each takes one line or
 * paragraph and says what it is; the importers decide what to do with it (they keep it, flagged as
 * boilerplate). Patterns are deliberately strict: a sentence of body text must never match.
 */

const MONTH_NAMES =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;
const DATE_PREFIX = String.raw`(?:(?:(?:first|originally)\s+)?(published|posted|updated|last\s+updated|last\s+modified|modified|date|dated|released?)(?:\s+on)?\s*[:：\-–—]?\s*)?`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/;
const MONTH_FIRST = new RegExp(String.raw`^(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i');
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH_NAMES})\.?,?\s+(\d{4})\b`, 'i');
const NUMERIC_DATE = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})\b/;
const PREFIX_RE = new RegExp(`^${DATE_PREFIX}${WEEKDAY}`, 'i');

/** Times, time zones, separators and "at" that may follow a date on a dateline. */
const DATE_TAIL = new RegExp(
  [
    String.raw`^[\s,|·•/–—-]+`,
    String.raw`^at\b`,
    String.raw`^\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?`,
    String.raw`^\d{1,2}\s*[ap]\.?m\.?`,
    String.raw`^(?:[A-Z]{2,5}|GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?\b`,
    String.raw`^\([^)]{0,40}\)`,
  ].join('|'),
);

export type Dateline = Readonly<{ date: string | null; updated: boolean }>;

/**
 * A line that is only a date, perhaps labelled ("Published: 2026-03-04", "Updated March 5, 2026
 * 10:32 GMT", "Wednesday, 4 March 2026"). `date` is YYYY-MM-DD when the date is unambiguous.
 */
export function parseDateline(raw: string): Dateline | null {
  if (raw.length > 200 || !/\d{4}/.test(raw)) return null;
  const line = normaliseInline(raw);
  if (line.length === 0 || line.length > 120) return null;
  const prefix = PREFIX_RE.exec(line);
  const label = (prefix?.[1] ?? '').toLowerCase();
  let rest = line.slice(prefix?.[0].length ?? 0);
  const found = leadingDate(rest);
  if (found === null) return null;
  rest = rest.slice(found.length);
  for (let guard = 0; rest.length > 0 && guard < 20; guard += 1) {
    const tail = DATE_TAIL.exec(rest);
    if (tail === null || tail[0].length === 0) break;
    rest = rest.slice(tail[0].length);
  }
  if (rest.length > 0) {
    // "Published 4 March 2026 | Updated 5 March 2026": a second dateline may follow.
    if (!/^(?:last\s+)?(?:updated|modified|published|posted)\b/i.test(rest) || parseDateline(rest) === null) return null;
  }
  return { date: found.date, updated: label.includes('updated') || label.includes('modified') };
}

function leadingDate(text: string): { length: number; date: string | null } | null {
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return { length: iso[0].length, date: normaliseDate(iso[0]) };
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst !== null) {
    return { length: monthFirst[0].length, date: normaliseDate(`${monthFirst[1]} ${monthFirst[2]}, ${monthFirst[3]}`) };
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst !== null) {
    return { length: dayFirst[0].length, date: normaliseDate(`${dayFirst[1]} ${dayFirst[2]} ${dayFirst[3]}`) };
  }
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric !== null) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[3]), numeric[4] ?? ''];
    const pad = (n: number) => String(n).padStart(2, '0');
    // Day first with dots (European); with slashes only when one part cannot be a month.
    let date: string | null = null;
    if (numeric[2] === '.' || (first > 12 && second <= 12)) date = normaliseDate(`${year}-${pad(second)}-${pad(first)}`);
    else if (second > 12 && first <= 12) date = normaliseDate(`${year}-${pad(first)}-${pad(second)}`);
    return { length: numeric[0].length, date };
  }
  return null;
}

/** Particles that may appear in lower case inside a personal name. */
const NAME_PARTICLES = new Set([
  'al', 'el', 'bin', 'ibn', 'bint', 'abu', 'da', 'das', 'de', 'del', 'della', 'der', 'des', 'di', 'do', 'dos', 'du',
  'la', 'le', 'van', 'von', 'ter', 'ten', 'zu', 'y', 'e', 'af', 'av',
]);
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|\p{Lu}\.|(?:al|el|ad|an|as|ash|at|az|bin|ibn)-\p{Lu}[\p{L}\p{M}'’-]*)$/u;

/** Words that say a byline or sign-off segment is a job title, not a name. */
const ROLE_WORDS = new Set([
  'writer', 'staff', 'correspondent', 'correspondents', 'reporter', 'reporters', 'editor', 'editors', 'columnist',
  'contributor', 'contributing', 'journalist', 'bureau', 'chief', 'analyst', 'fellow', 'producer', 'photographer',
  'commentator', 'researcher', 'director', 'professor', 'economist', 'strategist', 'special', 'senior', 'associate',
  'deputy', 'managing', 'political', 'foreign', 'diplomatic', 'economics', 'security', 'defence', 'defense', 'desk',
  'newsroom', 'team', 'agencies', 'agency', 'wire', 'guest', 'intern', 'freelance', 'international', 'affairs',
  'business', 'science', 'health', 'technology', 'climate', 'energy', 'markets', 'news', 'opinion', 'visiting',
  'research', 'head', 'lead', 'executive', 'investigations', 'investigative', 'data', 'video', 'global',
]);

/** "Jane Doe", "J. R. Doe", "Yusuf al-Hamadi", "Ludwig van Beethoven": a plausible personal name. */
export function looksLikeName(raw: string): boolean {
  const words = raw.trim().split(/\s+/);
  if (words.length === 0 || words.length > 6 || words[0] === undefined || words[0] === '') return false;
  let capitalised = 0;
  for (const word of words) {
    if (NAME_WORD.test(word)) capitalised += 1;
    else if (!NAME_PARTICLES.has(word.toLowerCase())) return false;
  }
  const last = words.at(-1) ?? '';
  return capitalised >= 1 && NAME_WORD.test(words[0]) && (NAME_WORD.test(last) || words.length === 1);
}

function isRole(segment: string): boolean {
  return segment
    .toLowerCase()
    .split(/[\s/]+/)
    .some((word) => ROLE_WORDS.has(word.replace(/[^\p{L}]/gu, '')));
}

/** Splits "Jane Doe, Staff Writer, and John Roe in London" into its names. */
function namesFrom(text: string): string[] | null {
  const names: string[] = [];
  const segments = text.split(/\s*(?:,|;|\band\b|&)\s*/i).filter((segment) => segment !== '');
  for (const rawSegment of segments) {
    const segment = rawSegment.replace(/\s+in\s+\p{Lu}[\p{L}\s.'’-]*$/u, '').trim();
    if (segment === '') continue;
    if (isRole(segment)) continue;
    if (!looksLikeName(segment)) return null;
    names.push(segment);
  }
  return names.length > 0 ? names : null;
}

const BYLINE_PREFIX = /^(?:(?:written|words|story|text|reporting|report|article|interview|analysis)\s+)?by\s*:?\s+(.+)$/i;

/**
 * A byline: "By Jane Doe", "By Jane Doe and John Roe", "By JANE DOE, Staff Writer", "By Jane Doe |
 * Reuters", and (with `allowBare`) "Jane Doe, Staff Writer". Returns the authors' names.
 */
export function parseByline(raw: string, allowBare = false): string[] | null {
  if (raw.length > 200 || !(/^\s*(?:\p{L}+\s+)?by\b/iu.test(raw) || (allowBare && /[,|—–]/.test(raw)))) return null;
  const line = normaliseInline(raw);
  if (line.length === 0 || line.length > 160) return null;
  if (/[.!?:;]$/.test(line) && !/(?:^|\s)\p{Lu}\.$/u.test(line)) return null;
  const prefixed = BYLINE_PREFIX.exec(line);
  if (prefixed !== null) {
    // Anything after a bar or dash is an outlet, a role or a date.
    const namesPart = (prefixed[1] ?? '').split(/\s+[|·•—–-]\s+|\s*\|\s*/)[0] ?? '';
    return namesFrom(namesPart);
  }
  if (!allowBare) return null;
  const bare = /^([^,|]+?)\s*[,|—–]\s*(.+)$/.exec(line);
  if (bare === null) return null;
  const [name, role] = [bare[1] ?? '', bare[2] ?? ''];
  return looksLikeName(name) && isRoleLine(role) ? [name] : null;
}

const ROLE_CONNECTORS = new Set(['of', 'for', 'the', 'and', 'at', 'in', 'on', '&', 'de', 'du']);

/** "Staff Writer", "Moscow Bureau Chief", "senior fellow at the Atlantic Council": a job title. */
function isRoleLine(role: string): boolean {
  const words = role.split(/\s+/);
  if (words.length > 8 || !isRole(role)) return false;
  return words.every((word) => {
    const bare = word.replace(/[^\p{L}&]/gu, '');
    return bare === '' || /^\p{Lu}/u.test(bare) || ROLE_WORDS.has(bare.toLowerCase()) || ROLE_CONNECTORS.has(bare.toLowerCase());
  });
}

const CREDIT_START =
  /^\s*[([]?\s*(?:top|main|lead|cover|header|hero|featured|photo|image|picture|pic|illustration|graphic|video|credit|caption|artwork)/i;
const CREDIT =
  /^[([]?\s*(?:(?:top|main|lead|cover|header|hero|featured)\s+)?(?:photo(?:graph)?s?|photography|images?|pictures?|pics?|illustrations?|graphics?|video|credits?|caption|artwork)(?:\s+(?:credit|credits|courtesy|source))?\s*(?:[:：|/]|\s[—–-]\s?)\s*\S/i;
const CREDIT_BY = /^[([]?\s*(?:photo(?:graph)?|image|picture|illustration|video)\s+(?:by|via|courtesy(?:\s+of)?|credit)\b/i;

/** A photo or image credit line: "Photo: Reuters", "Image credit: NASA", "Photo by Jane Doe on Unsplash". */
export function isPhotoCredit(raw: string): boolean {
  if (raw.length > 400 || !CREDIT_START.test(raw)) return false;
  const line = normaliseInline(raw);
  return line.length > 0 && line.length <= 300 && (CREDIT.test(line) || CREDIT_BY.test(line));
}

const CHROME_EXACT = new Set([
  'advertisement', 'advertisements', 'advert', 'ad', 'ads', 'sponsored', 'sponsored content', 'paid content',
  'paid post', 'promoted', 'promoted content', 'partner content', 'story continues below', 'story continues below advertisement',
  'article continues below', 'article continues below advertisement', 'continue reading', 'continue reading below',
  'scroll to continue', 'scroll to continue with content', 'skip advert', 'skip advertisement', 'skip to content',
  'skip to main content', 'share', 'share this', 'share this article', 'share this story', 'share this page',
  'share this post', 'share article', 'share story', 'share on facebook', 'share on twitter', 'share on x',
  'share on linkedin', 'share on whatsapp', 'share via email', 'tweet', 'email', 'print', 'copy link',
  'copy the link', 'link copied', 'save', 'save article', 'save for later', 'comments', 'comment', 'leave a comment',
  'show comments', 'view comments', 'join the conversation', 'back to top', 'top of page', 'read more',
  'read next', 'read also', 'also read', 'see also', 'related', 'related articles', 'related stories',
  'related content', 'related coverage', 'more on this story', 'more stories', 'most read', 'most popular',
  'trending', 'trending now', 'recommended', 'recommended for you', 'you may also like', 'you might also like',
  'listen to this article', 'listen to this story', 'all rights reserved', 'gift this article', 'subscribe',
  'subscribe now', 'sign up', 'sign in', 'log in', 'follow us', 'newsletter', 'cookie settings', 'accept cookies',
  'enable javascript', 'loading', 'loading…', 'loading...',
]);
const CHROME_PATTERNS = [
  /^(?:read more|read also|also read|read next|see also|related|more on this(?: story)?|further reading|more from [^:]{1,40}|watch|listen)\s*[:：|»›>–—-]\s*\S/i,
  /^share (?:this|on|via)\b.{0,60}$/i,
  /^follow (?:us|me|@)\b.{0,80}$/i,
  /^(?:sign up|subscribe)\b.{0,100}\bnewsletters?\b.{0,60}$/i,
  /^\d+\s*(?:min(?:ute)?s?|m)\s+(?:read|listen)$/i,
  /^\d+\s+comments?$/i,
  /^(?:updated|published|posted)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$/i,
  /^(?:©|\(c\)\s|copyright\s+(?:©\s*|\(c\)\s*)?(?:\d{4}|by)\b).{0,150}$/i,
  /^(?:this|the) (?:article|story|piece) (?:was|is|has been|first|originally)\b.{0,40}\b(?:published|appeared|posted)\b.{0,120}$/i,
  /^we use cookies\b.{0,300}$/i,
];

/** Site chrome that is never body text: "Advertisement", "Share this article", "Read more: ...". */
export function isSiteChrome(raw: string): boolean {
  if (raw.length > 400) return false;
  const line = normaliseInline(raw);
  if (line.length === 0 || line.length > 300) return false;
  const bare = line.toLowerCase().replace(/[\s:：.…!›»>|–—-]+$/u, '');
  if (CHROME_EXACT.has(bare)) return true;
  if (line.length <= 150 && bare.endsWith('all rights reserved')) return true;
  return CHROME_PATTERNS.some((pattern) => pattern.test(line));
}

const GENRE_LABELS = new Set([
  'analysis', 'opinion', 'comment', 'commentary', 'editorial', 'feature', 'features', 'explainer', 'interview',
  'review', 'news', 'breaking', 'breaking news', 'exclusive', 'briefing', 'essay', 'long read', 'the long read',
  'investigation', 'special report', 'report', 'dispatch', 'column', 'letters', 'podcast', 'live', 'update',
  'in depth', 'in-depth', 'perspective', 'insight', 'insights', 'op-ed', 'guest post', 'guest column', 'blog',
  'world', 'politics', 'business', 'economy', 'markets', 'security', 'energy', 'europe', 'asia', 'africa',
  'middle east', 'americas', 'science', 'technology', 'climate', 'culture', 'sport', 'sports', 'fact check',
  'world news', 'uk news', 'us news', 'premium', 'subscriber only', 'subscribers only', 'free to read',
]);
const BREADCRUMB_SEPARATOR = /\s+(?:\||›|»|>|\/|·|•)\s+/;

/** Whether a line is built like a breadcrumb trail ("World | Europe"); see isSectionLabel. */
export function isBreadcrumb(raw: string): boolean {
  const line = normaliseInline(raw);
  return BREADCRUMB_SEPARATOR.test(line) && isSectionLabel(line) && !GENRE_LABELS.has(line.toLowerCase());
}

/**
 * A section label above a headline: "ANALYSIS", "Opinion", "World | Europe", "News › Middle East".
 * Only meaningful near the top of an article.
 */
export function isSectionLabel(raw: string): boolean {
  const line = normaliseInline(raw);
  if (line.length === 0 || line.length > 80) return false;
  if (GENRE_LABELS.has(line.toLowerCase().replace(/[:：]$/, ''))) return true;
  const segments = line.split(BREADCRUMB_SEPARATOR);
  if (segments.length < 2 || segments.length > 6) return false;
  let words = 0;
  for (const segment of segments) {
    const segmentWords = segment.split(' ');
    words += segmentWords.length;
    if (segmentWords.length > 3 || !/^[\p{Lu}\d]/u.test(segment) || /[.!?,;:]$/.test(segment)) return false;
  }
  return words <= 9;
}

const BIO_WORDS =
  /\b(?:fellow|professor|author|director|correspondent|editor|journalist|researcher|analyst|writer|reporter|lecturer|contributor|founder|co-founder|columnist|scholar|economist|consultant|advis[eo]r|specialist|expert|chair|head of|associate|former|based in|covers|reports on|writes about|writes on|phd|doctoral|candidate|student|teaches|member of|partner at|works at|works for|served as|at the university|institute|centre|center|think tank|programme|program)\b/i;

const HONORIFIC = /^(?:mr|mrs|ms|mx|miss|lt|gen|col|capt|cdr|sgt|maj|adm|president|minister|prime|king|queen|prince|sheikh|general|colonel|captain|senator|governor|mayor)\.?$/i;
const BIO_LEAD =
  /^(?:an?|the|currently|now|also|senior|associate|assistant|executive|managing|deputy|chief|head|founder|co-founder|editor|author|visiting|research|lecturer|reader|former|director|professor|fellow|correspondent|based|covers|reports|about|on|for)\b/i;

/**
 * An author biography: "Jane Doe is a senior fellow at ...", "— Jane Doe is ...", "About the author:
 * ...". `authors` are the document's known authors; a bio naming one of them needs less proof.
 */
export function isAuthorBio(raw: string, authors: readonly string[] = []): boolean {
  const line = normaliseInline(raw);
  if (line.length === 0 || line.length > 700) return false;
  if (/^(?:[*_—–-]+\s*)?about the authors?\b/i.test(line)) return true;
  if (/[“”"«»„]|\bsaid\b/.test(line)) return false;
  const match =
    /^([*_—–-]+\s*)?((?:[\p{L}\p{M}'’.-]+\s+){0,5}?[\p{L}\p{M}'’.-]+)\s+(is|was|has been|serves as|works as|writes|teaches|leads|heads|directs|covers|reports)\s+(.*)$/u.exec(
      line,
    );
  if (match === null) return false;
  const [marker, name, verb, rest] = [match[1] ?? '', match[2] ?? '', match[3] ?? '', match[4] ?? ''];
  const words = name.split(' ');
  if (!looksLikeName(name) || words.length < 2 || HONORIFIC.test(words[0] ?? '')) return false;
  const lowerName = name.toLowerCase();
  const known = authors.some((author) => {
    const lowerAuthor = author.toLowerCase();
    return lowerAuthor !== '' && (lowerAuthor.includes(lowerName) || lowerName.includes(lowerAuthor));
  });
  if (known) return true;
  if (!BIO_WORDS.test(`${verb} ${rest}`)) return false;
  return marker !== '' || verb !== 'is' || BIO_LEAD.test(rest);
}

const SIGN_OFF =
  /^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|edited|compiled|produced|research|fact-checking|translation|translated)\s+by\b.{0,300}$/i;

/** A wire-service sign-off: "Reporting by Jane Doe; Editing by John Roe". */
export function isSignOff(raw: string): boolean {
  const line = normaliseInline(raw);
  return line.length > 0 && line.length <= 400 && SIGN_OFF.test(line);
}
