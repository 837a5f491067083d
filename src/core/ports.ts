import type { ParserWorkerSpec } from './corpus/parser-pool';
import type { WorkerSpec } from './worker-spec';

/**
 * What core needs from its host, passed in as plain values and functions so that core never asks
 * Electron (or the environment) for anything.
 */
export type CorePorts = Readonly<{
  /** Folder that holds the database file. Created if missing. */
  dataDir: string;
  /** Folder with the bundled fonts (resources/fonts). */
  fontsDir: string;
  /** Asks the user where to save a file; resolves to null when they cancel. */
  chooseSavePath: (request: SavePathRequest) => Promise<string | null>;
  /**
   * Asks the user for files (or folders, imported recursively) to import; resolves to null when
   * they cancel. Paths only ever come from here, never from the renderer.
   */
  chooseOpenPaths: (request: Readonly<{ folders: boolean }>) => Promise<readonly string[] | null>;
  /** Reveals a file in the system's file manager. */
  showItemInFolder: (path: string) => void;
  /** Opens a file the app wrote with the system's default application (absent: not offered). */
  openPath?: ((path: string) => Promise<void>) | undefined;
  /** The current time; tests and reproducible exports pass a fixed clock. */
  now: () => Date;
  /** How to start parser threads; without it, files are parsed on the calling thread. */
  parserWorker?: ParserWorkerSpec | undefined;
  /** How to start the PDF layout thread; without it, PDFs are laid out on the calling thread. */
  layoutWorker?: WorkerSpec | undefined;
  /**
   * How to start the thread that checks library and backup files (SQLite's quick and integrity
   * checks read every page); without it, checks run on the calling thread.
   */
  checkWorker?: WorkerSpec | undefined;
  /**
   * How to start the search thread, a second reader that ranks a search's excerpts while this
   * thread ranks its documents; without it, both halves run on the calling thread.
   */
  searchWorker?: WorkerSpec | undefined;
  /** Path to a better-sqlite3 binary built for the host's ABI (Electron), if not the default. */
  nativeBinding?: string | undefined;
  /** Called inside the migration transaction after each schema step (progress; the crash harness). */
  onMigrationStep?: ((version: number) => void) | undefined;
}>;

export type SavePathRequest = Readonly<{
  title: string;
  defaultFileName: string;
  extensions: readonly string[];
}>;
