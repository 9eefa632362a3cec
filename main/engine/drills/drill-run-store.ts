// The drill run event log in the store (migration 8). Every append runs in a
// transaction that first reads the run's events and lets the caller check the
// new event against the folded state, so two windows (or a retry after a
// crash) cannot finish a step twice. A live run holds its plan's row in
// drill_live_runs: the database, not only the UI, refuses a second one.
import type { SqlClient, SqlTransaction } from '../store/sql-client';
import { foldRunEvents, type DrillRunEvent, type DrillRunState, type StoredRunEvent } from './drill-run-events';

interface EventRow {
  run_id: string;
  seq: number;
  at: Date | string;
  actor: string;
  payload: DrillRunEvent;
}

export class DrillRunConflict extends Error {}

export class DrillRunStore {
  constructor(private readonly sql: SqlClient) {}

  async events(runId: string): Promise<StoredRunEvent[]> {
    return readEvents(this.sql, runId);
  }

  async liveRunIds(): Promise<{ planId: string; runId: string }[]> {
    const rows = await this.sql.query<{ plan_id: string; run_id: string }>('SELECT plan_id, run_id FROM drill_live_runs ORDER BY plan_id');
    return rows.map((row) => ({ planId: row.plan_id, runId: row.run_id }));
  }

  /** Every run that has ended (finished or aborted), folded, oldest first. */
  async endedRuns(): Promise<DrillRunState[]> {
    const rows = await this.sql.query<EventRow>(
      `SELECT run_id, seq, at, actor, payload FROM drill_run_events
        WHERE run_id IN (SELECT run_id FROM drill_run_events WHERE type IN ('finished', 'aborted'))
        ORDER BY run_id, seq`,
    );
    const byRun = new Map<string, StoredRunEvent[]>();
    for (const row of rows) {
      const events = byRun.get(row.run_id) ?? [];
      events.push(storedEvent(row));
      byRun.set(row.run_id, events);
    }
    return [...byRun.values()].map(foldRunEvents).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  async create(runId: string, at: Date, actor: string, event: Extract<DrillRunEvent, { type: 'started' }>): Promise<DrillRunState> {
    return this.sql.transaction(async (tx) => {
      const live = await tx.query<{ run_id: string }>('SELECT run_id FROM drill_live_runs WHERE plan_id = $1', [event.plan.id]);
      if (live[0]) throw new DrillRunConflict(`plan ${event.plan.id} already has a live run (${live[0].run_id}); resume it, or abort it first`);
      await tx.query('INSERT INTO drill_live_runs (plan_id, run_id) VALUES ($1, $2)', [event.plan.id, runId]);
      await insert(tx, runId, 1, event.plan.id, at, actor, event);
      return foldRunEvents(await readEvents(tx, runId));
    });
  }

  /** `check` sees the state before the append and throws to refuse it; returns the state after. */
  async append(runId: string, at: Date, actor: string, events: DrillRunEvent[], check: (state: DrillRunState) => void): Promise<DrillRunState> {
    return this.sql.transaction(async (tx) => {
      const before = await readEvents(tx, runId);
      if (before.length === 0) throw new DrillRunConflict(`no drill run ${runId}`);
      const state = foldRunEvents(before);
      if (state.status !== 'live') throw new DrillRunConflict(`drill run ${runId} has ${state.status === 'aborted' ? 'been aborted' : 'finished'}; nothing more can be recorded`);
      check(state);
      let seq = before.length;
      for (const event of events) await insert(tx, runId, ++seq, state.plan.id, at, actor, event);
      if (events.some((event) => event.type === 'aborted' || event.type === 'finished')) await tx.query('DELETE FROM drill_live_runs WHERE run_id = $1', [runId]);
      return foldRunEvents(await readEvents(tx, runId));
    });
  }
}

async function insert(tx: SqlTransaction, runId: string, seq: number, planId: string, at: Date, actor: string, event: DrillRunEvent): Promise<void> {
  await tx.query('INSERT INTO drill_run_events (run_id, seq, plan_id, at, actor, type, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    runId,
    seq,
    planId,
    at.toISOString(),
    actor,
    event.type,
    JSON.stringify(event),
  ]);
}

async function readEvents(client: SqlTransaction, runId: string): Promise<StoredRunEvent[]> {
  const rows = await client.query<EventRow>('SELECT run_id, seq, at, actor, payload FROM drill_run_events WHERE run_id = $1 ORDER BY seq', [runId]);
  return rows.map(storedEvent);
}

function storedEvent(row: EventRow): StoredRunEvent {
  return { runId: row.run_id, seq: row.seq, at: new Date(row.at).toISOString(), actor: row.actor, event: row.payload };
}
