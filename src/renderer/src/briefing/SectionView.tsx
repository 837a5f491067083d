import { Fragment, memo, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { NewBriefingItem } from '../../../shared/api';
import type { BriefingSection } from '../../../shared/dto';
import { BlockView, type BlockActions } from './BlockView';
import { carriesBlock, carriesSection, dragSection, dropIndex, readDrop, type BriefingDrop } from './drag';

export type SectionActions = Readonly<{
  rename: (sectionId: string, heading: string) => void;
  setLevel: (sectionId: string, level: 1 | 2) => void;
  step: (sectionId: string, direction: -1 | 1) => void;
  remove: (sectionId: string) => void;
  add: (item: NewBriefingItem, sectionId: string) => void;
  drop: (drop: BriefingDrop, sectionId: string, index: number) => void;
}>;

type Props = Readonly<{
  section: BriefingSection;
  index: number;
  count: number;
  citations: ReadonlyMap<string, number>;
  blockActions: BlockActions;
  actions: SectionActions;
}>;

function DropLine() {
  return <li className="composer-section__drop-line" aria-hidden="true" />;
}

/** A section: its heading (editable in place), its blocks, and where new blocks and drops land. */
export const SectionView = memo(function SectionView({
  section,
  index,
  count,
  citations,
  blockActions,
  actions,
}: Props) {
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [sectionDrop, setSectionDrop] = useState(false);

  const onDragOver = (event: DragEvent<HTMLOListElement>) => {
    if (!carriesBlock(event)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = event.dataTransfer.types.includes('application/x-briefing-builder-item')
      ? 'move'
      : 'copy';
    setDropAt(dropIndex(event.currentTarget, event.clientY, ':scope > [data-item-id]'));
  };
  const onDrop = (event: DragEvent<HTMLOListElement>) => {
    const drop = readDrop(event);
    const at = dropIndex(event.currentTarget, event.clientY, ':scope > [data-item-id]');
    setDropAt(null);
    if (drop === undefined || drop.kind === 'section') return;
    event.preventDefault();
    event.stopPropagation();
    actions.drop(drop, section.id, at);
  };
  const onHeadingKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      actions.step(section.id, event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.altKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault();
      actions.setLevel(section.id, event.key === 'ArrowRight' ? 2 : 1);
    }
  };

  return (
    <section
      className={`composer-section composer-section--level-${section.level}${sectionDrop ? ' composer-section--drop' : ''}`}
      aria-label={section.heading}
      data-section-id={section.id}
      onDragOver={(event) => {
        if (!carriesSection(event)) return;
        event.preventDefault();
        setSectionDrop(true);
      }}
      onDragLeave={() => setSectionDrop(false)}
      onDrop={(event) => {
        setSectionDrop(false);
        const drop = readDrop(event);
        if (drop?.kind !== 'section') return;
        event.preventDefault();
        actions.drop(drop, section.id, 0);
      }}
    >
      <header className="composer-section__header">
        <span
          className="block__handle"
          draggable
          aria-hidden="true"
          title="Drag to move the section (or Alt+↑ / Alt+↓ in its heading)"
          onDragStart={(event) => dragSection(event, section.id, section.heading)}
        >
          ⠿
        </span>
        <input
          data-saves-as-typed
          className="composer-section__heading"
          aria-label={`${section.level === 2 ? 'Subsection' : 'Section'} heading, ${index + 1} of ${count}`}
          title="Alt+↑/↓ moves the section; Alt+→ makes it a subsection, Alt+← a section"
          value={section.heading}
          maxLength={500}
          onChange={(event) => actions.rename(section.id, event.target.value)}
          onKeyDown={onHeadingKey}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={
            section.level === 1 ? `Make ${section.heading} a subsection` : `Make ${section.heading} a section`
          }
          title={section.level === 1 ? 'Make subsection (Alt+→)' : 'Make section (Alt+←)'}
          disabled={index === 0}
          onClick={() => actions.setLevel(section.id, section.level === 1 ? 2 : 1)}
        >
          {section.level === 1 ? '→' : '←'}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move section ${section.heading} up`}
          title="Move section up (Alt+↑)"
          disabled={index === 0}
          onClick={() => actions.step(section.id, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move section ${section.heading} down`}
          title="Move section down (Alt+↓)"
          disabled={index === count - 1}
          onClick={() => actions.step(section.id, 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button icon-button--danger"
          aria-label={`Remove section ${section.heading}`}
          title="Remove the section and its blocks (Ctrl+Z brings them back)"
          onClick={() => actions.remove(section.id)}
        >
          ×
        </button>
      </header>
      <ol
        className={`composer-section__blocks${section.items.length === 0 ? ' composer-section__blocks--empty' : ''}`}
        aria-label={`Blocks in ${section.heading}`}
        onDragOver={onDragOver}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropAt(null);
        }}
        onDrop={onDrop}
      >
        {section.items.map((item, itemIndex) => (
          <Fragment key={item.id}>
            {dropAt === itemIndex ? <DropLine /> : null}
            <BlockView
              item={item}
              position={`${itemIndex + 1} of ${section.items.length} in ${section.heading}`}
              citation={citations.get(item.id)}
              actions={blockActions}
            />
          </Fragment>
        ))}
        {dropAt !== null && dropAt >= section.items.length ? <DropLine /> : null}
        {section.items.length === 0 ? (
          <li className="composer-section__empty">
            Drag excerpts here, or add a block below.
            {section.guidance === '' ? null : (
              <span className="composer-section__guidance">{section.guidance}</span>
            )}
          </li>
        ) : null}
      </ol>
      <div className="composer-section__add">
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => actions.add({ kind: 'commentary' }, section.id)}
        >
          + Commentary
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => actions.add({ kind: 'judgment' }, section.id)}
        >
          + Key judgment
        </button>
      </div>
    </section>
  );
});
