import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../../main/content-security-policy';
import { isAllowedExternalUrl } from '../../../main/window/external-links';
import { hardenSession, hardenWebContents, isLocalRequest } from '../../../main/window/harden-session';
import { createMainWindow } from '../../../main/window/create-main-window';
import { rendererFileFor } from '../../../main/window/renderer-files';

vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(readonly options: unknown) {}
  },
}));

describe('main window options', () => {
  const window = createMainWindow('/app/preload/index.cjs') as unknown as { options: Electron.BrowserWindowConstructorOptions };
  const prefs = window.options.webPreferences!;
  test('isolate the page: contextIsolation and sandbox on, no Node anywhere', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  test('keep web security on and webviews off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.preload).toBe('/app/preload/index.cjs');
  });
});

function fakeContents() {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: (name: string, handler: (event: { preventDefault(): void }) => void) => handlers.set(name, handler),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
    fire(name: string) {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers.get(name)?.(event);
      return event.prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('web contents hardening', () => {
  test('denies navigation, redirects and webviews', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, { openExternal: vi.fn() });
    expect(contents.fire('will-navigate')).toBe(true);
    expect(contents.fire('will-redirect')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
  test('denies window.open, sending only checked https links to the OS browser', () => {
    const contents = fakeContents();
    const openExternal = vi.fn(async () => undefined);
    hardenWebContents(contents as never, { openExternal });
    expect(contents.open('https://www.debian.org/security/')).toEqual({ action: 'deny' });
    expect(contents.open('http://example.org/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.open('https://user:pw@example.org/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.debian.org/security/']]);
  });
  test('external links: https only, no credentials, nothing unparsable', () => {
    expect(isAllowedExternalUrl('https://security-tracker.debian.org/')).toBe(true);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('session hardening', () => {
  function fakeSession() {
    const calls: Record<string, unknown> = {};
    return {
      calls,
      setPermissionRequestHandler: (handler: unknown) => (calls.request = handler),
      setPermissionCheckHandler: (handler: unknown) => (calls.check = handler),
      setDevicePermissionHandler: (handler: unknown) => (calls.device = handler),
      webRequest: {
        onBeforeRequest: (handler: unknown) => (calls.before = handler),
        onHeadersReceived: (handler: unknown) => (calls.headers = handler),
      },
    };
  }
  test('denies every permission request and check but notifications from the app page itself', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const appPage = { getURL: () => 'app://opsdeck/index.html#/drills' };
    const otherPage = { getURL: () => 'https://evil.example/' };
    const request = session.calls.request as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request(appPage, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const decided = (contents: unknown) => {
      const callback = vi.fn();
      request(contents, 'notifications', callback);
      return callback.mock.calls[0]![0];
    };
    expect([decided(appPage), decided(otherPage), decided(null)]).toEqual([true, false, false]);
    const check = session.calls.check as (c: unknown, p: string) => boolean;
    expect([check(appPage, 'notifications'), check(appPage, 'media'), check(otherPage, 'notifications')]).toEqual([true, false, false]);
    expect((session.calls.device as () => boolean)()).toBe(false);
  });
  test('cancels every request that is not the app origin: nothing remote is loaded', () => {
    const session = fakeSession();
    hardenSession(session as never);
    const decide = (url: string) => {
      let verdict: unknown;
      (session.calls.before as (d: { url: string }, cb: (r: unknown) => void) => void)({ url }, (r) => (verdict = r));
      return verdict;
    };
    expect(decide('app://opsdeck/index.html')).toEqual({ cancel: false });
    expect(decide('https://cdn.example.com/lib.js')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(isLocalRequest('app://opsdeck.evil/x')).toBe(false);
  });
  test('adds the strict CSP header to every response', () => {
    const session = fakeSession();
    hardenSession(session as never);
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    (session.calls.headers as (d: unknown, cb: (r: typeof result) => void) => void)({ responseHeaders: { A: ['b'] } }, (r) => (result = r));
    expect(result!.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(result!.responseHeaders.A).toEqual(['b']);
  });
});

describe('content security policy', () => {
  test('forbids inline code, eval and other origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
  test('the meta tag in renderer/index.html carries the same policy (less frame-ancestors, ignored in meta)', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY_META);
  });
});

describe('app:// file mapping', () => {
  test('serves files of the renderer folder only', () => {
    expect(rendererFileFor('/app/renderer', 'app://opsdeck/index.html')).toBe('/app/renderer/index.html');
    expect(rendererFileFor('/app/renderer', 'app://opsdeck/')).toBe('/app/renderer/index.html');
    expect(rendererFileFor('/app/renderer', 'app://opsdeck/assets/x.js')).toBe('/app/renderer/assets/x.js');
    expect(rendererFileFor('/app/renderer', 'app://opsdeck/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(rendererFileFor('/app/renderer', 'app://other/index.html')).toBeNull();
    expect(rendererFileFor('/app/renderer', 'app://opsdeck/%E0%A4%A')).toBeNull();
  });
});
