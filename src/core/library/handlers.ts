import type { BriefingApi } from '../../shared/api';
import type { LibraryStatus } from '../../shared/dto';
import type { CoreContext } from '../api/core';
import { CoreError } from '../errors';
import { checkedBackups, DEFAULT_ROTATION, makeBackup, rotateBackups } from '../store/backups';
import { checkerFor } from '../store/file-check';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../store/migrate';
import { readOnlyMessage } from './read-only';

type LibraryMethods = 'libraryStatus' | 'listBackups' | 'backupNow' | 'restoreBackup' | 'startEmptyLibrary';

export function statusOfOpenLibrary(context: Pick<CoreContext, 'db' | 'readOnly'>): LibraryStatus {
  const version = schemaVersion(context.db);
  return {
    state: context.readOnly ? 'read-only' : 'ok',
    message: context.readOnly ? readOnlyMessage(version, LATEST_SCHEMA_VERSION) : '',
    schemaVersion: version,
    appSchemaVersion: LATEST_SCHEMA_VERSION,
    setAside: null,
  };
}

/**
 * The library's own methods on an open library. Restoring replaces the open file, so only the
 * host's library session (openLibrary) can do it; a bare core (tests, one CLI command) says how.
 */
export function libraryHandlers(context: CoreContext): Pick<BriefingApi, LibraryMethods> {
  const { db, ports } = context;
  const notHere = () =>
    Promise.reject(
      new CoreError(
        'restore-failed',
        'A backup can only be restored while the library is closed: close Briefing Builder and run `npm run cli -- restore <backup>`.',
      ),
    );
  return {
    libraryStatus: () => Promise.resolve(statusOfOpenLibrary(context)),
    listBackups: () => checkedBackups(ports.dataDir, checkerFor(ports.checkWorker), ports.nativeBinding),
    backupNow: async () => {
      const backup = await makeBackup(db, ports.dataDir, {
        reason: 'manual',
        now: ports.now(),
        nativeBinding: ports.nativeBinding,
        check: checkerFor(ports.checkWorker),
      });
      rotateBackups(ports.dataDir, DEFAULT_ROTATION);
      return backup;
    },
    restoreBackup: notHere,
    startEmptyLibrary: notHere,
  };
}
