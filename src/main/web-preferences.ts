import type { WebPreferences } from 'electron';

/** The exact settings of every window; tests assert them field by field. */
export function mainWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    plugins: false,
    navigateOnDragDrop: false,
    disableDialogs: true,
    spellcheck: false,
    safeDialogs: true,
    devTools: !isPackaged,
    partition: 'persist:main',
  };
}
