import { decodeHTML } from 'entities';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';

/** What a page says about itself, raw (the importer normalises). */
export type PageMetadata = Readonly<{
  title: string | null;
  /** The <title> element's text. */
  documentTitle: string | null;
  authors: readonly string[];
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string | null;
  direction: 'ltr' | 'rtl' | null;
}>;

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'satiricalarticle', 'scholarlyarticle',
  'techarticle', 'report', 'blogposting', 'socialmediaposting', 'liveblogposting', 'posting',
]);

/** Bounds on how much of a JSON-LD graph is looked at. */
const MAX_JSON_NODES = 5000;
const MAX_JSON_DEPTH = 24;

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Concatenated text of text-node children (for <title>, <script> and the like). */
export function textOf(nodes: readonly ChildNode[]): string {
  let text = '';
  const stack: ChildNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (isText(node)) text += node.data;
    else if (isTag(node) && node.name !== 'script' && node.name !== 'style') {
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return text;
}

/**
 * Reads metadata from <title>, meta tags (author, article:author, Open Graph, article:published_time,
 * Dublin Core), <link rel=canonical>, microdata, <html lang/dir>, <body dir> and JSON-LD article
 * objects (NewsArticle and kin, also inside @graph or arrays, with @id references followed). JSON-LD
 * is parsed as JSON and never executed. `all` is every element in document order.
 */
export function readPageMetadata(all: readonly Element[]): PageMetadata {
  const meta = new Map<string, string>();
  for (const element of all) {
    if (element.name !== 'meta') continue;
    const key = (
      element.attribs['property'] ??
      element.attribs['name'] ??
      element.attribs['itemprop'] ??
      element.attribs['http-equiv'] ??
      ''
    )
      .trim()
      .toLowerCase();
    const content = element.attribs['content']?.trim();
    if (key !== '' && content !== undefined && content !== '' && !meta.has(key)) meta.set(key, content);
  }
  const jsonLd = readJsonLd(all.filter((element) => element.name === 'script' && isJsonLdType(element.attribs['type'])));
  const html = all.find((element) => element.name === 'html');
  const body = all.find((element) => element.name === 'body');
  const titleElement = all.find((element) => element.name === 'title');
  const documentTitle = titleElement === undefined ? null : nonEmpty(textOf(titleElement.children));

  const metaAuthor = [meta.get('author'), meta.get('article:author'), meta.get('dc.creator'), meta.get('byl')]
    .map((value) => value?.replace(/^by\s+/i, ''))
    .find((value) => value !== undefined && value !== '' && !/^https?:\/\//i.test(value));
  const microdataAuthor = microdata(all, 'author') ?? relAuthor(all);
  const authors =
    jsonLd?.authors !== undefined && jsonLd.authors.length > 0
      ? jsonLd.authors
      : metaAuthor !== undefined
        ? [metaAuthor]
        : microdataAuthor !== null
          ? [microdataAuthor]
          : [];

  const canonical = all.find(
    (element) =>
      element.name === 'link' &&
      (element.attribs['rel'] ?? '').toLowerCase().split(/\s+/).includes('canonical') &&
      (element.attribs['href'] ?? '') !== '',
  );
  const urlCandidates = [canonical?.attribs['href'], meta.get('og:url'), jsonLd?.url ?? undefined];
  const absolute = urlCandidates.find((value) => value !== undefined && /^https?:\/\//i.test(value.trim()));
  const base = absolute?.trim();
  const url = urlCandidates.map((value) => resolveHttp(value, base)).find((value) => value !== null) ?? null;

  const ogLocale = meta.get('og:locale')?.replace('_', '-');
  return {
    title: nonEmpty(meta.get('og:title') ?? jsonLd?.headline ?? meta.get('twitter:title') ?? null),
    documentTitle,
    authors,
    outlet: nonEmpty(
      meta.get('og:site_name') ?? jsonLd?.publisher ?? meta.get('application-name') ?? meta.get('dc.publisher') ?? null,
    ),
    published:
      meta.get('article:published_time') ??
      jsonLd?.datePublished ??
      meta.get('datepublished') ??
      meta.get('date') ??
      meta.get('dc.date') ??
      meta.get('dc.date.issued') ??
      meta.get('dcterms.date') ??
      meta.get('publish-date') ??
      meta.get('pubdate') ??
      meta.get('parsely-pub-date') ??
      meta.get('sailthru.date') ??
      microdataDate(all) ??
      null,
    url,
    language:
      nonEmpty(html?.attribs['lang'] ?? html?.attribs['xml:lang'] ?? null) ??
      jsonLd?.inLanguage ??
      nonEmpty(meta.get('content-language') ?? ogLocale ?? null),
    direction: direction(html?.attribs['dir']) ?? direction(body?.attribs['dir']),
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

function direction(value: string | undefined): 'ltr' | 'rtl' | null {
  const lower = value?.trim().toLowerCase();
  return lower === 'rtl' || lower === 'ltr' ? lower : null;
}

function resolveHttp(value: string | undefined, base: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  try {
    const url = base === undefined ? new URL(value.trim()) : new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function isJsonLdType(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]?.trim().toLowerCase() === 'application/ld+json';
}

/** The text of the first element with itemprop=`name` (or its itemprop=name child, or content). */
function microdata(all: readonly Element[], property: string): string | null {
  const element = all.find(
    (candidate) =>
      candidate.name !== 'meta' &&
      (candidate.attribs['itemprop'] ?? '').toLowerCase().split(/\s+/).includes(property.toLowerCase()),
  );
  if (element === undefined) return null;
  const content = element.attribs['content'];
  if (content !== undefined) return nonEmpty(content);
  const stack: ChildNode[] = [...element.children];
  while (stack.length > 0) {
    const node = stack.shift();
    if (node === undefined) break;
    if (isTag(node)) {
      if ((node.attribs['itemprop'] ?? '').toLowerCase() === 'name') return nonEmpty(textOf(node.children));
      stack.push(...node.children);
    }
  }
  const text = nonEmpty(textOf(element.children)?.replace(/\s+/g, ' '));
  return text !== null && text.length <= 120 ? text.replace(/^by\s+/i, '') : null;
}

/** itemprop=datePublished, or a <time datetime> marked pubdate or with a "published" class. */
function microdataDate(all: readonly Element[]): string | null {
  const element = all.find((candidate) =>
    (candidate.attribs['itemprop'] ?? '').toLowerCase().split(/\s+/).includes('datepublished'),
  );
  const fromItemprop = element?.attribs['content'] ?? element?.attribs['datetime'];
  if (fromItemprop !== undefined) return fromItemprop;
  const time = all.find(
    (candidate) =>
      candidate.name === 'time' &&
      candidate.attribs['datetime'] !== undefined &&
      (candidate.attribs['pubdate'] !== undefined ||
        /\b(?:published|pubdate|entry-date|publish-date|date-published)\b/i.test(candidate.attribs['class'] ?? '')),
  );
  return time?.attribs['datetime'] ?? null;
}

/** The text of a link marked rel=author, when it reads as a name. */
function relAuthor(all: readonly Element[]): string | null {
  const link = all.find(
    (candidate) =>
      candidate.name === 'a' && (candidate.attribs['rel'] ?? '').toLowerCase().split(/\s+/).includes('author'),
  );
  const text = link === undefined ? null : nonEmpty(textOf(link.children).replace(/\s+/g, ' '));
  return text !== null && text.length <= 80 ? text : null;
}

type JsonLdArticle = Readonly<{
  headline: string | null;
  authors: readonly string[];
  publisher: string | null;
  datePublished: string | null;
  url: string | null;
  inLanguage: string | null;
}>;

/** The first article object in the page's JSON-LD, with its references resolved. */
function readJsonLd(scripts: readonly Element[]): JsonLdArticle | null {
  const nodes: JsonObject[] = [];
  for (const script of scripts) {
    const source = textOf(script.children)
      .trim()
      .replace(/^<!--|-->$/g, '')
      .replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '')
      .trim()
      .replace(/;+$/, '');
    if (source === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch {
      continue;
    }
    collectObjects(parsed, nodes);
  }
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, node);
  }
  const resolve = (value: unknown): unknown => {
    if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length <= 2) {
      return byId.get(value['@id']) ?? value;
    }
    return value;
  };
  const article = nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPES.has(type)));
  if (article === undefined) return null;

  const authors: string[] = [];
  for (const author of asList(article['author'] ?? article['creator'])) {
    const resolved = resolve(author);
    const name = typeof resolved === 'string' ? resolved : isObject(resolved) ? jsonText(resolved['name']) : null;
    const clean = name === null ? null : cleanText(name);
    if (clean !== null && !/^https?:\/\//i.test(clean) && !authors.includes(clean)) authors.push(clean);
  }
  const publisher = resolve(asList(article['publisher'])[0]);
  const mainEntity = resolve(article['mainEntityOfPage']);
  const url =
    jsonText(article['url']) ??
    (typeof mainEntity === 'string' ? mainEntity : isObject(mainEntity) ? (jsonText(mainEntity['@id']) ?? jsonText(mainEntity['url'])) : null);
  const language = resolve(article['inLanguage']);
  return {
    headline: cleanText(jsonText(article['headline']) ?? jsonText(article['name'])),
    authors,
    publisher: cleanText(
      typeof publisher === 'string' ? publisher : isObject(publisher) ? jsonText(publisher['name']) : null,
    ),
    datePublished: jsonText(article['datePublished']) ?? jsonText(article['dateCreated']),
    url: typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null,
    inLanguage:
      typeof language === 'string'
        ? nonEmpty(language)
        : isObject(language)
          ? (jsonText(language['alternateName']) ?? jsonText(language['name']))
          : null,
  };
}

/** Every object in a parsed JSON-LD value, breadth first, within bounds. */
function collectObjects(root: unknown, out: JsonObject[]): void {
  const queue: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  for (let head = 0; head < queue.length && out.length < MAX_JSON_NODES; head += 1) {
    const item = queue[head];
    if (item === undefined || item.depth > MAX_JSON_DEPTH) continue;
    const { value, depth } = item;
    if (Array.isArray(value)) {
      for (const entry of value as unknown[]) queue.push({ value: entry, depth: depth + 1 });
    } else if (isObject(value)) {
      out.push(value);
      for (const key of Object.keys(value)) {
        const child = value[key];
        if (typeof child === 'object' && child !== null) queue.push({ value: child, depth: depth + 1 });
      }
    }
    if (queue.length > MAX_JSON_NODES * 4) break;
  }
}

function typesOf(node: JsonObject): string[] {
  return asList(node['@type'])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^(?:https?:\/\/)?schema\.org\//i, '').toLowerCase());
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** A JSON-LD text value: a string, a number, or a `{"@value": ...}` object; the first of a list. */
function jsonText(value: unknown): string | null {
  if (typeof value === 'string') return nonEmpty(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return jsonText((value as unknown[])[0]);
  if (isObject(value)) return jsonText(value['@value']);
  return null;
}

/** JSON-LD strings sometimes carry HTML entities or tags; the text is wanted. */
function cleanText(value: string | null): string | null {
  if (value === null) return null;
  return nonEmpty(decodeHTML(value.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' '));
}
