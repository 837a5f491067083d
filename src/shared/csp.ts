/**
 * The Content-Security-Policy of every page of the app: served as a header by the app:// protocol
 * (and by the e2e host), and repeated as a <meta> in index.html as a backstop. No remote origins,
 * no eval, no inline script, no plugins, frames, forms or base changes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "manifest-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types dompurify app-html',
].join('; ');
