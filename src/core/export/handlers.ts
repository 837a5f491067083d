import type { BriefingApi } from '../../shared/api';
import type { CoreContext } from '../api/core';
import { basename } from 'node:path';
import { requireBriefing } from '../briefing/service';
import { saveVersion, snapshotOf } from '../briefing/versions';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { exportBriefingPdfTo } from './service';

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

export function exportHandlers({
  db,
  ports,
  exports,
}: CoreContext): Pick<BriefingApi, 'exportBriefingPdf' | 'revealExport'> {
  return {
    exportBriefingPdf: async ({ briefingId }) => {
      const briefing = requireBriefing(db, briefingId);
      // The version records exactly what this export prints, however the draft changes meanwhile.
      const snapshot = snapshotOf(db, briefing);
      const path = await ports.chooseSavePath({
        title: 'Export briefing as PDF',
        defaultFileName: safeFileName(briefing.title, 'pdf'),
        extensions: ['pdf'],
      });
      if (path === null) return { exportId: null, path: null, pages: 0, citations: 0 };
      const result = await exportBriefingPdfTo(db, briefing, { path, fontsDir: ports.fontsDir });
      // What was distributed is kept: every export saves a version of the briefing as exported.
      saveVersion(
        db,
        { briefingId, name: `Exported ${basename(result.path)}`, reason: 'export', snapshot },
        ports.now(),
      );
      const exportId = newId('exp');
      exports.set(exportId, result.path);
      return { exportId, path: result.path, pages: result.pages, citations: result.citations };
    },
    revealExport: ({ exportId }) => {
      const path = exports.get(exportId);
      if (path === undefined) {
        throw new CoreError('not-exported-here', 'That export is not known in this session.');
      }
      ports.showItemInFolder(path);
      return Promise.resolve();
    },
  };
}
