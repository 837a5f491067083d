import { useCallback, useEffect, useState } from 'react';
import { call, errorMessage, onMenuCommand } from './api';
import { useLibraryVersion } from './library-version';

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo excerpt and collection edits, except while
 * typing in a field, where they stay the field's own undo.
 */
export function useUndo() {
  const { changed } = useLibraryVersion();
  const [message, setMessage] = useState<string | null>(null);
  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      call('historyState', {})
        .then(async (state) => {
          const label = direction === 'undo' ? state.undoLabel : state.redoLabel;
          await call(direction, {});
          setMessage(label === null ? null : `${direction === 'undo' ? 'Undid' : 'Redid'}: ${label}`);
          changed();
        })
        .catch((reason: unknown) => setMessage(errorMessage(reason)));
    },
    [changed],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextField(event.target)) return;
      // The briefing pane has its own history (it handles its keys before they get here).
      if (event.target instanceof Element && event.target.closest('[data-undo-scope="briefing"]') !== null)
        return;
      const key = event.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        event.preventDefault();
        step(key === 'y' || event.shiftKey ? 'redo' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey);
    const stop = onMenuCommand((command) => {
      if (command !== 'undo' && command !== 'redo') return;
      // The briefing pane answers the menu itself while it has the focus.
      if (document.activeElement?.closest('[data-undo-scope="briefing"]') instanceof Element) return;
      // From the menu, a focused text field keeps its own undo.
      if (isTextField(document.activeElement)) document.execCommand(command);
      else step(command);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stop();
    };
  }, [step]);
  return { message, dismiss: () => setMessage(null) };
}
