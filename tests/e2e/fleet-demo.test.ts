// A person's first start: the app opens on the demo fleet, the operator
// accepts the demo host keys, scans both sites and watches progress reach
// every host. On a scanned fleet: a host page, the findings and patch pages,
// and a scan cancelled midway (which leaves every host's findings in place).
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { acceptAllHostKeys, openByShortcut, openRoute, useDemoUi } from '../support/demo-ui';

describe.shuffle('first start, no host key known yet', () => {
  const ui = useDemoUi();
  test('opens on the demo fleet, labelled as simulated, with both sites side by side', async () => {
    const { page } = ui;
    await expect.poll(() => page.getByTestId('fleet-label').textContent()).toBe('Demo fleet (simulated)');
    await expect.poll(() => page.locator('section.site h2').allTextContents()).toEqual(['Bridgewater, NJ (nj, primary)', 'Seattle, WA (sea, secondary)']);
    const boxes = await page.locator('section.site').evaluateAll((sites) => sites.map((site) => site.getBoundingClientRect().top));
    expect(Math.abs(boxes[0]! - boxes[1]!)).toBeLessThan(2);
  });

  test('a first scan asks for the unknown host keys; accepted, every host of both sites answers', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Scan fleet' }).click();
    const dialog = page.locator('dialog.prompt-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.locator('td.fingerprint').first().textContent()).toMatch(/^SHA256:/);
    await saveScreenshot(page, 'fleet-host-key-prompt');
    await acceptAllHostKeys(page);
    await expect.poll(() => page.getByTestId('scan-outcome').textContent(), { timeout: 30_000 }).toMatch(/^finished: 24 answered, 0 failed/);
    expect(await page.locator('progress').getAttribute('value')).toBe('24');
    await expect.poll(() => page.getByTestId('site-count-nj').textContent()).toMatch(/^12\/12 answered/);
    await expect.poll(() => page.getByTestId('site-count-sea').textContent()).toMatch(/^12\/12 answered/);
    await saveScreenshot(page, 'fleet-overview-after-scan');
  });
});

describe.shuffle('a scanned demo fleet', () => {
  const ui = useDemoUi({ width: 1500, height: 900 }, {}, { scanned: true });
  test('a host page shows identity and raw outputs as text', async () => {
    const { page } = ui;
    await openRoute(ui);
    await page.locator('a', { hasText: 'cn2.sea' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('cn2.sea');
    await expect.poll(() => page.locator('.identity').textContent()).toContain('joyent_');
    const outputs = page.locator('.raw-output');
    expect(await outputs.count()).toBeGreaterThanOrEqual(4);
    expect(await outputs.first().locator('code').textContent()).toMatch(/^env LC_ALL=C /);
    await saveScreenshot(page, 'host-page');
  });

  test('the planted patch problems are findings, filterable by site, with the per-site chart', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    await expect.poll(() => page.locator('table.findings tbody tr').count()).toBeGreaterThan(5);
    const rows = await page.locator('table.findings tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('cn2.sea') && /Platform image \d{8}T\d{6}Z is 36\d days old/.test(row))).toBe(true);
    expect(rows.some((row) => row.includes('web1.nj') && row.includes('Reboot needed'))).toBe(true);
    expect(rows.some((row) => row.includes('web1.sea') && row.includes('Package index is'))).toBe(true);
    expect(rows.some((row) => row.includes('mx1.nj') && row.includes('Logs on an unencrypted volume') && row.includes('/var/log'))).toBe(true);
    expect(await page.locator('figure.chart').count()).toBe(1);
    expect(await page.locator('figure.chart .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'findings');
    await page.getByRole('combobox', { name: 'Site' }).selectOption('nj');
    const njRows = await page.locator('table.findings tbody tr').allTextContents();
    expect(njRows.every((row) => !row.includes('.sea'))).toBe(true);
  });

  test('the patch page rolls up both sites and never calls a stale host up to date', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+3', 'Patch levels');
    await expect.poll(() => page.getByTestId('patch-summary-nj').textContent()).toMatch(/Compliant\d+\/12 hosts/);
    const staleRow = await page.locator('tr', { hasText: 'web1.sea' }).textContent();
    expect(staleRow).not.toContain('up to date');
    await expect.poll(() => page.getByTestId('patch-history').locator('.recharts-line').count()).toBe(2);
    await saveScreenshot(page, 'patches');
    await page.locator('a', { hasText: 'imap1.nj' }).first().click();
    await expect.poll(() => page.getByTestId('pending-updates').locator('tbody tr').count()).toBeGreaterThan(0);
    const firstKind = await page.getByTestId('pending-updates').locator('tbody tr').first().locator('td').nth(3).textContent();
    expect(firstKind).toBe('security');
    // The app's main panel scrolls by itself (a full-page shot does not): bring the table into view.
    await page.getByTestId('pending-updates').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'host-pending-updates');
  });

  test('a scan can be cancelled midway and says so; the hosts it did not finish keep their findings', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    await expect.poll(() => page.locator('table.findings tbody tr').count()).toBeGreaterThan(5);
    const before = await page.getByTestId('findings-count').textContent();
    await openByShortcut(ui, 'Alt+1', 'Fleet');
    await page.getByRole('button', { name: 'Scan fleet' }).click();
    await page.getByRole('button', { name: 'Cancel scan' }).click();
    await expect.poll(() => page.getByTestId('scan-outcome').textContent(), { timeout: 30_000 }).toMatch(/^cancelled:/);
    await openByShortcut(ui, 'Alt+2', 'Findings');
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe(before);
  });
});
