// Wires a status report's sources from the engine's pieces: the store, the
// fleet in use, the audit log verified with its key from the keychain.
import { verifyAuditFile } from '../audit/verify-audit-file';
import type { FleetService } from '../fleet/fleet-service';
import type { SecretStore } from '../secrets/secret-store';
import { ReportStore } from '../store/report-store';
import type { RestoreTestStore } from '../store/restore-test-store';
import type { SqlClient } from '../store/sql-client';
import { auditVerdict } from './audit-verdict';
import type { StatusReportSources } from './status-report';

export interface ReportSourceParts {
  sql: SqlClient;
  restoreTests: RestoreTestStore;
  fleet: FleetService;
  auditPath: string;
  secrets: SecretStore;
  now?: () => Date;
}

export function reportSourcesFor(parts: ReportSourceParts): StatusReportSources {
  const now = parts.now ?? (() => new Date());
  return {
    reports: new ReportStore(parts.sql),
    restoreTests: parts.restoreTests,
    fleet: () => ({ inventory: parts.fleet.current, label: parts.fleet.source.label, simulated: parts.fleet.source.kind === 'demo' }),
    audit: async () => {
      const at = now().toISOString();
      try {
        return auditVerdict(await verifyAuditFile(parts.auditPath, parts.secrets), at);
      } catch (error) {
        return auditVerdict({ readError: (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)) }, at);
      }
    },
    now,
  };
}
