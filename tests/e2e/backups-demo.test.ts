// Backups on the demo fleet, as an operator sees it: after a scan, Alt+6
// opens both sites side by side (chart and the same figures as text), and
// the planted problems are in the host table. Restore tests run from the
// pages are in backups-actions.test.ts: they change what this file reads.
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { expectSitesSideBySide, NARROW_LAYOUTS, onOwnPage, openByShortcut, useDemoUi } from '../support/demo-ui';

const ui = useDemoUi({ width: 1500, height: 900 }, {}, { scanned: true });

describe.shuffle('Backups on the scanned demo fleet', () => {
  test('Alt+6 opens the backups of both sites side by side: charts drawn, and every figure also as text', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+6', 'Backups');
    await expectSitesSideBySide(page.locator('section.backup-card'), ['Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);
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

  for (const layout of NARROW_LAYOUTS) {
    test(`at ${layout.name} the backups page does not overflow sideways`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        await narrow.goto(`${ui.session.bridge.url}#/backups`);
        await expect.poll(() => narrow.locator('table.backup-hosts tbody tr').count()).toBe(16);
        await saveScreenshot(narrow, `backups-${layout.name}`);
        expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
      });
    });
  }
});
