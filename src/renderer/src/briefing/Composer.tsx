import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  attributionLine,
  bibliographyEntry,
  sourceSortKey,
  type CitationPlan,
} from '../../../shared/citations';
import { locateItem, sectionBlock } from '../../../shared/briefing-outline';
import type { Briefing } from '../../../shared/dto';
import type { BlockActions } from './BlockView';
import { useStableCitations } from './citation-plan';
import { carriesBlock, readDrop, type BriefingDrop } from './drag';
import { MoveToSectionDialog } from './MoveToSectionDialog';
import { SectionView, type SectionActions } from './SectionView';
import { useLiveNearView } from './use-live-near-view';
import type { useComposer } from './use-composer';

type ComposerActions = ReturnType<typeof useComposer>['actions'];

type Props = Readonly<{ briefing: Briefing; actions: ComposerActions }>;

/** Focuses a block's frame once it is on screen (after a keyboard move re-renders it elsewhere). */
function focusBlock(itemId: string): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(itemId)}"]`)?.focus();
  });
}

/** About the height of one note or source, wrapped lines included. */
const SOURCE_LINE_PX = 48;

/** Up to this many notes and sources together, the list is built with the blocks. */
const EAGER_SOURCE_ENTRIES = 40;

/**
 * The live endnotes and the alphabetical list of sources; redrawn only when the citations change.
 * A long list (a long briefing's, below all its blocks) is built once scrolled near: until then,
 * the space it will take.
 */
const SourcesList = memo(function SourcesList({ citations }: { citations: CitationPlan }) {
  if (citations.notes.length === 0) return null;
  return citations.notes.length + citations.sources.length <= EAGER_SOURCE_ENTRIES ? (
    <Sources citations={citations} />
  ) : (
    <LazySources citations={citations} />
  );
});

function LazySources({ citations }: { citations: CitationPlan }) {
  const { live, ref } = useLiveNearView<HTMLElement>();
  if (live === 'no') {
    const estimate = 80 + (citations.notes.length + citations.sources.length) * SOURCE_LINE_PX;
    return (
      <section
        ref={ref}
        className="composer__sources"
        aria-label="Notes and sources"
        style={{ height: estimate }}
      />
    );
  }
  return <Sources citations={citations} />;
}

