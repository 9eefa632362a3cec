// Backups as a scan area: the commands come from the host's backup policy
// (see backup-commands.ts for why that is still safe), facts per job,
// findings against the job's RPO, restore-test and integrity clocks.
import type { AreaCollector } from '../area-collector';
import { backupFindings } from '../../posture/backup-findings';
import { backupCommands } from './backup-commands';
import { backupFacts, type BackupFacts } from './backup-facts';

export const backupsArea: AreaCollector<BackupFacts> = {
  area: 'backups',
  commands: { debian: [], smartos: [] },
  hostCommands: (os, policy) => backupCommands(os, policy.backups ?? []),
  facts: (_os, outputs, _now, _previous, policy) => backupFacts(outputs, policy?.backups ?? []),
  findings: (facts, context) => backupFindings(facts, context),
};
