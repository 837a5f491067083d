import { baseKeymap } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Node } from 'prosemirror-model';
import { EditorState, Plugin, PluginKey, TextSelection, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { editorKeymap, type KeymapCallbacks } from './commands';
import { limitsPlugin } from './limits';
import { nodes } from './schema';

type Range = Readonly<{ from: number; to: number }>;

const linkHighlightKey = new PluginKey<DecorationSet>('link-highlight');

/**
 * Keeps the text the link form is editing highlighted while focus is in the form (the browser
 * selection leaves the editor then). Set with `highlightLinkTarget`.
 */
const linkHighlight = new Plugin<DecorationSet>({
  key: linkHighlightKey,
  state: {
    init: () => DecorationSet.empty,
    apply: (tr, set) => {
      const meta: unknown = tr.getMeta(linkHighlightKey);
      if (meta === null) return DecorationSet.empty;
      if (meta === undefined) return set.map(tr.mapping, tr.doc);
      const { from, to } = meta as Range;
      if (from >= to) return DecorationSet.empty;
      return DecorationSet.create(tr.doc, [Decoration.inline(from, to, { class: 'rich-text__link-target' })]);
    },
  },
  props: { decorations: (state) => linkHighlightKey.getState(state) },
});

/** A transaction that highlights `range` (or clears the highlight with null); it changes no text. */
export function highlightLinkTarget(tr: Transaction, range: Range | null): Transaction {
  return tr.setMeta(linkHighlightKey, range === null ? null : { from: range.from, to: range.to });
}

/** The editor state for a document. No history plugin: undo belongs to the app (see commands.ts). */
export function createEditorState(doc: Node, callbacks: KeymapCallbacks): EditorState {
  return EditorState.create({
    doc,
    plugins: [keymap(editorKeymap(callbacks)), keymap(baseKeymap), limitsPlugin(), linkHighlight],
  });
}

/**
 * The same editor with another document (an outside change such as the app's undo): plugins are
 * kept, the selection stays where it was as far as the new document allows.
 */
export function replaceDoc(state: EditorState, doc: Node): EditorState {
  const clamp = (pos: number) => doc.resolve(Math.min(pos, doc.content.size));
  const selection = TextSelection.between(clamp(state.selection.anchor), clamp(state.selection.head));
  return EditorState.create({ doc, plugins: state.plugins, selection });
}

/** True for the document of an untouched editor: one empty paragraph (shows the placeholder). */
export function isEmptyDoc(doc: Node): boolean {
  const first = doc.firstChild;
  return doc.childCount === 1 && first !== null && first.type === nodes.paragraph && first.content.size === 0;
}

/**
 * The view's current state as an external store, so React renders the toolbar from it with
 * useSyncExternalStore instead of copying it into component state from effects.
 */
export type StateStore = Readonly<{
  get: () => EditorState | null;
  set: (state: EditorState | null) => void;
  subscribe: (listener: () => void) => () => void;
}>;

export function createStateStore(): StateStore {
  let current: EditorState | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (state) => {
      current = state;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
