// The drills.* handlers as the app calls them: plans read from drills.yaml
// next to the inventory on every call, a broken edit listed as problems while
// the last good plans stay on screen, the demo plans on the demo fleet.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import ICAL from 'ical.js';
import { drillIcsFeed } from '../../../main/engine/drills/drill-ics-feed';
import { drillsHandlers } from '../../../main/engine/drills/drills-handlers';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-drills-handlers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NOW = () => new Date('2026-12-04T15:00:00Z');
const PLANS = (title: string) => `sites:
  sea: { name: Seattle, time_zone: America/Los_Angeles }
plans:
  - id: mx-failover-sea
    title: ${title}
    kind: mx-failover
    scope: { site: sea }
    schedule: |
      DTSTART;TZID=America/Los_Angeles:20270103T100000
      RRULE:FREQ=MONTHLY;BYDAY=1SU
    owner: sam
    targets: { rto_minutes: 15, rpo_minutes: 5 }
    steps:
      - { type: checklist, title: Lower the TTL, timebox_minutes: 5 }
`;

test('reads drills.yaml next to the inventory; a broken edit shows problems and keeps the last good plans', async () => {
  const inventory = join(dir, 'fleet.yaml');
  const plansFile = join(dir, 'drills.yaml');
  await writeFile(plansFile, PLANS('MX failover'));
  const handlers = drillsHandlers({ demo: () => false, inventoryPath: () => inventory, now: NOW });
  const first = await handlers['drills.schedule']({ viewerTimeZone: 'Europe/Berlin' });
  expect(first).toMatchObject({ source: plansFile, problems: [], viewerTimeZone: 'Europe/Berlin', plans: [{ id: 'mx-failover-sea', title: 'MX failover', state: 'scheduled' }] });
  expect(first.agenda[0]?.times).toEqual({
    instant: '2027-01-03T18:00:00Z',
    utc: '2027-01-03 18:00 +00:00 UTC',
    site: '2027-01-03 10:00 -08:00 America/Los_Angeles',
    viewer: '2027-01-03 19:00 +01:00 Europe/Berlin',
  });
  // First Sundays from 3 January to 7 November 2027; 5 December 2027 is past the 365 days.
  expect(first.agenda).toHaveLength(11);

  await writeFile(plansFile, PLANS('MX failover').replace('kind: mx-failover', 'kind: mx'));
  const broken = await handlers['drills.schedule']({ viewerTimeZone: 'Europe/Berlin' });
  expect(broken.problems).toEqual([expect.stringMatching(new RegExp(`^${plansFile.replace(/[.]/g, '\\.')}:6:11: plans\\[0\\]\\.kind: expected one of `))]);
  expect(broken.plans.map((plan) => plan.title)).toEqual(['MX failover']);

  const ics = await handlers['drills.ics']({});
  expect(ics.fileName).toBe('opsdeck-drills.ics');
  expect(ics.text).toContain('UID:mx-failover-sea@opsdeck.drills');
  expect(await readFile(plansFile, 'utf8')).toContain('kind: mx');
});

test('an unknown viewer zone falls back to UTC; the demo fleet has the demo plans', async () => {
  const handlers = drillsHandlers({ demo: () => true, inventoryPath: () => null, now: NOW });
  const view = await handlers['drills.schedule']({ viewerTimeZone: 'Nowhere/Else' });
  expect(view.viewerTimeZone).toBe('UTC');
  expect(view.source).toBe('demo-drills.yaml (built in)');
  expect(view.sites.map((site) => site.id)).toEqual(['nj', 'sea']);
  expect(view.plans.find((plan) => plan.id === 'bastion-loss-nj')?.state).toBe('overdue');
});

test('the .ics feed file: written at start, rewritten when the plans change, parsed by ical.js, never half written', async () => {
  const feedDir = await mkdtemp(join(tmpdir(), 'opsdeck-drills-feed-'));
  try {
    const inventory = join(feedDir, 'fleet.yaml');
    await writeFile(join(feedDir, 'drills.yaml'), PLANS('MX failover'));
    const path = join(feedDir, 'drills.ics');
    const errors: unknown[] = [];
    const handlers = drillsHandlers({ demo: () => false, inventoryPath: () => inventory, now: NOW, feed: drillIcsFeed(path, (error) => errors.push(error)) });
    const summaries = async () => {
      const calendar = new ICAL.Component(ICAL.parse(await readFile(path, 'utf8')));
      return calendar.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('summary'));
    };
    // Written at start, before anyone asks for the schedule.
    await expect.poll(summaries).toEqual(['DR drill: MX failover']);
    await writeFile(join(feedDir, 'drills.yaml'), PLANS('MX failover to Seattle'));
    await handlers['drills.schedule']({ viewerTimeZone: 'UTC' });
    expect(await summaries()).toEqual(['DR drill: MX failover to Seattle']);
    // A broken edit keeps the last good plans, in the feed too.
    await writeFile(join(feedDir, 'drills.yaml'), 'plans: [');
    await handlers['drills.schedule']({ viewerTimeZone: 'UTC' });
    expect(await summaries()).toEqual(['DR drill: MX failover to Seattle']);
    expect((await readdir(feedDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await rm(feedDir, { recursive: true, force: true });
  }
});
