import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BriefingMetadataInput, NewBriefingItem } from '../../../shared/api';
import {
  locateItem,
  moveItem,
  moveSection,
  removeItem,
  removeSection,
  setSectionLevel,
  stepItem,
  stepSection,
} from '../../../shared/briefing-outline';
import type { Briefing, BriefingItem, BriefingSection, HistoryState } from '../../../shared/dto';
import type { Confidence, Likelihood } from '../../../shared/estimative';
import { normaliseRichText, richTextToPlain, type RichText } from '../../../shared/rich-text';
import { call, errorMessage } from '../api';
import { reconcileBriefing } from './reconcile';
import { createSaveQueue } from './save-queue';

const NO_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

type Sections = readonly BriefingSection[];

function describeItem(item: BriefingItem): string {
  const text = item.kind === 'excerpt' ? item.quote : item.text;
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
  const kind = item.kind === 'judgment' ? 'Key judgment' : item.kind === 'excerpt' ? 'Excerpt' : 'Commentary';
  return short === '' ? kind : `${kind} “${short}”`;
}

function mapItem(sections: Sections, itemId: string, change: (item: BriefingItem) => BriefingItem): Sections {
  return sections.map((section) =>
    section.items.some((item) => item.id === itemId)
      ? { ...section, items: section.items.map((item) => (item.id === itemId ? change(item) : item)) }
      : section,
  );
}

export type ComposerState = Readonly<{
  briefing: Briefing | undefined;
  error: string | null;
  history: HistoryState;
  /** The latest sentence for screen readers (moves, removals, undo). */
  announcement: string;
}>;

/**
 * The composer's state lives outside React's tree so that only the views that show it re-render
 * when it changes (typing in a block must not re-render the reader and the library beside it).
 */
export type ComposerStore = Readonly<{
  get: () => ComposerState;
  set: (patch: Partial<ComposerState>) => void;
  subscribe: (listener: () => void) => () => void;
}>;

