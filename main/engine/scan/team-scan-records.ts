// What a scan leaves in a team store besides its results: the fleet it
// scanned (so a viewer without the inventory sees the sites and hosts) and
// an anchor of this workstation's audit log head (so a rewritten log is
// caught against the server's copy).
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { FleetService } from '../fleet/fleet-service';
import { recordAuditAnchor, workstationId } from '../store/audit-anchor-store';
import type { FleetSnapshotStore } from '../store/fleet-snapshot-store';
import type { SqlClient } from '../store/sql-client';

export interface TeamScanRecords {
  recordFleet(): Promise<void>;
  anchorAuditLog(entry: { seq: number; hash: string }): Promise<void>;
}

export function teamScanRecords(deps: { sql: SqlClient; snapshots: FleetSnapshotStore; fleet: FleetService; dataDir: string; mayWrite: boolean }): TeamScanRecords {
  const workstation = workstationId(hostname(), resolve(deps.dataDir));
  return {
    recordFleet: async () => {
      if (deps.fleet.current && deps.fleet.source.path !== null) await deps.snapshots.record(deps.fleet.source.label, deps.fleet.current);
    },
    anchorAuditLog: async (entry) => {
      if (deps.mayWrite) await recordAuditAnchor(deps.sql, workstation, entry);
    },
  };
}
