import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import type { RawBlock, RawRun } from '../imported-document';

type Mark = 'em' | 'strong' | 'code';

export type HtmlBlockOptions = Readonly<{
  /** Elements left out together with everything inside them. */
  skip: (element: Element) => boolean;
  /** Elements whose blocks are kept but flagged as boilerplate (site furniture). */
  boilerplate?: (element: Element) => boolean;
  /** The safe link target for an <a href> value (already entity-decoded), or undefined. */
  href: (raw: string) => string | undefined;
}>;

type Context = Readonly<{
  /** What a stretch of loose text becomes here. */
  kind: 'paragraph' | 'list-item';
  listDepth: number;
  quote: boolean;
  figure: boolean;
  boilerplate: boolean;
  /** Whether the text around the innermost <figure> is boilerplate. */
  outsideFigureBoilerplate: boolean;
  marks: readonly Mark[];
  href: string | undefined;
  inlineQuotes: number;
}>;

/** Elements whose content is never reading text, whatever the page. */
export const NEVER_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg',
  'math', 'canvas', 'video', 'audio', 'img', 'picture', 'source', 'track', 'map', 'area', 'head', 'title', 'meta',
  'link', 'base', 'input', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'button', 'xmp', 'plaintext',
  'noembed', 'noframes', 'param', 'rt', 'rp', 'colgroup', 'col', 'slot',
]);

const HEADINGS = new Map([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 5], ['h6', 6]]);
const PARAGRAPHS = new Set(['p', 'dt', 'dd', 'address', 'summary', 'caption', 'legend', 'figcaption']);
const CONTAINERS = new Set([
  'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'body', 'html', 'hgroup', 'details',
  'dl', 'fieldset', 'form', 'search', 'center', 'dialog', 'menu', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
]);
const MARKS = new Map<string, Mark>([
  ['em', 'em'], ['i', 'em'], ['strong', 'strong'], ['b', 'strong'], ['code', 'code'], ['kbd', 'code'],
  ['samp', 'code'], ['tt', 'code'],
]);
/** Elements that start a block of their own, for telling layout tables from data tables. */
export const BLOCKISH = new Set([...HEADINGS.keys(), ...PARAGRAPHS, ...CONTAINERS, 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'figure']);

/** Beyond this nesting the rest of a subtree is read as flat text (hostile or broken pages). */
const MAX_DEPTH = 200;

/**
 * Turns a DOM subtree into blocks: headings, paragraphs, list items (with nesting depth), block
 * quotes; <em>/<i>, <strong>/<b>, <code> and safe <a href> become runs. Tables become one paragraph
 * per row with cells separated by " | " (layout tables are read cell by cell). Figures keep their
 * quotes and tables but drop captions; their other text is boilerplate. Attributes are never read
 * except href, which goes through `options.href`.
 */
export function htmlToBlocks(nodes: readonly ChildNode[], options: HtmlBlockOptions): RawBlock[] {
  const builder = new BlockBuilder();
  const context: Context = {
    kind: 'paragraph',
    listDepth: 0,
    quote: false,
    figure: false,
    boilerplate: false,
    outsideFigureBoilerplate: false,
    marks: [],
    href: undefined,
    inlineQuotes: 0,
  };
  const walker = new Walker(builder, options);
  for (const node of nodes) walker.walk(node, context, 0);
  builder.flush();
  return builder.blocks;
}

type Pending = { kind: RawBlock['kind']; level: number; boilerplate: boolean; runs: RawRun[]; brokeLine: boolean };

class BlockBuilder {
  readonly blocks: RawBlock[] = [];
  private pending: Pending | null = null;

  open(kind: RawBlock['kind'], level: number, boilerplate: boolean): void {
    this.flush();
    this.pending = { kind, level, boilerplate, runs: [], brokeLine: false };
  }

