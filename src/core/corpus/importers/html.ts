import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import type { RawBlock } from '../imported-document';
import { normaliseDate, normaliseField, normaliseInline } from '../normalise';
import type { Importer } from '../imported-document';
import { decodeUtf8Text } from './text-decoding';

/** Elements whose content is never reading text: page chrome, scripts and embedded objects. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas',
  'nav', 'footer', 'aside', 'form', 'button', 'select', 'input', 'textarea', 'head', 'menu',
  'figure', 'video', 'audio', 'dialog',
]);

const HEADINGS = new Map([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 5], ['h6', 6]]);

/**
 * A saved web page: metadata from <title>, meta tags and Open Graph; reading text from the
 * <article> (or <main>, or <body>) with navigation, asides, footers and scripts left out. Nothing is
 * ever executed: the page is parsed as data.
 */
export const importHtml: Importer = (bytes) => {
  const dom = parseDocument(decodeUtf8Text(bytes), { decodeEntities: true, lowerCaseTags: true });
  const all = flatten(dom.children);

  const meta = new Map<string, string>();
  for (const element of all) {
    if (element.name !== 'meta') continue;
    const key = (element.attribs['property'] ?? element.attribs['name'] ?? '').toLowerCase();
    const content = element.attribs['content'];
    if (key !== '' && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const titleElement = all.find((element) => element.name === 'title');
  const canonical = all.find(
    (element) => element.name === 'link' && (element.attribs['rel'] ?? '').toLowerCase() === 'canonical',
  );
  const htmlElement = all.find((element) => element.name === 'html');

  const root =
    all.find((element) => element.name === 'article') ??
    all.find((element) => element.name === 'main') ??
    all.find((element) => element.name === 'body');
  const blocks: RawBlock[] = [];
  let byline: string | null = null;
  if (root !== undefined) {
    walk(root.children, blocks, (text) => {
      byline ??= text;
    });
  }

  const ogTitle = meta.get('og:title');
  const pageTitle = titleElement === undefined ? undefined : textOf(titleElement.children);
  let title = normaliseField(ogTitle ?? pageTitle);
  const firstHeading = blocks.findIndex((block) => block.kind === 'heading' && block.level === 1);
  const h1 = blocks[firstHeading];
  if (h1 !== undefined && (title === null || normaliseInline(h1.text) === title)) {
    title ??= normaliseField(h1.text);
    blocks.splice(firstHeading, 1);
  }

  return {
    format: 'html',
    title,
    author: normaliseField(meta.get('author') ?? meta.get('article:author') ?? byline),
    outlet: normaliseField(meta.get('og:site_name') ?? meta.get('application-name')),
    publishedAt: normaliseDate(
      meta.get('article:published_time') ?? meta.get('date') ?? meta.get('dc.date'),
    ),
    url: normaliseField(canonical?.attribs['href'] ?? meta.get('og:url')),
    language: normaliseField(htmlElement?.attribs['lang'], 35),
    blocks,
  };
};

function walk(nodes: readonly ChildNode[], out: RawBlock[], onByline: (text: string) => void): void {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    const element = node;
    const name = element.name;
    if (SKIPPED.has(name) || element.attribs['hidden'] !== undefined) continue;
    const className = (element.attribs['class'] ?? '').toLowerCase();
    const level = HEADINGS.get(name);
    if (level !== undefined) {
      out.push({ kind: 'heading', level, text: textOf(element.children) });
    } else if (name === 'p') {
      const text = normaliseInline(textOf(element.children));
      const bylineMatch = /^by\s+(.+)$/i.exec(text);
      if (bylineMatch !== null && (className.includes('byline') || text.length < 80)) {
        onByline(bylineMatch[1] ?? '');
      } else {
        out.push({ kind: 'paragraph', level: 0, text });
      }
    } else if (name === 'li') {
      out.push({ kind: 'list-item', level: 1, text: textOf(element.children) });
    } else if (name === 'blockquote') {
      const inner: RawBlock[] = [];
      walk(element.children, inner, () => undefined);
      if (inner.length === 0) inner.push({ kind: 'paragraph', level: 0, text: textOf(element.children) });
      for (const block of inner) out.push({ ...block, kind: 'block-quote' });
    } else if (name === 'header' && className.includes('site')) {
      continue;
    } else {
      walk(element.children, out, onByline);
    }
  }
}

function textOf(nodes: readonly ChildNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (isText(node)) text += node.data;
    else if (isTag(node)) {
      const element = node;
      if (SKIPPED.has(element.name)) continue;
      if (element.name === 'br') text += ' ';
      else text += textOf(element.children);
    }
  }
  return text;
}

function flatten(nodes: readonly ChildNode[]): Element[] {
  const out: Element[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (isTag(node)) {
      const element = node;
      out.push(element);
      for (let i = element.children.length - 1; i >= 0; i -= 1) {
        const child = element.children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return out;
}
