// The status page as a manager sees it on the demo fleet: Alt+0 opens one row
// per Annex 2 control with both sites side by side, status in words and
// colour, the trend chart drawn, the DR-readiness scorecard with the
// site-failover drill "not checked", the worst findings and the data age;
// at 1440, 1024 and 200 % zoom the page never overflows the window.
import { describe, expect, test } from 'vitest';
import { chromiumPdfPrinter } from '../../main/cli/chromium-pdf';
import { CHROMIUM_PATH, saveScreenshot } from '../support/chromium';
import { NARROW_LAYOUTS, onOwnPage, openByShortcut, useDemoUi } from '../support/demo-ui';

const VIEWPORT = { width: 1440, height: 900 };

describe('before any scan', () => {
  const ui = useDemoUi(VIEWPORT);
  test('before a scan the status page shows every scanned control "not checked", none holding', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+0', 'Status');
    const rows = page.locator('table.status-controls tbody tr');
    // Ten controls: §2 ×2, §5, §6, §7, §8, §9 ×2, §12, §15.
    await expect.poll(() => rows.count()).toBe(10);
    const firewall = page.locator('tr[data-control="necessaryCommunications"] [data-status]');
    expect(await firewall.evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-status')))).toEqual(['not-checked', 'not-checked']);
    expect(await page.getByTestId('newest-data-age').textContent()).toBe('none yet: scan the fleet');
  });
});

describe.shuffle('after a scan of the demo fleet', () => {
  const ui = useDemoUi(VIEWPORT, { printPdf: chromiumPdfPrinter(CHROMIUM_PATH) }, { scanned: true });
  test('after a scan: both sites side by side per control, the planted problems where they are', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+0', 'Status');
    await expect.poll(() => page.locator('tr[data-control="necessaryCommunications"] td[data-dc="nj"] [data-status]').getAttribute('data-status')).toBe('broken');
    expect(await page.locator('table.status-controls thead th').allTextContents()).toEqual(['Control', 'Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);
    const statusOf = (control: string, dc: string) => page.locator(`tr[data-control="${control}"] td[data-dc="${dc}"] [data-status]`).textContent();
    expect(await statusOf('onDiskEncryption', 'sea')).toBe('✗ broken');
    expect(await statusOf('onDiskEncryption', 'nj')).toBe('! at risk');
    expect(await statusOf('disasterRecoveryTesting', 'nj')).toBe('? not checked');
    // web1.nj keeps its nginx logs a year (§15); the SmartOS hosts' logadm is not read, so no site holds.
    expect(await statusOf('limitedRetention', 'nj')).toBe('! at risk');
    expect(await statusOf('limitedRetention', 'sea')).toBe('! at risk');
    // This browser session's engine has no keychain: the chain verifies but its MACs cannot be checked, so §8 is at risk, not holding.
    expect(await statusOf('staffAccessLogging', 'sea')).toBe('! at risk');
    expect(await page.locator('tr[data-control="staffAccessLogging"] td[data-dc="sea"] .status-reason').textContent()).toContain('chain intact, MACs not checked');
    // Two cells of one row sit at the same height: the sites are side by side.
    const cells = page.locator('tr[data-control="backupVerification"] td');
    const [a, b] = [(await cells.nth(0).boundingBox())!, (await cells.nth(1).boundingBox())!];
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);
    expect(b.x).toBeGreaterThan(a.x + a.width - 2);

    const chart = page.getByTestId('status-trend').locator('svg.trend-chart');
    expect(await chart.locator('g.trend-line').count()).toBe(2);
    expect(await chart.locator('g.trend-line circle').count()).toBe(2);
    expect(await page.getByTestId('dr-scorecard').locator('tr[data-item="site-failover-drill"]').textContent()).toContain('not checked');
    expect(await page.getByTestId('dr-scorecard').locator('tr[data-item="firewall-parity"]').textContent()).toContain('imap1.sea');
    expect(await page.getByTestId('worst-findings').locator('tbody tr').first().textContent()).toMatch(/^critical/);
    expect(await page.getByTestId('newest-data-age').textContent()).toMatch(/^\d+ min old$/);
    await saveScreenshot(page, 'status-1440');
  });

  test('the export button writes HTML, PDF, CSV and JSON and lists the files', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+0', 'Status');
    await page.getByRole('button', { name: 'Export report (HTML, PDF, CSV, JSON)' }).click();
    const files = page.getByTestId('export-files').locator('li');
    await expect.poll(() => files.count(), { timeout: 60_000 }).toBe(4);
    const names = (await files.allTextContents()).map((path) => path.split('/').pop());
    expect(names).toEqual(['report.html', 'report.pdf', 'findings.csv', 'report.json']);
    expect((await files.first().textContent())!.startsWith(ui.session.dataDir)).toBe(true);
  });

  for (const layout of NARROW_LAYOUTS) {
    test(`at ${layout.name} the status page fits the window (nothing wider than it)`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        await narrow.goto(`${ui.session.bridge.url}#/status`);
        await expect.poll(() => narrow.locator('table.status-controls tbody tr').count()).toBe(10);
        expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
        await saveScreenshot(narrow, `status-${layout.name}`);
      });
    });
  }
});
