/** Link targets kept from web pages. */
export const WEB_PROTOCOLS: readonly string[] = ['http:', 'https:'];
/** Link targets kept from Markdown. */
export const WEB_AND_MAIL_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

const MAX_HREF_LENGTH = 4096;

/**
 * A link target that is safe to keep: parsed as a URL (relative ones against `base`, when given)
 * and kept only when its scheme is one of `protocols`. javascript:, data:, vbscript:, file: and
 * anything unparseable give undefined. Callers decode character references first.
 */
export function safeHref(raw: string | undefined, protocols: readonly string[], base?: string | null): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > MAX_HREF_LENGTH) return undefined;
  let url: URL;
  try {
    url = base === undefined || base === null ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (!protocols.includes(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}
