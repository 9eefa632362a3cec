// Backups on the demo fleet, as an operator sees it: after a scan, Alt+6
// opens both sites side by side (chart and the same figures as text), the
// planted problems are in the host table, and a restore test of imap1.nj run
// from the page shows its progress and catches the silent corruption.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { scanDemoFleet, useDemoUi } from '../support/demo-ui';

const ui = useDemoUi();
let page: Page;
beforeAll(() => {
  page = ui.page;
});

test('a scan of both sites, host keys accepted', async () => {
  await scanDemoFleet(page);
});

test('Alt+6 opens the backups of both sites side by side: charts drawn, and every figure also as text', async () => {
  await page.keyboard.press('Alt+6');
  await expect.poll(() => page.locator('h1').textContent()).toBe('Backups');
  const cards = page.locator('section.backup-card');
  await expect.poll(() => cards.count()).toBe(2);
  expect(await cards.locator('h2').allTextContents()).toEqual(['Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);
  const tops = await cards.evaluateAll((sections) => sections.map((section) => section.getBoundingClientRect().top));
  expect(Math.abs(tops[0]! - tops[1]!)).toBeLessThan(2);
  for (const dc of ['nj', 'sea']) expect(await page.getByTestId(`backups-site-${dc}`).locator('figure.backup-chart svg.recharts-surface').count()).toBe(1);
  // nj: imap1, db1, backup1, imap2, db2 and cn1–cn3 (zfs-send to their sea counterparts) — db1.nj never restore-tested.
  // sea: backup1.sea stale (backup and restore test), cn1.sea's replica on cn1.nj lags 3 days.
  expect(await page.getByTestId('backups-rpo-nj').textContent()).toBe('8/8 within rpo');
  expect(await page.getByTestId('backups-restore-nj').textContent()).toBe('7/8 restore-tested');
  expect(await page.getByTestId('backups-rpo-sea').textContent()).toBe('6/8 within rpo');
  expect(await page.getByTestId('backups-restore-sea').textContent()).toBe('7/8 restore-tested');
  expect(await page.locator('tr[data-host="cn1.sea"]').textContent()).toMatch(/replica zones\/replica\/cn1\.sea on cn1\.nj lags 3 days behind \(RPO 24 h\)/);
  // Integrity coverage per site: a chart and the same figures as text (no check run yet: nothing verified).
  for (const dc of ['nj', 'sea']) {
    const coverage = page.getByTestId(`backups-site-${dc}`).locator('.integrity-coverage');
    expect(await coverage.locator('svg.recharts-surface').count()).toBe(1);
    expect(await coverage.getByTestId('integrity-coverage').locator('li').first().textContent()).toMatch(/^\S+ \((restic|borg)\): 0 % verified in 30 d; cycle 0\/8 parts, no full cycle yet$/);
  }
  expect(await page.locator('tr[data-host="db1.sea"]').textContent()).toMatch(/repository is not encrypted \(borg encryption mode none\)/);
  expect(await page.locator('tr[data-host="imap1.sea"]').textContent()).toMatch(/repository is in the host's own datacentre \(sea\)/);
  expect(await page.locator('tr[data-host="imap1.nj"] td').nth(5).textContent()).toBe('—');
  await saveScreenshot(page, 'backups-sites');
});

for (const layout of [
  { name: '1024', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1 },
  // 1440×900 at 200 % zoom: half as many CSS pixels, each drawn twice.
  { name: 'zoom200', viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 },
]) {
  test(`at ${layout.name} the backups page does not overflow sideways`, async () => {
    const browser = page.context().browser() as Browser;
    const context = await browser.newContext({ viewport: layout.viewport, deviceScaleFactor: layout.deviceScaleFactor });
    await context.addCookies(await page.context().cookies());
    const narrow = await context.newPage();
    try {
      await narrow.goto(`${ui.session.bridge.url}#/backups`);
      await expect.poll(() => narrow.locator('table.backup-hosts tbody tr').count()).toBe(16);
      await saveScreenshot(narrow, `backups-${layout.name}`);
      expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
}

test('a restore test of imap1.nj from the page: progress, then the mismatched file with both hashes', async () => {
  await page.getByTestId('restore-test-imap1.nj').click();
  await expect.poll(() => page.getByTestId('restore-run').isVisible()).toBe(true);
  const evidence = page.getByTestId('restore-evidence');
  await expect.poll(() => evidence.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('failed');
  expect(await page.getByTestId('restore-counts').textContent()).toMatch(/1 mismatched/);
  const mismatched = evidence.locator('tr[data-class="mismatched"] td');
  expect(await mismatched.count()).toBe(4);
  const [, restored, live] = await mismatched.allTextContents();
  expect(restored).toMatch(/^[0-9a-f]{16}$/);
  expect(live).not.toBe(restored);
  await expect.poll(() => page.locator('tr[data-host="imap1.nj"] [data-testid="last-test"]').textContent()).toMatch(/^failed .* \(OpsDeck\)$/);
  await page.getByTestId('restore-run').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'backups-restore-test');
  expect(ui.pageErrors).toEqual([]);
});

test('the host page of db1.sea (borg): snapshot timeline with the RPO line, a restore test run by keyboard, and its evidence in the history', async () => {
  await page.goto(`${ui.session.bridge.url}#/host/db1.sea`);
  const section = page.getByTestId('host-backups');
  await expect.poll(() => section.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await section.locator('figure.snapshot-timeline svg text').first().textContent()).toBe('RPO 24 h');
  // The newest 14 of its 17 archives (14 daily backups, 3 restore-test records).
  expect(await section.locator('ol.snapshot-times li').count()).toBe(14);
  await page.getByTestId('host-restore-test').focus();
  await page.keyboard.press('Enter');
  const evidence = section.getByTestId('restore-evidence').first();
  await expect.poll(() => evidence.getAttribute('data-outcome'), { timeout: 30_000 }).toBe('passed');
  await expect.poll(() => section.getByTestId('restore-history-entry').count()).toBe(1);
  await section.getByTestId('restore-history-entry').locator('summary').click();
  expect(await section.locator('table.restore-commands tbody tr').count()).toBe(3);
  await saveScreenshot(page, 'backups-host-db1-sea');
  expect(ui.pageErrors).toEqual([]);
});
