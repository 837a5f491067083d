import { memo, type ReactNode } from 'react';
import type { Block, ExcerptDetail, InlineMark } from '../../../shared/dto';
import { segmentBlock } from './segments';

type Props = Readonly<{
  text: string;
  blocks: readonly Block[];
  excerpts: readonly ExcerptDetail[];
  showBoilerplate: boolean;
}>;

/**
 * The document's blocks, each carrying its offsets so selections map back to the text exactly.
 * Highlights and emphasis wrap text in elements but never add or remove a character of it.
 */
export const DocumentText = memo(function DocumentText({ text, blocks, excerpts, showBoilerplate }: Props) {
  const colors = new Map(excerpts.map((excerpt) => [excerpt.id, excerpt.color ?? 'yellow']));
  const out: ReactNode[] = [];
  let page: number | null = null;
  for (const block of blocks) {
    if (block.page !== null && block.page !== page) {
      page = block.page;
      out.push(
        <div key={`page-${page}`} className="page-marker" role="separator" aria-label={`Page ${page}`}>
          <span>Page {page}</span>
        </div>,
      );
    }
    if (block.boilerplate && !showBoilerplate) continue;
    out.push(renderBlock(text, block, excerpts, colors));
  }
  return <>{out}</>;
});

function renderBlock(
  text: string,
  block: Block,
  excerpts: readonly ExcerptDetail[],
  colors: ReadonlyMap<string, string>,
): ReactNode {
  const content = segmentBlock(text, block.start, block.end, excerpts, block.marks).map((segment, index) => {
    let node: ReactNode = segment.text;
    for (const mark of segment.marks) node = wrapMark(mark, node, index);
    return segment.excerptIds.length === 0 ? (
      <span key={index}>{node}</span>
    ) : (
      <mark
        key={index}
        className={`highlight highlight--${colors.get(segment.excerptIds[0] ?? '') ?? 'yellow'}`}
        data-excerpt-ids={segment.excerptIds.join(' ')}
      >
        {node}
      </mark>
    );
  });
  const className = `block block--${block.kind}${block.boilerplate ? ' block--boilerplate' : ''}`;
  const data = { 'data-block-start': block.start, 'data-block-end': block.end, className };
  switch (block.kind) {
    case 'heading':
      return block.level <= 2 ? (
        <h3 key={block.id} {...data}>
          {content}
        </h3>
      ) : (
        <h4 key={block.id} {...data}>
          {content}
        </h4>
      );
    case 'list-item':
      return (
        <p key={block.id} {...data} data-level={Math.min(block.level, 4)}>
          {content}
        </p>
      );
    case 'block-quote':
      return (
        <blockquote key={block.id} {...data}>
          {content}
        </blockquote>
      );
    default:
      return (
        <p key={block.id} {...data}>
          {content}
        </p>
      );
  }
}

function wrapMark(mark: InlineMark, node: ReactNode, key: number): ReactNode {
  switch (mark.type) {
    case 'em':
      return <em key={key}>{node}</em>;
    case 'strong':
      return <strong key={key}>{node}</strong>;
    case 'code':
      return <code key={key}>{node}</code>;
    default:
      // Links are shown, not followed: the app never goes to the network.
      return (
        <span key={key} className="source-link" title={mark.href}>
          {node}
        </span>
      );
  }
}
