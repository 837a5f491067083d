import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { BLOCKISH, NEVER_TEXT } from './html-blocks';

/**
 * Finds a saved web page's article body and says which elements around and inside it are page
 * chrome. A small readability-style heuristic: paragraphs score their parent and grandparent by
 * length and commas, scores are discounted by link density, and <article>, itemprop=articleBody and
 * <main> are preferred when they hold the best-scoring text.
 */
export type ContentPlan = Readonly<{
  /** The element holding the article body, or null to read the whole document. */
  root: Element | null;
  /** Elements to leave out with everything inside them. */
  skip: (element: Element) => boolean;
  /** Elements whose text is kept but flagged as boilerplate. */
  boilerplate: (element: Element) => boolean;
}>;

/** Page structure that is never article text. */
const CHROME_TAGS = new Set(['nav', 'aside', 'menu']);
const JUNK_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar',
  'toolbar', 'tablist', 'tooltip',
]);

/** class/id words of ads, comments, share bars, related links, newsletters, cookie notices. */
const JUNK_WORDS = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertisements', 'advertising', 'adslot', 'adunit',
  'adsense', 'adbox', 'adcontainer', 'adwrapper', 'dfp', 'leaderboard', 'billboard', 'banner', 'banners', 'promo',
  'promos', 'promoted', 'promotion', 'promotions', 'sponsor', 'sponsors', 'sponsored', 'sponsorship', 'disqus',
  'respond', 'replies', 'comment', 'comments', 'commentlist', 'discussion', 'share', 'shares', 'sharing', 'sharebar',
  'social', 'socials', 'addthis', 'addtoany', 'related', 'recirc', 'recirculation', 'outbrain', 'taboola',
  'recommended', 'recommendations', 'recommend', 'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup',
  'cookie', 'cookies', 'consent', 'gdpr', 'breadcrumb', 'breadcrumbs', 'sidebar', 'popup', 'modal', 'navbar',
  'navigation', 'nav', 'menu', 'toolbar', 'masthead', 'skiplink', 'trending', 'popular', 'mostread', 'mostpopular',
  'tags', 'topics', 'paywallprompt', 'pagination', 'pager',
]);
const JUNK_PREFIXES = [
  'advert', 'sponsor', 'promo', 'comment', 'share', 'social', 'related', 'recommend', 'newsletter', 'cookie',
  'consent', 'breadcrumb', 'sidebar', 'popup', 'banner', 'disqus', 'outbrain', 'taboola',
];
const NOT_JUNK = new Set([
  'commentary', 'commentaries', 'commentator', 'commentators', 'commentisfree', 'shared', 'shareholder',
  'shareholders', 'socialism', 'socialist', 'promotor',
]);
/** Whole class names that hide an element visually. */
const HIDDEN_CLASSES = new Set([
  'hidden', 'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-text', 'screen-reader-only', 'a11y-hidden',
  'offscreen', 'is-hidden', 'u-hidden', 'd-none', 'hide',
]);
/** class/id words of bylines, datelines, captions and credits: kept, flagged as boilerplate. */
const FURNITURE_WORDS = new Set([
  'byline', 'bylines', 'author', 'authors', 'dateline', 'timestamp', 'published', 'pubdate', 'date', 'dates',
  'posted', 'postedon', 'meta', 'credit', 'credits', 'caption', 'captions', 'kicker', 'eyebrow', 'overline',
  'disclaimer', 'bio', 'authorbio', 'contributor', 'contributors',
]);
const POSITIVE_WORDS = new Set([
  'article', 'body', 'content', 'entry', 'main', 'page', 'post', 'text', 'blog', 'story', 'prose', 'richtext',
  'articlebody', 'storybody', 'postbody',
]);
/** Elements whose own loose text counts as a paragraph. */
const TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'td', 'li', 'dd', 'blockquote', 'center']);

type Stats = {
  text: number;
  links: number;
  commas: number;
  /** Paragraph text: in <p>/<pre>, or loose text of at least 25 characters in a container. */
  own: number;
  content: number;
  /** Paragraph text outside soft chrome. */
  strict: number;
  hasH1: boolean;
};

/** Words of an element's class and id: `ad-slot__top adContainer` gives ad, slot, top, adslot, ad, container, ... */
function attributeWords(element: Element): string[] {
  const raw = `${element.attribs['class'] ?? ''} ${element.attribs['id'] ?? ''}`;
  const words: string[] = [];
  for (const name of raw.split(/\s+/)) {
    if (name === '') continue;
    const parts = name
      .split(/[_:.-]+|(?<=[a-z0-9])(?=[A-Z])/)
      .map((part) => part.toLowerCase())
      .filter((part) => part !== '');
    words.push(...parts);
    for (let i = 0; i + 1 < parts.length; i += 1) words.push(`${parts[i] ?? ''}${parts[i + 1] ?? ''}`);
  }
  return words;
}

function isJunkWord(word: string): boolean {
  if (NOT_JUNK.has(word)) return false;
  return JUNK_WORDS.has(word) || JUNK_PREFIXES.some((prefix) => word.startsWith(prefix));
}

