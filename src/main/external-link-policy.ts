/**
 * When a link may leave the app: only when it is http(s), carries no user name or password
 * (`https://bank.example@evil.example/` tricks), and the user has confirmed the full URL. Everything
 * else is dropped silently. Plain logic, tested without Electron; external-links.ts binds it to
 * Electron's dialog and shell.
 */
export type ExternalLinks = Readonly<{
  /** Asks the user, then opens `url` in the system browser; resolves to whether it was opened. */
  maybeOpen: (url: string) => Promise<boolean>;
}>;

export type ExternalLinkPorts = Readonly<{
  /** Shows the full URL and resolves to true only when the user chose to open it. */
  confirm: (url: string) => Promise<boolean>;
  open: (url: string) => Promise<void>;
  log?: (message: string, error?: unknown) => void;
}>;

const MAX_URL_LENGTH = 2048;

/** The URL to open (normalised by the URL parser), or null when it may not leave the app. */
export function externalLinkTarget(url: string): string | null {
  if (url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}

export function createExternalLinks(ports: ExternalLinkPorts): ExternalLinks {
  // One question at a time: a page that fires a burst of window.open calls gets one dialog.
  let asking = false;
  return {
    maybeOpen: async (url) => {
      const target = externalLinkTarget(url);
      if (target === null || asking) return false;
      asking = true;
      try {
        if (!(await ports.confirm(target))) return false;
        await ports.open(target);
        return true;
      } catch (error) {
        ports.log?.('Could not open an external link', error);
        return false;
      } finally {
        asking = false;
      }
    },
  };
}
