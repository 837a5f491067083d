import { useCallback, useState } from 'react';
import type { ExportProgress, ExportResult } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { useLibraryVersion } from '../library-version';
import { useQuery } from '../use-query';
import { useComposer } from './use-composer';

/** The briefings list, the open briefing with its composer, and the actions on whole briefings. */
export function useBriefingWorkspace() {
  const { version, changed } = useLibraryVersion();
  const [query, setQuery] = useState('');
  const [listVersion, setListVersion] = useState(0);
  const briefings = useQuery(
    () => call('listBriefings', query.trim() === '' ? {} : { query }),
    `briefings:${version}:${listVersion}:${query}`,
    { keepPrevious: true },
  );
  const allBriefings = useQuery(() => call('listBriefings', {}), `all-briefings:${version}:${listVersion}`, {
    keepPrevious: true,
  });
  const [chosenId, setOpenId] = useState<string | null>(null);
  const listChanged = useCallback(() => setListVersion((value) => value + 1), []);
  // Until the analyst picks one, the briefing opened last is open.
  const known = allBriefings.data;
  const openId =
    chosenId !== null && (known === undefined || known.some((summary) => summary.id === chosenId))
      ? chosenId
      : (known?.[0]?.id ?? null);
  const composer = useComposer(openId, version, listChanged);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; restore: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [exportResult, setExportResult] = useState<ExportResult | null>(null);
  const [exportProgress, setExportProgress] = useState<ExportProgress | null>(null);

  const run = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (reason) {
      setError(errorMessage(reason));
    }
  }, []);

  const open = useCallback((briefingId: string) => {
    setOpenId(briefingId);
    setExportResult(null);
  }, []);

  const create = useCallback(
    (title: string, template?: string) =>
      run(async () => {
        const created = await call(
          'createBriefing',
          template === undefined ? { title } : { title, template },
        );
        open(created.id);
        listChanged();
      }),
    [run, open, listChanged],
  );

  const duplicate = useCallback(
    (briefingId: string) =>
      run(async () => {
        const copy = await call('duplicateBriefing', { briefingId });
        open(copy.id);
        listChanged();
        setNotice({ text: `Opened the copy “${copy.title}”.`, restore: null });
      }),
    [run, open, listChanged],
  );

  const rename = useCallback(
    (briefingId: string, title: string) =>
      run(async () => {
        if (briefingId === openId) composer.actions.updateMetadata({ title });
        else await call('updateBriefing', { briefingId, title });
        listChanged();
      }),
    [run, openId, composer.actions, listChanged],
  );

  const remove = useCallback(
    (briefingId: string) =>
      run(async () => {
        const title =
          allBriefings.data?.find((summary) => summary.id === briefingId)?.title ?? 'the briefing';
        await call('deleteBriefing', { briefingId });
        if (briefingId === openId) setOpenId(null);
        listChanged();
        setNotice({ text: `Deleted “${title}”.`, restore: briefingId });
      }),
    [run, allBriefings.data, openId, listChanged],
  );

  const undoDelete = useCallback(
    () =>
      run(async () => {
        const briefingId = notice?.restore;
        if (briefingId === undefined || briefingId === null) return;
        const restored = await call('restoreBriefing', { briefingId });
        setNotice(null);
        changed();
        listChanged();
        open(restored.id);
      }),
    [run, notice, changed, listChanged, open],
  );

  const addExcerpts = useCallback(
    (excerptIds: readonly string[]) =>
      run(async () => {
        for (const excerptId of excerptIds) await composer.actions.addItem({ kind: 'excerpt', excerptId });
      }),
    [run, composer.actions],
  );

  const exportAs = useCallback(
    (format: 'pdf' | 'docx' | 'md') =>
      run(async () => {
        if (openId === null) return;
        setBusy(true);
        setExportResult(null);
        // Long briefings take a while to lay out: the bar shows the stage and pages so far.
        const poll = setInterval(() => {
          call('exportStatus', {}).then(setExportProgress, () => undefined);
        }, 200);
        try {
          // Every edit still on its way is saved first, so the file has what the analyst sees.
          await composer.saved();
          setExportResult(await call('exportBriefing', { briefingId: openId, format }));
        } finally {
          clearInterval(poll);
          setExportProgress(null);
          setBusy(false);
        }
      }),
    [run, openId, composer],
  );
  const exportPdf = useCallback(() => exportAs('pdf'), [exportAs]);

  const reveal = useCallback((exportId: string) => run(() => call('revealExport', { exportId })), [run]);
  const openFile = useCallback((exportId: string) => run(() => call('openExport', { exportId })), [run]);

  return {
    briefings: briefings.data ?? [],
    hasBriefings: (allBriefings.data?.length ?? 0) > 0,
    query,
    setQuery,
    openId,
    composer,
    error: error ?? briefings.error,
    notice,
    dismissNotice: () => setNotice(null),
    undoDelete,
    busy,
    exportProgress,
    exportResult,
    canAdd: openId !== null,
    open,
    create,
    duplicate,
    rename,
    remove,
    addExcerpts,
    exportPdf,
    exportAs,
    reveal,
    openFile,
    dismissError: () => {
      setError(null);
      composer.dismissError();
    },
  };
}

export type BriefingWorkspace = ReturnType<typeof useBriefingWorkspace>;
