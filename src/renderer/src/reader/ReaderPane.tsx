import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { DocumentDetail, DocumentMetadataInput, ExcerptDetail } from '../../../shared/dto';
import { onMenuCommand } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorNote } from '../components/ErrorNote';
import { Kbd, MOD } from '../components/Kbd';
import { ContextMenu } from './ContextMenu';
import { DocumentText } from './DocumentText';
import { FindBar } from './FindBar';
import { blockRangeAtHeight, blockRangeAtSelection } from './paragraph';
import { ReaderHeader } from './ReaderHeader';
import { clearSearchTarget, showSearchTarget } from './search-marks';
import { selectedTextRange, type TextRange } from './selection';

/** A passage to show, from a search hit: scrolled to once, its words highlighted while it is shown. */
export type ReaderFocus = Readonly<{
  id: number;
  start: number;
  matches: readonly (readonly [number, number])[];
}>;

type Props = Readonly<{
  document: DocumentDetail | undefined;
  loading: boolean;
  error: string | null;
  excerpts: readonly ExcerptDetail[];
  onAddExcerpt: (range: TextRange) => Promise<void>;
  onSaveMetadata: (metadata: DocumentMetadataInput) => Promise<void>;
  onOpenDocument: (documentId: string) => void;
  onCarryOver: (() => void) | null;
  focus: ReaderFocus | null;
}>;

