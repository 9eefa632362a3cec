// The renderer's Content-Security-Policy: sent as a header by the app://
// protocol and by the browser bridge, and repeated as a <meta> in
// renderer/index.html (a unit test keeps the two equal). No inline script or
// style, no eval, nothing from any other origin.
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** frame-ancestors is ignored (with a console error) when delivered in a <meta>. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');
