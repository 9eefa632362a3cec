// `opsdeck drills check|list|ics|history` in-process, on a plans file with a
// fixed history and on the demo plans, evaluated at a fixed instant (--at).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runOpsdeck } from '../../support/cli-run';
import { WEEKLY_RESTORE_DRILL_PLANS as PLANS } from '../../support/weekly-restore-drill-plans';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-drills-cli-'));
  await writeFile(join(dir, 'drills.yaml'), PLANS);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const AT = ['--at', '2026-12-04T15:00:00Z'];

describe('opsdeck drills', () => {
  test('check: OK with a daylight-saving warning on stderr', async () => {
    const file = join(dir, 'drills.yaml');
    const result = await runOpsdeck(['drills', 'check', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`OK ${file}: 1 plans (restore-nj), 1 recorded drills\n`);
    expect(result.stderr).toBe(
      `warning: ${file}:8:15: plans[0].schedule: 02:30 America/New_York does not exist on 2026-03-08, 2027-03-14, 2028-03-12 and 7 more (clocks spring forward): RFC 5545 drops those occurrences, so no drill is scheduled that day; move the time out of 02:00-03:00 or add an RDATE\n`,
    );
  });

  test('check: each problem as file:line:column, exit 2', async () => {
    const file = join(dir, 'broken.yaml');
    await writeFile(file, PLANS.replace('kind: restore-test', 'kind: restore'));
    const result = await runOpsdeck(['drills', 'check', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:6:11: plans\\[0\\]\\.kind: expected one of .*got "restore"\\n1 problem\\(s\\); the drill plans are not usable\\n$`));
  });

  test('list --json: overdue since the missed Sunday, in site time, viewer time and UTC', async () => {
    const result = await runOpsdeck(['drills', 'list', '--data-dir', dir, '--json', ...AT], { TZ: 'Europe/Berlin' });
    expect(result.code).toBe(1);
    const view = JSON.parse(result.stdout);
    expect(view.plans).toHaveLength(1);
    expect(view.plans[0]).toMatchObject({
      id: 'restore-nj',
      state: 'overdue',
      since: { instant: '2026-11-29T07:30:00Z', site: '2026-11-29 02:30 -05:00 America/New_York', viewer: '2026-11-29 08:30 +01:00 Europe/Berlin', utc: '2026-11-29 07:30 +00:00 UTC' },
      lastDrill: { startedAt: '2026-11-22T08:00:00.000Z', outcome: 'passed' },
    });
    expect(view.plans[0].next[0].instant).toBe('2026-12-06T07:30:00Z');
  });

  test('list --due: 0 days still lists overdue plans; the demo lists both sites and cadence', async () => {
    const due = await runOpsdeck(['drills', 'list', '--data-dir', dir, '--due', '0', ...AT]);
    expect(due.stdout).toContain('restore-nj  restore-test  nj    OVERDUE since');
    expect(due.code).toBe(1);
    const demo = await runOpsdeck(['drills', 'list', '--demo', ...AT]);
    expect(demo.code).toBe(1);
    expect(demo.stdout).toMatch(/bastion-loss-nj +bastion-loss +nj +OVERDUE since +2026-10-20 10:00 -04:00 America\/New_York/);
    expect(demo.stdout).toMatch(/bastion-loss-sea +bastion-loss +sea +next +2027-01-12 10:00 -08:00 America\/Los_Angeles/);
    expect(demo.stdout).toMatch(/site-failover-readiness +sea +90 days +2026-08-01 +LATE by 34 days/);
    expect((await runOpsdeck(['drills', 'list', '--demo', '--due', 'soon'])).code).toBe(2);
  });

  test('list exits 0 when no plan is overdue (the day after the drill was done), 1 when one is', async () => {
    const fine = await runOpsdeck(['drills', 'list', '--data-dir', dir, '--at', '2026-11-23T00:00:00Z']);
    expect(fine.stdout).toMatch(/restore-nj +restore-test +nj +next +2026-11-29 02:30 -05:00/);
    expect(fine.code).toBe(0);
    const json = await runOpsdeck(['drills', 'list', '--data-dir', dir, '--json', '--at', '2026-11-23T00:00:00Z']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).plans[0].state).toBe('scheduled');
    expect((await runOpsdeck(['drills', 'list', '--data-dir', dir, ...AT])).code).toBe(1);
  });

  test('ics --out writes a calendar ical.js reads, with the plan and its zone', async () => {
    const out = join(dir, 'drills.ics');
    const result = await runOpsdeck(['drills', 'ics', '--plans', join(dir, 'drills.yaml'), '--out', out, ...AT]);
    expect(result.code).toBe(0);
    const calendar = new ICAL.Component(ICAL.parse(await readFile(out, 'utf8')));
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('America/New_York');
    expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('uid')).toBe('restore-nj@opsdeck.drills');
  });

  test('history: expected against executed for a period', async () => {
    const result = await runOpsdeck(['drills', 'history', '--data-dir', dir, '--from', '2026-11-01T00:00:00Z', '--to', '2026-12-01T00:00:00Z', '--json', ...AT]);
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout);
    // Sundays 1, 8, 15, 22, 29 November; only the 22nd has a drill.
    expect(view.plans[0]).toMatchObject({ plan: 'restore-nj', expected: 5, executed: 1, onTime: 1, missed: 4, unscheduled: 0 });
    expect(view.records).toHaveLength(1);
  });

  test('a missing plans file names the path and exits 2', async () => {
    const result = await runOpsdeck(['drills', 'list', '--plans', join(dir, 'none.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot read the drill plans file ${join(dir, 'none.yaml')}: no such file`);
  });
});
