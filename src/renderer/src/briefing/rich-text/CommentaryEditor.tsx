import { toggleMark } from 'prosemirror-commands';
import type { Command, EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { richTextEquals, type RichText } from '../../../../shared/rich-text';
import { linkTarget, markActive, removeLink, setLink, type LinkTarget } from './commands';
import { fromProseMirrorDoc, toProseMirrorDoc } from './convert';
import {
  createEditorState,
  createStateStore,
  highlightLinkTarget,
  isEmptyDoc,
  replaceDoc,
} from './editor-state';
import { LinkForm } from './LinkForm';
import { activeList, toggleList } from './lists';
import { editorDomHandlers } from './dom-events';
import { marks } from './schema';
import { Toolbar, type ToolbarAction, type ToolbarState } from './Toolbar';
import './rich-text.css';

export type CommentaryEditorProps = Readonly<{
  /** The commentary; when it changes from outside (app undo), the editor shows the new text. */
  value: RichText;
  /** Called on every edit with the normalised commentary. */
  onChange: (next: RichText) => void;
  /** The accessible name of the text box. */
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** Escape in the text: typically ends editing. Without it, Escape is left alone. */
  onEscape?: () => void;
}>;

/** The accessibility and placeholder attributes of the editable element, recomputed per state. */
function editorAttributes(label: string, placeholder: string) {
  return (state: EditorState): Record<string, string> => ({
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    ...(placeholder === '' ? {} : { 'aria-placeholder': placeholder, 'data-placeholder': placeholder }),
    class: isEmptyDoc(state.doc) ? 'rich-text__content rich-text__content--empty' : 'rich-text__content',
  });
}

const NOTHING_ACTIVE: ToolbarState = {
  bold: false,
  italic: false,
  'bullet-list': false,
  'ordered-list': false,
  link: false,
};

function toolbarState(state: EditorState | null): ToolbarState {
  if (state === null) return NOTHING_ACTIVE;
  const list = activeList(state);
  return {
    bold: markActive(state, marks.strong),
    italic: markActive(state, marks.em),
    'bullet-list': list === 'bullet-list',
    'ordered-list': list === 'ordered-list',
    link: linkTarget(state).href !== null,
  };
}

/**
 * The rich-text editor for briefing commentary (ProseMirror): paragraphs, bulleted and numbered
 * lists, bold, italic and links. Keys: Ctrl/Cmd+B bold, Ctrl/Cmd+I italic, Ctrl/Cmd+Shift+8
 * bulleted list, Ctrl/Cmd+Shift+7 numbered list, Ctrl/Cmd+Shift+L link, Enter (or Shift+Enter)
 * new paragraph or item, Escape `onEscape`. Undo keys and Ctrl+K are left to the app. Paste and
 * drop take plain text only (see dom-events.ts).
 */
export function CommentaryEditor(props: CommentaryEditorProps) {
  const { value, label, placeholder = '' } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const latest = useRef(props);
  // The last commentary sent to onChange: when it comes back as `value`, there is nothing to do.
  const emitted = useRef<RichText | null>(null);
  const [store] = useState(createStateStore);
  const editorState = useSyncExternalStore(store.subscribe, store.get);
  const [linkForm, setLinkForm] = useState<LinkTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useLayoutEffect(() => {
    latest.current = props;
  });

  const showLinkForm = useCallback((view: EditorView) => {
    const target = linkTarget(view.state);
    view.dispatch(highlightLinkTarget(view.state.tr, target));
    setLinkForm(target);
  }, []);

  // The view is created once; later props reach it through `latest` and the effects below.
  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const initial = latest.current;
    const openLinkForm = () => {
      showLinkForm(view);
      return true;
    };
    const escape = () => {
      const onEscape = latest.current.onEscape;
      if (onEscape === undefined) return false;
      onEscape();
      return true;
    };
    const view: EditorView = new EditorView(host, {
      state: createEditorState(toProseMirrorDoc(initial.value), { escape, link: openLinkForm }),
      attributes: editorAttributes(initial.label, initial.placeholder ?? ''),
      handleDOMEvents: editorDomHandlers(setNotice),
      dispatchTransaction: (tr) => {
        const next = view.state.apply(tr);
        view.updateState(next);
        store.set(next);
        if (tr.docChanged) {
          setNotice(null);
          emitted.current = fromProseMirrorDoc(next.doc);
          latest.current.onChange(emitted.current);
        }
      },
    });
    viewRef.current = view;
    store.set(view.state);
    if (initial.autoFocus === true) view.focus();
    return () => {
      viewRef.current = null;
      store.set(null);
      view.destroy();
    };
  }, [store, showLinkForm]);

  // An outside change (the app's undo, another window) replaces the text; our own echo does not.
  useEffect(() => {
    const view = viewRef.current;
    if (view === null || value === emitted.current) return;
    if (richTextEquals(fromProseMirrorDoc(view.state.doc), value)) return;
    const next = replaceDoc(view.state, toProseMirrorDoc(value));
    view.updateState(next);
    store.set(next);
  }, [value, store]);

  useEffect(() => {
    viewRef.current?.setProps({ attributes: editorAttributes(label, placeholder) });
  }, [label, placeholder]);

  const run = (command: Command) => {
    const view = viewRef.current;
    if (view === null) return;
    command(view.state, view.dispatch, view);
    view.focus();
  };

  const closeLinkForm = (command: Command | null) => {
    setLinkForm(null);
    const view = viewRef.current;
    if (view === null) return;
    view.dispatch(highlightLinkTarget(view.state.tr, null));
    if (command !== null) command(view.state, view.dispatch, view);
    view.focus();
  };

  const onAction = (action: ToolbarAction) => {
    const view = viewRef.current;
    if (view === null) return;
    if (action === 'bold') run(toggleMark(marks.strong));
    else if (action === 'italic') run(toggleMark(marks.em));
    else if (action === 'bullet-list' || action === 'ordered-list') run(toggleList(action));
    else showLinkForm(view);
  };

  /** The form's target, unless an outside change has since made it point past the text. */
  const currentTarget = (form: LinkTarget, state: EditorState): LinkTarget =>
    form.to <= state.doc.content.size ? form : linkTarget(state);

  return (
    <div className="rich-text">
      <Toolbar
        label={label}
        active={toolbarState(editorState)}
        disabled={editorState === null}
        onAction={onAction}
      />
      {linkForm !== null && (
        <LinkForm
          key={`${linkForm.from}:${linkForm.to}`}
          initialHref={linkForm.href}
          onCancel={() => closeLinkForm(null)}
          onRemove={() =>
            closeLinkForm((state, dispatch) => removeLink(currentTarget(linkForm, state))(state, dispatch))
          }
          onApply={(href) =>
            closeLinkForm((state, dispatch) => setLink(currentTarget(linkForm, state), href)(state, dispatch))
          }
        />
      )}
      <div ref={hostRef} className="rich-text__editor" />
      <p className="rich-text__notice" role="status">
        {notice}
      </p>
    </div>
  );
}
