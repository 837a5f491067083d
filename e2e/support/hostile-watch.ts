import type { BrowserContext, Locator, Page, Request } from '@playwright/test';
import { markersIn } from './hostile-payloads';
import { readSocketCall } from '../host/server';

/** What hostile content managed to do; every count but `markersSeen` should be zero. */
export type HostileFigure = {
  scriptExecutions: number;
  dialogs: number;
  popups: number;
  navigationsAway: number;
  offsiteRequests: number;
  unexpectedApiCalls: number;
  /** Elements or attributes that can run script or leave the app, seen added to the page. */
  dangerousDom: number;
  /** Content-Security-Policy violations the page reported (what the CSP had to stop). */
  cspViolations: number;
};

export type HostileWatch = Readonly<{
  figure: () => HostileFigure;
  /** What was counted, one line each, for the failure message and the report. */
  events: () => readonly string[];
  apiCalls: () => ReadonlyMap<string, number>;
  /** Payload numbers whose marker the page has shown so far (see `collectMarkers`). */
  markersSeen: () => ReadonlySet<number>;
  /** How many distinct payload markers each view showed. */
  markersPerView: () => Readonly<Record<string, number>>;
  /** Records the payload markers a part of the page shows now (text and form fields) as `view`. */
  collectMarkers: (target: Locator, view: string) => Promise<void>;
  /** Settles when the host has answered a call of `method`, made from now on, whose input `matches`. */
  answered: (method: string, matches: (input: unknown) => boolean) => Promise<void>;
}>;

export type WatchOptions = Readonly<{
  /** The app's origin: anything else is off-site. */
  origin: string;
  /**
   * The path of the e2e host's API, watched for the methods it is asked for: the WebSocket the page's
   * window.briefing sends its calls over, and any request for that path.
   */
  apiPath: string;
  /** Methods the journey's own steps call; any other is an unexpected call. */
  expectedMethods: ReadonlySet<string>;
}>;

const REPORT_BINDING = '__hostileReport';

/**
 * Runs in every frame before any page script: the canary payloads call (`__pwned(n)`), a report of
 * CSP violations, and a mutation observer that reports any element or attribute able to run script
 * or leave the app, whenever it is added. Reports go through a Playwright binding, which survives a
 * navigation and works whatever the page's CSP says.
 */
