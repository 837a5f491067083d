import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import type { Mark, MarkType, ResolvedPos } from 'prosemirror-model';
import { splitListItem } from 'prosemirror-schema-list';
import type { Command, EditorState } from 'prosemirror-state';
import { isSafeLink } from '../../../../shared/rich-text';
import { toggleList } from './lists';
import { linkHref, marks, nodes } from './schema';

/** Whether a mark is on at the cursor (or over the whole selection), for aria-pressed. */
export function markActive(state: EditorState, type: MarkType): boolean {
  const { empty, $from, from, to } = state.selection;
  if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined;
  let everywhere = true;
  let sawText = false;
  state.doc.nodesBetween(from, to, (node) => {
    if (!node.isText) return true;
    sawText = true;
    if (type.isInSet(node.marks) === undefined) everywhere = false;
    return false;
  });
  return sawText && everywhere;
}

export type LinkTarget = Readonly<{ from: number; to: number; href: string | null }>;

/** The extent of the run of text around `$pos`'s parent child `index` carrying `mark`. */
function markExtent($pos: ResolvedPos, index: number, mark: Mark): { from: number; to: number } {
  const parent = $pos.parent;
  const start = $pos.start();
  let first = index;
  while (first > 0 && mark.isInSet(parent.child(first - 1).marks)) first -= 1;
  let last = index;
  while (last + 1 < parent.childCount && mark.isInSet(parent.child(last + 1).marks)) last += 1;
  let from = start;
  for (let i = 0; i < first; i += 1) from += parent.child(i).nodeSize;
  let to = from;
  for (let i = first; i <= last; i += 1) to += parent.child(i).nodeSize;
  return { from, to };
}

/**
 * What the link form edits: the selection, or with a bare cursor the whole link it touches. `href`
 * is the current target, or null when there is no link there yet.
 */
export function linkTarget(state: EditorState): LinkTarget {
  const { $from, from, to, empty } = state.selection;
  if (!empty) {
    let href: string | null = null;
    state.doc.nodesBetween(from, to, (node) => {
      const mark = marks.link.isInSet(node.marks);
      if (href === null && mark !== undefined) href = linkHref(mark);
    });
    return { from, to, href };
  }
  const index = $from.index();
  for (const candidate of [index, index - 1]) {
    if (candidate < 0 || candidate >= $from.parent.childCount) continue;
    const mark = marks.link.isInSet($from.parent.child(candidate).marks);
    if (mark !== undefined) return { ...markExtent($from, candidate, mark), href: linkHref(mark) };
  }
  return { from, to, href: null };
}

/**
 * Links `target` to `href` (already checked with isSafeLink). An empty target (a bare cursor
 * outside any link) gets the address itself as linked text.
 */
export function setLink(target: LinkTarget, href: string): Command {
  return (state, dispatch) => {
    if (!isSafeLink(href)) return false;
    if (dispatch === undefined) return true;
    const mark = marks.link.create({ href });
    const tr = state.tr;
    if (target.from === target.to) {
      tr.insertText(href, target.from);
      tr.addMark(target.from, target.from + href.length, mark);
    } else {
      tr.removeMark(target.from, target.to, marks.link).addMark(target.from, target.to, mark);
    }
    dispatch(tr.scrollIntoView());
    return true;
  };
}

export function removeLink(target: LinkTarget): Command {
  return (state, dispatch) => {
    if (target.from === target.to) return false;
    dispatch?.(state.tr.removeMark(target.from, target.to, marks.link));
    return true;
  };
}

/**
 * What the analyst typed in the link form, as a link: trimmed, with "https://" added to a bare
 * domain and "mailto:" to a bare address. Null when the result is not a safe link.
 */
export function linkFromInput(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  let href = text;
  if (/^[^\s@:/]+@[^\s@:/]+\.[^\s@:/]+$/.test(text)) href = `mailto:${text}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text) && /^[^\s/]+\.[^\s/]+/.test(text)) href = `https://${text}`;
  return isSafeLink(href) ? href : null;
}

export type KeymapCallbacks = Readonly<{
  /** Escape: returns false when nobody listens, so the key goes on as usual. */
  escape: () => boolean;
  /** Ctrl/Cmd+Shift+L: opens the link form. */
  link: () => boolean;
}>;

const enter = chainCommands(splitListItem(nodes.listItem), baseKeymap['Enter'] ?? (() => false));

/**
 * The editor's own keys. Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y and Ctrl+K are deliberately unbound: they
 * bubble, unprevented, to the app (briefing-wide undo, search); editorDomHandlers also keeps
 * prosemirror-view from preventing Mod-Z / Mod-Y. There is no history plugin. Ctrl+U is swallowed
 * so the browser does not add underlines the model cannot hold.
 */
export function editorKeymap(callbacks: KeymapCallbacks): Record<string, Command> {
  return {
    'Mod-b': toggleMark(marks.strong),
    'Mod-i': toggleMark(marks.em),
    'Mod-u': () => true,
    'Mod-Shift-8': toggleList('bullet-list'),
    'Mod-Shift-7': toggleList('ordered-list'),
    'Mod-Shift-l': () => callbacks.link(),
    Enter: enter,
    // Paragraphs hold no line breaks, so Shift+Enter starts a new paragraph or item like Enter.
    'Shift-Enter': enter,
    Escape: () => callbacks.escape(),
  };
}

/** Shortcut hints for titles, per platform. */
export function shortcutLabels(mod: string) {
  return {
    bold: `${mod}+B`,
    italic: `${mod}+I`,
    bulletList: `${mod}+Shift+8`,
    orderedList: `${mod}+Shift+7`,
    link: `${mod}+Shift+L`,
  } as const;
}
