// A disaster-recovery drill plan as the engine uses it (plain data, resolved
// from the plans file): what is drilled, where, when (an RFC 5545 recurrence
// in a named time zone), by whom, against which RTO/RPO targets, and the
// runbook the on-call engineer steps through.

export const DRILL_KINDS = ['site-failover-readiness', 'restore-test', 'bastion-loss', 'host-rebuild', 'mx-failover', 'database-promotion', 'custom'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export interface DrillScope {
  site: string;
  roles: string[];
  hosts: string[];
}

/** A read-only check OpsDeck runs during a drill, with what counts as passing. */
export type DrillVerification =
  | { action: 'scan'; site: string; via: string | null }
  | { action: 'parity'; primary: string; secondary: string }
  | { action: 'tcp-port'; host: string; port: number }
  | { action: 'command'; host: string; argv: string[]; expectExit: number; expectOutput: string | null };

export type DrillStep =
  | { type: 'checklist'; title: string; timeboxMinutes: number }
  | { type: 'verification'; title: string; timeboxMinutes: number; verify: DrillVerification }
  /** Runs only after the operator types `host` to confirm; `argv` is passed word by word, never through a shell string. */
  | { type: 'change'; title: string; timeboxMinutes: number; host: string; argv: string[] };

export interface DrillSchedule {
  /** The RFC 5545 text as written: DTSTART;TZID=…, RRULE:…, EXDATE…. */
  text: string;
  timeZone: string;
}

export interface DrillPlan {
  id: string;
  title: string;
  kind: DrillKind;
  scope: DrillScope;
  schedule: DrillSchedule;
  owner: string;
  participants: string[];
  rtoMinutes: number;
  rpoMinutes: number;
  /** A drill started this many days after its occurrence still counts as on time. */
  graceDays: number;
  steps: DrillStep[];
}

export interface CadenceRequirement {
  kind: DrillKind;
  site: string;
  everyDays: number;
}

export interface DrillSite {
  id: string;
  name: string;
  timeZone: string;
}

export type DrillOutcome = 'passed' | 'failed' | 'aborted';

/** A drill that was run: recorded in the plans file (drills run before or outside OpsDeck). */
export interface DrillRecord {
  plan: string;
  startedAt: string;
  finishedAt: string;
  outcome: DrillOutcome;
  lead: string;
  measuredRtoMinutes: number | null;
  measuredRpoMinutes: number | null;
  actions: { title: string; open: boolean }[];
}

export interface DrillPlans {
  sites: DrillSite[];
  cadence: CadenceRequirement[];
  plans: DrillPlan[];
  history: DrillRecord[];
}
