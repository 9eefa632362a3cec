// Disk encryption on the demo fleet, as an operator sees it: after a scan,
// Alt+4 opens the coverage of both sites (chart and the same figures as
// text), the planted unencrypted /var/log of mx1.nj is a finding, and the
// host's device tree shows that layer unlocked while the rest sits on LUKS2.
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { elementScreenshot, expectSitesSideBySide, openByShortcut, openRoute, useDemoUi } from '../support/demo-ui';

const VIEWPORT = { width: 1500, height: 900 };
const ui = useDemoUi(VIEWPORT, {}, { scanned: true });

describe.shuffle('Disk encryption on the scanned demo fleet', () => {
  test('Alt+4 opens the coverage of both sites side by side: charts drawn, and every figure also as text', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+4', 'Disk encryption');
    await expectSitesSideBySide(page.locator('section.coverage-card'), ['Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);

    for (const dc of ['nj', 'sea']) {
      const card = page.getByTestId(`encryption-site-${dc}`);
      // Two stacked bars (data, hosts), each with at least the encrypted segment drawn.
      expect(await card.locator('figure.coverage-chart svg.recharts-surface').count()).toBe(1);
      expect(await card.locator('.recharts-bar-rectangle path').count()).toBeGreaterThanOrEqual(2);
      expect(await card.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).toEqual(['Data', 'Hosts']);
      expect(await page.getByTestId(`encryption-bytes-${dc}`).textContent()).toMatch(/^\d+\.\d TiB of \d+\.\d TiB of data encrypted \((\d+\.\d|> 99\.9) %\)$/);
    }
    expect(await page.getByTestId('encryption-hosts-nj').textContent()).toBe('11/12 hosts fully encrypted');
    expect(await page.getByTestId('encryption-hosts-sea').textContent()).toBe('12/12 hosts fully encrypted');
    // mx1.nj's log disk (sdb1: 480,103,981,056 bytes less the 2 MiB before the partition) is the only byte not encrypted.
    const nj = page.getByTestId('encryption-site-nj');
    expect(await nj.locator('tr[data-segment="logs"]').textContent()).toBe('Logs not encrypted (admitted exception)447.1 GiB11');
    expect(await nj.locator('tr[data-segment="unencrypted"] td').allTextContents()).toEqual(['0 B', '0', '0']);
    expect(await page.getByTestId('encryption-site-sea').locator('tr[data-segment="logs"] td').allTextContents()).toEqual(['0 B', '0', '0']);
    // Every volume reported its size (ZFS datasets through usedbydataset): no "without a size" note.
    expect(await nj.locator('.coverage-note').count()).toBe(0);
    await saveScreenshot(page, 'encryption-coverage');
  });

  test('the host table puts mx1.nj first, with its status in words and its one finding', async () => {
    const { page } = ui;
    await openRoute(ui, 'encryption');
    const rows = page.locator('table.encryption-hosts tbody tr');
    await expect.poll(() => rows.count()).toBe(24);
    const first = rows.first();
    expect(await first.getAttribute('data-host')).toBe('mx1.nj');
    expect(await first.locator('td').nth(0).textContent()).toBe('Bridgewater, NJ');
    expect(await first.locator('td').nth(1).textContent()).toBe('mx');
    expect(await first.locator('[data-lock]').textContent()).toBe('logs not encrypted (exception)');
    expect(await first.getByTestId('finding-count').textContent()).toBe('1 · 1 low');
    const clean = page.locator('tr[data-host="imap1.nj"]');
    expect(await clean.locator('[data-lock]').textContent()).toBe('fully encrypted');
    expect(await clean.getByTestId('finding-count').textContent()).toBe('0');
  });

  test('the planted unencrypted /var/log on mx1.nj is a finding', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    await expect.poll(() => page.locator('tr[data-finding="encryption.logs-unencrypted:mx1.nj"]').count()).toBe(1);
    const row = await page.locator('tr[data-finding="encryption.logs-unencrypted:mx1.nj"]').textContent();
    expect(row).toContain("Logs on an unencrypted volume (the provider's known, admitted exception): /var/log (sdb1)");
    // No clean host shows an encryption finding ("cipher not verified" was the demo's gap); informational ones are shown on request.
    await page.getByRole('checkbox', { name: /^Show informational \(\d+\)$/ }).check();
    const encryptionRows = await page.locator('tr[data-finding^="encryption."]').evaluateAll((found) => found.map((row) => row.getAttribute('data-finding')));
    expect(encryptionRows.sort()).toEqual(['encryption.crypt-details-unknown:mx1.sea', 'encryption.logs-unencrypted:mx1.nj']);
  });

  test("mx1.nj's device tree: /var/log on a plain partition, unlocked, and every other layer on LUKS2", async () => {
    const { page } = ui;
    await openRoute(ui, 'encryption');
    await page.locator('table.encryption-hosts a', { hasText: 'mx1.nj' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('mx1.nj');
    const tree = page.getByTestId('device-tree');
    await expect.poll(() => tree.locator('tbody tr').count()).toBeGreaterThan(8);
    const log = tree.locator('tr[data-node="sdb1"]');
    expect(await log.getAttribute('data-marker')).toBe('unencrypted');
    expect(await log.locator('[data-lock]').textContent()).toBe('not encrypted (logs: admitted exception)');
    expect(await log.locator('td').allTextContents()).toEqual(['not encrypted (logs: admitted exception)', '447.1 GiB', '/var/log', 'logs', 'no crypt layer between it and disk sdb']);
    expect(await log.locator('.visually-hidden').textContent()).toBe('in sdb: ');
    const crypt = tree.locator('tr[data-node="nvme0n1p3_crypt"]');
    expect(await crypt.locator('td').first().textContent()).toBe('encryptedLUKS2 aes-xts-plain64 512-bit');
    const root = tree.locator('tr[data-node="vg0-root"]');
    expect(await root.locator('.visually-hidden').textContent()).toBe('in nvme0n1 › nvme0n1p3 › nvme0n1p3_crypt: ');
    expect(await root.locator('td').allTextContents()).toEqual(['encrypted', '64.0 GiB', '/', 'data', 'on dm-crypt mapping nvme0n1p3_crypt (container nvme0n1p3)']);
    expect(await tree.locator('tr[data-node="nvme0n1p1"] [data-lock]').textContent()).toBe('not encrypted (exempt: boot)');
    await tree.scrollIntoViewIfNeeded();
    await elementScreenshot(page.locator('section[aria-labelledby="disk-encryption"]'), 'encryption-device-tree-mx1-nj');
  });

  test("a SmartOS node's tree is pool > dataset, with the boot filesystem exempt", async () => {
    const { page } = ui;
    await openRoute(ui, 'host/cn1.nj');
    await expect.poll(() => page.locator('h1').textContent()).toBe('cn1.nj');
    const tree = page.getByTestId('device-tree');
    await expect.poll(() => tree.locator('tr[data-node="zones"]').count()).toBe(2);
    expect(await tree.locator('tr[data-node="zones"]').first().textContent()).toMatch(/^pool zones.*built from raidz2-0 \(ONLINE\): c1t0d0/);
    expect(await tree.locator('tr[data-node="zones/boot"] [data-lock]').textContent()).toBe('not encrypted (exempt: boot)');
    // The cipher is shown where the key is (the encryption root); a child dataset says where it inherits from.
    expect(await tree.locator('tr[data-node="zones"]').nth(1).locator('td').first().textContent()).toBe('encryptedZFS aes-256-gcm 256-bit, key available');
    const archive = await tree.locator('tr[data-node="zones/archive"] td').allTextContents();
    expect(archive[1]).toMatch(/^\d+\.\d GiB$/);
    expect([archive[0], ...archive.slice(2)]).toEqual(['encrypted', '/zones/archive', 'data', 'ZFS aes-256-gcm (encryption root zones), keystatus available']);
    await page.setViewportSize({ width: VIEWPORT.width, height: 1400 });
    try {
      await elementScreenshot(page.locator('section[aria-labelledby="disk-encryption"]'), 'encryption-device-tree-cn1-nj');
    } finally {
      await page.setViewportSize(VIEWPORT);
    }
  });
});
