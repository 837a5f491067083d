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
  /** Reveals a file in the system's file manager. */
  showItemInFolder: (path: string) => void;
  /** The current time; tests and reproducible exports pass a fixed clock. */
  now: () => Date;
  /** Path to a better-sqlite3 binary built for the host's ABI (Electron), if not the default. */
  nativeBinding?: string | undefined;
}>;

export type SavePathRequest = Readonly<{
  title: string;
  defaultFileName: string;
  extensions: readonly string[];
}>;
