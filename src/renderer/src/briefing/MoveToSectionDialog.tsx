import { useEffect, useRef } from 'react';
import type { BriefingSection } from '../../../shared/dto';

type Props = Readonly<{
  sections: readonly BriefingSection[];
  currentSectionId: string | undefined;
  onMove: (sectionId: string) => void;
  onClose: () => void;
}>;

/** Picks the section a block moves to (it goes to the end of that section). */
export function MoveToSectionDialog({ sections, currentSectionId, onMove, onClose }: Props) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, []);
  return (
    <div className="modal-backdrop" role="presentation" onMouseDown={onClose}>
      <div
        className="modal modal--small"
        role="dialog"
        aria-modal="true"
        aria-labelledby="move-to-section-title"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const buttons = Array.from(
              list.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [],
            );
            const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
            const next =
              buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
            next?.focus();
          }
        }}
      >
        <h2 id="move-to-section-title" className="modal__title">
          Move to section
        </h2>
        <div className="move-to-section" ref={list} role="group" aria-label="Sections">
          {sections.map((section) => (
            <button
              key={section.id}
              type="button"
              className={`move-to-section__option move-to-section__option--level-${section.level}`}
              disabled={section.id === currentSectionId}
              onClick={() => onMove(section.id)}
            >
              {section.heading}
              {section.id === currentSectionId ? ' (here now)' : ''}
            </button>
          ))}
        </div>
        <div className="modal__actions">
          <button type="button" className="button button--quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
