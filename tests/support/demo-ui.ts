// What every e2e test on the demo fleet starts with: a real engine on the
// demo fleet behind the test bridge, Chromium on its page (errors on the page
// collected, and failing the file at its end), and, when asked, the
// operator's first scan with every host key accepted. Each test opens the
// page it is about afresh (openRoute, openByShortcut), so that no test
// depends on where another left the page: the files run in a random order.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { EngineOptions } from '../../main/engine/engine';
import type { EventPayloads } from '../../preload/contract';
import { NAV_ITEMS } from '../../renderer/app/routes';
import { startBridgeSession, type BridgeSession } from './bridge-session';
import { launchChromium, SCREENSHOT_DIR } from './chromium';

export interface DemoUi {
  readonly page: Page;
  readonly session: BridgeSession;
  /** Uncaught errors on the page; afterAll fails the file when any is left. */
  readonly pageErrors: string[];
}

export interface Viewport {
  width: number;
  height: number;
}

/**
 * Registers beforeAll/afterAll: the returned object's fields are set once
 * beforeAll has run. With `scanned`, beforeAll also scans the whole demo
 * fleet from the Fleet page, so that each test may assume a scan.
 */
export function useDemoUi(viewport: Viewport = { width: 1500, height: 900 }, engine: Partial<EngineOptions> = {}, options: { scanned?: boolean } = {}): DemoUi {
  let browser: Browser | undefined;
  const ui = { pageErrors: [] as string[] } as { page: Page; session: BridgeSession; pageErrors: string[] };
  beforeAll(
    async () => {
      ui.session = await startBridgeSession({ demoFleet: 'always', ...engine });
      browser = await launchChromium();
      ui.page = await browser.newPage({ viewport });
      ui.page.on('pageerror', (error) => ui.pageErrors.push(error.message));
      await ui.page.goto(ui.session.bridge.url);
      if (options.scanned) await scanWithKeysAcceptedByEngine(ui, engine.demoHosts);
    },
    options.scanned ? 300_000 : 120_000,
  );
  afterAll(async () => {
    await browser?.close();
    await ui.session?.close();
    if (ui.pageErrors.length > 0) throw new Error(`uncaught errors on the page: ${ui.pageErrors.join(' | ')}`);
  });
  return ui;
}

/**
 * Loads the app afresh on `route` (e.g. 'host/db1.nj'): a new document, not a
 * same-document hash change, so nothing another test left open (a dialog, a
 * filter, focus in a field) is carried over.
 */
export async function openRoute(ui: DemoUi, route = ''): Promise<void> {
  await ui.page.goto('about:blank');
  await ui.page.goto(`${ui.session.bridge.url}#/${route}`);
}

/** Loads the app afresh and opens a page by its shortcut, once the navigation is drawn (a key pressed before that is lost). */
export async function openByShortcut(ui: DemoUi, key: string, heading: string): Promise<void> {
  await openRoute(ui);
  await waitUntil(
    'the main navigation drawn',
    () => ui.page.locator('nav[aria-label="Main"] a').count(),
    (count) => count === NAV_ITEMS.length,
  );
  await ui.page.keyboard.press(key);
  await waitUntil(
    `${key} to open ${heading}`,
    () => ui.page.locator('h1').first().textContent(),
    (text) => text === heading,
  );
}

/**
 * Runs `use` on a page of its own (own viewport and scale, own errors), in
 * the same operator's browser session: the bridge's token is one-time, so
 * the new context carries the first page's cookie.
 */
export async function onOwnPage(ui: DemoUi, layout: { viewport: Viewport; deviceScaleFactor?: number }, use: (page: Page) => Promise<void>): Promise<void> {
  const browser = ui.page.context().browser() as Browser;
  const context = await browser.newContext({ viewport: layout.viewport, deviceScaleFactor: layout.deviceScaleFactor ?? 1 });
  try {
    await context.addCookies(await ui.page.context().cookies());
    await use(await context.newPage());
  } finally {
    await context.close();
  }
}