  text(data: string, context: Context): void {
    if (this.pending === null) {
      if (data.trim() === '') return;
      this.open(context.quote ? 'block-quote' : context.kind, this.levelFor(context), context.boilerplate);
    }
    const pending = this.pending;
    if (pending === null) return;
    if (data.trim() !== '') pending.brokeLine = false;
    const run: RawRun = {
      text: data,
      ...(context.marks.length > 0 ? { marks: [...context.marks] } : {}),
      ...(context.href !== undefined ? { href: context.href } : {}),
    };
    const last = pending.runs.at(-1);
    if (last !== undefined && sameStyle(last, run)) pending.runs[pending.runs.length - 1] = { ...last, text: last.text + data };
    else pending.runs.push(run);
  }

  /** <br>: a line break inside the block; two in a row end the paragraph. */
  lineBreak(context: Context): void {
    if (this.pending === null) return;
    if (this.pending.brokeLine) {
      this.flush();
      return;
    }
    this.text('\n', { ...context, marks: [], href: undefined });
    this.pending.brokeLine = true;
  }

  flush(): void {
    const pending = this.pending;
    this.pending = null;
    if (pending === null || pending.runs.every((run) => run.text.trim() === '')) return;
    this.blocks.push({
      kind: pending.kind,
      level: pending.level,
      text: pending.runs.map((run) => run.text).join(''),
      runs: pending.runs,
      ...(pending.boilerplate ? { boilerplate: true } : {}),
    });
  }

  levelFor(context: Context): number {
    return !context.quote && context.kind === 'list-item' ? Math.max(1, context.listDepth) : 0;
  }
}

function sameStyle(a: RawRun, b: RawRun): boolean {
  return a.href === b.href && (a.marks ?? []).join() === (b.marks ?? []).join();
}

class Walker {
  constructor(
    private readonly builder: BlockBuilder,
    private readonly options: HtmlBlockOptions,
  ) {}

  walk(node: ChildNode, context: Context, depth: number): void {
    if (isText(node)) {
      this.builder.text(node.data, context);
      return;
    }
    if (!isTag(node)) return;
    const element = node;
    const name = element.name;
    if (NEVER_TEXT.has(name) || this.options.skip(element)) return;
    if (context.figure && name === 'figcaption') return;
    const boilerplate = context.boilerplate || this.options.boilerplate?.(element) === true;
    const here: Context = boilerplate === context.boilerplate ? context : { ...context, boilerplate };
    if (depth > MAX_DEPTH) {
      this.flatText(element, here);
      return;
    }
    const heading = HEADINGS.get(name);
    if (heading !== undefined) {
      this.builder.open(here.quote ? 'block-quote' : 'heading', here.quote ? 0 : heading, here.boilerplate);
      this.children(element, here, depth);
      this.builder.flush();
      return;
    }
    if (PARAGRAPHS.has(name)) {
      this.builder.open(here.quote ? 'block-quote' : here.kind, this.builder.levelFor(here), here.boilerplate);
      this.children(element, here, depth);
      this.builder.flush();
      return;
    }
    switch (name) {
      case 'br':
        this.builder.lineBreak(here);
        return;
      case 'hr':
        this.builder.flush();
        return;
      case 'li': {
        const item: Context = { ...here, kind: 'list-item', listDepth: Math.max(1, here.listDepth) };
        this.builder.open(item.quote ? 'block-quote' : 'list-item', this.builder.levelFor(item), item.boilerplate);
        this.children(element, item, depth);
        this.builder.flush();
        return;
      }
      case 'ul':
      case 'ol':
        this.container(element, { ...here, listDepth: here.listDepth + 1 }, depth);
        return;
      case 'blockquote':
        this.container(element, { ...here, quote: true, boilerplate: figureContent(here) }, depth);
        return;
      case 'figure':
        this.container(
          element,
          { ...here, figure: true, boilerplate: true, outsideFigureBoilerplate: here.boilerplate },
          depth,
        );
        return;
      case 'pre':
        this.builder.open(here.quote ? 'block-quote' : here.kind, this.builder.levelFor(here), here.boilerplate);
        this.children(element, withMark(here, 'code'), depth);
        this.builder.flush();
        return;
      case 'table':
        this.table(element, { ...here, boilerplate: figureContent(here) }, depth);
        return;
      case 'q': {
        const [open, close] = here.inlineQuotes % 2 === 0 ? ['“', '”'] : ['‘', '’'];
        this.builder.text(open, here);
        this.children(element, { ...here, inlineQuotes: here.inlineQuotes + 1 }, depth);
        this.builder.text(close, here);
        return;
      }
      case 'a': {
        const raw = element.attribs['href'];
        const href = raw === undefined ? undefined : this.options.href(raw);
        this.children(element, { ...here, href }, depth);
        return;
      }
      default:
        break;
    }
    const mark = MARKS.get(name);
    if (mark !== undefined) {
      this.children(element, withMark(here, mark), depth);
      return;
    }
    if (CONTAINERS.has(name) || name.includes('-')) {
      this.container(element, here, depth);
      return;
    }
    // Any other element (span, time, abbr, sup, font, ...) is inline.
    this.children(element, here, depth);
  }

