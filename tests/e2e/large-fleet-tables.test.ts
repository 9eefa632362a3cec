// The host tables of Patch levels and Disk encryption on a fleet of 240
// hosts: past 200 rows they are windowed (only the rows in view are laid
// out, so 1,000 hosts open in well under half a second), yet every host can
// be reached by scrolling, with the keyboard as with the mouse, and rows of
// different heights keep their order with nothing left out.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../support/chromium';
import { NARROW_LAYOUTS, onOwnPage, openByShortcut, useDemoUi } from '../support/demo-ui';

const HOSTS = 240;
const ui = useDemoUi({ width: 1440, height: 900 }, { demoHosts: HOSTS }, { scanned: true });

/** Scrolls the table's region from top to bottom a screen at a time, collecting every host row seen, in order. */
async function hostsSeenScrolling(page: Page, region: string, table: string): Promise<{ seen: string[]; mostInDom: number }> {
  return page.evaluate(
    async ({ regionName, tableSelector }) => {
      const box = document.querySelector<HTMLElement>(`[role=region][aria-label="${regionName}"]`);
      if (!box) throw new Error(`no region "${regionName}"`);
      const seen: string[] = [];
      let mostInDom = 0;
      let stuck = 0;
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      box.scrollTop = 0;
      await frame();
      for (;;) {
        const rows = [...box.querySelectorAll<HTMLElement>(`${tableSelector} tbody tr[data-host]`)];
        mostInDom = Math.max(mostInDom, rows.length);
        for (const row of rows) if (!seen.includes(row.dataset.host!)) seen.push(row.dataset.host!);
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
        const before = box.scrollTop;
        box.scrollTop += Math.max(1, box.clientHeight / 2);
        await frame();
        // Rows measured on the way may move the position back a little; a region that will not scroll at all ends the
        // walk after a few tries, and the hosts not reached then fail the count, not the test's time limit.
        stuck = box.scrollTop <= before ? stuck + 1 : 0;
        if (stuck >= 5) break;
      }
      return { seen, mostInDom };
    },
    { regionName: region, tableSelector: table },
  );
}

describe.shuffle(`host tables of ${HOSTS} hosts`, () => {
  for (const layout of NARROW_LAYOUTS) {
    test(`at ${layout.name} the windowed tables keep a usable height, scroll in their boxes, and every host is reached`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        for (const [route, region, table] of [
          ['patches', `Patch level of ${HOSTS} hosts, scrollable`, 'table.patch-hosts'],
          ['encryption', `Encryption of ${HOSTS} hosts, scrollable`, 'table.encryption-hosts'],
        ] as const) {
          await narrow.goto(`${ui.session.bridge.url}#/${route}`);
          const box = narrow.getByRole('region', { name: region });
          await expect.poll(() => box.count()).toBe(1);
          const height = await box.evaluate((element) => element.clientHeight / window.innerHeight);
          expect(height, 'the region is at least half the window high').toBeGreaterThanOrEqual(0.5);
          expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
          const { seen } = await hostsSeenScrolling(narrow, region, table);
          expect(new Set(seen).size).toBe(HOSTS);
          await saveScreenshot(narrow, `large-fleet-${route}-${layout.name}`);
        }
      });
    });
  }

  test('Patch levels: windowed, every host reached by scrolling, the region scrolls with the keyboard', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+3', 'Patch levels');
    const region = `Patch level of ${HOSTS} hosts, scrollable`;
    await expect.poll(() => page.getByRole('region', { name: region }).count()).toBe(1);
    const { seen, mostInDom } = await hostsSeenScrolling(page, region, 'table.patch-hosts');
    expect(mostInDom, 'only the rows in view (and a few either side) are in the page').toBeLessThan(80);
    expect(seen).toHaveLength(HOSTS);
    expect(new Set(seen).size).toBe(HOSTS);
    // The keyboard: the region takes focus, and End brings the last host into view.
    await page.getByRole('region', { name: region }).focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator(`table.patch-hosts tr[data-host="${seen.at(-1)}"]`).isVisible()).toBe(true);
    await saveScreenshot(page, 'large-fleet-patch-levels');
  });

  test('Disk encryption: windowed, the worst host first, every host reached by scrolling', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+4', 'Disk encryption');
    const region = `Encryption of ${HOSTS} hosts, scrollable`;
    await expect.poll(() => page.getByRole('region', { name: region }).count()).toBe(1);
    const { seen, mostInDom } = await hostsSeenScrolling(page, region, 'table.encryption-hosts');
    expect(mostInDom).toBeLessThan(80);
    expect(seen).toHaveLength(HOSTS);
    expect(seen[0]).toBe('mx1.nj');
    expect(new Set(seen).size).toBe(HOSTS);
  });
});
