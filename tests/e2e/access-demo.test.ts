// Access on the demo fleet, as an operator sees it: after a scan, Alt+a opens
// both sites side by side (figures in words and colour), the planted former
// employee's key on imap1.nj, a contractor's key inside a zone of cn1.nj,
// password logins on web1.sea and LogLevel INFO on db1.nj are findings with their Annex 2 section, and a key comment holding
// markup is shown as text. Screenshots at 1440, 1024 and 200 %.
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { expectSitesSideBySide, NARROW_LAYOUTS, onOwnPage, openByShortcut, openRoute, useDemoUi } from '../support/demo-ui';

const ui = useDemoUi({ width: 1440, height: 900 }, {}, { scanned: true });

describe.shuffle('Access on the scanned demo fleet', () => {
  test('Alt+a opens Access: both sites side by side, each figure in words and colour', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+a', 'Access');
    await expectSitesSideBySide(page.locator('[data-testid^="access-site-"]'), ['Bridgewater, NJ (primary)', 'Seattle, WA (secondary)']);
    expect(await page.getByTestId('access-not-staff-nj').textContent()).toBe('✗ 2 (unknown or former staff)');
    expect(await page.getByTestId('access-not-staff-sea').textContent()).toBe('✓ none');
    expect(await page.getByTestId('access-passwords-sea').textContent()).toBe('✗ on 1 host');
    expect(await page.getByTestId('access-passwords-nj').textContent()).toBe('✓ nowhere');
    expect(await page.getByTestId('access-loglevel-nj').textContent()).toBe('✗ on 1 host');
    const bad = page.getByTestId('access-passwords-sea').locator('span');
    const good = page.getByTestId('access-passwords-nj').locator('span');
    expect(await bad.evaluate((element) => getComputedStyle(element).color)).not.toBe(await good.evaluate((element) => getComputedStyle(element).color));
    await saveScreenshot(page, 'access-1440');
  });

  test('the host table puts the planted hosts first; clean hosts say so in words', async () => {
    const { page } = ui;
    await openRoute(ui, 'access');
    const rows = page.locator('table.access-hosts tbody tr');
    await expect.poll(() => rows.count()).toBe(24);
    expect(await rows.first().getAttribute('data-host')).toBe('imap1.nj');
    expect(await page.locator('tr[data-host="web1.sea"]').getByTestId('password-logins').textContent()).toBe('✗ allowed');
    expect(await page.locator('tr[data-host="db1.nj"]').getByTestId('log-level').textContent()).toBe('✗ INFO (key not logged)');
    expect(await page.locator('tr[data-host="imap2.nj"]').getByTestId('password-logins').textContent()).toBe('✓ refused');
    expect(await page.locator('tr[data-host="imap2.nj"]').getByTestId('finding-count').textContent()).toBe('0');
  });

  test("the former employee's key: first in the key list, its comment's markup shown as text, not rendered", async () => {
    const { page } = ui;
    await openRoute(ui, 'access');
    await expect.poll(() => page.locator('table.access-keys tbody tr').count()).toBeGreaterThan(0);
    const first = page.locator('table.access-keys tbody tr').first();
    expect(await first.locator('td').first().textContent()).toBe('imap1.nj');
    expect(await first.getByTestId('key-comment').textContent()).toBe('carol@old-laptop <b>"temp"</b>');
    expect(await first.getByTestId('key-comment').locator('b').count()).toBe(0);
    expect(await first.textContent()).toContain('Key of former staff member Carol Former can still log in as carol');
  });

  test("a SmartOS zone's keys are listed with their zone; the contractor's key in cn1.nj's zone is an unknown key there, and every zone was read", async () => {
    const { page } = ui;
    await openRoute(ui, 'access');
    const zoneKey = page.locator('table.access-keys tbody tr[data-zone]').filter({ hasText: 'deploy@contractor-ci' });
    await expect.poll(() => zoneKey.count()).toBe(1);
    const zone = (await zoneKey.getAttribute('data-zone'))!;
    expect(await zoneKey.locator('td').nth(1).textContent()).toBe(zone);
    expect(await zoneKey.textContent()).toContain(`Unknown SSH key can log in as root in zone ${zone}`);
    expect(await page.locator('tr[data-host="cn1.nj"]').getByTestId('zones-read').textContent()).toBe('✓ 4 of 4');
    expect(await page.locator('tr[data-host="imap2.nj"]').getByTestId('zones-read').textContent()).toBe('—');
    await zoneKey.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'access-zone-key');
  });

  test('the findings page lists the planted access problems with their Annex 2 section', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    const row = (id: string) => page.locator(`tr[data-finding="${id}"]`);
    await expect.poll(() => row('access.password-login:web1.sea').count()).toBe(1);
    const carol = page.locator('tr[data-finding^="access.former-staff-key:imap1.nj:carol:"]');
    expect(await carol.textContent()).toContain('§7 Physical data centre security');
    expect(await row('access.password-login:web1.sea').textContent()).toContain('§7');
    expect(await row('access.login-key-not-logged:db1.nj').textContent()).toContain('§8 Tracking and logging staff access');
    await saveScreenshot(page, 'access-findings');
  });

  for (const layout of NARROW_LAYOUTS) {
    test(`at ${layout.name} the page does not overflow sideways: the sites stack and the tables scroll in their boxes`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        await narrow.goto(`${ui.session.bridge.url}#/access`);
        await expect.poll(() => narrow.locator('table.access-hosts tbody tr').count()).toBe(24);
        expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
        await saveScreenshot(narrow, `access-${layout.name}`);
      });
    });
  }
});
