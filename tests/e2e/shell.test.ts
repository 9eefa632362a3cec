import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NAV_ITEMS } from '../../renderer/app/routes';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';

let session: BridgeSession;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  session = await startBridgeSession();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(session.bridge.url);
});

/** Loads the app afresh, so that no test starts where another left the page. */
async function reopen(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(session.bridge.url);
}

/**
 * For a test that provokes errors on purpose: a page of its own in the same
 * browser session (the bridge's token is one-time; the cookie carries it),
 * so that its errors never reach the page whose console is asserted clean.
 */
async function onOwnPage(use: (own: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  try {
    await context.addCookies(await page.context().cookies());
    const own = await context.newPage();
    await own.goto(session.bridge.url);
    await use(own);
  } finally {
    await context.close();
  }
}

afterAll(async () => {
  await browser?.close();
  await session?.close();
});

describe.shuffle('the shell', () => {
  test('the shell renders through the bridge with navigation and a status bar naming the fleet', async () => {
    await reopen();
    await expect.poll(() => page.getByTestId('fleet-label').textContent()).toBe('No inventory');
    await expect
      .poll(() => page.locator('nav[aria-label="Main"] a').allTextContents())
      .toEqual([
        'FleetAlt+1',
        'FindingsAlt+2',
        'Patch levelsAlt+3',
        'EncryptionAlt+4',
        'FirewallAlt+5',
        'BackupsAlt+6',
        'DR drillsAlt+7',
        'Audit logAlt+8',
        'SettingsAlt+9',
        'StatusAlt+0',
        'AccessAlt+a',
        'TransportAlt+t',
      ]);
    await expect.poll(() => page.locator('.statusbar').textContent()).toMatch(/engine \d+\.\d+\.\d+/);
    await saveScreenshot(page, 'shell-fleet-empty');
    expect(consoleErrors).toEqual([]);
  });

  test('keyboard alone moves between pages, with a visible focus ring', async () => {
    await reopen();
    await expect.poll(() => page.locator('nav[aria-label="Main"] a').count()).toBe(NAV_ITEMS.length);
    await page.keyboard.press('Alt+9');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Settings');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return active ? getComputedStyle(active).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Fleet');
  });

  test('follows the OS dark theme', async () => {
    await reopen();
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(22, 24, 28)');
      await saveScreenshot(page, 'shell-dark');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
  });

  test('a call with invalid input over the bridge returns a typed validation error', async () => {
    await onOwnPage(async (own) => {
      const result = await own.evaluate(() => (window as unknown as { opsdeck: { audit: { recent(input: unknown): Promise<unknown> } } }).opsdeck.audit.recent({ limit: 'many' }));
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'limit' }] } });
    });
  });

  test('the page is refused without the bridge token', async () => {
    const response = await fetch(session.bridge.url.replace(/token=[^&]+/, 'token=wrong'));
    expect(response.status).toBe(403);
    const shim = await fetch(`http://127.0.0.1:${session.bridge.port}/opsdeck-bridge.js`);
    expect(shim.status).toBe(403);
  });

  test('the CSP header is sent and inline script is blocked', async () => {
    const response = await fetch(session.bridge.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    await onOwnPage(async (own) => {
      const inlineRan = await own.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.appendChild(script);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(inlineRan).toBe(false);
    });
  });
});
