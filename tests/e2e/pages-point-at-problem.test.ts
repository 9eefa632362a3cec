// Issue 13, items 8–15: after a scan of the demo fleet, each page points at
// the problem. Fleet: worst finding and count per host, problem hosts first,
// the Scan column inside its panel, dated last scans. Findings: legend worst
// first, informational hidden until asked, evidence whole, advisory links,
// Annex 2 explained, grouped by host, CSV. Patch levels: graded against the
// SLA, dated trend. Compare: each site's own management network is not a
// difference. Audit: the command, filters, paging beyond 200, CSV, anchor.
// Settings: role policies and the way back to the demo fleet. Host page:
// rescan, history with what changed, raw outputs collapsed. Narrow windows
// and 200 % zoom: the sidebar folds, wide tables scroll inside their box
// (never the page), the firewall sites stack; "?" lists every shortcut.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { verifyAuditLog } from '../../main/engine/audit/verify-audit-log';
import { saveScreenshot } from '../support/chromium';
import { NARROW_LAYOUTS, onOwnPage, openByShortcut, openRoute, useDemoUi } from '../support/demo-ui';

const VIEWPORT = { width: 1440, height: 900 };
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

async function downloadedText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe.shuffle('the pages of a scanned demo fleet', () => {
  const ui = useDemoUi(VIEWPORT, {}, { scanned: true });
  const heading = () => ui.page.locator('h1').first().textContent();

  test('8 fleet: worst finding and count per host, problem hosts first in each role, Scan inside the panel, dated last scan', async () => {
    const { page } = ui;
    await openRoute(ui);
    const site = page.locator('section.site[data-site="nj"]');
    await expect.poll(() => site.locator('tr.host-row').count()).toBe(12);
    const dbRow = site.locator('tr[data-host="db1.nj"]');
    // db1.nj has the planted PostgreSQL port open to any address: a critical finding.
    await expect.poll(() => dbRow.getByTestId('host-findings').textContent()).toMatch(/^critical \d+$/);
    expect(await dbRow.locator('td.when').textContent()).toMatch(DATE_TIME);
    const ranks = await site
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row.classList.contains('role-row') ? 'role' : (row.querySelector('[data-testid=host-findings] .badge')?.textContent ?? 'none'))));
    const order = ['critical', 'high', 'medium', 'low', 'none'];
    let previous = -1;
    for (const rank of ranks) {
      if (rank === 'role') previous = -1;
      else {
        const index = order.indexOf(rank === 'info' ? 'none' : rank);
        expect(index).toBeGreaterThanOrEqual(previous);
        previous = index;
      }
    }
    for (const dc of ['nj', 'sea']) {
      const scroller = page.locator(`section.site[data-site="${dc}"] .site-scroll`);
      const overflow = await scroller.evaluate((element) => element.scrollWidth - element.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const box = (await scroller.boundingBox())!;
      const buttons = await page.locator(`section.site[data-site="${dc}"] button[aria-label^="Scan "]`).evaluateAll((list) => list.map((button) => button.getBoundingClientRect().right));
      expect(buttons.length).toBe(12);
      for (const right of buttons) expect(right).toBeLessThanOrEqual(box.x + box.width);
    }
    await page.getByRole('checkbox', { name: 'Problem hosts first' }).uncheck();
    const byName = await site.locator('tr.host-row[data-host^="db"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-host')));
    expect(byName).toEqual([...byName].sort());
    await page.getByRole('checkbox', { name: 'Problem hosts first' }).check();
    await saveScreenshot(page, 'pages-fleet-1440');
  });

  test('9 findings: legend worst first, informational hidden with a count, evidence whole, links, Annex 2 explained, grouped, CSV', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    await expect.poll(() => page.locator('table.findings tbody tr').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('severity-legend').locator('li').allTextContents()).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    const [shown, total] = (await page.getByTestId('findings-count').textContent())!.split(' of ').map(Number);
    const infoToggle = page.getByRole('checkbox', { name: /^Show informational \(\d+\)$/ });
    const infoCount = Number(/\((\d+)\)/.exec((await infoToggle.locator('xpath=..').textContent())!)![1]);
    expect(infoCount).toBeGreaterThan(0);
    expect(shown! + infoCount).toBe(total);
    expect(await page.locator('table.findings .severity-info').count()).toBe(0);
    // Evidence is never cut off: no evidence block scrolls or clips inside itself.
    const clipped = await page
      .locator('pre.evidence')
      .evaluateAll((blocks) => blocks.filter((block) => block.scrollHeight > block.clientHeight + 1 || block.scrollWidth > block.clientWidth + 1).length);
    expect(clipped).toBe(0);
    expect(await page.locator('.annex-section').first().textContent()).toMatch(/^Annex 2 §\d+ [A-Z]/);
    expect(await page.locator('table.findings .annex-section', { hasText: 'Annex 2 §9 Secure configuration of our software and systems' }).count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'pages-findings-1440');
    await infoToggle.check();
    await expect.poll(() => page.getByTestId('findings-count').textContent()).toBe(`${total} of ${total}`);
    const advisory = page.locator('a.advisory-link').first();
    await expect.poll(() => advisory.count()).toBe(1);
    expect(await advisory.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await advisory.getAttribute('target')).toBe('_blank');
    await infoToggle.uncheck();
    await page.getByRole('checkbox', { name: 'Group by host' }).check();
    const groups = await page.locator('tr.host-group').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-group')));
    expect(groups.length).toBeGreaterThan(1);
    expect(new Set(groups).size).toBe(groups.length);
    const csv = await downloadedText(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/^opsdeck-findings-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('severity,host,site,area,title,detail,control,annex section,evidence');
    expect(csv.text).toContain('db1.nj');
    expect(csv.text).not.toMatch(/(^|,)info,/m);
    await page.getByRole('checkbox', { name: 'Group by host' }).uncheck();
  });

  test("10 patch levels: graded against each role's SLA, pending-for and SLA columns, a dated trend", async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+3', 'Patch levels');
    const table = page.getByTestId('patch-hosts');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(24);
    expect(await table.locator('thead th').allTextContents()).toEqual(['Host', 'State', 'Security pending', 'Other pending', 'Pending for', 'SLA', 'Reboot', 'Kernel / platform', 'Index age']);
    const rows = await table.locator('tbody tr').evaluateAll((list) =>
      list.map((row) => {
        const cells = [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
        return { host: cells[0]!, grade: row.querySelector('[data-testid=patch-grade]')?.textContent ?? '', security: Number(cells[2]), sla: cells[5]! };
      }),
    );
    // A host with no security update pending is never behind, whatever else is pending.
    const noSecurity = rows.filter((row) => row.security === 0);
    expect(noSecurity.length, 'the demo has hosts with no security update pending').toBeGreaterThan(0);
    for (const row of noSecurity) expect(row.grade).not.toMatch(/behind/);
    expect(rows.find((row) => row.host === 'db1.nj')!.sla).toBe('3 d');
    expect(rows.find((row) => row.host === 'imap1.nj')!.sla).toBe('24 h');
    expect(rows.find((row) => row.host === 'web1.sea')!.grade).toBe('? unknown');
    // recharts draws tick labels in a layer of their own: the y-axis ticks are counts, every other one is a scan's time.
    const tickTexts = page.getByTestId('patch-history').locator('.recharts-cartesian-axis-tick-value');
    await expect.poll(async () => (await tickTexts.allTextContents()).filter((text) => !/^\d+$/.test(text)).length).toBeGreaterThan(0);
    const ticks = (await tickTexts.allTextContents()).filter((text) => !/^\d+$/.test(text));
    for (const tick of ticks) expect(tick).toMatch(/^(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}$/);
    expect(await page.getByTestId('patch-history').textContent()).toMatch(/scan (time, \d{4}-\d{2}-\d{2}|date and time)/);
    await saveScreenshot(page, 'pages-patches-1440');
  });

  test("11 compare: ssh open to each site's own management network is not a difference", async () => {
    const { page } = ui;
    await openRoute(ui, 'firewall/imap1.nj/imap1.sea');
    const diff = page.getByTestId('host-diff');
    await expect.poll(() => diff.count()).toBe(1);
    await diff.getByRole('checkbox', { name: 'Show ports with the same exposure too' }).check();
    const ssh = diff.locator('tr[data-port="tcp/22"][data-family="ipv4"]');
    await expect.poll(() => ssh.count()).toBe(1);
    expect(await ssh.getAttribute('data-differs')).toBe('false');
    expect(await ssh.locator('td').last().textContent()).toBe("= same (each site's own mgmt)");
    const cells = await ssh.locator('td').allTextContents();
    expect(cells[1]).toContain('10.10.0.0/24');
    expect(cells[2]).toContain('10.20.0.0/24');
    expect(await page.getByTestId('diff-summary').textContent()).toMatch(/differ only by each site's own copy of a network/);
    expect(await diff.locator('tr[data-port="tcp/143"][data-family="ipv4"]').getAttribute('data-differs')).toBe('true');
    await diff.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'pages-compare-1440');
  });

  test('12 audit: the command that ran, filters, paging beyond 200, CSV, and the anchor as the CLI prints it', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+8', 'Audit log');
    await expect.poll(() => page.getByTestId('audit-range').textContent()).toMatch(/^entries 1–200 of \d+, newest first$/);
    const total = Number(/of (\d+)/.exec((await page.getByTestId('audit-range').textContent())!)![1]);
    expect(total).toBeGreaterThan(400);
    const ends = page.locator('table.audit-table tbody tr', { has: page.locator('td:text-is("command.end")') });
    expect(await ends.first().locator('td.audit-command').textContent()).toMatch(/^(sudo -n )?env LC_ALL=C /);
    await page.getByRole('button', { name: 'Older →' }).click();
    await expect.poll(() => page.getByTestId('audit-range').textContent()).toBe(`entries 201–400 of ${total}, newest first`);
    await page.getByRole('button', { name: '← Newer' }).click();
    await page.getByRole('searchbox', { name: 'Host' }).fill('db1.sea');
    await page.getByRole('searchbox', { name: 'Command' }).fill('nft');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.getByTestId('audit-range').textContent()).toMatch(/^entries 1–\d+ of \d+/);
    const hosts = await page.locator('table.audit-table tbody tr td:nth-child(5)').allTextContents();
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set(['db1.sea']));
    for (const command of await page.locator('td.audit-command').allTextContents()) expect(command).toContain('nft');
    const csv = await downloadedText(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.text.trim().split('\r\n')).toHaveLength(hosts.length + 1);
    expect(csv.text.split('\r\n')[0]).toBe('seq,at,operator,kind,host,command,details');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('textbox', { name: 'From' }).fill('12/04/2026');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.locator('form[role=search] .error').textContent()).toMatch(/YYYY-MM-DD HH:MM/);
    await page.getByRole('textbox', { name: 'From' }).fill('2999-01-01 00:00');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.getByTestId('audit-range').textContent()).toBe('no entries');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.getByTestId('audit-range').textContent()).toBe(`entries 1–200 of ${total}, newest first`);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByTestId('audit-anchor').textContent()).toMatch(/^--anchor \d+:[0-9a-f]{64}$/);
    const verified = verifyAuditLog(await readFile(ui.session.engine.auditPath, 'utf8'));
    expect(verified.ok).toBe(true);
    const anchor = (await page.getByTestId('audit-anchor').textContent())!;
    const [seq, hash] = anchor.replace('--anchor ', '').split(':');
    expect(Number(seq)).toBeLessThanOrEqual(verified.entries);
    // The anchor the page shows is a real chain head of this log: checked against it, the log verifies.
    const text = await readFile(ui.session.engine.auditPath, 'utf8');
    expect(verifyAuditLog(text, { anchor: { seq: Number(seq), hash: hash! } }).ok).toBe(true);
    expect(verifyAuditLog(text, { anchor: { seq: Number(seq), hash: '0'.repeat(64) } }).ok).toBe(false);
    await saveScreenshot(page, 'pages-audit-1440');
  });

  test('14 host page: raw outputs collapsed, rescan this host, history says what changed since the previous scan', async () => {
    const { page } = ui;
    await openRoute(ui, 'host/web1.nj');
    await expect.poll(heading).toBe('web1.nj');
    const outputs = page.locator('details.raw-output-details');
    await expect.poll(() => outputs.count()).toBeGreaterThan(3);
    expect(await page.locator('details.raw-output-details[open]').count()).toBe(0);
    expect(await page.locator('section.raw-output pre').first().isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('host-history').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('host-history').locator('tbody tr').first().textContent()).toContain('first recorded scan');
    await page.getByRole('button', { name: 'Rescan this host' }).click();
    await expect.poll(() => page.getByTestId('host-history').locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    const newest = page.getByTestId('host-history').locator('tbody tr').first();
    expect(await newest.locator('td').first().textContent()).toMatch(DATE_TIME);
    expect(await newest.locator('td.history-changes').textContent()).toMatch(/no change|→|\+|−/);
    await expect.poll(() => page.getByRole('button', { name: 'Rescan this host' }).isEnabled()).toBe(true);
    await outputs.first().locator('summary').click();
    expect(await page.locator('section.raw-output pre').first().isVisible()).toBe(true);
    await saveScreenshot(page, 'pages-host-1440');
  });

  test('15 "?" opens the shortcut help: every shortcut, the navigation\'s included; focus stays inside; Esc closes; not while typing', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+2', 'Findings');
    await page.getByRole('searchbox', { name: 'Filter' }).fill('?');
    expect(await page.locator('dialog.shortcut-dialog[open]').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const dialog = page.locator('dialog.shortcut-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const keys = await dialog.locator('tbody kbd').allTextContents();
    const navKeys = (await page.locator('nav[aria-label="Main"] a kbd').allTextContents()).map((text) => text.trim());
    expect(navKeys.length).toBeGreaterThanOrEqual(7);
    for (const key of [...navKeys, 'Alt+M', '?', 'Esc']) expect(keys).toContain(key);
    for (let press = 0; press < 6; press++) {
      await page.keyboard.press(press % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog.shortcut-dialog')))).toBe(true);
    }
    await saveScreenshot(page, 'pages-shortcut-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  for (const layout of NARROW_LAYOUTS) {
    test(`15 at ${layout.name}: the sidebar is folded, the findings table and the firewall matrix scroll inside their boxes, the sites stack`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        await narrow.goto(`${ui.session.bridge.url}#/findings`);
        await expect.poll(() => narrow.locator('table.findings tbody tr').count()).toBeGreaterThan(3);
        const navWidth = async () => (await narrow.locator('nav[aria-label="Main"]').boundingBox())!.width;
        expect(await navWidth()).toBeLessThan(80);
        const pageOverflow = () => narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth);
        expect(await pageOverflow()).toBeLessThanOrEqual(0);
        const wrapper = narrow.getByTestId('findings-scroll');
        expect(await wrapper.evaluate((element) => getComputedStyle(element).overflowX)).toBe('auto');
        const tableBox = (await wrapper.boundingBox())!;
        expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(layout.viewport.width);
        await saveScreenshot(narrow, `pages-findings-${layout.name}`);
        await narrow.keyboard.press('Alt+M');
        await expect.poll(navWidth).toBeGreaterThan(150);
        expect(await pageOverflow()).toBeLessThanOrEqual(0);
        await narrow.keyboard.press('Alt+M');
        await expect.poll(navWidth).toBeLessThan(80);

        await narrow.keyboard.press('Alt+5');
        const sites = narrow.locator('section.matrix-site');
        await expect.poll(() => sites.count()).toBe(2);
        await expect.poll(() => narrow.locator('table.exposure-matrix tbody tr').count()).toBeGreaterThan(4);
        const [first, second] = [(await sites.nth(0).boundingBox())!, (await sites.nth(1).boundingBox())!];
        expect(second.y).toBeGreaterThanOrEqual(first.y + first.height - 1);
        expect(Math.abs(second.x - first.x)).toBeLessThan(2);
        expect(await pageOverflow()).toBeLessThanOrEqual(0);
        for (const scroller of await narrow.locator('.matrix-scroll').all()) {
          const box = (await scroller.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(layout.viewport.width);
        }
        await saveScreenshot(narrow, `pages-firewall-${layout.name}`);
        await narrow.keyboard.press('Alt+1');
        await expect.poll(() => narrow.locator('section.site tr.host-row').count()).toBeGreaterThan(4);
        expect(await pageOverflow()).toBeLessThanOrEqual(0);
        for (const dc of ['nj', 'sea']) {
          const scroller = narrow.locator(`section.site[data-site="${dc}"] .site-scroll`);
          expect(await scroller.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
        }
        await saveScreenshot(narrow, `pages-fleet-${layout.name}`);
      });
    });
  }
});

// Loading another inventory changes the fleet for every test after it: on an engine of its own.
describe('settings, on an engine of its own', () => {
  const ui = useDemoUi(VIEWPORT);
  test("13 settings: the roles' policies readable, and a way back to the demo fleet after loading an inventory", async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+9', 'Settings');
    const policies = page.getByTestId('role-policies');
    await expect.poll(() => policies.locator('tbody tr').count()).toBe(6);
    const db = await policies.locator('tr[data-role="db"]').locator('th, td').allTextContents();
    expect(db[0]).toBe('db');
    expect(db[2]).toContain('tcp/5432 from 10.10.8.0/22, 10.20.8.0/22');
    expect(db.slice(3)).toEqual(['3 d', '24 h', '30 d', '90 d']);
    await saveScreenshot(page, 'pages-settings-1440');
    expect(await page.getByRole('button', { name: 'Use the demo fleet (simulated)' }).count()).toBe(0);
    const inventory = join(ui.session.dataDir, 'one-host.yaml');
    await writeFile(
      inventory,
      'datacentres:\n  - { id: lab, name: Lab, role: primary }\ndefaults: { user: ops }\nroles:\n  mail: { patch_sla_hours: 8 }\nhosts:\n  - { name: mail1.lab, address: 192.0.2.10, os: debian, dc: lab, roles: [mail] }\n',
    );
    await page.getByLabel('Inventory file').fill(inventory);
    await page.getByRole('button', { name: 'Load inventory' }).click();
    await expect.poll(() => page.getByTestId('fleet-label').textContent()).toBe('one-host.yaml');
    await expect.poll(() => policies.locator('tbody tr').count()).toBe(1);
    expect(await policies.locator('tr[data-role="mail"] td').nth(2).textContent()).toBe('8 h');
    await page.getByRole('button', { name: 'Use the demo fleet (simulated)' }).click();
    await expect.poll(() => page.getByTestId('fleet-label').textContent()).toBe('Demo fleet (simulated)');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Back on the demo fleet' }).count()).toBe(1);
    const settings = JSON.parse(await readFile(join(ui.session.dataDir, 'settings.json'), 'utf8')) as { inventoryPath: string | null };
    expect(settings.inventoryPath).toBeNull();
  });
});
