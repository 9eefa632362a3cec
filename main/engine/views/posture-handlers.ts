// The contract's posture.* handlers: the findings of the hosts in the
// inventory (stored scan findings plus those judged from restore tests and
// integrity-check cycles), each area's facts as its page reads them, the patch backlog over time, and
// the encryption coverage.
import type { IntegrityCycleView, PostureArea } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import type { FleetService } from '../fleet/fleet-service';
import { coverageViews } from './encryption-coverage-view';
import type { FleetViewCaches } from './fleet-view-caches';
import { integrityCycleFindings } from '../posture/integrity-cycle-findings';
import { restoreTestFindings } from '../posture/restore-test-findings';
import type { RestoreTestStore } from '../store/restore-test-store';
import type { ScanStore } from '../store/scan-store';
import { accessHostViews, backupHostViews, patchHostViews, transportHostViews } from './area-host-views';

export interface PostureHandlerDeps {
  fleet: FleetService;
  store: ScanStore;
  views: FleetViewCaches;
  restoreTestStore: RestoreTestStore;
  integrityCycles(): Promise<IntegrityCycleView[]>;
  now(): Date;
}

type PostureMethods = 'posture.findings' | 'posture.patches' | 'posture.access' | 'posture.transport' | 'posture.backups' | 'posture.patchHistory' | 'posture.encryptionCoverage';

export function postureHandlers(deps: PostureHandlerDeps): Pick<HandlerTable, PostureMethods> {
  const inInventory = () => {
    const hosts = new Set(deps.fleet.current?.hosts.map((host) => host.name) ?? []);
    return <T extends { host: string }>(row: T) => hosts.has(row.host);
  };
  const areaFacts = async (area: PostureArea) => {
    const keep = inInventory();
    return (await deps.store.latestAreaFacts(area)).filter(keep);
  };
  return {
    'posture.findings': async () => {
      const keep = inInventory();
      const restoreFindings = restoreTestFindings(await deps.restoreTestStore.latestPerHost());
      const integrityFindings = integrityCycleFindings(await deps.integrityCycles(), deps.now());
      return [...(await deps.store.latestFindings()), ...restoreFindings, ...integrityFindings].filter(keep);
    },
    'posture.patches': async () => patchHostViews(await areaFacts('patches')),
    'posture.access': async () => accessHostViews(await areaFacts('access')),
    'posture.transport': async () => transportHostViews(await areaFacts('transport')),
    'posture.backups': async () => backupHostViews(await areaFacts('backups')),
    'posture.patchHistory': () => deps.store.patchHistory(60),
    'posture.encryptionCoverage': async () => {
      const keep = inInventory();
      const rows = (await deps.views.encryption.latest()).filter(keep).map(({ host, dc, view }) => ({ host, dc, coverage: view }));
      return coverageViews(rows, await deps.store.latestFindings());
    },
  };
}
