// Desktop notifications for drills on the demo fleet, in Chromium through the
// bridge: off until the operator turns them on from the drills page; then
// the overdue Bridgewater bastion-loss drill (and whatever else is due or
// within a day) is told once — not again on a reload. The page's Notification is
// wrapped to record what is shown (headless Chromium draws nothing).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { startBridgeSession, type BridgeSession } from '../support/bridge-session';
import { launchChromium, saveScreenshot } from '../support/chromium';
import { drillNotices } from '../../renderer/pages/drills/drill-notices';

let session: BridgeSession | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

const RECORD_NOTIFICATIONS = `
  (() => {
    const Real = window.Notification;
    const shown = JSON.parse(sessionStorage.getItem('shown') ?? '[]');
    window.__shown = shown;
    class Recorded extends Real {
      constructor(title, options) {
        super(title, options);
        shown.push({ title, body: options && options.body });
        sessionStorage.setItem('shown', JSON.stringify(shown));
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Recorded.requestPermission = (...args) => Real.requestPermission(...args);
    window.Notification = Recorded;
  })();
`;

beforeAll(async () => {
  session = await startBridgeSession({ demoFleet: 'always', userKnownHostsPath: null, secrets: new MemorySecretStore() });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(RECORD_NOTIFICATIONS);
  page = await context.newPage();
  await page.goto(`${session.bridge.url}#/drills`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await session?.close();
});

const shown = () => page.evaluate(() => (window as unknown as { __shown: Array<{ title: string; body: string }> }).__shown);

test('off until turned on; then the overdue and the due drill are each told once, not again after a reload', async () => {
  const control = page.getByTestId('drill-notifications');
  await expect.poll(() => control.getAttribute('data-state')).toBe('off');
  expect(await shown()).toEqual([]);
  await context.grantPermissions(['notifications']);
  await control.getByRole('button', { name: 'Turn on' }).click();
  await expect.poll(() => control.getAttribute('data-state')).toBe('on');
  // What is due depends on the day (the restore test is monthly): the engine's schedule says what to expect.
  const expected = drillNotices(await session!.engine.handlers['drills.schedule']({ viewerTimeZone: 'UTC' })).map((notice) => notice.title);
  expect(expected).toContain('Drill overdue: Loss of the Bridgewater bastion');
  await expect.poll(async () => (await shown()).length).toBe(expected.length);
  expect((await shown()).map((notice) => notice.title).sort()).toEqual([...expected].sort());
  expect((await shown()).find((notice) => notice.title.startsWith('Drill overdue'))!.body).toMatch(/^Bridgewater, NJ · due since \d{4}-\d\d-\d\d 10:00 -0[45]:00 America\/New_York · owner dana$/);
  await saveScreenshot(page, 'drill-notifications-on');
  await page.reload();
  await expect.poll(() => control.getAttribute('data-state')).toBe('on');
  // The app checks again at start: what was told is not told twice.
  await page.waitForTimeout(1500);
  expect(await shown()).toHaveLength(expected.length);
}, 120_000);
