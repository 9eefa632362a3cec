// A scan and its host-key questions as a person meets them in the window,
// with the engine's handshake timeout made very short: the question for a
// site stays open well past that timeout; a page reloaded meanwhile shows the
// running scan and the same question again; a second scan is refused while
// one runs; "Cancel scan" works with the question open; and a scan whose
// questions are answered late completes on every host (on an engine of its
// own: once its keys are accepted, no question is asked again).
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { OpsDeckApi } from '../../preload/contract';
import { saveScreenshot } from '../support/chromium';
import { acceptAllHostKeys, openRoute, useDemoUi, waitUntil, type DemoUi } from '../support/demo-ui';

const HANDSHAKE_TIMEOUT_MS = 1500;
/** A whole demo-fleet scan on a shared 2-core machine: a guard against hangs only. */
const SCAN_TIMEOUT_MS = 150_000;
const VIEWPORT = { width: 1440, height: 900 };
const ENGINE = { sshLimits: { connectTimeoutMs: HANDSHAKE_TIMEOUT_MS, retries: 2 } };

const dialog = (page: Page) => page.locator('dialog.prompt-dialog');

/** Each test starts from a scan waiting on its first host-key question: the one left by another test, or a new one. */
async function scanWaitingOnQuestion(ui: DemoUi): Promise<Page> {
  const { page } = ui;
  if (ui.session.engine.scans.current() !== null && (await dialog(page).isVisible())) return page;
  await openRoute(ui);
  await waitUntil(
    'the demo fleet loaded',
    () => page.getByTestId('fleet-label').textContent(),
    (label) => label === 'Demo fleet (simulated)',
  );
  if (ui.session.engine.scans.current() === null) await page.getByRole('button', { name: 'Scan fleet' }).click();
  await waitUntil('the host-key question', () => dialog(page).isVisible(), Boolean);
  return page;
}

describe.shuffle('a scan waiting on its host-key question, no key accepted', () => {
  const ui = useDemoUi(VIEWPORT, ENGINE);
  test('the first scan asks once for the primary site: its bastion key, its fingerprint and the 12 hosts behind it', async () => {
    const page = await scanWaitingOnQuestion(ui);
    expect(await page.getByTestId('fleet-label').textContent()).toBe('Demo fleet (simulated)');
    await expect.poll(() => dialog(page).locator('h2').textContent()).toBe('Unknown host key at Bridgewater, NJ');
    const row = dialog(page).locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td.fingerprint').textContent()).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(await row.locator('th').textContent()).toMatch(/^nj bastion127\.0\.0\.1:\d+$/);
    expect(await row.locator('td').last().textContent()).toMatch(/^12: backup1\.nj, cn1\.nj, /);
    await saveScreenshot(page, 'scan-host-keys-per-site');
  });

  test('reloaded while the question is open (longer than the handshake timeout): the running scan and the same question come back', async () => {
    const page = await scanWaitingOnQuestion(ui);
    const before = await dialog(page).locator('td.fingerprint').textContent();
    await page.waitForTimeout(3 * HANDSHAKE_TIMEOUT_MS);
    await page.reload();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    expect(await dialog(page).locator('td.fingerprint').textContent()).toBe(before);
    await expect.poll(() => page.getByTestId('scan-outcome').textContent()).toMatch(/^0 of 24 hosts, 0 failed, 24 connecting$/);
    expect(await page.getByRole('button', { name: 'Scan fleet' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'scan-reattached-after-reload');
  });

  test('a second scan while one runs is refused by the engine as busy', async () => {
    const page = await scanWaitingOnQuestion(ui);
    const second = await page.evaluate(() => (window as unknown as { opsdeck: OpsDeckApi }).opsdeck.scan.start({ scope: { kind: 'fleet' } }));
    expect(second).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringMatching(/already running/) } });
    expect(ui.session.engine.scans.current()?.total).toBe(24);
  });

  test('"Cancel scan" in the open question cancels the scan: every host counted as cancelled, none as failed', async () => {
    const page = await scanWaitingOnQuestion(ui);
    await dialog(page).getByRole('button', { name: 'Cancel scan' }).click();
    await expect.poll(() => page.getByTestId('scan-outcome').textContent(), { timeout: 30_000 }).toBe('cancelled: 0 answered, 0 failed, 24 cancelled');
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    expect(ui.session.engine.scans.current()).toBeNull();
  });
});

describe('questions answered late', () => {
  const ui = useDemoUi(VIEWPORT, ENGINE);
  test(
    'scanned again, the questions answered after the handshake timeout: every host answers',
    async () => {
      const page = await scanWaitingOnQuestion(ui);
      await page.waitForTimeout(3 * HANDSHAKE_TIMEOUT_MS);
      await acceptAllHostKeys(page);
      await expect.poll(() => page.getByTestId('scan-outcome').textContent(), { timeout: SCAN_TIMEOUT_MS }).toBe('finished: 24 answered, 0 failed');
    },
    SCAN_TIMEOUT_MS + 30_000,
  );
});
