import { Fragment } from 'react';
import type { RichInline, RichText } from '../../../shared/rich-text';
import { CommentaryEditor } from './rich-text/CommentaryEditor';
import { useLiveNearView } from './use-live-near-view';

type Props = Readonly<{
  value: RichText;
  label: string;
  placeholder: string;
  onChange: (rich: RichText) => void;
}>;

function Inlines({ content }: { content: readonly RichInline[] }) {
  return (
    <>
      {content.map((inline, index) => {
        let node = <Fragment>{inline.text}</Fragment>;
        if (inline.bold === true) node = <strong>{node}</strong>;
        if (inline.italic === true) node = <em>{node}</em>;
        if (inline.link !== undefined) node = <span className="rich-text__static-link">{node}</span>;
        return <Fragment key={index}>{node}</Fragment>;
      })}
    </>
  );
}

/**
 * A commentary block's text, with the editor mounted only when the block comes near the view or
 * takes the focus: a long briefing opens without building an editor for every block. Until then
 * the same text is shown as it reads, as a focusable text box that becomes the editor when focused.
 */
export function LazyCommentary({ value, label, placeholder, onChange }: Props) {
  const { live, setLive, ref: placeholderRef } = useLiveNearView();

  if (live !== 'no') {
    return (
      <CommentaryEditor
        value={value}
        label={label}
        placeholder={placeholder}
        autoFocus={live === 'focus'}
        onChange={onChange}
      />
    );
  }
  const empty = value.blocks.every((block) =>
    block.type === 'paragraph'
      ? block.content.every((inline) => inline.text.trim() === '')
      : block.items.length === 0,
  );
  return (
    <div className="rich-text rich-text--static" ref={placeholderRef}>
      <div
        className={`rich-text__content${empty ? ' rich-text__content--empty' : ''}`}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        data-placeholder={placeholder}
        tabIndex={0}
        onFocus={() => setLive('focus')}
        onMouseDown={() => setLive('focus')}
      >
        {value.blocks.map((block, index) =>
          block.type === 'paragraph' ? (
            <p key={index}>
              <Inlines content={block.content} />
            </p>
          ) : block.type === 'bullet-list' ? (
            <ul key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <Inlines content={item} />
                </li>
              ))}
            </ul>
          ) : (
            <ol key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <Inlines content={item} />
                </li>
              ))}
            </ol>
          ),
        )}
      </div>
    </div>
  );
}