/** The two narrow layouts every page is checked at: 1024 px, and 1440×900 at 200 % zoom (half as many CSS pixels, each drawn twice). */
export const NARROW_LAYOUTS = [
  { name: '1024', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1 },
  { name: 'zoom200', viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 },
] as const;

/**
 * Polls `read` until `accept` holds, for at most `timeoutMs`; unlike
 * expect.poll it works in hooks, and its error names what was awaited and
 * the last value seen.
 */
export async function waitUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Accepts host-key prompts until none is left: one per site for the bastions,
 * then one per site for the hosts behind them. The next question appears only
 * after the scan has connected one hop further, so this keeps going while the
 * scan still has hosts connecting.
 */
export async function acceptAllHostKeys(page: Page): Promise<void> {
  const dialog = page.locator('dialog.prompt-dialog').first();
  await waitUntil('the first host-key question', () => dialog.isVisible(), Boolean);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (await dialog.isVisible()) {
      const acceptAll = dialog.getByRole('button', { name: /Accept all/ });
      if (await acceptAll.isVisible()) await acceptAll.click();
      else await dialog.getByRole('button', { name: 'Accept' }).first().click();
    } else if (!/connecting/.test((await page.getByTestId('scan-outcome').textContent()) ?? '')) {
      return;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('host-key questions kept coming for 2 minutes');
}

/**
 * Scans the whole demo fleet from the Fleet page, the host-key questions
 * answered at the engine the moment they are raised: for files about the
 * pages after a scan. On a loaded machine a question left for the page to
 * answer can outlast the handshake timeout; the questions themselves are
 * tested in fleet-demo and scan-prompts.
 */
export async function scanWithKeysAcceptedByEngine(ui: DemoUi, hosts = 24): Promise<void> {
  const { engine } = ui.session;
  const stop = engine.events.subscribe((name, payload) => {
    if (name !== 'operator:prompt') return;
    const prompt = payload as EventPayloads['operator:prompt'];
    if (prompt.kind === 'host-key') void engine.handlers['operator.answer']({ promptId: prompt.promptId, answer: { kind: 'host-key', accept: true } });
    if (prompt.kind === 'host-keys') {
      void engine.handlers['operator.answer']({ promptId: prompt.promptId, answer: { kind: 'host-keys', accept: prompt.keys.map((key) => key.id) } });
    }
  });
  try {
    await waitUntil(
      'the demo fleet loaded',
      () => ui.page.getByTestId('fleet-label').textContent(),
      (label) => label === 'Demo fleet (simulated)',
    );
    await ui.page.getByRole('button', { name: 'Scan fleet' }).click();
    await waitUntil(
      'every host of the demo fleet to answer',
      () => ui.page.getByTestId('scan-outcome').textContent(),
      (text) => (text ?? '').startsWith(`finished: ${hosts} answered, 0 failed`),
      200_000,
    );
  } finally {
    stop();
  }
}

/** Scans the whole demo fleet from the Fleet page, accepting the host keys in the page, and waits for every host to answer. */
export async function scanDemoFleet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Scan fleet' }).click();
  await acceptAllHostKeys(page);
  await waitUntil(
    'every host of the demo fleet to answer',
    () => page.getByTestId('scan-outcome').textContent(),
    (text) => /^finished: 24 answered, 0 failed/.test(text ?? ''),
  );
}

export async function elementScreenshot(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The two sites' sections: there are two, headed `headings` in this order, and they stand side by side (same top). */
export async function expectSitesSideBySide(sections: Locator, headings: [string, string]): Promise<void> {
  await expect.poll(() => sections.count()).toBe(2);
  expect(await sections.locator('h2').allTextContents()).toEqual(headings);
  const [first, second] = await Promise.all([sections.nth(0).boundingBox(), sections.nth(1).boundingBox()]);
  expect(Math.abs(first!.y - second!.y)).toBeLessThan(2);
}
