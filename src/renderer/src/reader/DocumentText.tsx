import { memo } from 'react';
import type { Block, Excerpt } from '../../../shared/dto';
import { segmentBlock } from './segments';

type Props = Readonly<{ text: string; blocks: readonly Block[]; excerpts: readonly Excerpt[] }>;

/** The document's blocks, each carrying its offsets so selections map back to the text exactly. */
export const DocumentText = memo(function DocumentText({ text, blocks, excerpts }: Props) {
  return (
    <>
      {blocks.map((block) => {
        const content = segmentBlock(text, block.start, block.end, excerpts).map((segment, index) =>
          segment.excerptIds.length === 0 ? (
            segment.text
          ) : (
            <mark key={index} className="highlight" data-excerpt-ids={segment.excerptIds.join(' ')}>
              {segment.text}
            </mark>
          ),
        );
        const props = {
          'data-block-start': block.start,
          'data-block-end': block.end,
          className: `block block--${block.kind}`,
        };
        if (block.kind === 'heading') {
          return block.level <= 2 ? (
            <h3 key={block.id} {...props}>
              {content}
            </h3>
          ) : (
            <h4 key={block.id} {...props}>
              {content}
            </h4>
          );
        }
        if (block.kind === 'list-item')
          return (
            <p key={block.id} {...props} data-level={block.level}>
              {content}
            </p>
          );
        if (block.kind === 'block-quote')
          return (
            <blockquote key={block.id} {...props}>
              {content}
            </blockquote>
          );
        return (
          <p key={block.id} {...props}>
            {content}
          </p>
        );
      })}
    </>
  );
});