/** Hidden by attribute, ARIA or inline style. */
export function isHidden(element: Element): boolean {
  const attribs = element.attribs;
  if (attribs['hidden'] !== undefined) return true;
  if ((attribs['aria-hidden'] ?? '').trim().toLowerCase() === 'true') return true;
  const style = (attribs['style'] ?? '').toLowerCase();
  if (/(?:^|;)\s*display\s*:\s*none\b|(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)\b/.test(style)) return true;
  if ((attribs['type'] ?? '').toLowerCase() === 'hidden') return true;
  const classes = (attribs['class'] ?? '').toLowerCase().split(/\s+/);
  return classes.some((name) => HIDDEN_CLASSES.has(name));
}

function collapsedLength(text: string): number {
  let length = 0;
  let space = true;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || code === 160) {
      if (!space) length += 1;
      space = true;
    } else {
      length += 1;
      space = false;
    }
  }
  return length;
}

function commaCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x2c || code === 0x60c || code === 0xff0c || code === 0x3001) count += 1;
  }
  return count;
}

function parentElement(element: Element): Element | null {
  const parent = element.parent;
  return parent !== null && isTag(parent) ? parent : null;
}

function contains(ancestor: Element, element: Element): boolean {
  for (let current: Element | null = element; current !== null; current = parentElement(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

export function planContent(nodes: readonly ChildNode[]): ContentPlan {
  // Elements in document order.
  const order: Element[] = [];
  const stack: ChildNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (!isTag(node)) continue;
    order.push(node);
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const child = node.children[i];
      if (child !== undefined) stack.push(child);
    }
  }

  // Top down: never-text and navigation subtrees, and being inside an <article>.
  const inHard = new Set<Element>();
  const inArticle = new Set<Element>();
  for (const element of order) {
    const parent = parentElement(element);
    const never = NEVER_TEXT.has(element.name) || CHROME_TAGS.has(element.name);
    if (never || (parent !== null && inHard.has(parent))) inHard.add(element);
    if (parent !== null && (parent.name === 'article' || inArticle.has(parent))) inArticle.add(element);
  }

  // Bottom up: text, links, paragraph text.
  const stats = new Map<Element, Stats>();
  const empty: Stats = { text: 0, links: 0, commas: 0, own: 0, content: 0, strict: 0, hasH1: false };
  const statsOf = (element: Element): Stats => stats.get(element) ?? empty;
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const element = order[i];
    if (element === undefined || inHard.has(element)) continue;
    const own: Stats = { ...empty, hasH1: element.name === 'h1' };
    let inline = 0;
    for (const child of element.children) {
      if (isText(child)) {
        const length = collapsedLength(child.data);
        own.text += length;
        inline += length;
        own.commas += commaCount(child.data);
      } else if (isTag(child) && !inHard.has(child)) {
        const childStats = statsOf(child);
        own.text += childStats.text;
        own.links += childStats.links;
        own.commas += childStats.commas;
        own.content += childStats.content;
        own.hasH1 ||= childStats.hasH1;
        if (!BLOCKISH.has(child.name)) inline += childStats.text;
      }
    }
    if (element.name === 'a') own.links = own.text;
    if (element.name === 'p' || element.name === 'pre') own.own = own.text;
    else if (TEXT_HOLDERS.has(element.name) && inline >= 25) own.own = inline;
    own.content += own.own;
    stats.set(element, own);
  }

  const soft = new Set<Element>();
  for (const element of order) {
    if (!inHard.has(element) && isSoftChrome(element, inArticle.has(element), statsOf(element).hasH1)) soft.add(element);
  }
  // Paragraph text outside soft chrome, and being inside soft chrome.
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const element = order[i];
    if (element === undefined || inHard.has(element)) continue;
    const own = statsOf(element);
    own.strict = own.own;
    for (const child of element.children) {
      if (isTag(child) && !inHard.has(child) && !soft.has(child)) own.strict += statsOf(child).strict;
    }
  }
  const inSoft = new Set<Element>();
  for (const element of order) {
    const parent = parentElement(element);
    if (soft.has(element) || (parent !== null && inSoft.has(parent))) inSoft.add(element);
  }

  const topLevel = order.filter((element) => parentElement(element) === null && !inHard.has(element));
  const strictTotal = topLevel.reduce((sum, element) => sum + (soft.has(element) ? 0 : statsOf(element).strict), 0);
  const looseTotal = topLevel.reduce((sum, element) => sum + statsOf(element).content, 0);
  // When the chrome rules would hide nearly all the text (a page wrapped in a <form>, an article
  // marked aria-hidden behind an open dialog), they are wrong for this page: choose by all the text.
  const loose = looseTotal >= 200 && strictTotal < looseTotal * 0.15;
  const measure = (element: Element) => (loose ? statsOf(element).content : statsOf(element).strict);
  const eligible = (element: Element) => !inHard.has(element) && (loose || !inSoft.has(element));

  const top = bestScored(order, statsOf, eligible);
  const semantic =
    semanticCandidate(order, measure, (element) => eligible(element) && !inSoft.has(element)) ??
    semanticCandidate(order, measure, eligible);
  let root: Element | null;
  if (semantic !== null && top !== null) {
    root = contains(semantic, top) || measure(semantic) >= measure(top) * 0.5 ? semantic : withSiblings(top, measure);
  } else if (semantic !== null) root = semantic;
  else if (top !== null) root = withSiblings(top, measure);
  else root = order.find((element) => element.name === 'body') ?? null;

  const protectedElements = new Set<Element>();
  for (let current = root; current !== null; current = parentElement(current)) protectedElements.add(current);
  const rootContent = root === null ? looseTotal : statsOf(root).content;

  return {
    root,
    skip: (element) => {
      if (protectedElements.has(element)) return false;
      if (CHROME_TAGS.has(element.name)) return true;
      if (!soft.has(element)) return false;
      return !loose || statsOf(element).content < rootContent * 0.5;
    },
    boilerplate: (element) => {
      if (protectedElements.has(element)) return false;
      if (element.name === 'footer' || (element.attribs['role'] ?? '') === 'contentinfo') return true;
      if (statsOf(element).content > Math.max(rootContent * 0.3, 400)) return false;
      return attributeWords(element).some((word) => FURNITURE_WORDS.has(word));
    },
  };
}

