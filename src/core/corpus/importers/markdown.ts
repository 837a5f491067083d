import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import { Lexer, type Token, type Tokens } from 'marked';
import type { Importer, ParsedDocument, RawBlock, RawRun } from '../imported-document';
import { normaliseDate, normaliseField } from '../normalise';
import { parseFrontMatter } from './front-matter';
import { htmlToBlocks } from './html-blocks';
import { isHidden } from './html-content';
import { safeHref, WEB_AND_MAIL_PROTOCOLS } from './html-href';
import { decodeText } from './text-decoding';

type Mark = 'em' | 'strong' | 'code';

/**
 * Markdown: YAML (or TOML) front matter for metadata; headings, paragraphs, nested lists, block
 * quotes, code and tables as blocks, with emphasis, code and http(s)/mailto links as runs. Raw HTML
 * never reaches the text as markup: its tags are read for structure and emphasis, and the content
 * of <script>, <style>, <iframe> and other embedded elements is dropped.
 */
export const importMarkdown: Importer = (bytes) => {
  const source = decodeText(bytes);
  const { fields, body } = parseFrontMatter(source);
  let blocks: RawBlock[];
  try {
    // marked lexes a nested list or quote's content again at every level, holding each level's
    // copy: a few MB nested a few thousand deep took the heap past 4 GB. Such a file keeps its text
    // as plain paragraphs, as one too deep for the stack does.
    if (nestingDepth(body) * body.length > MAX_NESTING_WORK) throw new RangeError('nested too deeply');
    const tokens = new Lexer({ gfm: true }).lex(body);
    blocks = new MarkdownReader().read(tokens);
  } catch (error) {
    // Nesting deep enough to exhaust the stack: keep the text as plain paragraphs.
    if (!(error instanceof RangeError)) throw error;
    blocks = plainParagraphs(body);
  }

  let title = normaliseField(fields.get('title'));
  if (title === null) {
    const firstHeading = blocks.findIndex((block) => block.kind === 'heading' && block.level === 1);
    const heading = blocks[firstHeading];
    if (heading !== undefined) {
      title = normaliseField(heading.text);
      blocks.splice(firstHeading, 1);
    }
  }

  const field = (...keys: string[]) => keys.map((key) => fields.get(key)).find((value) => value !== undefined);
  const direction = field('dir', 'direction')?.trim().toLowerCase();
  const parsed: ParsedDocument = {
    format: 'md',
    title,
    author: normaliseField(field('author', 'authors', 'byline', 'creator')),
    outlet: normaliseField(field('outlet', 'publisher', 'publication', 'site', 'source')),
    publishedAt: normaliseDate(field('date', 'published', 'publishdate', 'published_at', 'pubdate', 'created')),
    url: normaliseField(field('url', 'canonical', 'canonical_url', 'canonicalurl', 'link', 'source_url')),
    language: normaliseField(field('language', 'lang', 'locale'), 35),
    direction: direction === 'rtl' || direction === 'ltr' ? direction : null,
    blocks,
  };
  return parsed;
};

/** Nesting depth times text length that the lexer may be given (a 2 MB file 64 deep). */
const MAX_NESTING_WORK = 128 * 1024 * 1024;

/**
 * The deepest nesting of lists and quotes the text could have: a level per two columns of leading
 * indentation (a tab is four) and per ">" at the start of a line.
 */
export function nestingDepth(body: string): number {
  let deepest = 0;
  let depth = 0;
  let columns = 0;
  let atStart = true;
  for (let index = 0; index < body.length; index += 1) {
    const code = body.charCodeAt(index);
    if (code === 0x0a) {
      atStart = true;
      depth = 0;
      columns = 0;
    } else if (atStart) {
      if (code === 0x20) columns += 1;
      else if (code === 0x09) columns += 4;
      else if (code === 0x3e) depth += 1;
      else {
        atStart = false;
        deepest = Math.max(deepest, depth + Math.floor(columns / 2));
      }
    }
  }
  return Math.max(deepest, depth + Math.floor(columns / 2));
}

function plainParagraphs(body: string): RawBlock[] {
  return body
    .replace(
      /<(script|style|iframe|textarea|title|xmp|noembed|noframes|noscript|template|svg|math|object)\b[\s\S]*?(?:<\/\1\s*>|$)/gi,
      ' ',
    )
    .split(/\n[ \t]*\n/)
    .map((chunk) => decodeHTML(chunk.replace(/<[^>]*>?/g, ' ')))
    .filter((chunk) => chunk.trim() !== '')
    .map((text) => ({ kind: 'paragraph', level: 0, text }));
}

