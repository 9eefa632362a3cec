// The renderer is served from this privileged custom scheme, never from
// file:// or the network, so that CSP headers apply and the origin is fixed.
export const APP_SCHEME = 'app';
export const APP_HOST = 'opsdeck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
