import { BrowserWindow, dialog, shell } from 'electron';
import { createExternalLinks, type ExternalLinks } from './external-link-policy';

/**
 * The one reviewed place that hands a URL to the operating system: a static check
 * (scripts/checks/forbidden-patterns) forbids `openExternal` anywhere else. What may go is decided
 * by external-link-policy.ts; the question is a modal dialog on the focused window.
 */
export function electronExternalLinks(log: (message: string, error?: unknown) => void): ExternalLinks {
  return createExternalLinks({
    log,
    confirm: async (url) => {
      const options: Electron.MessageBoxOptions = {
        type: 'question',
        buttons: ['Cancel', 'Open in Browser'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
        title: 'Open a link outside Briefing Builder?',
        message: 'This link opens in your web browser:',
        detail: url,
      };
      const owner = BrowserWindow.getFocusedWindow();
      const answer =
        owner === null ? await dialog.showMessageBox(options) : await dialog.showMessageBox(owner, options);
      return answer.response === 1;
    },
    open: (url) => shell.openExternal(url),
  });
}
