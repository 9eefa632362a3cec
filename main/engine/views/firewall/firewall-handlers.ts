// The firewall views of the contract: the fleet matrix, one host's rules
// and exposure, its raw ruleset outputs, and two hosts compared. Facts
// come from the host's result of this session when it answered, else from
// the store; the fleet matrix reads only the exposure fields from the
// store, never every host's ruleset, and each host's only once per stored
// document (area-view-cache.ts).
import type { HostScanDetail } from '../../../../preload/contract';
import type { HandlerTable } from '../../dispatch/dispatch-call';
import { EngineError } from '../../dispatch/engine-error';
import type { FirewallFacts } from '../../collectors/firewall/firewall-facts';
import type { FleetService } from '../../fleet/fleet-service';
import { scanTargets } from '../../fleet/scan-targets';
import { siteCounterpartKey } from '../../posture/site-counterpart';
import type { ScanStore } from '../../store/scan-store';
import type { FleetViewCaches } from '../fleet-view-caches';
import { fleetExposureViews, type FirewallHostInfo } from './fleet-exposure-view';
import { isFirewallFacts } from './firewall-facts-guard';
import { firewallHostDiff } from './host-firewall-diff';
import { hostRulesView } from './host-rules-view';

export interface FirewallViewDeps {
  fleet: FleetService;
  store: ScanStore;
  views: FleetViewCaches;
  /** This session's latest result of a host, if it was scanned. */
  lastResult(host: string): HostScanDetail | null;
}

type FirewallHandlers = Pick<HandlerTable, 'firewall.fleetExposure' | 'firewall.hostRules' | 'firewall.rawOutputs' | 'firewall.diff'>;

export function firewallHandlers(deps: FirewallViewDeps): FirewallHandlers {
  const hosts = (): FirewallHostInfo[] => {
    const inventory = deps.fleet.current;
    return inventory ? scanTargets(inventory, { kind: 'fleet' }).map(({ name, dc, siteRole, roles, policy }) => ({ name, dc, siteRole, roles, policy })) : [];
  };
  const hostInfo = (name: string): FirewallHostInfo => {
    const info = hosts().find((host) => host.name === name);
    if (!info) throw new EngineError('not-found', `no host "${name}" in the inventory`);
    return info;
  };
  const latestFacts = async (name: string): Promise<{ facts: FirewallFacts; scannedAt: string | null } | null> => {
    const last = deps.lastResult(name);
    if (last?.phase === 'done' && isFirewallFacts(last.facts.firewall)) return { facts: last.facts.firewall, scannedAt: last.finishedAt };
    const [row] = await deps.store.latestAreaFactsOf('firewall', { host: name });
    return row && isFirewallFacts(row.facts) ? { facts: row.facts, scannedAt: row.finishedAt } : null;
  };
  const counterpartOf = (info: FirewallHostInfo): string | null => {
    const key = siteCounterpartKey(info.name, info.dc);
    const other = hosts().find((host) => host.dc !== info.dc && host.siteRole !== info.siteRole && siteCounterpartKey(host.name, host.dc) === key);
    return other?.name ?? null;
  };

  return {
    'firewall.fleetExposure': async () => {
      const known = hosts();
      if (known.length === 0) return [];
      const rows = (await deps.views.firewallExposure.latest()).map(({ host, view }) => ({ host, facts: view }));
      return fleetExposureViews(rows, known, await deps.store.latestFindings());
    },
    'firewall.hostRules': async ({ host, offset, limit }) => {
      const info = hostInfo(host);
      const latest = await latestFacts(host);
      if (!latest) return null;
      const findings = (await deps.store.latestFindings()).filter((finding) => finding.host === host);
      return hostRulesView(latest.facts, { ...info, counterpart: counterpartOf(info) }, latest.scannedAt, findings, { offset, limit });
    },
    'firewall.rawOutputs': async ({ host }) => {
      hostInfo(host);
      const last = deps.lastResult(host) ?? (await deps.store.latestHostDetail(host));
      if (!last) return null;
      return { runId: last.runId, finishedAt: last.finishedAt, outputs: last.outputs.filter((output) => output.id.startsWith('firewall.')) };
    },
    'firewall.diff': async ({ a, b }) => {
      const [infoA, infoB] = [hostInfo(a), hostInfo(b)];
      const [factsA, factsB] = await Promise.all([latestFacts(a), latestFacts(b)]);
      const missing = [factsA ? null : a, factsB ? null : b].filter((name) => name !== null);
      if (missing.length > 0) throw new EngineError('not-found', `no firewall facts for ${missing.join(' and ')} yet: scan ${missing.length > 1 ? 'them' : 'it'} first`);
      return firewallHostDiff({ ...infoA, facts: factsA!.facts }, { ...infoB, facts: factsB!.facts }, undefined, deps.fleet.current?.networks);
    },
  };
}
