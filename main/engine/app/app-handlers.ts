// The contract's app.* handler: what the front end shows in its title and
// notices (versions, the fleet's size, problems met since start, keychain,
// which store and as whom).
import type { HostScanSummary } from '../../../preload/contract';
import type { HandlerTable } from '../dispatch/dispatch-call';
import { ENGINE_VERSION } from '../engine-version';
import type { FleetService } from '../fleet/fleet-service';
import type { KeychainAvailability } from '../secrets/keytar-secret-store';
import type { StoreIdentity } from '../store/open-store';
import type { OutboxState } from '../scan/outbox-scan-writer';

export interface AppHandlerDeps {
  fleet: FleetService;
  appVersion?: string;
  /** Problems met since start; read at each call, so later ones show too. */
  notices: readonly string[];
  keychain: KeychainAvailability;
  store: StoreIdentity;
  /** A team store's outbox: since when it cannot be reached and how many writes wait (read at each call). */
  storeOutbox?: () => OutboxState | null;
  summaryFor(host: string): HostScanSummary | null;
}

export function appHandlers(deps: AppHandlerDeps): Pick<HandlerTable, 'app.info'> {
  return {
    'app.info': () => {
      const view = deps.fleet.view(deps.summaryFor);
      return {
        name: 'OpsDeck',
        version: deps.appVersion ?? ENGINE_VERSION,
        engineVersion: ENGINE_VERSION,
        fleet: view.source,
        hostCount: view.hosts.length,
        datacentreCount: view.datacentres.length,
        notices: [...deps.notices],
        keychain: deps.keychain,
        store: { ...deps.store, offline: offlineView(deps.storeOutbox?.() ?? null) },
      };
    },
  };
}

/** A team store's outbox as app.info says it: null while the store takes writes. */
function offlineView(state: OutboxState | null): { since: string; queued: number } | null {
  return state && state.offlineSince !== null ? { since: state.offlineSince, queued: state.queued } : null;
}
