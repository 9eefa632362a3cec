// Locks down the window's web contents and session: no navigation, no new
// windows (https links go to the OS browser after a check), every permission
// request denied but desktop notifications from the app's own page (drills
// due or overdue: the text is the app's own), nothing remote loaded, CSP on
// every response.
import type { Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { isAllowedExternalUrl } from './external-links';
import { APP_ORIGIN } from './app-origin';

export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback) => callback(permission === 'notifications' && isAppPage(contents?.getURL())));
  session.setPermissionCheckHandler((contents, permission) => permission === 'notifications' && isAppPage(contents?.getURL()));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalRequest(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

function isAppPage(url: string | undefined): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}

/** Only the app's own origin (and devtools internals) may be requested. */
export function isLocalRequest(raw: string): boolean {
  return raw.startsWith(`${APP_ORIGIN}/`) || raw.startsWith('devtools://') || raw.startsWith('data:');
}
