import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { requireBriefing } from '../briefing/service';
import { snapshotOf } from '../briefing/versions';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { exportBriefingTo, previewBriefingPages, type ExportFormat } from './service';
import { exportVersionRecord } from './version-record';

/** Files exported in this session, by the id the UI was given for them. */
export type ExportRegistry = Map<string, string>;

export function safeFileName(title: string, extension: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .slice(0, 80);
  return `${stem === '' ? 'briefing' : stem}.${extension}`;
}

const FORMAT_NAMES = { pdf: 'PDF', docx: 'Word document', md: 'Markdown' } as const;

type ExportMethods =
  'exportBriefingPdf' | 'exportBriefing' | 'openExport' | 'revealExport' | 'exportStatus' | 'previewBriefing';

export function exportHandlers({
  db,
  ports,
  exports,
  layout,
  exportProgress,
  readOnly,
}: CoreContext): Pick<BriefingApi, ExportMethods> {
  const progress = (stage: typeof exportProgress.stage, pages = 0) => {
    exportProgress.stage = stage;
    exportProgress.pages = pages;
  };
  const exportAs = async (briefingId: string, format: ExportFormat) => {
    const briefing = requireBriefing(db, briefingId);
    // The version records exactly what this export prints, however the draft changes meanwhile.
    const snapshot = snapshotOf(db, briefing);
    try {
      progress('choosing-file');
      const path = await ports.chooseSavePath({
        title: `Export briefing as ${FORMAT_NAMES[format]}`,
        defaultFileName: safeFileName(briefing.title, format),
        extensions: [format],
      });
      if (path === null) return { exportId: null, path: null, pages: 0, citations: 0 };
      progress(format === 'pdf' ? 'laying-out' : 'writing');
      const result = await exportBriefingTo(db, briefing, {
        path,
        format,
        fontsDir: ports.fontsDir,
        layout,
        onPage: (pages) => progress('laying-out', pages),
        // What was distributed is kept: every export saves a version of the briefing as exported
        // (except from a read-only library, which takes no changes).
        record: readOnly
          ? undefined
          : exportVersionRecord(db, { briefingId, path, snapshot, now: ports.now }),
      });
      const exportId = newId('exp');
      exports.set(exportId, result.path);
      return { exportId, path: result.path, pages: result.pages ?? 0, citations: result.citations };
    } finally {
      progress('idle');
    }
  };
  const exported = (exportId: string): string => {
    const path = exports.get(exportId);
    if (path === undefined) {
      throw new CoreError('not-exported-here', 'That export is not known in this session.');
    }
    return path;
  };
  return {
    exportBriefingPdf: ({ briefingId }) => exportAs(briefingId, 'pdf'),
    exportBriefing: ({ briefingId, format }) => exportAs(briefingId, format),
    exportStatus: () => Promise.resolve({ ...exportProgress }),
    previewBriefing: ({ briefingId }) =>
      previewBriefingPages(db, requireBriefing(db, briefingId), ports.fontsDir, layout),
    openExport: async ({ exportId }) => {
      const path = exported(exportId);
      if (ports.openPath === undefined) {
        throw new CoreError('not-exported-here', 'Opening files is not available here; use Show in folder.');
      }
      try {
        await ports.openPath(path);
      } catch (error) {
        throw new CoreError(
          'export-failed',
          `The file was written but could not be opened (${error instanceof Error ? error.message : String(error)}).`,
        );
      }
    },
    revealExport: ({ exportId }) => {
      ports.showItemInFolder(exported(exportId));
      return Promise.resolve();
    },
  };
}
