import { baseKeymap } from 'prosemirror-commands';
import type { Node } from 'prosemirror-model';
import { AllSelection, TextSelection, type Command, type EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { RICH_TEXT_LIMITS, richTextFromPlain, richTextToPlain } from '../../../../shared/rich-text';
import { editorKeymap, linkFromInput, linkTarget, markActive, removeLink, setLink } from './commands';
import { fromProseMirrorDoc, toProseMirrorDoc } from './convert';
import { createEditorState, isEmptyDoc, replaceDoc } from './editor-state';
import { textBudget } from './limits';
import { activeList, toggleList } from './lists';
import { isUndoKey } from './dom-events';
import { insertPlainText, truncateText } from './paste';
import { marks } from './schema';

/** The position just before the first occurrence of `needle` in the text, plus `offset`. */
function posOf(doc: Node, needle: string, offset = 0): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0 || !node.isText) return found < 0;
    const index = node.text?.indexOf(needle) ?? -1;
    if (index >= 0) found = pos + index + offset;
    return false;
  });
  if (found < 0) throw new Error(`no "${needle}" in ${doc.toString()}`);
  return found;
}

/** An editor state from plain text, with the selection at `needle` (+ offset), or from..to. */
function stateOf(plain: string, anchor: [string, number?], head = anchor): EditorState {
  const doc = toProseMirrorDoc(richTextFromPlain(plain));
  const state = createEditorState(doc, { escape: () => false, link: () => false });
  const selection = TextSelection.create(doc, posOf(doc, ...anchor), posOf(doc, ...head));
  return state.apply(state.tr.setSelection(selection));
}

function run(state: EditorState, command: Command): EditorState {
  let next = state;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}

const plain = (state: EditorState) => richTextToPlain(fromProseMirrorDoc(state.doc));
const textAt = (state: EditorState) => state.doc.textBetween(state.selection.from, state.selection.to, '|');
const keys = editorKeymap({ escape: () => false, link: () => false });
const press = (state: EditorState, key: string) => run(state, keys[key] ?? baseKeymap[key] ?? (() => false));

describe('lists', () => {
  it('turns a paragraph into a list, continuing a list of the same kind next to it', () => {
    const state = run(stateOf('- a\n\nmid\n\n- c', ['mid', 1]), toggleList('bullet-list'));
    expect(plain(state)).toBe('• a\n• mid\n• c');
    expect(state.selection.from).toBe(posOf(state.doc, 'mid', 1));
    expect(activeList(state)).toBe('bullet-list');
  });

  it('turns selected items back into paragraphs, splitting the list', () => {
    const state = run(stateOf('- a\n- b\n- c', ['b']), toggleList('bullet-list'));
    expect(plain(state)).toBe('• a\n\nb\n\n• c');
    expect(activeList(state)).toBeNull();
  });

  it('switches the whole list to the other kind', () => {
    const state = run(stateOf('- a\n- b\n- c', ['b']), toggleList('ordered-list'));
    expect(plain(state)).toBe('1. a\n2. b\n3. c');
    expect(activeList(state)).toBe('ordered-list');
  });

  it('wraps a range of paragraphs and items into one list, keeping the selection on the text', () => {
    const state = run(stateOf('p1\n\np2\n\n1. a\n2. b', ['p1'], ['a', 1]), toggleList('bullet-list'));
    expect(plain(state)).toBe('• p1\n• p2\n• a\n• b');
    expect(textAt(state)).toBe('p1|p2|a');
  });

  it('toggles the whole document under select-all', () => {
    const base = stateOf('p\n\n- a\n- b', ['p']);
    const all = base.apply(base.tr.setSelection(new AllSelection(base.doc)));
    const on = run(all, toggleList('ordered-list'));
    expect(plain(on)).toBe('1. p\n2. a\n3. b');
    expect(on.selection).toBeInstanceOf(AllSelection);
    expect(plain(run(on, toggleList('ordered-list')))).toBe('p\n\na\n\nb');
  });

  it('splits items on Enter and leaves the list on Enter in an empty last item', () => {
    const split = press(stateOf('- ab\n- c', ['ab', 1]), 'Enter');
    expect(plain(split)).toBe('• a\n• b\n• c');
    const added = press(stateOf('- a\n- c', ['c', 1]), 'Enter');
    expect(fromProseMirrorDoc(added.doc).blocks[0]).toEqual({
      type: 'bullet-list',
      items: [[{ text: 'a' }], [{ text: 'c' }], []],
    });
    const left = press(added, 'Enter');
    expect(fromProseMirrorDoc(left.doc).blocks).toEqual([
      { type: 'bullet-list', items: [[{ text: 'a' }], [{ text: 'c' }]] },
      { type: 'paragraph', content: [] },
    ]);
    // Shift+Enter does the same, since paragraphs hold no line breaks.
    expect(plain(press(stateOf('ab', ['ab', 1]), 'Shift-Enter'))).toBe('a\n\nb');
  });

  it('joins an item into the one above, or lifts the first item, on Backspace at its start', () => {
    expect(plain(press(stateOf('- ab\n- cd', ['cd']), 'Backspace'))).toBe('• abcd');
    expect(plain(press(stateOf('x\n\n- ab\n- cd', ['ab']), 'Backspace'))).toBe('x\n\nab\n\n• cd');
  });
});