function instrument(binding: string): void {
  type Report = (kind: string, detail: string) => void;
  const report = (kind: string, detail: string) => {
    const send = (window as unknown as Record<string, Report | undefined>)[binding];
    if (typeof send === 'function') send(kind, detail.slice(0, 300));
  };
  Object.defineProperty(window, '__pwned', {
    value: (id: unknown) => report('script', String(id)),
    writable: false,
    configurable: false,
  });
  document.addEventListener('securitypolicyviolation', (event) =>
    report('csp', `${event.effectiveDirective} ${event.blockedURI}`),
  );
  const RISKY_ELEMENTS = new Set([
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'meta',
    'portal',
    'link',
  ]);
  const URL_ATTRIBUTES = new Set([
    'href',
    'src',
    'action',
    'formaction',
    'xlink:href',
    'data',
    'poster',
    'srcset',
    'background',
    'ping',
  ]);
  const SCRIPT_URL =
    /^(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|d\s*a\s*t\s*a)\s*:/i;
  // Browsers skip leading spaces and control characters in a URL, and tabs and newlines inside it.
  const bareUrl = (value: string) => {
    let start = 0;
    while (start < value.length && value.charCodeAt(start) <= 0x20) start += 1;
    return value.slice(start);
  };
  let loaded = false;
  const checkAttribute = (element: Element, name: string, value: string | null) => {
    if (value === null) return;
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) report('dom', `${element.localName}[${lower}]`);
    else if (lower === 'srcdoc') report('dom', `${element.localName}[srcdoc]`);
    else if (URL_ATTRIBUTES.has(lower)) {
      if (SCRIPT_URL.test(bareUrl(value))) report('dom', `${element.localName}[${lower}=${value}]`);
      else if (lower !== 'href' && /^\s*(?:https?:)?\/\//i.test(value) && !value.startsWith(location.origin))
        report('dom', `${element.localName}[${lower}=${value}]`);
    } else if (lower === 'style' && /url\s*\(|expression\s*\(|behavior|binding/i.test(value)) {
      report('dom', `${element.localName}[style=${value}]`);
    }
  };
  const checkElement = (element: Element) => {
    // The app's own <head> is there before its scripts run; anything risky added later is reported.
    if (loaded && RISKY_ELEMENTS.has(element.localName)) report('dom', `<${element.localName}>`);
    for (const attribute of Array.from(element.attributes))
      checkAttribute(element, attribute.name, attribute.value);
    for (const child of Array.from(element.children)) checkElement(child);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes' && record.target instanceof Element && record.attributeName !== null) {
        checkAttribute(record.target, record.attributeName, record.target.getAttribute(record.attributeName));
      }
      for (const node of Array.from(record.addedNodes)) if (node instanceof Element) checkElement(node);
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  window.addEventListener('DOMContentLoaded', () => {
    loaded = true;
  });
}

/**
 * Watches a page (and its context) for everything hostile content could make happen: canary calls,
 * dialogs (dismissed), popups (closed), navigations and requests to other origins (refused), API
 * calls the journey did not make, dangerous DOM and CSP violations.
 */
export async function watchHostileEffects(
  context: BrowserContext,
  page: Page,
  options: WatchOptions,
): Promise<HostileWatch> {
  const figure: HostileFigure = {
    scriptExecutions: 0,
    dialogs: 0,
    popups: 0,
    navigationsAway: 0,
    offsiteRequests: 0,
    unexpectedApiCalls: 0,
    dangerousDom: 0,
    cspViolations: 0,
  };
  const events: string[] = [];
  const apiCalls = new Map<string, number>();
  /** Calls waited for (see `answered`): once sent, each knows the id of its call. */
  const waiters: {
    method: string;
    matches: (input: unknown) => boolean;
    id?: unknown;
    settle: () => void;
  }[] = [];
  const seen = new Set<number>();
  const perView = new Map<string, Set<number>>();
  const note = (line: string) => {
    if (events.length < 500) events.push(line);
  };

  await context.exposeBinding(REPORT_BINDING, (_source, kind: unknown, detail: unknown) => {
    const text = String(detail);
    if (kind === 'script') {
      figure.scriptExecutions += 1;
      note(`script executed: payload ${text}`);
    } else if (kind === 'csp') {
      figure.cspViolations += 1;
      note(`CSP violation: ${text}`);
    } else if (kind === 'dom') {
      figure.dangerousDom += 1;
      note(`dangerous DOM: ${text}`);
    }
  });
  await context.addInitScript(instrument, REPORT_BINDING);

  const isOffsite = (url: string) => {
    if (url === 'about:blank' || url.startsWith('data:') || url.startsWith('blob:')) return false;
    return !url.startsWith(options.origin);
  };
  const escaped = options.origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Everything not on the app's origin is answered here, refused and counted.
  await context.route(new RegExp(`^(?!${escaped}(?:/|$))`), async (route) => {
    const request = route.request();
    figure.offsiteRequests += 1;
    if (request.isNavigationRequest()) figure.navigationsAway += 1;
    note(`off-site ${request.isNavigationRequest() ? 'navigation' : 'request'}: ${request.url()}`);
    await route.abort('blockedbyclient');
  });

  const watchPage = (watched: Page) => {
    watched.on('dialog', (dialog) => {
      figure.dialogs += 1;
      note(`dialog: ${dialog.type()} ${dialog.message()}`);
      dialog.dismiss().catch(() => undefined);
    });
    watched.on('framenavigated', (frame) => {
      if (isOffsite(frame.url())) {
        figure.navigationsAway += 1;
        note(`frame navigated away: ${frame.url()}`);
      }
    });
    const countCall = (method: string) => {
      apiCalls.set(method, (apiCalls.get(method) ?? 0) + 1);
      if (!options.expectedMethods.has(method)) {
        figure.unexpectedApiCalls += 1;
        note(`unexpected API call: ${method}`);
      }
    };
    watched.on('request', (request: Request) => {
      if (!request.url().startsWith(options.origin + options.apiPath)) return;
      let method = '(unreadable)';
      try {
        method = String((request.postDataJSON() as { method?: unknown } | null)?.method);
      } catch {
        // Counted as unreadable below.
      }
      countCall(method);
    });
    watched.on('websocket', (socket) => {
      if (socket.url() !== `${options.origin.replace(/^http/u, 'ws')}${options.apiPath}`) {
        figure.offsiteRequests += 1;
        note(`WebSocket to another address: ${socket.url()}`);
        return;
      }
      socket.on('framesent', ({ payload }) => {
        // Not a JSON object: counted as unreadable, as the host reads it.
        const call = readSocketCall(String(payload));
        const method = typeof call.method === 'string' ? call.method : '(unreadable)';
        countCall(method);
        for (const waiter of waiters) {
          if (waiter.id === undefined && waiter.method === method && waiter.matches(call.input))
            waiter.id = call.id;
        }
      });
      socket.on('framereceived', ({ payload }) => {
        let id: unknown;
        try {
          const parsed: unknown = JSON.parse(String(payload));
          if (typeof parsed !== 'object' || parsed === null || !('id' in parsed)) return;
          id = parsed.id;
        } catch {
          return;
        }
        for (const waiter of waiters.filter(
          (candidate) => candidate.id !== undefined && candidate.id === id,
        )) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.settle();
        }
      });
    });
  };
  watchPage(page);
  context.on('page', (opened) => {
    if (opened === page) return;
    figure.popups += 1;
    note(`popup: ${opened.url()}`);
    watchPage(opened);
    opened.close().catch(() => undefined);
  });

  return {
    figure: () => ({ ...figure }),
    events: () => [...events],
    apiCalls: () => new Map(apiCalls),
    markersSeen: () => new Set(seen),
    markersPerView: () => Object.fromEntries([...perView].map(([view, ids]) => [view, ids.size])),
    answered: (method, matches) =>
      new Promise<void>((settle) => {
        waiters.push({ method, matches, settle });
      }),
    collectMarkers: async (target, view) => {
      const text = await target.evaluate((root) => {
        const parts = [root.textContent ?? ''];
        // Values of form fields are shown too, but are not text content.
        for (const field of Array.from(root.querySelectorAll('input, textarea'))) {
          if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)
            parts.push(field.value);
        }
        return parts.join('\n');
      });
      const ids = perView.get(view) ?? new Set<number>();
      perView.set(view, ids);
      for (const id of markersIn(text)) {
        seen.add(id);
        ids.add(id);
      }
    },
  };
}
