// The inventory an operator scanned with, kept in the team store: a viewer
// reads the fleet's sites and hosts from here and needs no inventory file.
import type { Inventory } from '../inventory/inventory-schema';
import type { SqlClient } from './sql-client';

export interface FleetSnapshot {
  label: string;
  inventory: Inventory;
  recordedAt: string;
  recordedBy: string;
}

export class FleetSnapshotStore {
  constructor(private readonly sql: SqlClient) {}

  /** Recorded only when it differs from the newest one, so a scan a minute adds nothing. */
  async record(label: string, inventory: Inventory): Promise<void> {
    const json = JSON.stringify(inventory);
    await this.sql.query(
      `INSERT INTO fleet_snapshots (label, inventory)
         SELECT $1, $2::jsonb
          WHERE NOT EXISTS (SELECT 1 FROM (SELECT label, inventory FROM fleet_snapshots ORDER BY recorded_at DESC LIMIT 1) AS newest
                             WHERE newest.label = $1 AND newest.inventory = $2::jsonb)`,
      [label, json],
    );
  }

  async newest(): Promise<FleetSnapshot | null> {
    const [row] = await this.sql.query<{ label: string; inventory: Inventory; recorded_at: Date; recorded_by: string }>(
      'SELECT label, inventory, recorded_at, recorded_by FROM fleet_snapshots ORDER BY recorded_at DESC LIMIT 1',
    );
    return row ? { label: row.label, inventory: row.inventory, recordedAt: new Date(row.recorded_at).toISOString(), recordedBy: row.recorded_by } : null;
  }
}
