import { useEffect, useRef } from 'react';

export type MenuItem = Readonly<{
  label: string;
  shortcut?: string;
  onSelect: () => void;
  disabled?: boolean;
}>;

type Props = Readonly<{ x: number; y: number; items: readonly MenuItem[]; onClose: () => void }>;

/** A small context menu at the pointer, operable by keyboard (arrows, Enter, Escape). */
export function ContextMenu({ x, y, items, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [onClose]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const buttons = Array.from(
      menu.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [],
    );
    const index = buttons.findIndex((button) => button === document.activeElement);
    if (event.key === 'Escape') onClose();
    else if (event.key === 'ArrowDown') buttons[(index + 1) % buttons.length]?.focus();
    else if (event.key === 'ArrowUp') buttons[(index - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    event.preventDefault();
  };
  return (
    <div ref={menu} className="context-menu" role="menu" style={{ left: x, top: y }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className="context-menu__item"
          disabled={item.disabled}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          <span>{item.label}</span>
          {item.shortcut === undefined ? null : <kbd className="context-menu__shortcut">{item.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
