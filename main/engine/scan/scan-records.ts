// What a scan leaves in the store besides its results: the fleet it scanned
// (so a viewer of a team store, or of history copied into one, sees the
// sites and hosts without the inventory) and, in a team store, an anchor of
// this workstation's audit log head (so a rewritten log is caught against
// the server's copy; a local store's copy would prove nothing).
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { FleetService } from '../fleet/fleet-service';
import { recordAuditAnchor, workstationId } from '../store/audit-anchor-store';
import type { FleetSnapshotStore } from '../store/fleet-snapshot-store';
import type { SqlClient } from '../store/sql-client';

export interface ScanRecords {
  recordFleet(): Promise<void>;
  anchorAuditLog(entry: { seq: number; hash: string }): Promise<void>;
}

export function scanRecords(deps: { sql: SqlClient; snapshots: FleetSnapshotStore; fleet: FleetService; dataDir: string; anchors: boolean }): ScanRecords {
  const workstation = workstationId(hostname(), resolve(deps.dataDir));
  return {
    recordFleet: async () => {
      if (deps.fleet.current && deps.fleet.source.path !== null) await deps.snapshots.record(deps.fleet.source.label, deps.fleet.current);
    },
    anchorAuditLog: async (entry) => {
      if (deps.anchors) await recordAuditAnchor(deps.sql, workstation, entry);
    },
  };
}
