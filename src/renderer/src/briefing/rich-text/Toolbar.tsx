import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { MOD } from '../../components/Kbd';
import { shortcutLabels } from './commands';

export type ToolbarAction = 'bold' | 'italic' | 'bullet-list' | 'ordered-list' | 'link';

export type ToolbarState = Readonly<Record<ToolbarAction, boolean>>;

const SHORTCUTS = shortcutLabels(MOD);

const TOOLS: readonly Readonly<{ action: ToolbarAction; name: string; shortcut: string; icon: ReactNode }>[] =
  [
    { action: 'bold', name: 'Bold', shortcut: SHORTCUTS.bold, icon: <b>B</b> },
    { action: 'italic', name: 'Italic', shortcut: SHORTCUTS.italic, icon: <i>I</i> },
    {
      action: 'bullet-list',
      name: 'Bulleted list',
      shortcut: SHORTCUTS.bulletList,
      icon: (
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <circle cx="2.5" cy="4" r="1.5" fill="currentColor" />
          <circle cx="2.5" cy="8" r="1.5" fill="currentColor" />
          <circle cx="2.5" cy="12" r="1.5" fill="currentColor" />
          <path d="M6 4h9M6 8h9M6 12h9" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      ),
    },
    {
      action: 'ordered-list',
      name: 'Numbered list',
      shortcut: SHORTCUTS.orderedList,
      icon: (
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <text x="0" y="6" fontSize="5.5" fill="currentColor">
            1
          </text>
          <text x="0" y="14" fontSize="5.5" fill="currentColor">
            2
          </text>
          <path d="M6 4h9M6 12h9" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      ),
    },
    {
      action: 'link',
      name: 'Link',
      shortcut: SHORTCUTS.link,
      icon: (
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M7 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L8.5 3.8M9 6.5a3 3 0 0 0-4.2 0L2.5 8.8a3 3 0 0 0 4.2 4.2l.8-.8"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
          />
        </svg>
      ),
    },
  ];

type Props = Readonly<{
  label: string;
  active: ToolbarState;
  disabled: boolean;
  onAction: (action: ToolbarAction) => void;
}>;

/**
 * The formatting buttons above the editor: one tab stop, arrow keys (and Home / End) move between
 * buttons. A mouse press does not take focus from the text, so the selection stays put.
 */
export function Toolbar({ label, active, disabled, onAction }: Props) {
  const [current, setCurrent] = useState(0);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step: Readonly<Record<string, (index: number) => number>> = {
      ArrowRight: (index) => (index + 1) % TOOLS.length,
      ArrowLeft: (index) => (index - 1 + TOOLS.length) % TOOLS.length,
      Home: () => 0,
      End: () => TOOLS.length - 1,
    };
    const move = step[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = move(current);
    setCurrent(next);
    event.currentTarget.querySelectorAll('button')[next]?.focus();
  };
  return (
    <div
      className="rich-text__toolbar"
      role="toolbar"
      aria-label={`Formatting: ${label}`}
      onKeyDown={onKeyDown}
    >
      {TOOLS.map((tool, index) => (
        <button
          key={tool.action}
          type="button"
          className="rich-text__tool"
          aria-label={tool.name}
          title={`${tool.name} (${tool.shortcut})`}
          aria-pressed={active[tool.action]}
          aria-keyshortcuts={tool.shortcut.replace('⌘', 'Meta').replace('Ctrl', 'Control')}
          tabIndex={index === current ? 0 : -1}
          disabled={disabled}
          onFocus={() => setCurrent(index)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onAction(tool.action)}
        >
          {tool.icon}
        </button>
      ))}
    </div>
  );
}
