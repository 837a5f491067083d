import { useCallback, useState } from 'react';
import type { ExportResult } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { useLibraryVersion } from '../library-version';
import { useQuery } from '../use-query';

/** The briefings list, the open briefing and the actions on it. */
export function useBriefingWorkspace() {
  const { version } = useLibraryVersion();
  const briefings = useQuery(() => call('listBriefings', {}), `briefings:${version}`, { keepPrevious: true });
  const [chosenId, setOpenId] = useState<string | null>(null);
  // Until the analyst picks one, the most recently changed briefing is open.
  const openId = chosenId ?? briefings.data?.[0]?.id ?? null;
  const briefing = useQuery(
    openId === null ? null : () => call('getBriefing', { briefingId: openId }),
    `briefing:${openId ?? ''}:${version}`,
    { keepPrevious: true },
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exportResult, setExportResult] = useState<ExportResult | null>(null);

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  }, []);

  const create = useCallback(
    (title: string) =>
      run(async () => {
        const created = await call('createBriefing', { title });
        setOpenId(created.id);
        setExportResult(null);
        briefings.reload();
      }),
    [run, briefings],
  );

  const addExcerpt = useCallback(
    (excerpt: Readonly<{ id: string }>) =>
      run(async () => {
        if (openId === null) return;
        await call('addExcerptToBriefing', { briefingId: openId, excerptId: excerpt.id });
        briefing.reload();
        briefings.reload();
      }),
    [run, openId, briefing, briefings],
  );

  const exportPdf = useCallback(
    () =>
      run(async () => {
        if (openId === null) return;
        setExportResult(null);
        setExportResult(await call('exportBriefingPdf', { briefingId: openId }));
      }),
    [run, openId],
  );

  const reveal = useCallback((exportId: string) => run(() => call('revealExport', { exportId })), [run]);

  const select = useCallback((briefingId: string) => {
    setOpenId(briefingId);
    setExportResult(null);
  }, []);

  return {
    briefings: briefings.data ?? [],
    briefing: briefing.data,
    error: error ?? briefing.error ?? briefings.error,
    busy,
    exportResult,
    canAdd: openId !== null,
    create,
    addExcerpt,
    exportPdf,
    reveal,
    select,
    dismissError: () => setError(null),
    /** Reloads after something the briefing shows changed elsewhere (e.g. a source's details). */
    refresh: () => {
      briefing.reload();
      briefings.reload();
    },
  };
}
