/**
 * Commands the application menu sends to the window (main -> renderer). The renderer also binds
 * the same shortcuts itself, so they work where there is no menu (the browser e2e host).
 * This file must stay free of imports: the sandboxed preload bundles it.
 */
export const APP_COMMANDS = [
  'import-files',
  'import-folder',
  'paste-document',
  'add-excerpt',
  'focus-search',
  'export-pdf',
  'undo',
  'redo',
] as const;

export type AppCommand = (typeof APP_COMMANDS)[number];

export const COMMAND_CHANNEL = 'briefing-builder:command';

export function isAppCommand(value: unknown): value is AppCommand {
  return typeof value === 'string' && (APP_COMMANDS as readonly string[]).includes(value);
}

/** What the preload puts on `window.briefingCommands`. */
export type CommandBridge = Readonly<{
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  subscribe: (listener: (command: AppCommand) => void) => () => void;
}>;