  private children(element: Element, context: Context, depth: number): void {
    for (const child of element.children) this.walk(child, context, depth + 1);
  }

  private container(element: Element, context: Context, depth: number): void {
    this.builder.flush();
    this.children(element, context, depth);
    this.builder.flush();
  }

  private table(table: Element, context: Context, depth: number): void {
    this.builder.flush();
    for (const child of table.children) {
      if (!isTag(child)) continue;
      if (child.name === 'caption') this.walk(child, context, depth + 1);
      else if (child.name === 'tr') this.row(child, context, depth);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
        for (const row of child.children) if (isTag(row) && row.name === 'tr') this.row(row, context, depth + 1);
      }
    }
    this.builder.flush();
  }

  private row(row: Element, context: Context, depth: number): void {
    const cells = row.children.filter(
      (cell): cell is Element => isTag(cell) && (cell.name === 'td' || cell.name === 'th') && !this.options.skip(cell),
    );
    if (cells.some((cell) => hasBlockDescendant(cell))) {
      for (const cell of cells) this.container(cell, context, depth + 1);
      return;
    }
    this.builder.open(context.quote ? 'block-quote' : 'paragraph', 0, context.boilerplate);
    cells.forEach((cell, index) => {
      if (index > 0) this.builder.text(' | ', { ...context, marks: [], href: undefined });
      this.children(cell, context, depth + 1);
    });
    this.builder.flush();
  }

  /** The text of a too-deep subtree, read without recursion. */
  private flatText(root: Element, context: Context): void {
    const stack: ChildNode[] = [...root.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === undefined) break;
      if (isText(node)) this.builder.text(node.data, context);
      else if (isTag(node) && !NEVER_TEXT.has(node.name) && !this.options.skip(node)) {
        if (node.name === 'br' || BLOCKISH.has(node.name)) this.builder.text(' ', context);
        for (let i = node.children.length - 1; i >= 0; i -= 1) {
          const child = node.children[i];
          if (child !== undefined) stack.push(child);
        }
      }
    }
  }
}

/** Quotes and tables inside a figure are content; the rest of a figure is furniture. */
function figureContent(context: Context): boolean {
  return context.figure ? context.outsideFigureBoilerplate : context.boilerplate;
}

function withMark(context: Context, mark: Mark): Context {
  return context.marks.includes(mark) ? context : { ...context, marks: [...context.marks, mark] };
}

function hasBlockDescendant(root: Element): boolean {
  const stack: ChildNode[] = [...root.children];
  let visited = 0;
  while (stack.length > 0 && visited < 10_000) {
    const node = stack.pop();
    visited += 1;
    if (node === undefined || !isTag(node)) continue;
    if (BLOCKISH.has(node.name)) return true;
    stack.push(...node.children);
  }
  return false;
}
