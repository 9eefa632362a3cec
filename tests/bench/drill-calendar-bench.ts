// bench:drill-calendar — the drills calendar in Chromium with five years of
// history: a plans file of --plans plans at both sites (weekly to quarterly)
// with one recorded drill per plan per occurrence over the five years before
// now, read by a real engine through the test bridge; the built renderer
// opens the drills page and the month view is switched to and moved a
// month at a time, each click to the next frame painted timed in the page.
// Baseline side by side: the agenda view (next 12 months, no history).
// Target: the calendar renders in under 200 ms. Prints a table; asserts
// nothing. Needs `npm run build` (the renderer; the npm script builds).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { startBridgeSession } from '../support/bridge-session';
import { launchChromium } from '../support/chromium';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const PLANS = arg('--plans', 40);
const YEARS = 5;
const TARGET_MS = 200;
const RULES = ['FREQ=WEEKLY', 'FREQ=MONTHLY;BYDAY=1TU', 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU', 'FREQ=MONTHLY;BYMONTHDAY=15'];
const STEP_DAYS = [7, 30, 91, 30];
const DAY_MS = 86_400_000;

function plansYaml(now: number): { yaml: string; records: number } {
  const start = new Date(now - YEARS * 365 * DAY_MS);
  const stamp = `${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, '0')}01T100000`;
  const plans: string[] = [];
  const history: string[] = [];
  for (let index = 0; index < PLANS; index++) {
    const [site, zone] = index % 2 ? ['sea', 'America/Los_Angeles'] : ['nj', 'America/New_York'];
    plans.push(`  - id: plan-${index}
    title: Drill ${index}
    kind: custom
    scope: { site: ${site} }
    schedule: |
      DTSTART;TZID=${zone}:${stamp}
      RRULE:${RULES[index % RULES.length]}
    owner: dana
    targets: { rto_minutes: 30, rpo_minutes: 60 }
    steps:
      - { type: checklist, title: Run it, timebox_minutes: 10 }`);
    // One recorded drill per occurrence (roughly: the rule's step), over the five years.
    for (let at = start.getTime() + index * 3_600_000; at < now - DAY_MS; at += STEP_DAYS[index % STEP_DAYS.length]! * DAY_MS) {
      const outcome = (at / DAY_MS) % 11 < 1 ? 'failed' : 'passed';
      history.push(`  - { plan: plan-${index}, started_at: "${new Date(at).toISOString()}", finished_at: "${new Date(at + 1_800_000).toISOString()}", outcome: ${outcome}, lead: lee }`);
    }
  }
  const yaml = `sites:
  nj: { name: "Bridgewater, NJ", time_zone: America/New_York }
  sea: { name: "Seattle, WA", time_zone: America/Los_Angeles }
plans:
${plans.join('\n')}
history:
${history.join('\n')}
`;
  return { yaml, records: history.length };
}

const INVENTORY = `datacentres:
  - { id: nj, name: "Bridgewater, NJ", role: primary }
  - { id: sea, name: "Seattle, WA", role: secondary }
defaults: { user: ops }
hosts:
  - { name: a.nj, address: 10.1.0.1, os: debian, dc: nj }
  - { name: a.sea, address: 10.2.0.1, os: debian, dc: sea }
`;

/** Clicks the button and times, in the page, from the click to the frame after React has committed. */
async function clickToPaint(page: Page, name: string): Promise<number> {
  return page.evaluate(async (label) => {
    const button = [...document.querySelectorAll('button')].find((each) => each.textContent?.trim() === label);
    if (!button) throw new Error(`no button "${label}"`);
    const started = performance.now();
    button.click();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  }, name);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = await mkdtemp(join(tmpdir(), 'opsdeck-bench-calendar-'));
const { yaml, records } = plansYaml(Date.now());
await writeFile(join(dir, 'fleet.yaml'), INVENTORY);
await writeFile(join(dir, 'drills.yaml'), yaml);
const session = await startBridgeSession({ dataDir: join(dir, 'data'), inventoryPath: join(dir, 'fleet.yaml'), userKnownHostsPath: null, secrets: new MemorySecretStore() });
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${session.bridge.url}#/drills`);
  await page.getByTestId('drills-agenda').waitFor({ timeout: 60_000 });
  const agenda: number[] = [];
  const month: number[] = [];
  const next: number[] = [];
  for (let round = 0; round < 5; round++) {
    month.push(await clickToPaint(page, 'Month'));
    agenda.push(await clickToPaint(page, 'Agenda'));
  }
  await clickToPaint(page, 'Month');
  for (let step = 0; step < 12; step++) next.push(await clickToPaint(page, '← Previous month'));
  const cells = await page.locator('[data-testid="drill-month"] li[data-plan]').count();
  console.log(`drill calendar bench: ${PLANS} plans at two sites, ${records} recorded drills over ${YEARS} years, in Chromium (median of 5; 12 month moves)`);
  console.log('| view | median ms | max ms | ÷ agenda | target |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  console.log(`| agenda (next 12 months, baseline) | ${median(agenda).toFixed(1)} | ${Math.max(...agenda).toFixed(1)} | 1.00 | |`);
  console.log(`| month view (switch to it) | ${median(month).toFixed(1)} | ${Math.max(...month).toFixed(1)} | ${(median(month) / median(agenda)).toFixed(2)} | < ${TARGET_MS} ms |`);
  console.log(`| month view (one month back, with history) | ${median(next).toFixed(1)} | ${Math.max(...next).toFixed(1)} | ${(median(next) / median(agenda)).toFixed(2)} | < ${TARGET_MS} ms |`);
  console.log(`(drills shown in the last month drawn: ${cells})`);
} finally {
  await browser.close();
  await session.close();
  await rm(dir, { recursive: true, force: true });
}
