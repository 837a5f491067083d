import { TextSelection } from 'prosemirror-state';
import type { EditorProps, EditorView } from 'prosemirror-view';
import { RICH_TEXT_LIMITS } from '../../../../shared/rich-text';
import { textBudget } from './limits';
import { insertPlainText, truncateText } from './paste';

function insertWithinBudget(view: EditorView, text: string, notify: (message: string) => void): void {
  const budget = textBudget(view.state);
  const fitted = truncateText(text, budget);
  const before = view.state.doc;
  if (fitted !== '') insertPlainText(fitted)(view.state, view.dispatch);
  if (fitted.length < text.length || (fitted !== '' && view.state.doc === before)) {
    notify(
      `Commentary holds at most ${RICH_TEXT_LIMITS.textChars.toLocaleString()} characters, ` +
        `${RICH_TEXT_LIMITS.listItems} items per list and ${RICH_TEXT_LIMITS.blocks.toLocaleString()} ` +
        'paragraphs; the pasted text did not fit in full.',
    );
  }
}

/** Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y: the app's briefing-wide undo and redo. */
export function isUndoKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  const key = event.key.toLowerCase();
  return (event.ctrlKey || event.metaKey) && !event.altKey && (key === 'z' || key === 'y');
}

/**
 * Whether a key event comes from a commentary editor, whose undo keys belong to the app's undo
 * (unlike other text fields, which keep their own): for the app's undo handler.
 */
export function isCommentaryEditor(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.rich-text__content') !== null;
}

function isOnLink(event: Event): boolean {
  return event.target instanceof Element && event.target.closest('a') !== null;
}

/**
 * The editor's DOM event handlers (handleDOMEvents run before prosemirror-view's own handlers,
 * and returning true skips those).
 *
 * Paste and drop keep HTML out. prosemirror-view's own paste and drop handling parses clipboard
 * HTML by assigning it to innerHTML (readHTML in prosemirror-view/dist/index.js), which the app's
 * CSP forbids: `require-trusted-types-for 'script'` admits only the `dompurify` and `app-html`
 * policies. So these handlers always claim paste and external drops and that path is never reached:
 * - paste inserts the clipboard's text/plain only; text/html is ignored, so pasted formatting is
 *   dropped and only paragraphs and "- " / "1. " lists survive (see insertPlainText);
 * - dropping text inserts its text/plain at the drop point; dropped HTML is ignored; a drag inside
 *   the editor moves its own slice (view.dragging, nothing parsed); dropped files are left to the
 *   app's window-level file drop (import).
 *
 * Undo keys are claimed without being handled: prosemirror-view would otherwise preventDefault
 * Mod-Z and Mod-Y itself. The keydown bubbles on, unprevented, to the app's briefing-wide undo;
 * the browser's own contenteditable undo (beforeinput historyUndo / historyRedo) is refused, since
 * it would fight ProseMirror's model. Clicking a link in the editor never navigates.
 */
export function editorDomHandlers(notify: (message: string) => void): EditorProps['handleDOMEvents'] {
  return {
    keydown: (_view, event) => isUndoKey(event),
    paste: (view, event) => {
      event.preventDefault();
      insertWithinBudget(view, event.clipboardData?.getData('text/plain') ?? '', notify);
      return true;
    },
    drop: (view, event) => {
      if (view.dragging !== null) return false;
      const data = event.dataTransfer;
      if (data === null || data.types.includes('Files')) return true;
      event.preventDefault();
      const text = data.getData('text/plain');
      const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
      if (text === '' || at === null) return true;
      view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at.pos))));
      insertWithinBudget(view, text, notify);
      view.focus();
      return true;
    },
    beforeinput: (_view, event) => {
      if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return false;
      event.preventDefault();
      return true;
    },
    click: (_view, event) => {
      if (isOnLink(event)) event.preventDefault();
      return false;
    },
    auxclick: (_view, event) => {
      if (isOnLink(event)) event.preventDefault();
      return false;
    },
  };
}
