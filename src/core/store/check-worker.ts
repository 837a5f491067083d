import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileCheckRequest } from './file-check';

// On Linux each thread has its own nice value: this one yields the CPU to the host's own work. The
// quick check of a 1.7 GB library keeps a core busy for about 8 s after the window opens; on a
// two-core machine the analyst's first searches ran at half speed beside it. Elsewhere the priority
// belongs to the whole process, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(0, constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here: the check runs at the usual priority.
  }
}

// A check thread: runs one SQLite check on a file (read-only, its own connection) and answers the
// result, so that reading every page of a large library never holds up the host's event loop.
parentPort?.postMessage(checkFile(workerData as FileCheckRequest));
