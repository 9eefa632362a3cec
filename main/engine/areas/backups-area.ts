// Backups as a scan area: the commands come from the host's backup policy
// (see backup-commands.ts for why that is still safe), facts per job,
// findings against the job's RPO, restore-test and integrity clocks.
import { backupFindings } from '../posture/backup-findings';
import { replicationLagFindings } from '../posture/replication-lag';
import { backupCommands } from '../collectors/backups/backup-commands';
import { backupFacts, type BackupFacts } from '../collectors/backups/backup-facts';
import { defineArea } from './area-definition';

export const backupsArea = defineArea<BackupFacts>({
  area: 'backups',
  control: 'backupVerification',
  commands: { debian: [], smartos: [] },
  hostCommands: (os, policy) => backupCommands(os, policy.backups ?? [], policy.replicaOf ?? []),
  facts: (_os, outputs, now, _previous, policy) => backupFacts(outputs, policy?.backups ?? [], policy?.replicaOf ?? [], now, policy?.backupRpoHours),
  findings: (facts, context) => backupFindings(facts, context),
  fleetFindings: (hosts) => replicationLagFindings(hosts),
});
