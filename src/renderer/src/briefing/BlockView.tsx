import { memo, useState, type KeyboardEvent } from 'react';
import { attributionLine } from '../../../shared/citations';
import type { BriefingItem } from '../../../shared/dto';
import type { Confidence, Likelihood } from '../../../shared/estimative';
import type { RichText } from '../../../shared/rich-text';
import { LazyCommentary } from './LazyCommentary';
import { dragBriefingItem } from './drag';
import { JudgmentBlock } from './JudgmentBlock';
import { QuoteEditor } from './QuoteEditor';

export type BlockActions = Readonly<{
  step: (itemId: string, direction: -1 | 1) => void;
  moveToSection: (itemId: string) => void;
  remove: (itemId: string) => void;
  updateCommentary: (itemId: string, rich: RichText) => void;
  updateJudgment: (
    itemId: string,
    patch: Readonly<{ text?: string; likelihood?: Likelihood; confidence?: Confidence }>,
  ) => void;
  editQuote: (itemId: string, text: string) => Promise<string | null>;
}>;

type Props = Readonly<{
  item: BriefingItem;
  /** Where it stands, for its accessible name: "2 of 5 in Discussion". */
  position: string;
  citation: number | undefined;
  actions: BlockActions;
}>;

function kindLabel(item: BriefingItem): string {
  return item.kind === 'excerpt' ? 'Excerpt' : item.kind === 'judgment' ? 'Key judgment' : 'Commentary';
}

function summary(item: BriefingItem): string {
  const text = (item.kind === 'excerpt' ? item.quote : item.text).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * One block of the briefing: a frame the analyst can focus, drag and move by keyboard (Alt+↑/↓,
 * Ctrl+Shift+M to move to another section, Delete to remove), around the block's own editor.
 */
export const BlockView = memo(function BlockView({ item, position, citation, actions }: Props) {
  const [editingQuote, setEditingQuote] = useState(false);
  const [active, setActive] = useState(false);
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.altKey && !event.ctrlKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      event.stopPropagation();
      actions.step(item.id, event.key === 'ArrowUp' ? -1 : 1);
    } else if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'm') {
      event.preventDefault();
      actions.moveToSection(item.id);
    } else if (
      (event.key === 'Delete' || event.key === 'Backspace') &&
      event.target === event.currentTarget
    ) {
      event.preventDefault();
      actions.remove(item.id);
    }
  };
  return (
    <li
      className={`block block--${item.kind}`}
      data-item-id={item.id}
      tabIndex={0}
      aria-label={`${kindLabel(item)} ${position}: ${summary(item)}`}
      onKeyDown={onKeyDown}
      onMouseEnter={() => setActive(true)}
      onFocus={() => setActive(true)}
    >
      <div className="block__bar">
        <span
          className="block__handle"
          draggable
          title="Drag to move (or Alt+↑ / Alt+↓)"
          aria-hidden="true"
          onDragStart={(event) => {
            dragBriefingItem(event, item.id, summary(item));
            const frame = event.currentTarget.closest('.block');
            if (frame instanceof HTMLElement) event.dataTransfer.setDragImage(frame, 16, 16);
          }}
        >
          ⠿
        </span>
        <span className="block__kind-tag">{kindLabel(item)}</span>
        {/* The block's buttons exist once the pointer or the focus reaches it: a long briefing
            opens without building four buttons for every block. */}
        {active ? (
          <>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${kindLabel(item).toLowerCase()} up`}
              title="Move up (Alt+↑)"
              onClick={() => actions.step(item.id, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${kindLabel(item).toLowerCase()} down`}
              title="Move down (Alt+↓)"
              onClick={() => actions.step(item.id, 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move ${kindLabel(item).toLowerCase()} to section…`}
              title="Move to section… (Ctrl+Shift+M)"
              onClick={() => actions.moveToSection(item.id)}
            >
              ⇥
            </button>
            <button
              type="button"
              className="icon-button icon-button--danger"
              aria-label={`Remove ${kindLabel(item).toLowerCase()}`}
              title="Remove (Delete; Ctrl+Z brings it back)"
              onClick={() => actions.remove(item.id)}
            >
              ×
            </button>
          </>
        ) : null}
      </div>
      {item.kind === 'excerpt' ? (
        <figure className="block__quote">
          {editingQuote ? (
            <QuoteEditor
              original={item.originalQuote}
              current={item.quote}
              onSave={(text) => actions.editQuote(item.id, text)}
              onClose={() => setEditingQuote(false)}
            />
          ) : (
            <blockquote>
              {item.quote}
              {citation === undefined ? null : <sup className="citation-mark">{citation}</sup>}
            </blockquote>
          )}
          <figcaption>
            — {attributionLine(item.attribution)}
            {item.trim === null ? null : <span className="block__trimmed"> · trimmed</span>}
            {editingQuote ? null : (
              <button type="button" className="link-button" onClick={() => setEditingQuote(true)}>
                Edit quote
              </button>
            )}
          </figcaption>
        </figure>
      ) : null}
      {item.kind === 'commentary' ? (
        <LazyCommentary
          value={item.rich}
          label="Commentary"
          placeholder="Your commentary: what the evidence shows, and why it matters."
          onChange={(rich) => actions.updateCommentary(item.id, rich)}
        />
      ) : null}
      {item.kind === 'judgment' ? (
        <JudgmentBlock
          itemId={item.id}
          text={item.text}
          likelihood={item.likelihood}
          confidence={item.confidence}
          onChange={(patch) => actions.updateJudgment(item.id, patch)}
        />
      ) : null}
    </li>
  );
});