export const ReaderPane = memo(function ReaderPane(props: Props) {
  const { document, loading, error, excerpts, onAddExcerpt } = props;
  const articleRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<TextRange | null>(null);
  const [showBoilerplate, setShowBoilerplate] = useState(false);
  const [finding, setFinding] = useState(false);
  const [menu, setMenu] = useState<{ x: number; y: number; paragraph: TextRange | null } | null>(null);

  useEffect(() => {
    const update = () => {
      const article = articleRef.current;
      setPending(article === null ? null : selectedTextRange(article));
    };
    globalThis.document.addEventListener('selectionchange', update);
    return () => globalThis.document.removeEventListener('selectionchange', update);
  }, []);

  // Each take is independent: a second selection taken while the first is still being saved is
  // never dropped. Clearing the selection at once keeps one selection from being taken twice.
  const take = useCallback(
    async (range: TextRange | null) => {
      if (range === null) return;
      globalThis.getSelection()?.removeAllRanges();
      setPending(null);
      await onAddExcerpt(range);
    },
    [onAddExcerpt],
  );

  // A layout effect: the shortcuts are live as soon as the document is on screen, so Ctrl+F pressed
  // the moment a document appears is not lost between the paint and a passive effect.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.shiftKey && key === 'e') {
        event.preventDefault();
        void take(pending);
      } else if (mod && key === 'f' && document !== undefined) {
        event.preventDefault();
        setFinding(true);
      } else if (
        event.shiftKey &&
        !event.altKey &&
        ['arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end'].includes(key)
      ) {
        // Keyboard selection in the reader's (non-editable) text: extend from the caret a click left.
        const selection = globalThis.getSelection();
        if (
          selection === null ||
          selection.rangeCount === 0 ||
          articleRef.current?.contains(selection.focusNode) !== true
        )
          return;
        event.preventDefault();
        const forward = key === 'arrowright' || key === 'arrowdown' || key === 'end';
        const granularity =
          key === 'home' || key === 'end'
            ? 'lineboundary'
            : key === 'arrowup' || key === 'arrowdown'
              ? 'line'
              : mod
                ? 'word'
                : 'character';
        selection.modify('extend', forward ? 'forward' : 'backward', granularity);
      } else if (event.altKey && !mod && key === 'e' && articleRef.current !== null) {
        event.preventDefault();
        void take(blockRangeAtSelection(articleRef.current));
      }
    };
    window.addEventListener('keydown', onKey);
    const stopListening = onMenuCommand((command) => {
      if (command === 'add-excerpt') void take(pending);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopListening();
    };
  }, [take, pending, document]);

  const getBody = useCallback(() => bodyRef.current, []);

  // A search hit: scroll to its passage once, and repaint its words whenever the text re-renders.
  const scrolledFocus = useRef<number | null>(null);
  const focus = props.focus;
  useEffect(() => {
    const body = bodyRef.current;
    if (body === null || focus === null || document === undefined) return;
    if (scrolledFocus.current !== focus.id) {
      if (showSearchTarget(body, focus)) scrolledFocus.current = focus.id;
    } else {
      showSearchTarget(body, { start: focus.start, matches: focus.matches }, false);
    }
    return () => clearSearchTarget(body);
  }, [focus, document, excerpts, showBoilerplate]);

  if (document === undefined) {
    return (
      <main className="pane pane--reader" aria-label="Reader">
        {error === null ? null : <ErrorNote message={error} />}
        {loading ? null : (
          <EmptyState title="Open a document from the library">
            Select a passage with the mouse, then press <Kbd keys={`${MOD}+E`} /> or “Add excerpt”.
          </EmptyState>
        )}
      </main>
    );
  }

  const onMarginDoubleClick = (event: MouseEvent) => {
    const target = event.target as Element;
    if (target.closest('[data-block-start]') !== null || bodyRef.current === null) return;
    event.preventDefault();
    void take(blockRangeAtHeight(bodyRef.current, event.clientY));
  };

  const onContextMenu = (event: MouseEvent) => {
    if (articleRef.current === null) return;
    const block = (event.target as Element).closest('[data-block-start]');
    if (pending === null && block === null) return;
    event.preventDefault();
    setMenu({
      x: event.clientX,
      y: event.clientY,
      paragraph: block === null ? null : blockRangeAtHeight(articleRef.current, event.clientY),
    });
  };

  return (
    <main className="pane pane--reader" aria-label="Reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Reader tools">
        <span
          className="reader-toolbar__hint"
          title="Alt+E or a double-click in the margin takes a whole paragraph"
        >
          {pending === null
            ? 'Select a passage to excerpt it'
            : `${pending.end - pending.start} characters selected`}
        </span>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => setFinding(true)}
          title={`Find in document (${MOD}+F)`}
        >
          Find
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={pending === null}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void take(pending)}
          title={`Add the selected passage as an excerpt (${MOD}+E)`}
        >
          Add excerpt
        </button>
      </div>
      {finding ? (
        <FindBar
          root={getBody}
          onClose={() => setFinding(false)}
          documentKey={`${document.id}:${excerpts.length}:${showBoilerplate}`}
        />
      ) : null}
      {error === null ? null : <ErrorNote message={error} />}
      <article
        ref={articleRef}
        className="reader"
        aria-label={document.title}
        lang={document.language ?? undefined}
        onDoubleClick={onMarginDoubleClick}
        onContextMenu={onContextMenu}
      >
        <ReaderHeader
          document={document}
          showBoilerplate={showBoilerplate}
          onToggleBoilerplate={() => setShowBoilerplate((value) => !value)}
          onSaveMetadata={props.onSaveMetadata}
          onOpenDocument={props.onOpenDocument}
          onCarryOver={props.onCarryOver}
        />
        <div
          ref={bodyRef}
          className="reader__body"
          dir={document.direction ?? undefined}
          title="Double-click the margin beside a paragraph to excerpt all of it"
        >
          <DocumentText
            text={document.text}
            blocks={document.blocks}
            excerpts={excerpts}
            showBoilerplate={showBoilerplate}
          />
        </div>
      </article>
      {menu === null ? null : (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          items={[
            {
              label: 'Add excerpt',
              shortcut: `${MOD}+E`,
              disabled: pending === null,
              onSelect: () => void take(pending),
            },
            {
              label: 'Excerpt whole paragraph',
              shortcut: 'Alt+E',
              disabled: menu.paragraph === null,
              onSelect: () => void take(menu.paragraph),
            },
          ]}
        />
      )}
    </main>
  );
});
