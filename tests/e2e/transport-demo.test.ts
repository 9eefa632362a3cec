// Transport (§5) on the demo fleet, as an operator sees it: after a scan,
// Alt+t opens both sites side by side (figures in words and colour); the
// planted problems — mx1.sea's certificate expiring in 12 days, TLS 1.0 on
// imap1.nj's POP3S — are named on their site's card, first in the service
// table, and findings on §5. Screenshots at 1440, 1024 and 200 %.
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { expectSitesSideBySide, NARROW_LAYOUTS, onOwnPage, openByShortcut, openRoute, useDemoUi } from '../support/demo-ui';

const ui = useDemoUi({ width: 1440, height: 900 }, {}, { scanned: true });

describe.shuffle('Transport on the scanned demo fleet', () => {
  test('Alt+t opens Transport: both sites side by side, the planted problems on their site, in words and colour', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+t', 'Transport');
    await expectSitesSideBySide(page.locator('[data-testid^="transport-site-"]'), ['Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);
    expect(await page.getByTestId('transport-old-nj').textContent()).toBe('✗ 1 service');
    expect(await page.getByTestId('transport-old-sea').textContent()).toBe('✓ nowhere');
    expect(await page.getByTestId('transport-expiring-sea').textContent()).toBe('✗ 3 services');
    expect(await page.getByTestId('transport-expiring-nj').textContent()).toBe('✓ none');
    expect(await page.getByTestId('transport-soonest-sea').textContent()).toMatch(/^in 1[12] days \(mx1\.sea (smtp 25|submission 587|smtps 465)\)$/);
    const bad = page.getByTestId('transport-old-nj').locator('span');
    const good = page.getByTestId('transport-old-sea').locator('span');
    expect(await bad.evaluate((element) => getComputedStyle(element).color)).not.toBe(await good.evaluate((element) => getComputedStyle(element).color));
    await saveScreenshot(page, 'transport-1440');
  });

  test('the service table puts the planted services first; healthy ones say so in words', async () => {
    const { page } = ui;
    await openRoute(ui, 'transport');
    const rows = page.locator('table.transport-services tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    const planted = await rows.evaluateAll((all) => all.slice(0, 4).map((row) => `${row.getAttribute('data-host')} ${row.getAttribute('data-service')}`));
    expect(planted).toContain('imap1.nj pop3s 995');
    expect(planted.filter((entry) => entry.startsWith('mx1.sea ')).length).toBeGreaterThanOrEqual(3);
    const pop = page.locator('tr[data-host="imap1.nj"][data-service="pop3s 995"]');
    expect(await pop.getByTestId('old-versions').textContent()).toBe('✗ TLSv1, TLSv1.1 accepted');
    const imaps = page.locator('tr[data-host="imap1.nj"][data-service="imaps 993"]');
    expect(await imaps.getByTestId('old-versions').textContent()).toBe('✓ refused');
    expect(await page.locator('tr[data-host="mx1.sea"][data-service="smtps 465"]').getByTestId('certificate-expiry').textContent()).toMatch(/^✗ in 1[12] days \(\d{4}-\d\d-\d\d\)$/);
    expect(await page.locator('tr[data-host="mx1.nj"][data-service="smtps 465"]').getByTestId('certificate-expiry').textContent()).toMatch(/^✓ in 7[01] days/);
  });

  test('the planted transport problems are §5 findings on the page and on the Findings page', async () => {
    const { page } = ui;
    await openRoute(ui, 'transport');
    await expect.poll(() => page.locator('table.findings tbody tr').count()).toBeGreaterThan(0);
    const texts = await page.locator('table.findings tbody tr').allTextContents();
    expect(texts.some((text) => text.includes('imap1.nj') && text.includes('pop3s/995'))).toBe(true);
    expect(texts.some((text) => text.includes('mx1.sea') && /expires/i.test(text))).toBe(true);
    await openByShortcut(ui, 'Alt+2', 'Findings');
    const old = page.locator('tr[data-finding="transport.old-protocol:imap1.nj:pop3s/995"]');
    await expect.poll(() => old.count()).toBe(1);
    expect(await old.textContent()).toContain('§5 Protection of data during transmission');
  });

  for (const layout of NARROW_LAYOUTS) {
    test(`at ${layout.name} the page does not overflow sideways: the sites stack and the table scrolls in its box`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        await narrow.goto(`${ui.session.bridge.url}#/transport`);
        await expect.poll(() => narrow.locator('table.transport-services tbody tr').count()).toBeGreaterThan(10);
        expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
        await saveScreenshot(narrow, `transport-${layout.name}`);
      });
    });
  }
});
