import { decodeHTML } from 'entities';
import { Lexer, type Token, type Tokens } from 'marked';
import type { RawBlock } from '../imported-document';
import { normaliseDate, normaliseField } from '../normalise';
import type { Importer, ParsedDocument } from '../imported-document';
import { decodeUtf8Text } from './text-decoding';
import { parseFrontMatter } from './front-matter';

/** Markdown: YAML-style front matter for metadata; headings, paragraphs, lists and quotes. */
export const importMarkdown: Importer = (bytes) => {
  const source = decodeUtf8Text(bytes);
  const { fields, body } = parseFrontMatter(source);
  const tokens = new Lexer({ gfm: true }).lex(body);
  const blocks: RawBlock[] = [];
  collectBlocks(tokens, blocks, 0);

  let title = normaliseField(fields.get('title'));
  if (title === null) {
    const firstHeading = blocks.findIndex((block) => block.kind === 'heading' && block.level === 1);
    const heading = blocks[firstHeading];
    if (heading !== undefined) {
      title = normaliseField(heading.text);
      blocks.splice(firstHeading, 1);
    }
  }

  const parsed: ParsedDocument = {
    format: 'md',
    title,
    author: normaliseField(fields.get('author')),
    outlet: normaliseField(fields.get('outlet') ?? fields.get('publisher')),
    publishedAt: normaliseDate(fields.get('date') ?? fields.get('published')),
    url: normaliseField(fields.get('url')),
    language: normaliseField(fields.get('language') ?? fields.get('lang'), 35),
    blocks,
  };
  return parsed;
};

function collectBlocks(tokens: readonly Token[], out: RawBlock[], listDepth: number): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const heading = token as Tokens.Heading;
        out.push({ kind: 'heading', level: heading.depth, text: inlineText(heading.tokens) });
        break;
      }
      case 'paragraph': {
        const paragraph = token as Tokens.Paragraph;
        out.push({ kind: 'paragraph', level: 0, text: inlineText(paragraph.tokens) });
        break;
      }
      case 'text': {
        const text = token as Tokens.Text;
        out.push({
          kind: 'paragraph',
          level: 0,
          text: text.tokens === undefined ? decodeHTML(text.text) : inlineText(text.tokens),
        });
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        for (const item of list.items) collectListItem(item, out, listDepth + 1);
        break;
      }
      case 'blockquote': {
        const quote = token as Tokens.Blockquote;
        const inner: RawBlock[] = [];
        collectBlocks(quote.tokens, inner, listDepth);
        for (const block of inner) out.push({ ...block, kind: 'block-quote' });
        break;
      }
      case 'code': {
        const code = token as Tokens.Code;
        out.push({ kind: 'paragraph', level: 0, text: code.text });
        break;
      }
      default:
        // html, hr, space, def and tables carry no reading text we keep at this stage
        break;
    }
  }
}

function collectListItem(item: Tokens.ListItem, out: RawBlock[], depth: number): void {
  const own: string[] = [];
  const nested: Token[] = [];
  for (const child of item.tokens) {
    if (child.type === 'list') nested.push(child);
    else if (child.type === 'text' || child.type === 'paragraph') {
      const withTokens = child as Tokens.Text | Tokens.Paragraph;
      own.push(
        withTokens.tokens === undefined ? decodeHTML(withTokens.text) : inlineText(withTokens.tokens),
      );
    }
  }
  out.push({ kind: 'list-item', level: depth, text: own.join(' ') });
  for (const child of nested) {
    for (const nestedItem of (child as Tokens.List).items) collectListItem(nestedItem, out, depth + 1);
  }
}

function inlineText(tokens: readonly Token[] | undefined): string {
  if (tokens === undefined) return '';
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'br':
        text += ' ';
        break;
      case 'html':
      case 'image':
        break;
      case 'codespan':
        text += decodeHTML((token as Tokens.Codespan).text);
        break;
      case 'escape':
        text += (token as Tokens.Escape).text;
        break;
      default: {
        const withChildren = token as { tokens?: Token[]; text?: string };
        text +=
          withChildren.tokens !== undefined && withChildren.tokens.length > 0
            ? inlineText(withChildren.tokens)
            : decodeHTML(withChildren.text ?? '');
      }
    }
  }
  return text;
}