describe('keys', () => {
  it('leaves undo, redo and search to the app', () => {
    const bound = Object.keys({ ...baseKeymap, ...keys }).map((key) => key.toLowerCase());
    for (const key of ['mod-z', 'mod-shift-z', 'shift-mod-z', 'mod-y', 'ctrl-z', 'ctrl-y', 'mod-k', 'ctrl-k'])
      expect(bound).not.toContain(key);
  });

  it('recognises the undo keys the editor lets through', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>>) => ({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...mods,
    });
    expect(isUndoKey(key('z', { ctrlKey: true }))).toBe(true);
    expect(isUndoKey(key('Z', { metaKey: true }))).toBe(true);
    expect(isUndoKey(key('y', { ctrlKey: true }))).toBe(true);
    expect(isUndoKey(key('z', {}))).toBe(false);
    expect(isUndoKey(key('k', { ctrlKey: true }))).toBe(false);
    expect(isUndoKey(key('z', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('toggles bold and italic and reports them as active', () => {
    const bold = press(stateOf('one two', ['one'], ['one', 3]), 'Mod-b');
    expect(markActive(bold, marks.strong)).toBe(true);
    expect(markActive(bold, marks.em)).toBe(false);
    expect(fromProseMirrorDoc(bold.doc).blocks[0]).toEqual({
      type: 'paragraph',
      content: [{ text: 'one', bold: true }, { text: ' two' }],
    });
    expect(markActive(press(bold, 'Mod-i'), marks.em)).toBe(true);
  });

  it('passes Escape and the link key to the callbacks', () => {
    const calls: string[] = [];
    const bound = editorKeymap({
      escape: () => calls.push('escape') > 0,
      link: () => calls.push('link') > 0,
    });
    const state = stateOf('x', ['x']);
    expect(bound['Escape']?.(state)).toBe(true);
    expect(bound['Mod-Shift-l']?.(state)).toBe(true);
    expect(calls).toEqual(['escape', 'link']);
    expect(editorKeymap({ escape: () => false, link: () => false })['Escape']?.(state)).toBe(false);
  });
});

describe('links', () => {
  it('reads what the analyst typed as a safe link or nothing', () => {
    expect(linkFromInput(' https://example.org/a ')).toBe('https://example.org/a');
    expect(linkFromInput('example.org/report')).toBe('https://example.org/report');
    expect(linkFromInput('desk@example.org')).toBe('mailto:desk@example.org');
    for (const raw of ['', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a link'])
      expect(linkFromInput(raw), raw).toBeNull();
  });

  it('links the selection, edits the whole link at the cursor, and removes it', () => {
    const selected = stateOf('see the report here', ['report'], ['report', 6]);
    const linked = run(selected, setLink(linkTarget(selected), 'https://a.example'));
    const cursor = linked.apply(
      linked.tr.setSelection(TextSelection.create(linked.doc, posOf(linked.doc, 'port'))),
    );
    const target = linkTarget(cursor);
    expect(target).toEqual({
      from: posOf(linked.doc, 'report'),
      to: posOf(linked.doc, 'report', 6),
      href: 'https://a.example',
    });
    const edited = run(cursor, setLink(target, 'https://b.example'));
    expect(fromProseMirrorDoc(edited.doc).blocks[0]).toEqual({
      type: 'paragraph',
      content: [{ text: 'see the ' }, { text: 'report', link: 'https://b.example' }, { text: ' here' }],
    });
    expect(plain(run(edited, removeLink(linkTarget(edited))))).toBe('see the report here');
    expect(fromProseMirrorDoc(run(cursor, removeLink(target)).doc).blocks[0]).toEqual({
      type: 'paragraph',
      content: [{ text: 'see the report here' }],
    });
  });

  it('inserts the address as linked text at a bare cursor and refuses unsafe targets', () => {
    const state = stateOf('Source: ', ['Source', 7]);
    const inserted = run(state, setLink(linkTarget(state), 'https://example.org'));
    expect(fromProseMirrorDoc(inserted.doc).blocks[0]).toEqual({
      type: 'paragraph',
      content: [{ text: 'Source:' }, { text: 'https://example.org', link: 'https://example.org' }],
    });
    expect(setLink(linkTarget(state), 'javascript:alert(1)')(state, () => undefined)).toBe(false);
  });
});

describe('plain-text paste', () => {
  it('inserts one line as text with the marks at the cursor', () => {
    const bold = press(stateOf('ab', ['ab'], ['ab', 2]), 'Mod-b');
    const caret = bold.apply(bold.tr.setSelection(TextSelection.create(bold.doc, posOf(bold.doc, 'ab', 1))));
    const pasted = run(caret, insertPlainText('X\u0000Y'));
    expect(fromProseMirrorDoc(pasted.doc).blocks[0]).toEqual({
      type: 'paragraph',
      content: [{ text: 'aXYb', bold: true }],
    });
  });

  it('makes paragraphs and lists of several lines', () => {
    expect(plain(run(stateOf('XY', ['XY', 1]), insertPlainText('a\r\n\r\nb')))).toBe('Xa\n\nbY');
    expect(plain(run(stateOf('XY', ['XY', 1]), insertPlainText('para\n\n- a\n- b\n\nend')))).toBe(
      'Xpara\n\n• a\n• b\n\nendY',
    );
  });

  it('turns every pasted block into an item inside a list', () => {
    expect(plain(run(stateOf('- XY', ['XY', 1]), insertPlainText('a\n\nb\n\nc')))).toBe('• Xa\n• b\n• cY');
    expect(plain(run(stateOf('- XY', ['XY', 1]), insertPlainText('1. a\n2. b')))).toBe('• Xa\n• bY');
  });

  it('cuts text to the budget without splitting a surrogate pair', () => {
    expect(truncateText('ab🚢c', 3)).toBe('ab');
    expect(truncateText('abc', 5)).toBe('abc');
    expect(textBudget(stateOf('abcdef', ['cd'], ['cd', 2]))).toBe(RICH_TEXT_LIMITS.textChars - 4);
  });
});

describe('editor state', () => {
  it('refuses edits that go over the limits, but lets an oversized document shrink', () => {
    const state = stateOf('x'.repeat(RICH_TEXT_LIMITS.textChars), ['x']);
    expect(state.applyTransaction(state.tr.insertText('y')).state).toBe(state);
    const longer = toProseMirrorDoc(richTextFromPlain('x'.repeat(RICH_TEXT_LIMITS.textChars + 2)));
    const over = createEditorState(longer, { escape: () => false, link: () => false });
    const shrunk = over.applyTransaction(over.tr.delete(1, 2)).state;
    expect(shrunk.doc.textContent.length).toBe(RICH_TEXT_LIMITS.textChars + 1);
  });

  it('replaces the document from outside, keeping the selection where it can', () => {
    const state = stateOf('first paragraph\n\nsecond', ['second', 3]);
    const next = replaceDoc(state, toProseMirrorDoc(richTextFromPlain('first paragraph\n\nsecond, edited')));
    expect(next.selection.from).toBe(posOf(next.doc, 'second', 3));
    expect(next.plugins.every((plugin, index) => plugin === state.plugins[index])).toBe(true);
    const shorter = replaceDoc(state, toProseMirrorDoc(richTextFromPlain('short')));
    expect(shorter.selection.from).toBe(posOf(shorter.doc, 'short', 5));
    expect(isEmptyDoc(replaceDoc(state, toProseMirrorDoc(richTextFromPlain(''))).doc)).toBe(true);
    expect(isEmptyDoc(state.doc)).toBe(false);
  });
});
