// The drill plans that come with the demo fleet: the provider's four built-in
// drills (bastion loss, site failover readiness, MX failover, restore test) at
// both sites, and a history relative to `now` — drills done on time, one plan
// overdue, one drill failed with open follow-up actions — so the schedule,
// compliance and history have something real to show. Written as YAML text so
// it goes through exactly the parser a real plans file does.
import { occurrencesBetween, parseRecurrence } from './drill-recurrence';
import { Temporal } from './temporal';

export const DEMO_DRILL_PLANS_FILE = 'demo-drills.yaml (built in)';

/** `now` decides where the history sits; the schedules start well before it. */
export function demoDrillPlansYaml(now: Temporal.Instant): string {
  const startYear = now.toZonedDateTimeISO('UTC').year - 1;
  const schedules = {
    bastionSea: `DTSTART;TZID=America/Los_Angeles:${startYear}0110T100000\n      RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU`,
    bastionNj: `DTSTART;TZID=America/New_York:${startYear}0117T100000\n      RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=3TU`,
    paritySea: `DTSTART;TZID=America/Los_Angeles:${startYear}0201T090000\n      RRULE:FREQ=MONTHLY;BYMONTHDAY=1;BYMONTH=2,5,8,11`,
    mxSea: `DTSTART;TZID=America/Los_Angeles:${startYear}0301T013000\n      RRULE:FREQ=MONTHLY;INTERVAL=6;BYDAY=-1SU`,
    restoreNj: `DTSTART;TZID=America/New_York:${startYear}0105T140000\n      RRULE:FREQ=MONTHLY;BYDAY=1TH`,
  };
  // The n-th latest occurrence whose grace (3 days) is over, shifted by minutes: when the demo drills were run.
  const ran = (schedule: string, nth: number, afterMinutes: number) => pastOccurrence(schedule, now, nth).add({ minutes: afterMinutes }).toInstant().toString();
  const record = (plan: string, schedule: string, nth: number, minutes: number, rest: string) =>
    `{ plan: ${plan}, started_at: "${ran(schedule, nth, 0)}", finished_at: "${ran(schedule, nth, minutes)}", ${rest} }`;
  return `# Disaster-recovery drills for the demo fleet (simulated).
sites:
  nj: { name: "Bridgewater, NJ", time_zone: America/New_York }
  sea: { name: "Seattle, WA", time_zone: America/Los_Angeles }

cadence:
  - { kind: bastion-loss, site: nj, every_days: 90 }
  - { kind: bastion-loss, site: sea, every_days: 90 }
  - { kind: site-failover-readiness, site: sea, every_days: 90 }
  - { kind: mx-failover, site: sea, every_days: 180 }
  - { kind: restore-test, site: nj, every_days: 30 }

plans:
  - id: bastion-loss-sea
    title: Loss of the Seattle bastion
    kind: bastion-loss
    scope: { site: sea }
    schedule: |
      ${schedules.bastionSea}
    owner: dana
    participants: [lee, sam]
    targets: { rto_minutes: 30, rpo_minutes: 60 }
    steps:
      - { type: checklist, title: Declare the drill in the ops channel and stop the Seattle bastion's sshd, timebox_minutes: 5 }
      - type: verification
        title: Scan Seattle through the Bridgewater route
        timebox_minutes: 15
        verify: { action: scan, site: sea, via: nj }
      - { type: checklist, title: Confirm every Seattle host answered and restart the bastion, timebox_minutes: 10 }

  - id: bastion-loss-nj
    title: Loss of the Bridgewater bastion
    kind: bastion-loss
    scope: { site: nj }
    schedule: |
      ${schedules.bastionNj}
    owner: dana
    participants: [lee]
    targets: { rto_minutes: 30, rpo_minutes: 60 }
    steps:
      - { type: checklist, title: Declare the drill and stop the Bridgewater bastion's sshd, timebox_minutes: 5 }
      - type: verification
        title: Scan Bridgewater through the Seattle route
        timebox_minutes: 15
        verify: { action: scan, site: nj, via: sea }
      - { type: checklist, title: Restart the bastion and confirm it answers, timebox_minutes: 10 }

  - id: failover-readiness-sea
    title: Seattle failover readiness (read-only parity)
    kind: site-failover-readiness
    scope: { site: sea, roles: [imap, mx, db] }
    schedule: |
      ${schedules.paritySea}
    owner: riley
    participants: [dana]
    targets: { rto_minutes: 120, rpo_minutes: 240 }
    steps:
      - type: verification
        title: Secondary matches primary (kernel, platform image, firewall role rules, backup freshness)
        timebox_minutes: 20
        verify: { action: parity, primary: nj, secondary: sea }
      - { type: checklist, title: File a ticket for every difference found, timebox_minutes: 10 }

  - id: mx-failover-sea
    title: MX failover to Seattle
    kind: mx-failover
    scope: { site: sea, roles: [mx], hosts: [mx1.sea] }
    schedule: |
      ${schedules.mxSea}
    owner: sam
    participants: [lee]
    targets: { rto_minutes: 15, rpo_minutes: 5 }
    steps:
      - { type: checklist, title: Lower the MX TTL and take mx1.nj out of the MX set, timebox_minutes: 10 }
      - type: verification
        title: The secondary MX answers on port 25
        timebox_minutes: 5
        verify: { action: tcp-port, host: mx1.sea, port: 25 }
      - { type: checklist, title: Send a test message through mx1.sea and restore the MX set, timebox_minutes: 15 }

  - id: restore-test-nj
    title: Monthly restore test of the Bridgewater mail store
    kind: restore-test
    scope: { site: nj, roles: [imap] }
    schedule: |
      ${schedules.restoreNj}
    owner: riley
    participants: []
    targets: { rto_minutes: 240, rpo_minutes: 1440 }
    steps:
      # Becomes a verification (the backups area's restore test) once that area exists.
      - { type: checklist, title: Restore last night's imap1.nj snapshot to scratch and compare it with the live data, timebox_minutes: 60 }
      - { type: checklist, title: Record the snapshot's age as the measured RPO, timebox_minutes: 5 }

history:
  - ${record('bastion-loss-sea', schedules.bastionSea, 4, 22, 'outcome: passed, lead: lee, measured: { rto_minutes: 22, rpo_minutes: 0 }')}
  - ${record('bastion-loss-sea', schedules.bastionSea, 3, 35, 'outcome: passed, lead: dana, measured: { rto_minutes: 35, rpo_minutes: 0 }')}
  - ${record('bastion-loss-sea', schedules.bastionSea, 2, 27, 'outcome: passed, lead: dana, measured: { rto_minutes: 27, rpo_minutes: 0 }')}
  - ${record('bastion-loss-sea', schedules.bastionSea, 1, 24, 'outcome: passed, lead: dana, measured: { rto_minutes: 24, rpo_minutes: 0 }')}
  - ${record('bastion-loss-nj', schedules.bastionNj, 3, 41, 'outcome: passed, lead: lee, measured: { rto_minutes: 41, rpo_minutes: 0 }')}
  - ${record('failover-readiness-sea', schedules.paritySea, 2, 50, 'outcome: passed, lead: riley, measured: { rto_minutes: 50, rpo_minutes: 120 }')}
  - ${record('failover-readiness-sea', schedules.paritySea, 1, 65, 'outcome: failed, lead: riley, measured: { rto_minutes: 65, rpo_minutes: 300 }, actions: [{ title: "db1.sea runs an older kernel than db1.nj", open: true }, { title: "backup1.sea snapshots are 5 h old (RPO 4 h)", open: true }]')}
  - ${record('mx-failover-sea', schedules.mxSea, 1, 12, 'outcome: passed, lead: sam, measured: { rto_minutes: 12, rpo_minutes: 0 }')}
${[12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((nth) => `  - ${record('restore-test-nj', schedules.restoreNj, nth, 80 + nth, `outcome: passed, lead: riley, measured: { rto_minutes: ${80 + nth}, rpo_minutes: ${500 + 10 * nth} }`)}\n`).join('')}  - ${record('restore-test-nj', schedules.restoreNj, 2, 95, 'outcome: passed, lead: riley, measured: { rto_minutes: 95, rpo_minutes: 600 }')}
  - ${record('restore-test-nj', schedules.restoreNj, 1, 90, 'outcome: passed, lead: riley, measured: { rto_minutes: 90, rpo_minutes: 540 }')}
`;
}

function pastOccurrence(schedule: string, now: Temporal.Instant, nth: number): Temporal.ZonedDateTime {
  const parsed = parseRecurrence(schedule);
  if (!parsed.ok) throw new Error(`demo drill schedule: ${parsed.message}`);
  const graceOver = now.subtract({ hours: 24 * 3 });
  const past = occurrencesBetween(parsed.rule, graceOver.subtract({ hours: 24 * 366 * 3 }), graceOver);
  const found = past[past.length - nth];
  if (!found) throw new Error(`demo drill schedule has fewer than ${nth} past occurrences`);
  return found;
}
