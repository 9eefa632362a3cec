// The fleet pages' views that are made from every host's stored facts (the
// firewall matrix, the encryption coverage), kept by stored document, and
// made again after each scan while nobody waits, so the first visit after a
// scan of 1,000 hosts does not read every host's facts while the operator
// watches.
import type { ScanStore } from '../store/scan-store';
import { AreaViewCache } from './area-view-cache';
import { hostCoverage, type HostCoverage } from './encryption-coverage-view';
import { EXPOSURE_FIELDS } from './firewall/firewall-facts-guard';

export interface FleetViewCaches {
  /** Each host's firewall facts, only the fields the fleet matrix reads. */
  firewallExposure: AreaViewCache<unknown>;
  encryption: AreaViewCache<HostCoverage | null>;
  /** Brings every view up to the hosts' newest scans. */
  warm(): Promise<void>;
}

export function fleetViewCaches(store: Pick<ScanStore, 'latestAreaRefs' | 'resultDocs'>): FleetViewCaches {
  const firewallExposure = new AreaViewCache<unknown>(store, 'firewall', (facts) => facts, EXPOSURE_FIELDS);
  const encryption = new AreaViewCache(store, 'encryption', hostCoverage);
  return {
    firewallExposure,
    encryption,
    warm: async () => {
      await firewallExposure.latest();
      await encryption.latest();
    },
  };
}
