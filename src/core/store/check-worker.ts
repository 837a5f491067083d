import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileCheckRequest } from './file-check';

// A check thread: runs one SQLite check on a file (read-only, its own connection) and answers the
// result, so that reading every page of a large library never holds up the host's event loop.
parentPort?.postMessage(checkFile(workerData as FileCheckRequest));
