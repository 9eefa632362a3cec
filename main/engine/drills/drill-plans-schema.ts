// The drill plans file as written (YAML, snake_case): zod schemas whose
// issues the inventory's YAML helpers place at a line and column. Cross
// references (a plan's site, a record's plan) and the recurrence text are
// checked afterwards in check-drill-plans.ts. The README's "Disaster-recovery
// drills" section documents the format for people.
import { z } from 'zod';
import { DRILL_KINDS } from './drill-plan';

const name = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected lower-case letters, digits and dashes (at most 64)');
const minutes = z.number().int().positive();
const argv = z.array(z.string().min(1)).min(1);

const timebox = { timebox_minutes: minutes };

const verification = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('scan'), site: id, via: id.optional() }),
  z.strictObject({ action: z.literal('parity'), primary: id, secondary: id }),
  z.strictObject({ action: z.literal('tcp-port'), host: name, port: z.number().int().min(1).max(65535) }),
  z.strictObject({ action: z.literal('command'), host: name, argv, expect_exit: z.number().int().min(0).max(255).default(0), expect_output: z.string().optional() }),
]);

const step = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('checklist'), title: name, ...timebox }),
  z.strictObject({ type: z.literal('verification'), title: name, ...timebox, verify: verification }),
  z.strictObject({ type: z.literal('change'), title: name, ...timebox, host: name, argv }),
]);

const plan = z.strictObject({
  id,
  title: name,
  kind: z.enum(DRILL_KINDS),
  scope: z.strictObject({ site: id, roles: z.array(name).default([]), hosts: z.array(name).default([]) }),
  schedule: z.string().min(1),
  owner: name,
  participants: z.array(name).default([]),
  targets: z.strictObject({ rto_minutes: minutes, rpo_minutes: minutes }),
  grace_days: z.number().int().min(0).max(60).default(3),
  steps: z.array(step).min(1),
});

const timestamp = z.iso.datetime({ offset: true });

const record = z.strictObject({
  plan: id,
  started_at: timestamp,
  finished_at: timestamp,
  outcome: z.enum(['passed', 'failed', 'aborted']),
  lead: name,
  measured: z.strictObject({ rto_minutes: z.number().min(0).optional(), rpo_minutes: z.number().min(0).optional() }).default({}),
  actions: z.array(z.strictObject({ title: name, open: z.boolean().default(true) })).default([]),
});

export const drillPlansFileSchema = z.strictObject({
  sites: z.record(id, z.strictObject({ name, time_zone: name })),
  cadence: z.array(z.strictObject({ kind: z.enum(DRILL_KINDS), site: id, every_days: z.number().int().min(1).max(3660) })).default([]),
  plans: z.array(plan).min(1),
  history: z.array(record).default([]),
});

export type DrillPlansFile = z.output<typeof drillPlansFileSchema>;
