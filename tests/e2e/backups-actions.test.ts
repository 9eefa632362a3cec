// Restore tests run from the pages of the scanned demo fleet: from the
// Backups page, imap1.nj's shows its progress and catches the planted silent
// corruption; from db1.sea's host page (borg), one started by keyboard passes
// and its evidence joins the host's restore-test history.
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { openRoute, useDemoUi } from '../support/demo-ui';

const ui = useDemoUi({ width: 1500, height: 900 }, {}, { scanned: true });

describe.shuffle('restore tests from the pages', () => {
  test('a restore test of imap1.nj from the page: progress, then the mismatched file with both hashes', async () => {
    const { page } = ui;
    await openRoute(ui, 'backups');
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
  });

  test('the host page of db1.sea (borg): snapshot timeline with the RPO line, a restore test run by keyboard, and its evidence in the history', async () => {
    const { page } = ui;
    await openRoute(ui, 'host/db1.sea');
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
  });
});
