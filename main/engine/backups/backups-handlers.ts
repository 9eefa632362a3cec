// The contract's backups.* handlers: start or cancel a restore test or an
// integrity check on a host of the inventory, their stored history, and each
// job's integrity-check cycle.
import type { IntegrityCycleView } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { EngineError } from '../dispatch/engine-error';
import type { FleetService } from '../fleet/fleet-service';
import type { IntegrityCheckStore } from '../store/integrity-check-store';
import type { RestoreTestStore } from '../store/restore-test-store';
import type { IntegrityCheckService } from './integrity-check-service';
import type { RestoreTestService } from './restore-test-service';

export interface BackupsHandlerDeps {
  fleet: FleetService;
  restoreTests: RestoreTestService;
  integrityChecks: IntegrityCheckService;
  restoreTestStore: RestoreTestStore;
  integrityCheckStore: IntegrityCheckStore;
  integrityCycles(): Promise<IntegrityCycleView[]>;
}

type BackupsMethods =
  'backups.restoreTest' | 'backups.cancelRestoreTest' | 'backups.restoreTests' | 'backups.integrityCheck' | 'backups.cancelIntegrityCheck' | 'backups.integrityChecks' | 'backups.integrityCycles';

export function backupsHandlers(deps: BackupsHandlerDeps): Pick<HandlerTable, BackupsMethods> {
  const target = (host: string) => {
    const [found] = deps.fleet.targets({ kind: 'host', name: host });
    if (!found) throw new EngineError('not-found', `no host "${host}" in the inventory`);
    return found;
  };
  return {
    'backups.restoreTest': async ({ host, files }) => {
      const { testId } = await deps.restoreTests.start(target(host), files);
      return { testId };
    },
    'backups.cancelRestoreTest': ({ testId }) => ({ cancelled: deps.restoreTests.cancel(testId) }),
    'backups.restoreTests': ({ host, limit }) => deps.restoreTestStore.list({ host, limit }),
    'backups.integrityCheck': async ({ host, job }) => {
      const { checkId } = await deps.integrityChecks.start(target(host), job);
      return { checkId };
    },
    'backups.cancelIntegrityCheck': ({ checkId }) => ({ cancelled: deps.integrityChecks.cancel(checkId) }),
    'backups.integrityChecks': ({ host, limit }) => deps.integrityCheckStore.list({ host, limit }),
    'backups.integrityCycles': () => deps.integrityCycles(),
  };
}