/** Elements whose content raw HTML in Markdown never contributes (read as raw text by browsers). */
const RAW_TEXT = new Set(['script', 'style', 'iframe', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'plaintext']);
/** Elements whose (parsed) content is dropped too. */
const DROPPED = new Set(['noscript', 'template', 'svg', 'math', 'object', 'canvas', 'video', 'audio', 'select', 'head']);
/** Dropped elements with foreign (SVG, MathML) content, which an HTML block tag breaks out of. */
const FOREIGN = new Set(['svg', 'math']);
const INLINE_MARKS = new Map<string, Mark>([
  ['em', 'em'], ['i', 'em'], ['strong', 'strong'], ['b', 'strong'], ['code', 'code'], ['kbd', 'code'],
  ['samp', 'code'], ['tt', 'code'],
]);
const VOID = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'wbr', 'source', 'track', 'area', 'base', 'col', 'embed', 'param']);

type Style = Readonly<{ marks: readonly Mark[]; href: string | undefined }>;
type OpenTag = Readonly<{ name: string; mark?: Mark; href?: string | undefined; link: boolean }>;

class MarkdownReader {
  /** A raw-text element opened by inline or block HTML and not yet closed: everything is dropped. */
  private rawUntil: string | null = null;
  /** Dropped elements (svg, template, ...) opened by HTML tokens and not yet closed, innermost last. */
  private dropped: string[] = [];
  /** Inline HTML tags (<b>, <a href>, ...) open across tokens. */
  private openTags: OpenTag[] = [];

  read(tokens: readonly Token[]): RawBlock[] {
    const out: RawBlock[] = [];
    this.blocks(tokens, out, 0, false);
    return out;
  }

  private get suppressed(): boolean {
    return this.rawUntil !== null || this.dropped.length > 0;
  }

  private blocks(tokens: readonly Token[], out: RawBlock[], listDepth: number, quote: boolean): void {
    for (const token of tokens) {
      if (this.suppressed && token.type !== 'html') continue;
      switch (token.type) {
        case 'heading': {
          const heading = token as Tokens.Heading;
          this.push(out, quote ? 'block-quote' : 'heading', quote ? 0 : heading.depth, this.inline(heading.tokens));
          break;
        }
        case 'paragraph': {
          const paragraph = token as Tokens.Paragraph;
          this.push(out, quote ? 'block-quote' : 'paragraph', 0, this.inline(paragraph.tokens));
          break;
        }
        case 'text': {
          const text = token as Tokens.Text;
          const runs = text.tokens === undefined ? [{ text: decodeHTML(text.text) }] : this.inline(text.tokens);
          this.push(out, quote ? 'block-quote' : 'paragraph', 0, runs);
          break;
        }
        case 'list': {
          const list = token as Tokens.List;
          for (const item of list.items) this.listItem(item, out, listDepth + 1, quote);
          break;
        }
        case 'blockquote':
          this.blocks((token as Tokens.Blockquote).tokens, out, listDepth, true);
          break;
        case 'code':
          this.push(out, quote ? 'block-quote' : 'paragraph', 0, [{ text: (token as Tokens.Code).text, marks: ['code'] }]);
          break;
        case 'table':
          this.table(token as Tokens.Table, out, quote);
          break;
        case 'html':
          this.htmlBlock((token as Tokens.HTML).text, out, listDepth, quote);
          break;
        default:
          // hr, space, def and unknown tokens carry no reading text
          break;
      }
    }
  }

  private listItem(item: Tokens.ListItem, out: RawBlock[], depth: number, quote: boolean): void {
    const own: RawRun[] = [];
    const rest: Token[] = [];
    for (const child of item.tokens) {
      if (this.suppressed && child.type !== 'html') continue;
      if ((child.type === 'text' || child.type === 'paragraph') && rest.length === 0) {
        const withTokens = child as Tokens.Text | Tokens.Paragraph;
        if (own.length > 0) own.push({ text: ' ' });
        own.push(
          ...(withTokens.tokens === undefined ? [{ text: decodeHTML(withTokens.text) }] : this.inline(withTokens.tokens)),
        );
      } else if (child.type !== 'checkbox') rest.push(child);
    }
    this.push(out, quote ? 'block-quote' : 'list-item', quote ? 0 : depth, own);
    for (const child of rest) {
      if (child.type === 'list') {
        for (const nested of (child as Tokens.List).items) this.listItem(nested, out, depth + 1, quote);
      } else {
        const inner: RawBlock[] = [];
        this.blocks([child], inner, depth, quote);
        // Paragraphs that continue a list item stay at its level.
        for (const block of inner) {
          out.push(block.kind === 'paragraph' && !quote ? { ...block, kind: 'list-item', level: depth } : block);
        }
      }
    }
  }

