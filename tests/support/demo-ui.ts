// What every e2e test on the demo fleet starts with: a real engine on the
// demo fleet behind the test bridge, Chromium on its page (errors on the page
// collected), and the operator's first scan with every host key accepted.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { EngineOptions } from '../../main/engine/engine';
import { startBridgeSession, type BridgeSession } from './bridge-session';
import { launchChromium, SCREENSHOT_DIR } from './chromium';

export interface DemoUi {
  readonly page: Page;
  readonly session: BridgeSession;
  /** Uncaught errors on the page; a test asserts it stays empty. */
  readonly pageErrors: string[];
}

/** Registers beforeAll/afterAll: the returned object's fields are set once beforeAll has run. */
export function useDemoUi(viewport = { width: 1500, height: 900 }, engine: Partial<EngineOptions> = {}): DemoUi {
  let browser: Browser | undefined;
  const ui = { pageErrors: [] as string[] } as { page: Page; session: BridgeSession; pageErrors: string[] };
  beforeAll(async () => {
    ui.session = await startBridgeSession({ demoFleet: 'always', ...engine });
    browser = await launchChromium();
    ui.page = await browser.newPage({ viewport });
    ui.page.on('pageerror', (error) => ui.pageErrors.push(error.message));
    await ui.page.goto(ui.session.bridge.url);
  });
  afterAll(async () => {
    await browser?.close();
    await ui.session?.close();
  });
  return ui;
}

/**
 * Accepts host-key prompts until none is left: one per site for the bastions,
 * then one per site for the hosts behind them. The next question appears only
 * after the scan has connected one hop further, so this keeps going while the
 * scan still has hosts connecting.
 */
export async function acceptAllHostKeys(page: Page): Promise<void> {
  const dialog = page.locator('dialog.prompt-dialog').first();
  await expect.poll(() => dialog.isVisible()).toBe(true);
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

/** Scans the whole demo fleet from the Fleet page and waits for every host to answer. */
export async function scanDemoFleet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Scan fleet' }).click();
  await acceptAllHostKeys(page);
  await expect.poll(() => page.getByTestId('scan-outcome').textContent(), { timeout: 30_000 }).toMatch(/^finished: 24 answered, 0 failed/);
}

export async function elementScreenshot(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
