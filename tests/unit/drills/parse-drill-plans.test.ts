// The drill plans file: the demo plans parse; each kind of mistake comes back
// as file:line:column with a message saying what was expected; a broken edit
// keeps the last good plans; a plan at a time daylight saving skips or
// repeats is warned about with the dates.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatInventoryProblem } from '../../../main/engine/inventory/inventory-problem';
import { demoDrillPlansYaml } from '../../../main/engine/drills/demo-drill-plans';
import { LastGoodDrillPlans, loadDrillPlansFile } from '../../../main/engine/drills/drill-plans-file';
import { parseDrillPlans } from '../../../main/engine/drills/parse-drill-plans';
import { Temporal } from '../../../main/engine/drills/temporal';

const NOW = Temporal.Instant.from('2026-12-04T15:00:00Z');

const GOOD = `sites:
  nj: { name: Bridgewater, time_zone: America/New_York }
  sea: { name: Seattle, time_zone: America/Los_Angeles }
plans:
  - id: mx-failover-sea
    title: MX failover
    kind: mx-failover
    scope: { site: sea }
    schedule: |
      DTSTART;TZID=America/Los_Angeles:20270103T100000
      RRULE:FREQ=WEEKLY;BYDAY=SU
      EXDATE;TZID=America/Los_Angeles:20270110T100000
    owner: sam
    targets: { rto_minutes: 15, rpo_minutes: 5 }
    steps:
      - { type: checklist, title: Lower the TTL, timebox_minutes: 5 }
      - type: verification
        title: port 25 on the secondary
        timebox_minutes: 5
        verify: { action: tcp-port, host: mx1.sea, port: 25 }
      - { type: change, title: Remove mx1.nj from the MX set, timebox_minutes: 5, host: dns1.nj, argv: [/usr/local/sbin/mx-set, remove, mx1.nj] }
`;

function problemsOf(text: string): string[] {
  const result = parseDrillPlans(text, 'drills.yaml');
  if (result.ok) throw new Error('expected problems, the file parsed');
  return result.problems.map(formatInventoryProblem);
}

