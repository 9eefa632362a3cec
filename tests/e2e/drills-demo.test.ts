// The drill schedule on the demo fleet, as a newcomer sees it: Alt+7 opens
// both sites side by side with what is overdue, due and next (site time and
// UTC), cadence per kind and site, and the next 12 months in site time, UTC
// and their own time zone.
import { describe, expect, test, vi } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { elementScreenshot, NARROW_LAYOUTS, onOwnPage, openByShortcut, useDemoUi } from '../support/demo-ui';

// Starting the demo fleet and Chromium on a shared two-core machine can take longer than the default minute.
vi.setConfig({ hookTimeout: 240_000 });
const ui = useDemoUi();

describe.shuffle('the drills page on the demo fleet', () => {
  test('Alt+7 opens the drills of both sites: Bridgewater bastion loss overdue, the restore test due, Seattle scheduled', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+7', 'Disaster-recovery drills');
    await expect.poll(() => page.getByTestId('drills-summary').textContent()).toMatch(/^1 overdue · [01] due · 5 plans$/);
    const sites = page.locator('section.site');
    expect(await sites.locator('h2').allTextContents()).toEqual(['Bridgewater, NJ', 'Seattle, WA']);
    const tops = await sites.evaluateAll((sections) => sections.map((section) => section.getBoundingClientRect().top));
    expect(Math.abs(tops[0]! - tops[1]!)).toBeLessThan(2);

    const overdue = page.locator('tr[data-plan="bastion-loss-nj"]');
    expect(await overdue.getAttribute('data-state')).toBe('overdue');
    expect(await overdue.locator('td').first().textContent()).toBe('✕ overdue');
    expect(await overdue.locator('td').nth(1).textContent()).toMatch(/^since \d{4}-\d\d-\d\d 10:00 -0[45]:00 America\/New_York$/);
    const sea = page.getByTestId('drills-site-sea');
    expect(await sea.locator('tr[data-plan]').count()).toBe(3);
    expect(await sea.locator('tr[data-plan="failover-readiness-sea"] td').last().textContent()).toMatch(/failed, RTO 65 min, 2 open actions$/);
    expect(await sea.locator('tr[data-plan="mx-failover-sea"] td').nth(1).textContent()).toMatch(/ 01:30 -0[78]:00 America\/Los_Angeles$/);

    const cadence = page.getByTestId('drills-cadence');
    expect(await cadence.locator('tr[data-compliant="false"] td:first-child').allTextContents()).toEqual(expect.arrayContaining(['bastion-loss', 'site-failover-readiness']));
    // The calendar shows the agenda unless another test left it on a month or a week.
    await page.getByRole('group', { name: 'Calendar view' }).getByRole('button', { name: 'Agenda' }).click();
    const agenda = page.getByTestId('drills-agenda').locator('tbody tr');
    // Quarterly bastion loss at both sites (4 + 4), quarterly readiness (4), half-yearly MX (2), monthly restore test (12 or 13).
    expect(await agenda.count()).toBeGreaterThanOrEqual(26);
    expect(await agenda.first().locator('td').nth(1).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \+00:00 UTC$/);
    await saveScreenshot(page, 'drills-schedule');
    await elementScreenshot(page.locator('div.sites'), 'drills-sites');
  });

  test('the calendar as a month and a week: both sites on the days they fall in your zone, the drills that ran and the overdue one on their days; moved by buttons from the keyboard', async () => {
    const { page } = ui;
    await openByShortcut(ui, 'Alt+7', 'Disaster-recovery drills');
    const views = page.getByRole('group', { name: 'Calendar view' });
    await views.getByRole('button', { name: 'Agenda' }).click();
    await expect.poll(() => views.getByRole('button', { name: 'Agenda' }).getAttribute('aria-pressed')).toBe('true');
    const agendaCount = await page.getByTestId('drills-agenda').locator('tbody tr').count();
    await views.getByRole('button', { name: 'Month' }).focus();
    await page.keyboard.press('Enter');
    const month = page.getByTestId('drill-month');
    await expect.poll(() => month.count()).toBe(1);
    // Every week row has seven days, Monday first; today's month is shown.
    expect(await month.locator('thead th').allTextContents()).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    const weeks = await month.locator('tbody tr').all();
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    for (const row of weeks) expect(await row.locator('td').count()).toBe(7);
    // Walk forward a year: every occurrence of the agenda lands in some month, on one day, with its site.
    let placed = 0;
    const sites = new Set<string>();
    let overdueSeen = 0;
    const ran = { passed: 0, failed: 0 };
    const next = page.getByRole('button', { name: 'Next month →' });
    const previous = page.getByRole('button', { name: '← Previous month' });
    for (let back = 0; back < 6; back++) await previous.click();
    for (let step = 0; step < 20; step++) {
      const entries = month.locator('td:not(.muted) li[data-plan]');
      placed += await month.locator('td:not(.muted) li[data-state="scheduled"]').count();
      ran.passed += await month.locator('td:not(.muted) li[data-state="passed"]').count();
      ran.failed += await month.locator('td:not(.muted) li[data-state="failed"]').count();
      overdueSeen += await month.locator('td:not(.muted) li[data-state="overdue"]').count();
      for (const site of await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-site')))) sites.add(site!);
      await next.click();
    }
    expect(placed).toBe(agendaCount);
    expect(overdueSeen).toBe(1);
    // The drills that ran in those months are on their days too, passed and failed, each with its lead.
    expect(ran.passed).toBeGreaterThan(0);
    expect(ran.failed).toBeGreaterThan(0);
    expect([...sites].sort()).toEqual(['nj', 'sea']);
    await page.getByRole('button', { name: 'Today' }).click();
    await next.click();
    await elementScreenshot(page.getByRole('region', { name: 'Drill calendar' }), 'drills-calendar-month');

    await views.getByRole('button', { name: 'Week' }).click();
    const week = page.getByTestId('drill-week');
    await expect.poll(() => week.count()).toBe(1);
    expect(await week.locator('thead th').count()).toBe(7);
    expect(await week.locator('thead th').first().textContent()).toMatch(/^Mon \d\d-\d\d$/);
    const firstWeek = await week.getAttribute('data-week');
    await page.getByRole('button', { name: 'Next week →' }).click();
    await expect.poll(() => week.getAttribute('data-week')).not.toBe(firstWeek);
    await elementScreenshot(page.getByRole('region', { name: 'Drill calendar' }), 'drills-calendar-week');
  });

  for (const layout of NARROW_LAYOUTS) {
    test(`at ${layout.name} the month view does not overflow sideways: the grid scrolls in its box`, async () => {
      await onOwnPage(ui, layout, async (narrow) => {
        await narrow.goto(`${ui.session.bridge.url}#/drills`);
        await narrow.getByRole('group', { name: 'Calendar view' }).getByRole('button', { name: 'Month' }).click();
        await expect.poll(() => narrow.getByTestId('drill-month').count()).toBe(1);
        expect(await narrow.locator('#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
        await narrow.getByTestId('drill-month').scrollIntoViewIfNeeded();
        await saveScreenshot(narrow, `drills-calendar-${layout.name}`);
      });
    });
  }
});
