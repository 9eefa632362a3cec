// Firewall posture on the demo fleet, as an operator sees it: after a scan,
// Alt+5 opens the matrix of both sites side by side, where db1.nj's planted
// PostgreSQL-open-to-any is a cell beyond the baseline (symbol and words,
// not colour alone) and a finding; db1.nj's page names the rule that
// decides it and finds it in the rules table, which filters by text, port,
// action and chain; the raw ruleset opens as text in a dialog that Escape
// closes; imap1.nj compared with imap1.sea shows plain IMAP (tcp/143)
// blocked on one and open to any address on the other.
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { elementScreenshot, expectSitesSideBySide, openByShortcut, openRoute, useDemoUi } from '../support/demo-ui';

const ui = useDemoUi({ width: 1500, height: 900 }, {}, { scanned: true });

const heading = () => ui.page.locator('h1').textContent();
const focusedLabel = () => ui.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null);

describe.shuffle('Firewall on the scanned demo fleet', () => {
  test('Alt+5 opens the matrix: both sites side by side, db1.nj tcp/5432 beyond the baseline in symbol and words', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+5', 'Firewall');
    await expectSitesSideBySide(page.locator('section.matrix-site'), ['Bridgewater, NJ (nj, primary)', 'Seattle, WA (sea, secondary)']);
    // Both sites share the same columns, so a port reads across.
    const columns = (dc: string) =>
      page
        .getByTestId(`exposure-matrix-${dc}`)
        .locator('thead th[data-column]')
        .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-column')));
    expect(await columns('nj')).toEqual(await columns('sea'));
    expect(await columns('nj')).toEqual(['tcp/22', 'tcp/25', 'tcp/80', 'udp/123', 'tcp/143', 'tcp/443', 'tcp/465', 'tcp/587', 'tcp/993', 'tcp/5432']);

    const db = page.locator('[data-testid="exposure-matrix-nj"] tr[data-host="db1.nj"] td[data-column="tcp/5432"]');
    await expect.poll(() => db.getAttribute('data-conformance')).toBe('beyond-baseline');
    expect(await db.locator('[aria-hidden="true"]').textContent()).toBe('✗ any');
    expect(await db.getAttribute('aria-label')).toBe('db1.nj tcp/5432: beyond baseline, any address');
    expect(await db.getAttribute('title')).toMatch(
      /^db1\.nj tcp\/5432: IPv4 reachable from any address .* beyond baseline, the baseline allows 10\.10\.8\.0\/22, 10\.20\.8\.0\/22; decided by: tcp dport 5432 accept/,
    );
    const db2 = page.locator('tr[data-host="db2.nj"] td[data-column="tcp/5432"]');
    expect(await db2.getAttribute('data-conformance')).toBe('conforming');
    expect(await db2.locator('[aria-hidden="true"]').textContent()).toBe('✓ nets');
    // Not colour alone: the two cells differ in their text too.
    expect(await db.textContent()).not.toBe(await db2.textContent());

    expect(await page.locator('tr[data-host="imap1.sea"] td[data-column="tcp/143"]').getAttribute('data-conformance')).toBe('beyond-baseline');
    expect(await page.locator('tr[data-host="imap1.nj"] td[data-column="tcp/143"] [aria-hidden="true"]').textContent()).toBe('○ none');
    expect(await page.locator('tr[data-host="mx1.sea"] td.cell-unread').textContent()).toMatch(/^\? rules not readable: /);
    expect(await page.getByTestId('firewall-totals-nj').textContent()).toBe('1 of 12 hosts with a port beyond the baseline');
    expect(await page.getByTestId('firewall-totals-sea').textContent()).toBe('1 of 12 hosts with a port beyond the baseline, 1 not read');
    // Only 2 beyond-baseline cells in the whole fleet... per IP-merged cell: db1.nj 5432 and imap1.sea 143.
    const beyond = await page
      .locator('td[data-conformance="beyond-baseline"]')
      .evaluateAll((cells) => cells.map((cell) => `${cell.closest('tr')!.getAttribute('data-host')} ${cell.getAttribute('data-column')}`));
    expect(beyond.sort()).toEqual(['db1.nj tcp/5432', 'imap1.sea tcp/143']);
    await saveScreenshot(page, 'firewall-matrix');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'firewall-matrix-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('checkbox', { name: 'Only hosts beyond their baseline, undetermined or not read' }).check();
    await expect.poll(() => page.locator('table.exposure-matrix tr[data-host]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-host')))).toEqual(['db1.nj', 'imap1.sea', 'mx1.sea']);
    await page.getByRole('checkbox', { name: 'Only hosts beyond their baseline, undetermined or not read' }).uncheck();
  });

  test('the planted open PostgreSQL port is a finding, critical, naming the rule', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    const row = page.locator('tr[data-finding="firewall.port-beyond-baseline:db1.nj:tcp/5432"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.badge').first().textContent()).toBe('critical');
    expect(await row.textContent()).toContain('PostgreSQL (tcp/5432) (postgres) reachable from any address (IPv4 and IPv6); the db baseline allows it only from 10.10.8.0/22, 10.20.8.0/22');
    expect(await row.locator('pre.evidence').textContent()).toContain('tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"');
  });

  test("db1.nj's page: the exposure names the deciding rule, and 'Show rule' finds it in the rules table", async () => {
    const { page } = ui;
    await openRoute(ui, 'firewall');
    await page.locator('tr[data-host="db1.nj"] th a').click();
    await expect.poll(heading).toBe('db1.nj');
    const postgres = page.locator('table.exposure-list tr[data-port="tcp/5432"][data-family="ipv4"]');
    await expect.poll(() => postgres.count()).toBe(1);
    expect(await postgres.locator('td').allTextContents()).toEqual([
      'IPv4',
      '0.0.0.0 postgres',
      'any address',
      '10.10.8.0/22, 10.20.8.0/22',
      '✗ beyond baseline',
      'tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"Show rule',
    ]);
    expect(await page.locator('table.findings tr[data-finding="firewall.port-beyond-baseline:db1.nj:tcp/5432"]').count()).toBe(1);
    expect(await page.getByTestId('firewall-state').textContent()).toMatch(/^active — /);
    await saveScreenshot(page, 'firewall-host-db1-nj');
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('button', { name: 'Rules' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rules-heading');
    await postgres.getByRole('button', { name: /Show the rule deciding tcp\/5432 IPv4/ }).click();
    const highlighted = page.locator('table.rules-table tr.rule-highlight');
    await expect.poll(() => highlighted.count()).toBe(1);
    expect(await highlighted.locator('td').nth(3).textContent()).toBe('tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"');
    expect(await focusedLabel()).toBe('Rules, scrollable');
    await saveScreenshot(page, 'firewall-show-rule-db1-nj');
  });

  test('the rules table filters by text, port, action and chain; each control labelled and reached by Tab; each change measured', async () => {
    const { page } = ui;
    await openRoute(ui, 'firewall/db1.nj');
    await expect.poll(() => page.getByTestId('rules-count').textContent()).toMatch(/of \d+ rules/);
    const count = page.getByTestId('rules-count');
    const total = Number((await count.textContent())!.match(/of (\d+) rules/)![1]);
    expect(total).toBeGreaterThan(4);
    expect(await count.textContent()).toBe(`${total} of ${total} rules`);
    const texts = () => page.locator('table.rules-table tbody tr[data-rule] td:nth-child(4)').allTextContents();

    const text = page.getByRole('searchbox', { name: 'Filter rules by text' });
    await text.click();
    await page.keyboard.type('postgres');
    await expect.poll(() => count.textContent()).toBe(`1 of ${total} rules`);
    expect(await texts()).toEqual(['tcp dport 5432 accept comment "postgresql (temporary, for the replica migration)"']);
    await text.fill('');

    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Filter rules by destination port');
    await page.keyboard.type('22');
    await expect.poll(() => count.textContent()).toBe(`1 of ${total} rules`);
    expect(await texts()).toEqual(['tcp dport 22 ip saddr @mgmt_v4 accept comment "ssh from management"']);
    await page.keyboard.type('x');
    await expect.poll(() => count.textContent()).toBe('port must be a number from 0 to 65535');
    expect(await page.getByRole('textbox', { name: 'Filter rules by destination port' }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('textbox', { name: 'Filter rules by destination port' }).fill('');

    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Filter rules by action');
    await page.getByRole('combobox', { name: 'Filter rules by action' }).selectOption('drop');
    await expect.poll(async () => (await texts()).length).toBeGreaterThan(0);
    expect((await texts()).every((rule) => rule.includes('drop'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Filter rules by chain');
    await page.getByRole('combobox', { name: 'Filter rules by chain' }).selectOption('inet filter input');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Clear filters');
    await page.keyboard.press('Enter');
    await expect.poll(() => count.textContent()).toBe(`${total} of ${total} rules`);

    const measures = await page.evaluate(() => performance.getEntriesByName('rules-filter', 'measure').map((entry) => entry.duration));
    expect(measures.length).toBeGreaterThanOrEqual(6);
    expect(measures.every((duration) => duration > 0)).toBe(true);
    expect(await page.evaluate(() => performance.getEntriesByName('rules-table-render', 'measure').length)).toBeGreaterThan(0);
  });

  test('the raw ruleset is one click away, as text, and Escape closes it', async () => {
    const { page } = ui;
    await openRoute(ui, 'firewall/db1.nj');
    await page.getByRole('button', { name: 'Raw ruleset' }).click();
    const dialog = page.locator('dialog.raw-dialog');
    await expect.poll(() => dialog.evaluate((element: HTMLDialogElement) => element.open)).toBe(true);
    const raw = dialog.getByTestId('raw-text');
    await expect.poll(() => raw.textContent()).toContain('"nftables"');
    expect(await raw.textContent()).toContain('"dport"');
    // Host output is text: no element inside the <pre>.
    expect(await raw.evaluate((element) => element.childElementCount)).toBe(0);
    expect(await dialog.getByRole('button', { name: /^ss -H -tulpn/ }).count()).toBe(1);
    await dialog.getByRole('button', { name: /^ss -H -tulpn/ }).click();
    await expect.poll(() => raw.textContent()).toContain('0.0.0.0:5432');
    await dialog.getByRole('button', { name: /^nft -j list ruleset/ }).click();
    await dialog.getByRole('checkbox', { name: 'Indent the JSON' }).check();
    await expect.poll(() => raw.textContent()).toContain('\n  "nftables": [');
    await elementScreenshot(dialog, 'firewall-raw-ruleset');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((element: HTMLDialogElement) => element.open)).toBe(false);
  });

  test('imap1.nj against imap1.sea: the drift on tcp/143 in the diff, exposure and rules', async () => {
    const { page } = ui;
    await openRoute(ui, 'firewall/imap1.nj');
    await expect.poll(heading).toBe('imap1.nj');
    const select = page.getByRole('combobox', { name: 'Host to compare with' });
    await expect.poll(() => select.locator('option').first().textContent()).toBe('choose a host…');
    expect(await select.locator('option').nth(1).textContent()).toBe('imap1.sea (counterpart at the other site)');
    await select.selectOption('imap1.sea');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/firewall/imap1.nj/imap1.sea');
    const diff = page.getByTestId('host-diff');
    const imap = diff.locator('tr[data-port="tcp/143"][data-family="ipv4"]');
    await expect.poll(() => imap.count()).toBe(1);
    expect(await imap.getAttribute('data-differs')).toBe('true');
    const cells = await imap.locator('td').allTextContents();
    expect(cells[1]).toMatch(/^○ no baseline entry — nothing \(blocked\)policy drop of inet filter input$/);
    expect(cells[2]).toMatch(/^✗ beyond baseline — any addresstcp dport \{ 143, 993 \} accept comment "imap, imaps"$/);
    expect(cells[3]).toBe('≠ reach differs');
    // IMAPS is open to any address on both, through differently written rules: not a difference.
    expect(await diff.locator('tr[data-port="tcp/993"]').count()).toBe(0);
    await diff.getByRole('checkbox', { name: 'Show ports with the same exposure too' }).check();
    expect(await diff.locator('tr[data-port="tcp/993"][data-family="ipv4"]').getAttribute('data-differs')).toBe('false');
    expect(await page.getByTestId('rules-only-a').textContent()).toContain('tcp dport 993 accept comment "imaps"');
    expect(await page.getByTestId('rules-only-b').textContent()).toContain('tcp dport { 143, 993 } accept comment "imap, imaps"');
    await diff.scrollIntoViewIfNeeded();
    await elementScreenshot(page.locator('section.compare-section'), 'firewall-diff-imap1');
  });
});