  private table(table: Tokens.Table, out: RawBlock[], quote: boolean): void {
    const rows = [table.header, ...table.rows];
    for (const row of rows) {
      const runs: RawRun[] = [];
      row.forEach((cell, index) => {
        if (index > 0) runs.push({ text: ' | ' });
        runs.push(...this.inline(cell.tokens));
      });
      this.push(out, quote ? 'block-quote' : 'paragraph', 0, runs);
    }
  }

  private push(out: RawBlock[], kind: RawBlock['kind'], level: number, runs: readonly RawRun[]): void {
    // Inline formatting opened by raw HTML ends with its block.
    this.openTags = [];
    this.leaveForeignContent();
    const merged = mergeRuns(runs);
    if (merged.every((run) => run.text.trim() === '')) return;
    out.push({ kind, level, text: merged.map((run) => run.text).join(''), runs: merged });
  }

  /** Block-level raw HTML: its text as blocks, with dropped elements left out. */
  private htmlBlock(html: string, out: RawBlock[], listDepth: number, quote: boolean): void {
    const wasSuppressed = this.suppressed;
    const visible = this.scanTags(html, false);
    this.openTags = [];
    this.leaveForeignContent();
    if (wasSuppressed && visible === '') return;
    const dom = parseDocument(visible, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
    const blocks = htmlToBlocks(dom.children, {
      skip: (element) => DROPPED.has(element.name) || RAW_TEXT.has(element.name) || isHidden(element),
      href: (raw) => safeHref(raw, WEB_AND_MAIL_PROTOCOLS),
    });
    for (const block of blocks) {
      if (quote) out.push({ ...block, kind: 'block-quote', level: 0 });
      else if (block.kind === 'list-item') out.push({ ...block, level: block.level + listDepth });
      else out.push(block);
    }
  }

  private inline(tokens: readonly Token[] | undefined): RawRun[] {
    const runs: RawRun[] = [];
    this.inlineInto(tokens ?? [], { marks: [], href: undefined }, runs);
    return runs;
  }

  private inlineInto(tokens: readonly Token[], style: Style, out: RawRun[]): void {
    for (const token of tokens) {
      if (token.type === 'html') {
        this.inlineHtml((token as Tokens.Tag).text, style, out);
        continue;
      }
      if (this.suppressed) continue;
      const current = this.withOpenTags(style);
      switch (token.type) {
        case 'text': {
          const text = token as Tokens.Text;
          if (text.tokens !== undefined && text.tokens.length > 0) this.inlineInto(text.tokens, style, out);
          else out.push(run(decodeHTML(text.text), current));
          break;
        }
        case 'escape':
          out.push(run((token as Tokens.Escape).text, current));
          break;
        case 'codespan':
          out.push(run((token as Tokens.Codespan).text, addMark(current, 'code')));
          break;
        case 'br':
          out.push(run('\n', { marks: [], href: undefined }));
          break;
        case 'strong':
          this.inlineInto((token as Tokens.Strong).tokens, addMark(style, 'strong'), out);
          break;
        case 'em':
          this.inlineInto((token as Tokens.Em).tokens, addMark(style, 'em'), out);
          break;
        case 'del':
          this.inlineInto((token as Tokens.Del).tokens, style, out);
          break;
        case 'link': {
          const link = token as Tokens.Link;
          const href = safeHref(decodeHTML(link.href), WEB_AND_MAIL_PROTOCOLS);
          // An autolink to an unsafe scheme shows only its unsafe target: drop it.
          if (href === undefined && link.text === link.href) break;
          this.inlineInto(link.tokens, { ...style, href: href ?? style.href }, out);
          break;
        }
        case 'image':
        case 'checkbox':
          break;
        default: {
          const other = token as { tokens?: Token[]; text?: string };
          if (other.tokens !== undefined && other.tokens.length > 0) this.inlineInto(other.tokens, style, out);
          else if (typeof other.text === 'string') out.push(run(decodeHTML(other.text), current));
        }
      }
    }
  }

  /** Marks and link from inline HTML tags still open. */
  private withOpenTags(style: Style): Style {
    let result = style;
    for (const tag of this.openTags) {
      if (tag.mark !== undefined) result = addMark(result, tag.mark);
      if (tag.link && tag.href !== undefined) result = { ...result, href: tag.href };
    }
    return result;
  }

  /** Inline raw HTML: tags change the style of the text that follows; text between tags is kept. */
  private inlineHtml(html: string, style: Style, out: RawRun[]): void {
    const wasSuppressed = this.suppressed;
    const visible = this.scanTags(html, true);
    if (wasSuppressed && visible === '') return;
    if (visible.trim() === '') return;
    const dom = parseDocument(visible, { decodeEntities: true, lowerCaseTags: true });
    const text = htmlToBlocks(dom.children, {
      skip: (element) => DROPPED.has(element.name) || RAW_TEXT.has(element.name) || isHidden(element),
      href: (raw) => safeHref(raw, WEB_AND_MAIL_PROTOCOLS),
    })
      .map((block) => block.text)
      .join(' ');
    if (text.trim() !== '') out.push(run(text, this.withOpenTags(style)));
  }

  /**
   * Follows the tags in a piece of raw HTML: raw-text and dropped elements switch suppression on and
   * off, inline formatting tags open and close styles. Returns the parts of the HTML outside
   * suppressed regions (to be read for text), tags included.
   */
  private scanTags(html: string, trackInline: boolean): string {
    let visible = '';
    let position = 0;
    const tagPattern = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
    while (position < html.length) {
      if (this.rawUntil !== null) {
        const close = new RegExp(`</${this.rawUntil}(?=[\\s/>])[^>]*>?`, 'i').exec(html.slice(position));
        if (close === null) return visible;
        position += close.index + close[0].length;
        this.rawUntil = null;
        continue;
      }
      tagPattern.lastIndex = position;
      const match = tagPattern.exec(html);
      if (match === null) {
        if (this.dropped.length === 0) visible += html.slice(position);
        return visible;
      }
      if (this.dropped.length === 0) visible += html.slice(position, match.index);
      position = match.index + match[0].length;
      const name = (match[2] ?? '').toLowerCase();
      if (name === '') continue; // a comment
      const closing = match[1] === '/';
      const selfClosing = /\/\s*$/.test(match[3] ?? '');
      if (RAW_TEXT.has(name)) {
        if (!closing && !selfClosing) this.rawUntil = name;
        continue;
      }
      if (DROPPED.has(name)) {
        if (closing) this.dropped.pop();
        else if (!selfClosing) this.dropped.push(name);
        continue;
      }
      if (this.dropped.length > 0) continue;
      if (trackInline) this.trackInlineTag(name, closing, selfClosing || VOID.has(name), match[3] ?? '');
      visible += match[0];
    }
    return visible;
  }

  /**
   * The next block starts with an HTML block tag (<p>, <li>, <h2>...), which takes a browser out of
   * an <svg> or <math> left open: the text after it is shown again, so it is kept here too.
   */
  private leaveForeignContent(): void {
    while (FOREIGN.has(this.dropped[this.dropped.length - 1] ?? '')) this.dropped.pop();
  }

  private trackInlineTag(name: string, closing: boolean, isVoid: boolean, attributes: string): void {
    const mark = INLINE_MARKS.get(name);
    if (mark === undefined && name !== 'a') return;
    if (closing) {
      const index = this.openTags.map((tag) => tag.name).lastIndexOf(name);
      if (index !== -1) this.openTags.splice(index, 1);
      return;
    }
    if (isVoid) return;
    if (name === 'a') {
      const raw = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
      const value = raw === null ? undefined : (raw[1] ?? raw[2] ?? raw[3]);
      this.openTags.push({
        name,
        link: true,
        href: value === undefined ? undefined : safeHref(decodeHTML(value), WEB_AND_MAIL_PROTOCOLS),
      });
    } else if (this.openTags.length < 64) this.openTags.push({ name, mark, link: false });
  }
}

function run(text: string, style: Style): RawRun {
  return {
    text,
    ...(style.marks.length > 0 ? { marks: [...style.marks] } : {}),
    ...(style.href !== undefined ? { href: style.href } : {}),
  };
}

function addMark(style: Style, mark: Mark): Style {
  return style.marks.includes(mark) ? style : { ...style, marks: [...style.marks, mark] };
}

function mergeRuns(runs: readonly RawRun[]): RawRun[] {
  const merged: RawRun[] = [];
  for (const next of runs) {
    if (next.text === '') continue;
    const last = merged.at(-1);
    if (last !== undefined && last.href === next.href && (last.marks ?? []).join() === (next.marks ?? []).join()) {
      merged[merged.length - 1] = { ...last, text: last.text + next.text };
    } else merged.push(next);
  }
  return merged;
}
