import { parseDocument } from 'htmlparser2';
import { isTag, type ChildNode, type Element, type ParentNode } from 'domhandler';
import type { Importer, RawBlock } from '../imported-document';
import { normaliseDate, normaliseField, normaliseInline } from '../normalise';
import { htmlToBlocks, NEVER_TEXT } from './html-blocks';
import { isHidden, planContent } from './html-content';
import { safeHref, WEB_PROTOCOLS } from './html-href';
import { readPageMetadata, textOf } from './html-metadata';
import { decodeText } from './text-decoding';
import { isPhotoCredit, isSectionLabel, isSiteChrome, parseByline, parseDateline } from './text-furniture';

/** How many blocks from the top a byline, dateline or section label may be. */
const TOP_BLOCKS = 8;

/**
 * A saved web page. Metadata from <title>, meta tags, Open Graph, <link rel=canonical>, JSON-LD
 * and <html lang/dir>. Reading text from the article body (<article>, itemprop=articleBody or
 * <main>, else the container with the densest paragraph text), without navigation, page header and
 * footer, asides, ads, comments, share bars, related links, newsletter and cookie boxes, forms,
 * scripts, embedded objects and hidden elements. Bylines, datelines, credits and section labels in
 * the body are kept as boilerplate blocks. Nothing is ever executed: the page is parsed as data, and
 * the only attribute read into the document is a link's href, kept when it is http(s).
 */
export const importHtml: Importer = (bytes) => {
  const dom = parseDocument(decodeText(bytes, { html: true }), {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const all = elementsOf(dom.children);
  const metadata = readPageMetadata(all);
  const plan = planContent(dom.children);
  const base = metadata.url;
  const blocks: RawBlock[] = htmlToBlocks(plan.root === null ? dom.children : [plan.root], {
    skip: plan.skip,
    boilerplate: plan.boilerplate,
    href: (raw) => safeHref(raw, WEB_PROTOCOLS, base),
  });

  let authors = metadata.authors.map((name) => normaliseInline(name)).filter((name) => name !== '');
  let published = normaliseDate(metadata.published);
  let readingBlocks = 0;
  const marked = blocks.map((block, index): RawBlock => {
    if (block.boilerplate === true) {
      // Furniture such as "Posted on March 4, 2026 by Jane Doe" names the author at its end.
      const trailing = /\bby\s+([^|•·]+)$/i.exec(normaliseInline(block.text));
      const names = parseByline(block.text) ?? (trailing === null ? null : parseByline(`By ${trailing[1] ?? ''}`));
      if (block.kind !== 'heading' && names !== null && authors.length === 0) authors = names;
      return block;
    }
    if (block.kind === 'paragraph' || block.kind === 'heading') {
      const nearTop = index < TOP_BLOCKS && readingBlocks < 2;
      const names = block.kind === 'paragraph' ? parseByline(block.text, nearTop) : null;
      if (names !== null) {
        if (authors.length === 0) authors = names;
        return { ...block, boilerplate: true };
      }
      const dateline = parseDateline(block.text);
      if (dateline !== null) {
        if (published === null && nearTop) published = dateline.date;
        return { ...block, boilerplate: true };
      }
      if (isPhotoCredit(block.text) || isSiteChrome(block.text) || (nearTop && isSectionLabel(block.text))) {
        return { ...block, boilerplate: true };
      }
    }
    if (block.kind !== 'heading') readingBlocks += 1;
    return block;
  });

  // The headline: Open Graph or JSON-LD, else the article's (or page's) first <h1>, else <title>
  // without the site name.
  const outlet = normaliseField(metadata.outlet);
  let title = normaliseField(metadata.title);
  const h1Index = marked.findIndex((block) => block.kind === 'heading' && block.level === 1);
  const h1 = marked[h1Index];
  const h1Text = h1 === undefined ? null : normaliseField(h1.text);
  const pageH1 = all.find((element) => element.name === 'h1' && isReadable(element));
  title ??=
    h1Text ??
    (pageH1 === undefined ? null : normaliseField(textOf(pageH1.children))) ??
    cleanDocumentTitle(normaliseField(metadata.documentTitle), outlet);
  if (h1 !== undefined && h1Text !== null && title !== null && h1Text.toLowerCase() === title.toLowerCase()) {
    marked.splice(h1Index, 1);
  }

  return {
    format: 'html',
    title,
    author: normaliseField(authors.join(', ')),
    outlet,
    publishedAt: published,
    url: normaliseField(metadata.url),
    language: normaliseField(metadata.language, 35),
    direction: metadata.direction,
    blocks: marked,
  };
};

/** Not inside a script, template, embedded object or hidden element. */
function isReadable(element: Element): boolean {
  for (let current: ParentNode | null = element; current !== null && isTag(current); current = current.parent) {
    if (NEVER_TEXT.has(current.name) || isHidden(current)) return false;
  }
  return true;
}

/** "Headline | Outlet" without the outlet's name. */
function cleanDocumentTitle(title: string | null, outlet: string | null): string | null {
  if (title === null || outlet === null) return title;
  const separator = String.raw`\s+[|–—:·•-]\s+`;
  const escaped = outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = title
    .replace(new RegExp(`${separator}${escaped}$`, 'i'), '')
    .replace(new RegExp(`^${escaped}${separator}`, 'i'), '');
  return stripped === '' ? title : stripped;
}

function elementsOf(nodes: readonly ChildNode[]): Element[] {
  const out: Element[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (isTag(node)) {
      out.push(node);
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return out;
}
