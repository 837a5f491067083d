import type Database from 'better-sqlite3';
import type { BriefingApi } from '../../shared/api';
import { corpusHandlers } from '../corpus/handlers';
import { excerptHandlers } from '../excerpts/handlers';
import { briefingHandlers } from '../briefing/handlers';
import { exportHandlers, type ExportRegistry } from '../export/handlers';
import type { CorePorts } from '../ports';
import { openStore } from '../store/open';

export type CoreContext = Readonly<{ db: Database.Database; ports: CorePorts; exports: ExportRegistry }>;

export type Core = Readonly<{
  /** The full API, the same table the IPC door, the e2e host and the CLI call. */
  handlers: BriefingApi;
  db: Database.Database;
  close: () => void;
}>;

/** Opens the library in `ports.dataDir` and combines every feature's handlers into the API. */
export function createCore(ports: CorePorts): Core {
  const db = openStore({ dataDir: ports.dataDir, nativeBinding: ports.nativeBinding });
  const context: CoreContext = { db, ports, exports: new Map() };
  const handlers: BriefingApi = {
    ...corpusHandlers(context),
    ...excerptHandlers(context),
    ...briefingHandlers(context),
    ...exportHandlers(context),
  };
  return { handlers, db, close: () => db.close() };
}
