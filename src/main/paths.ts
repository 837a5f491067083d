import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type AppPaths = Readonly<{
  rendererRoot: string;
  preload: string;
  fontsDir: string;
  corpusDir: string;
  /** better-sqlite3 built for Electron's ABI in development; undefined when packaged. */
  nativeBinding: string | undefined;
}>;

/**
 * Where the app finds its parts. Packaged, fonts and the sample corpus are extraResources beside
 * the asar; in development they sit in the project, and better-sqlite3 for Electron's ABI is kept in
 * .electron-native/ so the Node build that tests and the CLI use stays untouched.
 */
export function resolveAppPaths(
  input: Readonly<{ appPath: string; resourcesPath: string; isPackaged: boolean; mainDir: string }>,
): AppPaths {
  const base = input.isPackaged ? input.resourcesPath : input.appPath;
  const electronBuild = join(input.appPath, '.electron-native', 'better_sqlite3.node');
  return {
    rendererRoot: join(input.appPath, 'out', 'renderer'),
    preload: join(input.mainDir, '..', 'preload', 'index.js'),
    fontsDir: join(base, 'resources', 'fonts'),
    corpusDir: join(base, 'corpus'),
    nativeBinding: !input.isPackaged && existsSync(electronBuild) ? electronBuild : undefined,
  };
}
