import { useCallback, useRef, useState } from 'react';
import type { ImportOutcome } from '../../../shared/dto';
import { call, errorMessage } from '../api';
import { readAsBase64, type LocalFile } from './drop';

export type FileState = Readonly<{
  name: string;
  state: 'waiting' | 'importing' | 'imported' | 'duplicate' | 'failed' | 'cancelled';
  documentId: string | null;
  message: string | null;
}>;

export type ImportRun = Readonly<{
  files: readonly FileState[];
  running: boolean;
  cancelled: boolean;
}>;

type Job = Readonly<{ name: string; run: () => Promise<ImportOutcome> }>;

/**
 * Runs an import one file at a time so the analyst sees each file's status, can cancel between
 * files, and keeps working meanwhile (parsing happens off the main thread).
 */
export function useImport(onImported: (documentId: string | null) => void) {
  const [run, setRun] = useState<ImportRun | null>(null);
  const cancelRequested = useRef(false);

  const start = useCallback(
    async (jobs: readonly Job[]) => {
      if (jobs.length === 0) return;
      cancelRequested.current = false;
      const files: FileState[] = jobs.map((job) => ({
        name: job.name,
        state: 'waiting',
        documentId: null,
        message: null,
      }));
      const update = (index: number, next: Partial<FileState>) => {
        const current = files[index];
        if (current !== undefined) files[index] = { ...current, ...next };
        setRun({ files: [...files], running: true, cancelled: false });
      };
      setRun({ files: [...files], running: true, cancelled: false });
      let firstImported: string | null = null;
      for (const [index, job] of jobs.entries()) {
        if (cancelRequested.current) {
          for (let rest = index; rest < jobs.length; rest += 1) update(rest, { state: 'cancelled' });
          break;
        }
        update(index, { state: 'importing' });
        try {
          const outcome = await job.run();
          firstImported ??= outcome.status === 'imported' ? outcome.documentId : null;
          update(index, { state: outcome.status, documentId: outcome.documentId, message: outcome.error });
        } catch (error) {
          update(index, { state: 'failed', message: errorMessage(error) });
        }
      }
      setRun({ files: [...files], running: false, cancelled: cancelRequested.current });
      onImported(firstImported);
    },
    [onImported],
  );

  const importLocalFiles = useCallback(
    (local: readonly LocalFile[]) =>
      start(
        local.map((item) => ({
          name: item.name,
          run: async () =>
            call('importFileBytes', { name: item.file.name, dataBase64: await readAsBase64(item.file) }),
        })),
      ),
    [start],
  );

  const importFromDialog = useCallback(
    async (folders: boolean) => {
      const batch = await call('pickImportFiles', { folders });
      const batchId = batch.batchId;
      if (batchId === null) return;
      await start(
        batch.files.map((file) => ({
          name: file.name,
          run: () => call('importPickedFile', { batchId, index: file.index }),
        })),
      );
    },
    [start],
  );

  const importText = useCallback(
    (text: string) => start([{ name: 'Pasted text', run: () => call('importPastedText', { text }) }]),
    [start],
  );

  const cancel = useCallback(() => {
    cancelRequested.current = true;
  }, []);
  const dismiss = useCallback(() => setRun(null), []);

  return { run, importLocalFiles, importFromDialog, importText, cancel, dismiss };
}
