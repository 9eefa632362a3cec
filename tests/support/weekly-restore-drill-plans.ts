// A one-plan drills.yaml (a weekly restore test at Bridgewater, Sundays
// 02:30 New York, with one recorded drill on 22 November 2026), shared by
// the CLI tests of \`opsdeck drills\`.
export const WEEKLY_RESTORE_DRILL_PLANS = `sites:
  nj: { name: Bridgewater, time_zone: America/New_York }
plans:
  - id: restore-nj
    title: Restore test
    kind: restore-test
    scope: { site: nj }
    schedule: |
      DTSTART;TZID=America/New_York:20260105T023000
      RRULE:FREQ=WEEKLY;BYDAY=SU
    owner: riley
    targets: { rto_minutes: 60, rpo_minutes: 1440 }
    steps:
      - { type: checklist, title: Restore to scratch, timebox_minutes: 30 }
history:
  - { plan: restore-nj, started_at: "2026-11-22T08:00:00Z", finished_at: "2026-11-22T08:40:00Z", outcome: passed, lead: riley, measured: { rto_minutes: 40 } }
`;
