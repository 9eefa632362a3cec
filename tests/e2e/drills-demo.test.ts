// The drill schedule on the demo fleet, as a newcomer sees it: Alt+7 opens
// both sites side by side with what is overdue, due and next (site time and
// UTC), cadence per kind and site, and the next 12 months in site time, UTC
// and their own time zone.
import { expect, test, vi } from 'vitest';
import { saveScreenshot } from '../support/chromium';
import { elementScreenshot, openByShortcut, useDemoUi } from '../support/demo-ui';

// Starting the demo fleet and Chromium on a shared two-core machine can take longer than the default minute.
vi.setConfig({ hookTimeout: 240_000 });
const ui = useDemoUi();

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
  const agenda = page.getByTestId('drills-agenda').locator('tbody tr');
  // Quarterly bastion loss at both sites (4 + 4), quarterly readiness (4), half-yearly MX (2), monthly restore test (12 or 13).
  expect(await agenda.count()).toBeGreaterThanOrEqual(26);
  expect(await agenda.first().locator('td').nth(1).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \+00:00 UTC$/);
  await saveScreenshot(page, 'drills-schedule');
  await elementScreenshot(page.locator('div.sites'), 'drills-sites');
});
