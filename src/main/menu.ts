import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { COMMAND_CHANNEL, type AppCommand } from '../shared/commands';

/**
 * A menu item for an app command. The window binds the same shortcut itself, so the accelerator
 * is shown here but not registered twice.
 */
function command(label: string, accelerator: string, name: AppCommand): MenuItemConstructorOptions {
  return {
    label,
    accelerator,
    registerAccelerator: false,
    click: () => {
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      window?.webContents.send(COMMAND_CHANNEL, name);
    },
  };
}

/** The application menu with the usual items and their standard shortcuts. */
export function buildApplicationMenu(appName: string, platform: NodeJS.Platform): Menu {
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        command('Import Files…', 'CmdOrCtrl+O', 'import-files'),
        command('Import Folder…', 'CmdOrCtrl+Shift+O', 'import-folder'),
        command('Paste as New Document…', 'CmdOrCtrl+Shift+V', 'paste-document'),
        { type: 'separator' },
        command('Export Briefing as PDF…', 'CmdOrCtrl+Shift+E', 'export-pdf'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // App-level undo: the window decides between a text field's own undo and the library's.
        command('Undo', 'CmdOrCtrl+Z', 'undo'),
        command('Redo', 'CmdOrCtrl+Shift+Z', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Add Excerpt', 'CmdOrCtrl+E', 'add-excerpt'),
        { type: 'separator' },
        command('Search Library', 'CmdOrCtrl+K', 'focus-search'),
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: [
        { role: 'minimize' },
        { role: 'zoom' },
        ...(isMac
          ? [{ type: 'separator' as const }, { role: 'front' as const }]
          : [{ role: 'close' as const }]),
      ],
    },
    { role: 'help', submenu: [{ label: `About ${appName}`, enabled: false }] },
  ];
  return Menu.buildFromTemplate(template);
}