function createComposerStore(): ComposerStore {
  let state: ComposerState = { briefing: undefined, error: null, history: NO_HISTORY, announcement: '' };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (patch) => {
      state = { ...state, ...patch };
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Subscribes a view to the composer's state. */
export function useComposerState(store: ComposerStore): ComposerState {
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * The open briefing and every edit of it. Edits show at once (the same pure outline operations core
 * runs), are saved in order through one queue, and the store's answer then replaces the local copy
 * (keeping unchanged objects, so only what changed re-renders). A failed save reloads the briefing
 * and says why.
 */
export function useComposer(briefingId: string | null, libraryVersion: number, onListChanged: () => void) {
  const store = useMemo(() => createComposerStore(), []);
  const { setError, setHistory, setAnnouncement } = useMemo(
    () => ({
      setError: (error: string | null) => store.set({ error }),
      setHistory: (history: HistoryState) => store.set({ history }),
      setAnnouncement: (announcement: string) => store.set({ announcement }),
    }),
    [store],
  );
  const queue = useMemo(() => createSaveQueue(), []);
  /** The briefing on screen (read by edits, which must see the latest local state). */
  const current = useMemo(
    () => ({
      get current(): Briefing | undefined {
        return store.get().briefing;
      },
    }),
    [store],
  );
  const lastList = useRef(onListChanged);
  useEffect(() => {
    lastList.current = onListChanged;
  }, [onListChanged]);

  const show = useCallback((next: Briefing | undefined) => store.set({ briefing: next }), [store]);

  const refreshHistory = useCallback(
    (id: string) => {
      call('briefingHistory', { briefingId: id }).then(setHistory, () => setHistory(NO_HISTORY));
    },
    [setHistory],
  );

  /** The briefing the analyst has open: answers about any other are dropped. */
  const wanted = useRef(briefingId);
  /** A briefing answer was skipped because later edits were queued: fetch the result at the end. */
  const stale = useRef(false);

  /**
   * Takes the store's answer to one queued call. A briefing is shown only when it is about the open
   * briefing and nothing else is queued after it (a later edit's answer is newer); when one was
   * skipped, the last call of the run fetches the briefing, through the queue, so it is current.
   */
  const settle = useCallback(
    (id: string, answer: Briefing | undefined) => {
      if (wanted.current !== id) return;
      if (queue.pending() > 1) {
        if (answer !== undefined) stale.current = true;
        return;
      }
      if (answer !== undefined) {
        stale.current = false;
        show(reconcileBriefing(current.current?.id === id ? current.current : undefined, answer));
        refreshHistory(id);
      } else if (stale.current) {
        stale.current = false;
        void queue
          .push(() => call('getBriefing', { briefingId: id }))
          .then((loaded) => {
            if (loaded === undefined || wanted.current !== id) return;
            if (queue.pending() > 1) stale.current = true;
            else show(reconcileBriefing(current.current?.id === id ? current.current : undefined, loaded));
          })
          .catch((reason: unknown) => setError(errorMessage(reason)));
      }
    },
    [queue, show, refreshHistory, current, setError],
  );

  const load = useCallback(
    (id: string, open: boolean) => {
      // Through the queue: it answers after any edit still on its way, so it shows their result.
      queue
        .push(() =>
          open ? call('openBriefing', { briefingId: id }) : call('getBriefing', { briefingId: id }),
        )
        .then((loaded) => {
          settle(id, loaded);
          if (open) lastList.current();
        })
        .catch((reason: unknown) => setError(errorMessage(reason)));
    },
    [queue, settle, setError],
  );

  useEffect(() => {
    wanted.current = briefingId;
    if (briefingId === null) store.set({ briefing: undefined, history: NO_HISTORY });
    else load(briefingId, true);
  }, [briefingId, load, store]);

  // Something else changed the library (a source's details, an undo): show it, unless edits are on their way.
  useEffect(() => {
    const id = current.current?.id;
    if (id !== undefined && libraryVersion > 0) load(id, false);
  }, [libraryVersion, load, current]);

  /** Shows `local` now, then saves; the store's answer (a briefing) replaces it when nothing else is queued. */
  const edit = useCallback(
    (local: Briefing | undefined, save: () => Promise<Briefing | HistoryState>, key?: string) => {
      const id = current.current?.id;
      if (id === undefined) return Promise.resolve(false);
      if (local !== undefined) show(local);
      return queue
        .push(save, key)
        .then((answer) => {
          if (answer !== undefined && 'sections' in answer) settle(id, answer);
          else {
            if (answer !== undefined && wanted.current === id) setHistory(answer);
            settle(id, undefined);
          }
          setError(null);
          return true;
        })
        .catch((reason: unknown) => {
          setError(errorMessage(reason));
          load(id, false);
          return false;
        });
    },
    [queue, show, settle, load, current, setError, setHistory],
  );

  const withSections = useCallback(
    (sections: Sections): Briefing | undefined =>
      current.current === undefined ? undefined : { ...current.current, sections },
    [current],
  );

  const sectionsNow = useCallback((): Sections => current.current?.sections ?? [], [current]);

  const step = useCallback(
    (direction: 'undo' | 'redo') => {
      const id = current.current?.id;
      if (id === undefined) return;
      void queue
        .push(async () => {
          const before = await call('briefingHistory', { briefingId: id });
          const answer = await call(direction === 'undo' ? 'undoBriefing' : 'redoBriefing', {
            briefingId: id,
          });
          return { answer, label: direction === 'undo' ? before.undoLabel : before.redoLabel };
        })
        .then((result) => {
          if (result === undefined) return;
          settle(id, result.answer.briefing);
          const label = result.label === null ? '' : `: ${result.label}`;
          setAnnouncement(`${direction === 'undo' ? 'Undid' : 'Redid'}${label}.`);
          lastList.current();
        })
        .catch((reason: unknown) => setAnnouncement(errorMessage(reason)));
    },
    [queue, settle, current, setAnnouncement],
  );

  const actions = useMemo(
    () => ({
      updateMetadata: (patch: Omit<BriefingMetadataInput, 'briefingId'>) => {
        const now = current.current;
        if (now === undefined) return;
        const { printSettings, ...fields } = patch;
        void edit(
          { ...now, ...fields, printSettings: { ...now.printSettings, ...printSettings } },
          () => call('updateBriefing', { briefingId: now.id, ...patch }),
          `meta:${Object.keys(patch).join(',')}`,
        );
      },
      addSection: (heading: string, index?: number, level?: 1 | 2) => {
        const now = current.current;
        if (now === undefined) return;
        setAnnouncement(`Added section ${heading}.`);
        void edit(undefined, () =>
          call('addSection', {
            briefingId: now.id,
            heading,
            ...(index === undefined ? {} : { index }),
            ...(level === undefined ? {} : { level }),
          }),
        );
      },
      renameSection: (sectionId: string, heading: string) => {
        const sections = sectionsNow().map((section) =>
          section.id === sectionId ? { ...section, heading } : section,
        );
        if (heading.trim() === '') {
          show(withSections(sections));
          return;
        }
        void edit(
          withSections(sections),
          () => call('updateSection', { sectionId, heading }),
          `heading:${sectionId}`,
        );
      },
      setSectionLevel: (sectionId: string, level: 1 | 2) => {
        const sections = setSectionLevel(sectionsNow(), sectionId, level);
        const section = sections.find((entry) => entry.id === sectionId);
        setAnnouncement(
          `${section?.heading ?? 'Section'} is now a ${section?.level === 2 ? 'subsection' : 'section'}.`,
        );
        void edit(withSections(sections), () => call('updateSection', { sectionId, level }));
      },
      removeSection: (sectionId: string) => {
        const section = sectionsNow().find((entry) => entry.id === sectionId);
        setAnnouncement(`Removed section ${section?.heading ?? ''}. Press Control+Z to undo.`);
        void edit(withSections(removeSection(sectionsNow(), sectionId)), () =>
          call('removeSection', { sectionId }),
        );
      },
      moveSectionTo: (sectionId: string, index: number) => {
        const sections = moveSection(sectionsNow(), sectionId, index);
        const at = sections.findIndex((section) => section.id === sectionId);
        setAnnouncement(
          `Moved section ${sections[at]?.heading ?? ''} to position ${at + 1} of ${sections.length}.`,
        );
        void edit(withSections(sections), () => call('moveSection', { sectionId, index }));
      },
      stepSection: (sectionId: string, direction: -1 | 1) => {
        const sections = stepSection(sectionsNow(), sectionId, direction);
        if (sections === undefined) {
          setAnnouncement(direction < 0 ? 'Already the first section.' : 'Already the last section.');
          return;
        }
        const before = sectionsNow();
        const block = before.findIndex((section) => section.id === sectionId);
        const at = sections.findIndex((section) => section.id === sectionId);
        // The index core expects: where the section starts among the others.
        const others = sections.filter(
          (section, index) => index < at && !isMovedTogether(before, block, section.id),
        );
        setAnnouncement(
          `Moved section ${sections[at]?.heading ?? ''} to position ${at + 1} of ${sections.length}.`,
        );
        void edit(withSections(sections), () => call('moveSection', { sectionId, index: others.length }));
      },
      addItem: (item: NewBriefingItem, sectionId?: string, index?: number) => {
        const now = current.current;
        if (now === undefined) return Promise.resolve(false);
        const section = now.sections.find((entry) => entry.id === sectionId);
        const kind = item.kind === 'judgment' ? 'key judgment' : item.kind;
        setAnnouncement(`Added ${kind}${section === undefined ? '' : ` to ${section.heading}`}.`);
        return edit(undefined, () =>
          call('addBriefingItem', {
            briefingId: now.id,
            item,
            ...(sectionId === undefined ? {} : { sectionId }),
            ...(index === undefined ? {} : { index }),
          }),
        );
      },
      insertCollection: (collectionId: string, sectionId?: string, index?: number) => {
        const now = current.current;
        if (now === undefined) return Promise.resolve(false);
        setAnnouncement('Inserted the collection.');
        return edit(undefined, () =>
          call('insertCollection', {
            briefingId: now.id,
            collectionId,
            ...(sectionId === undefined ? {} : { sectionId }),
            ...(index === undefined ? {} : { index }),
          }),
        );
      },
      moveItemTo: (itemId: string, sectionId: string, index: number) => {
        const sections = moveItem(sectionsNow(), itemId, sectionId, index);
        const at = locateItem(sections, itemId);
        const section = at === undefined ? undefined : sections[at.sectionIndex];
        const item = section?.items[at?.index ?? -1];
        if (item !== undefined && section !== undefined && at !== undefined) {
          setAnnouncement(
            `Moved ${describeItem(item)} to position ${at.index + 1} of ${section.items.length} in ${section.heading}.`,
          );
        }
        void edit(withSections(sections), () => call('moveBriefingItem', { itemId, sectionId, index }));
      },
      stepItem: (itemId: string, direction: -1 | 1) => {
        const result = stepItem(sectionsNow(), itemId, direction);
        if (result === undefined) {
          setAnnouncement(
            direction < 0 ? 'Already at the top of the briefing.' : 'Already at the end of the briefing.',
          );
          return false;
        }
        const section = result.sections[result.sectionIndex];
        const item = section?.items[result.index];
        if (section !== undefined && item !== undefined) {
          setAnnouncement(
            `Moved ${describeItem(item)} to position ${result.index + 1} of ${section.items.length} in ${section.heading}.`,
          );
          void edit(withSections(result.sections), () =>
            call('moveBriefingItem', { itemId, sectionId: section.id, index: result.index }),
          );
        }
        return true;
      },
      removeItem: (itemId: string) => {
        const at = locateItem(sectionsNow(), itemId);
        const item = at === undefined ? undefined : sectionsNow()[at.sectionIndex]?.items[at.index];
        setAnnouncement(
          `Removed ${item === undefined ? 'block' : describeItem(item)}. Press Control+Z to undo.`,
        );
        void edit(withSections(removeItem(sectionsNow(), itemId)), () =>
          call('removeBriefingItem', { itemId }),
        );
      },
      updateCommentary: (itemId: string, rich: RichText) => {
        const normal = normaliseRichText(rich);
        const sections = mapItem(sectionsNow(), itemId, (item) =>
          item.kind === 'commentary' ? { ...item, rich: normal, text: richTextToPlain(normal) } : item,
        );
        void edit(
          withSections(sections),
          () => call('updateCommentary', { itemId, rich: normal }),
          `commentary:${itemId}`,
        );
      },
      updateJudgment: (
        itemId: string,
        patch: Readonly<{ text?: string; likelihood?: Likelihood; confidence?: Confidence }>,
      ) => {
        const sections = mapItem(sectionsNow(), itemId, (item) =>
          item.kind === 'judgment' ? { ...item, ...patch } : item,
        );
        void edit(
          withSections(sections),
          () => call('updateJudgment', { itemId, ...patch }),
          patch.text === undefined ? undefined : `judgment:${itemId}`,
        );
      },
      /** Answers null when the quote was accepted, else the reason it was refused. */
      editQuote: async (itemId: string, text: string): Promise<string | null> => {
        const id = current.current?.id;
        if (id === undefined) return null;
        try {
          const answer = await queue.push(() => call('editQuote', { itemId, text }));
          settle(id, answer);
          return null;
        } catch (reason) {
          return errorMessage(reason);
        }
      },
      restoreVersion: (versionId: string) => {
        setAnnouncement('Restored the version. Press Control+Z to undo.');
        return edit(undefined, () => call('restoreBriefingVersion', { versionId }));
      },
      undo: () => step('undo'),
      redo: () => step('redo'),
    }),
    [edit, queue, show, withSections, sectionsNow, settle, step, current, setAnnouncement],
  );

  return {
    store,
    dismissError: () => setError(null),
    actions,
    /** Resolves when every edit has been saved (used before export). */
    saved: () => queue.idle(),
  };
}

/** Whether `sectionId` is one of the subsections that move with the section at `start`. */
function isMovedTogether(sections: Sections, start: number, sectionId: string): boolean {
  const head = sections[start];
  if (head === undefined) return false;
  if (head.id === sectionId) return true;
  if (head.level !== 1) return false;
  for (let index = start + 1; index < sections.length && sections[index]?.level === 2; index += 1) {
    if (sections[index]?.id === sectionId) return true;
  }
  return false;
}