describe('parseDrillPlans', () => {
  test('a good file becomes plans with steps, targets and the schedule as written', () => {
    const result = parseDrillPlans(GOOD, 'drills.yaml');
    if (!result.ok) throw new Error(result.problems.map(formatInventoryProblem).join('\n'));
    const [plan] = result.plans.plans;
    expect(plan).toMatchObject({ id: 'mx-failover-sea', kind: 'mx-failover', rtoMinutes: 15, rpoMinutes: 5, graceDays: 3, schedule: { timeZone: 'America/Los_Angeles' } });
    expect(plan!.schedule.text.split('\n')).toHaveLength(3);
    expect(plan!.steps.map((step) => step.type)).toEqual(['checklist', 'verification', 'change']);
    expect(plan!.steps[2]).toEqual({ type: 'change', title: 'Remove mx1.nj from the MX set', timeboxMinutes: 5, host: 'dns1.nj', argv: ['/usr/local/sbin/mx-set', 'remove', 'mx1.nj'] });
    expect(result.warnings).toEqual([]);
  });

  test('the demo plans parse, with both sites, cadence and a history', () => {
    const result = parseDrillPlans(demoDrillPlansYaml(NOW), 'demo');
    if (!result.ok) throw new Error(result.problems.map(formatInventoryProblem).join('\n'));
    expect(result.plans.sites.map((site) => site.timeZone)).toEqual(['America/New_York', 'America/Los_Angeles']);
    expect(result.plans.plans.map((plan) => plan.kind).sort()).toEqual(['bastion-loss', 'bastion-loss', 'mx-failover', 'restore-test', 'site-failover-readiness']);
    expect(result.plans.history.filter((record) => record.outcome === 'failed' && record.actions.some((action) => action.open))).toHaveLength(1);
  });

  test('an unknown kind, a missing key and a bad step are placed at their line and column', () => {
    const text = GOOD.replace('kind: mx-failover', 'kind: mx-fail')
      .replace('    owner: sam\n', '')
      .replace('timebox_minutes: 5 }\n      - type: verification', 'timebox_minutes: 0 }\n      - type: verification');
    expect(problemsOf(text)).toEqual([
      'drills.yaml:5:5: plans[0]: missing required key "owner"',
      'drills.yaml:7:11: plans[0].kind: expected one of site-failover-readiness, restore-test, bastion-loss, host-rebuild, mx-failover, database-promotion, custom, got "mx-fail"',
      'drills.yaml:15:67: plans[0].steps[0].timebox_minutes: expected more than 0, got 0',
    ]);
  });

  test('an unknown site, a duplicate id and a broken schedule are each named', () => {
    const second = GOOD.slice(GOOD.indexOf('  - id:')).replace('scope: { site: sea }', 'scope: { site: bos }').replace('RRULE:FREQ=WEEKLY;BYDAY=SU', 'RRULE:FREQ=WEEKLY;BYDAY=XX');
    const problems = problemsOf(GOOD + second);
    expect(problems).toEqual([
      'drills.yaml:22:9: plans[1].id: "mx-failover-sea" is already the id of plans[0]',
      'drills.yaml:25:20: plans[1].scope.site: unknown site "bos"; expected one of nj, sea',
      'drills.yaml:26:15: plans[1].schedule: Invalid BYDAY value: XX',
    ]);
  });

  test('a schedule without a time zone, with an hourly rule or with an unknown zone says what to write', () => {
    const noZone = problemsOf(GOOD.replace('DTSTART;TZID=America/Los_Angeles:20270103T100000', 'DTSTART:20270103T100000'));
    expect(noZone).toEqual([
      'drills.yaml:9:15: plans[0].schedule: DTSTART must name its time zone and a local time, e.g. DTSTART;TZID=America/New_York:20270110T023000; got "DTSTART:20270103T100000"',
    ]);
    expect(problemsOf(GOOD.replace('FREQ=WEEKLY;BYDAY=SU', 'FREQ=HOURLY'))[0]).toContain('RRULE FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY');
    expect(problemsOf(GOOD.replace('TZID=America/Los_Angeles:20270103', 'TZID=Mars/Olympus:20270103'))[0]).toContain('unknown time zone "Mars/Olympus"');
    expect(problemsOf(GOOD.replace('time_zone: America/New_York', 'time_zone: Europe/Nowhere'))).toEqual([
      'drills.yaml:2:39: sites.nj.time_zone: unknown time zone "Europe/Nowhere" (expected an IANA name such as America/New_York)',
    ]);
  });

  test('YAML syntax errors and a history record for an unknown plan are placed', () => {
    expect(problemsOf('sites: [\n')[0]).toMatch(/^drills\.yaml:2:1: YAML syntax: /);
    const history = `${GOOD}history:\n  - { plan: nope, started_at: "2026-01-01T10:00:00Z", finished_at: "2026-01-01T09:00:00Z", outcome: passed, lead: sam }\n`;
    expect(problemsOf(history)).toEqual([
      'drills.yaml:23:13: history[0].plan: unknown plan "nope"; expected one of mx-failover-sea',
      'drills.yaml:23:68: history[0].finished_at: ends before it started (2026-01-01T10:00:00Z)',
    ]);
  });

  test('a daily 02:30 New York drill is warned about: the spring-forward days have no drill', () => {
    const text = GOOD.replace('DTSTART;TZID=America/Los_Angeles:20270103T100000', 'DTSTART;TZID=America/New_York:20270103T023000')
      .replace('RRULE:FREQ=WEEKLY;BYDAY=SU', 'RRULE:FREQ=DAILY;COUNT=400')
      .replace(/\n\s*EXDATE[^\n]*/, '');
    const result = parseDrillPlans(text, 'drills.yaml');
    if (!result.ok) throw new Error(result.problems.map(formatInventoryProblem).join('\n'));
    expect(result.warnings.map(formatInventoryProblem)).toEqual([
      'drills.yaml:9:15: plans[0].schedule: 02:30 America/New_York does not exist on 2027-03-14 (clocks spring forward): RFC 5545 drops those occurrences, so no drill is scheduled that day; move the time out of 02:00-03:00 or add an RDATE',
    ]);
  });

  test('a weekly 01:30 Los Angeles drill on Sundays is warned about: fall-back repeats 01:30', () => {
    const text = GOOD.replace('20270103T100000', '20270103T013000').replace(/\n\s*EXDATE[^\n]*/, '');
    const result = parseDrillPlans(text, 'drills.yaml');
    if (!result.ok) throw new Error(result.problems.map(formatInventoryProblem).join('\n'));
    const messages = result.warnings.map((warning) => warning.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^plans\[0\]\.schedule: 01:30 America\/Los_Angeles happens twice on 2027-11-07, 2028-11-05, 2029-11-04 and \d+ more \(clocks fall back\)/);
  });

  test('a weekly Tuesday drill at 02:30 is not warned about: the changes fall on Sundays', () => {
    const text = GOOD.replace('20270103T100000', '20270105T023000')
      .replace('BYDAY=SU', 'BYDAY=TU')
      .replace(/\n\s*EXDATE[^\n]*/, '');
    const result = parseDrillPlans(text, 'drills.yaml');
    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('loadDrillPlansFile and LastGoodDrillPlans', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opsdeck-drills-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a broken edit shows its problems and keeps the last good plans', async () => {
    const file = join(dir, 'drills.yaml');
    const plans = new LastGoodDrillPlans();
    await writeFile(file, GOOD);
    expect(plans.update(await loadDrillPlansFile(file))).toBe(true);
    const good = plans.current;
    await writeFile(file, GOOD.replace('rto_minutes: 15', 'rto_minutes: soon'));
    expect(plans.update(await loadDrillPlansFile(file))).toBe(false);
    expect(plans.current).toBe(good);
    expect(plans.stale).toBe(true);
    expect(plans.lastProblems.map(formatInventoryProblem)).toEqual([`${file}:14:29: plans[0].targets.rto_minutes: expected a number, got "soon"`]);
    await writeFile(file, GOOD.replace('title: MX failover', 'title: MX failover (fixed)'));
    expect(plans.update(await loadDrillPlansFile(file))).toBe(true);
    expect(plans.stale).toBe(false);
    expect(plans.current?.plans[0]?.title).toBe('MX failover (fixed)');
  });

  test('a missing file is a problem naming the path', async () => {
    const missing = join(dir, 'nope.yaml');
    expect(await loadDrillPlansFile(missing)).toEqual({ ok: false, problems: [{ file: missing, line: 1, column: 1, message: `cannot read the drill plans file ${missing}: no such file` }] });
  });

  test('an endless file (/dev/zero) is refused by name while reading, not read into memory', async () => {
    const result = await loadDrillPlansFile('/dev/zero');
    expect(result).toMatchObject({
      ok: false,
      problems: [{ file: '/dev/zero', line: 1, column: 1, message: expect.stringContaining('cannot read the drill plans file /dev/zero: it is larger than 4194304 bytes (or endless') }],
    });
  }, 10_000);
});