function isSoftChrome(element: Element, insideArticle: boolean, hasH1: boolean): boolean {
  // Page-level classes ("single comments-open") describe the page, not a box on it.
  if (element.name === 'html' || element.name === 'body' || element.name === 'main') return false;
  if (isHidden(element)) return true;
  const role = (element.attribs['role'] ?? '').trim().toLowerCase();
  if (JUNK_ROLES.has(role)) return true;
  if (element.name === 'form') return true;
  if (element.name === 'header' && !insideArticle && !hasH1) return true;
  if (element.name === 'footer' && !insideArticle) return true;
  return attributeWords(element).some(isJunkWord);
}

function classWeight(element: Element): number {
  const words = attributeWords(element);
  let weight = 0;
  if (words.some((word) => POSITIVE_WORDS.has(word))) weight += 25;
  if (words.some(isJunkWord) || words.some((word) => FURNITURE_WORDS.has(word) || word === 'footer')) weight -= 25;
  return weight;
}

function tagWeight(name: string): number {
  if (name === 'div' || name === 'article' || name === 'main' || name === 'section') return 5;
  if (name === 'pre' || name === 'td' || name === 'blockquote') return 3;
  if (['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].includes(name)) return -3;
  if (['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th'].includes(name)) return -5;
  return 0;
}

/** The element with the best readability score: paragraphs score their parent and grandparents. */
function bestScored(
  order: readonly Element[],
  statsOf: (element: Element) => Stats,
  eligible: (element: Element) => boolean,
): Element | null {
  const scores = new Map<Element, number>();
  for (const element of order) {
    const stats = statsOf(element);
    if (stats.own < 25 || !eligible(element)) continue;
    const score = 1 + Math.min(stats.commas, 20) + Math.min(Math.floor(stats.own / 100), 3);
    // A container holding loose text scores itself; a paragraph scores its ancestors.
    let ancestor: Element | null = element.name === 'p' || element.name === 'pre' ? parentElement(element) : element;
    for (let level = 0; ancestor !== null && level < 3; level += 1) {
      if (!eligible(ancestor)) break;
      const current = scores.get(ancestor) ?? tagWeight(ancestor.name) + classWeight(ancestor);
      scores.set(ancestor, current + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
      ancestor = parentElement(ancestor);
    }
  }
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const [element, score] of scores) {
    const stats = statsOf(element);
    const density = stats.text === 0 ? 0 : stats.links / stats.text;
    const final = score * (1 - density);
    if (final > bestScore) [best, bestScore] = [element, final];
  }
  return best;
}

/** The <article> with the most paragraph text, else itemprop=articleBody, else <main>. */
function semanticCandidate(
  order: readonly Element[],
  measure: (element: Element) => number,
  eligible: (element: Element) => boolean,
): Element | null {
  const pick = (test: (element: Element) => boolean): Element | null => {
    let best: Element | null = null;
    for (const element of order) {
      if (!test(element) || !eligible(element) || measure(element) === 0) continue;
      if (best === null || measure(element) > measure(best)) best = element;
    }
    return best;
  };
  return (
    pick((element) => element.name === 'article') ??
    pick((element) => /\barticlebody\b/i.test(element.attribs['itemprop'] ?? '')) ??
    pick((element) => element.name === 'main' || (element.attribs['role'] ?? '').toLowerCase() === 'main')
  );
}

/** The best container, or its parent when its siblings hold a good share of the text too. */
function withSiblings(top: Element, measure: (element: Element) => number): Element {
  const parent = parentElement(top);
  if (parent === null || parent.name === 'body' || parent.name === 'html') return top;
  const siblings = measure(parent) - measure(top);
  return siblings >= Math.max(measure(top) * 0.3, 200) ? parent : top;
}