function Sources({ citations }: { citations: CitationPlan }) {
  return (
    <section className="composer__sources" aria-label="Notes and sources">
      <h4 className="composer__sources-title">Notes</h4>
      <ol>
        {citations.notes.map((note) => (
          <li key={note.number} value={note.number}>
            {note.text}
          </li>
        ))}
      </ol>
      <h4 className="composer__sources-title">Sources</h4>
      <ul className="composer__source-list">
        {[...citations.sources]
          .map((source) => ({ source, key: sourceSortKey(source) }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map(({ source }) => (
            <li key={source.documentId} title={attributionLine(source)}>
              {bibliographyEntry(source)}
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The briefing's outline: sections with their blocks, new sections, and the live list of sources. */
export function Composer({ briefing, actions }: Props) {
  const [moving, setMoving] = useState<string | null>(null);
  const [newHeading, setNewHeading] = useState('');
  const citations = useStableCitations(briefing);
  const latest = useRef(briefing);
  /** A block the analyst just added: its editor takes the cursor once it is on screen. */
  const pendingFocus = useRef<{ sectionId: string; known: ReadonlySet<string> } | null>(null);
  useEffect(() => {
    latest.current = briefing;
    const pending = pendingFocus.current;
    if (pending === null) return;
    const fresh = briefing.sections
      .find((section) => section.id === pending.sectionId)
      ?.items.find((item) => !pending.known.has(item.id));
    if (fresh === undefined) return;
    pendingFocus.current = null;
    const frame = document.querySelector(`[data-item-id="${CSS.escape(fresh.id)}"]`);
    frame?.querySelector<HTMLElement>('[role="textbox"], textarea')?.focus();
  }, [briefing]);

  const blockActions = useMemo<BlockActions>(
    () => ({
      step: (itemId, direction) => {
        // Focus follows the block (it may re-mount in another section) when it was anywhere in it.
        const inside = document.activeElement?.closest('[data-item-id]');
        const focused = inside instanceof HTMLElement && inside.dataset.itemId === itemId;
        if (actions.stepItem(itemId, direction) && focused) focusBlock(itemId);
      },
      moveToSection: (itemId) => setMoving(itemId),
      remove: (itemId) => {
        // Focus stays in the briefing: on the next block, or the previous one at the end.
        const sections = latest.current.sections;
        const at = locateItem(sections, itemId);
        const section = at === undefined ? undefined : sections[at.sectionIndex];
        const neighbour = section?.items[(at?.index ?? 0) + 1] ?? section?.items[(at?.index ?? 0) - 1];
        actions.removeItem(itemId);
        if (neighbour !== undefined) focusBlock(neighbour.id);
      },
      updateCommentary: actions.updateCommentary,
      updateJudgment: actions.updateJudgment,
      editQuote: actions.editQuote,
    }),
    [actions],
  );

  const drop = useCallback(
    (dropped: BriefingDrop, sectionId: string, index: number) => {
      if (dropped.kind === 'item') {
        // The drop index counts the dragged block itself where it still stands.
        const from = locateItem(latest.current.sections, dropped.itemId);
        const sameSection =
          from !== undefined && latest.current.sections[from.sectionIndex]?.id === sectionId;
        actions.moveItemTo(dropped.itemId, sectionId, sameSection && from.index < index ? index - 1 : index);
      } else if (dropped.kind === 'collection')
        void actions.insertCollection(dropped.collectionId, sectionId, index);
      else if (dropped.kind === 'section') {
        // Dropped on a section below it, the section goes after that section's group; above, before it.
        const sections = latest.current.sections;
        const moving = sectionBlock(sections, dropped.sectionId);
        const target = sectionBlock(sections, sectionId);
        if (
          moving.start < 0 ||
          target.start < 0 ||
          (target.start >= moving.start && target.start < moving.end)
        )
          return;
        const movedCount = moving.end - moving.start;
        actions.moveSectionTo(
          dropped.sectionId,
          target.start > moving.start ? target.end - movedCount : target.start,
        );
      } else {
        void (async () => {
          for (const [offset, excerptId] of dropped.excerptIds.entries()) {
            await actions.addItem({ kind: 'excerpt', excerptId }, sectionId, index + offset);
          }
        })();
      }
    },
    [actions],
  );

  const sectionActions = useMemo<SectionActions>(
    () => ({
      rename: actions.renameSection,
      setLevel: actions.setSectionLevel,
      step: actions.stepSection,
      remove: actions.removeSection,
      add: (item, sectionId) => {
        const section = latest.current.sections.find((entry) => entry.id === sectionId);
        pendingFocus.current = { sectionId, known: new Set(section?.items.map((entry) => entry.id) ?? []) };
        void actions.addItem(item, sectionId);
      },
      drop,
    }),
    [actions, drop],
  );

  const movingAt = moving === null ? undefined : locateItem(briefing.sections, moving);
  return (
    <div className="composer">
      {briefing.sections.length === 0 ? (
        <p
          className="composer__empty"
          onDragOver={(event) => {
            if (!carriesBlock(event)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
          }}
          onDrop={(event) => {
            const dropped = readDrop(event);
            if (dropped === undefined) return;
            event.preventDefault();
            if (dropped.kind === 'collection') void actions.insertCollection(dropped.collectionId);
            else if (dropped.kind === 'excerpts') {
              void (async () => {
                for (const excerptId of dropped.excerptIds)
                  await actions.addItem({ kind: 'excerpt', excerptId });
              })();
            }
          }}
        >
          This briefing has no sections yet. Add one below, or drag an excerpt here to start a Discussion
          section.
        </p>
      ) : null}
      {briefing.sections.map((section, index) => (
        <SectionView
          key={section.id}
          section={section}
          index={index}
          count={briefing.sections.length}
          citations={citations.byItem}
          blockActions={blockActions}
          actions={sectionActions}
        />
      ))}
      <form
        className="composer__add-section"
        onSubmit={(event) => {
          event.preventDefault();
          if (newHeading.trim() === '') return;
          actions.addSection(newHeading.trim());
          setNewHeading('');
        }}
      >
        <input
          className="field"
          aria-label="New section heading"
          placeholder="New section heading"
          value={newHeading}
          maxLength={500}
          onChange={(event) => setNewHeading(event.target.value)}
        />
        <button type="submit" className="button" disabled={newHeading.trim() === ''}>
          Add section
        </button>
      </form>
      {/* A briefing opened afresh builds its notes afresh, once they are near the view. */}
      <SourcesList key={briefing.id} citations={citations} />
      {moving === null ? null : (
        <MoveToSectionDialog
          sections={briefing.sections}
          currentSectionId={movingAt === undefined ? undefined : briefing.sections[movingAt.sectionIndex]?.id}
          onClose={() => {
            setMoving(null);
            focusBlock(moving);
          }}
          onMove={(sectionId) => {
            const target = briefing.sections.find((section) => section.id === sectionId);
            actions.moveItemTo(moving, sectionId, target?.items.length ?? 0);
            setMoving(null);
            focusBlock(moving);
          }}
        />
      )}
    </div>
  );
}
