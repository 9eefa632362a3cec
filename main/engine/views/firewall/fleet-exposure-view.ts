// The fleet matrix's data: per host its exposed ports against its role
// baseline and its firewall findings by severity — a few hundred bytes a
// host, never its rules, so 1,000 hosts cross the contract in one call.
import type { FindingView, FirewallHostExposureView } from '../../../../preload/contract';
import type { HostPolicy } from '../../posture/host-context';
import { countBySeverityPerHost } from '../../posture/severity-counts';
import { isExposureFacts } from './firewall-facts-guard';
import { mergedPortViews } from './port-conformance';

export interface FirewallHostInfo {
  name: string;
  dc: string;
  siteRole: 'primary' | 'secondary';
  roles: string[];
  policy: HostPolicy;
}

export function fleetExposureViews(rows: { host: string; facts: unknown }[], hosts: FirewallHostInfo[], findings: FindingView[]): FirewallHostExposureView[] {
  const byName = new Map(hosts.map((host) => [host.name, host]));
  const counts = countBySeverityPerHost(findings, 'firewall');
  return rows.flatMap(({ host, facts }) => {
    const info = byName.get(host);
    // Hosts no longer in the inventory, and facts of an older shape, are left out rather than guessed at.
    if (!info || !isExposureFacts(facts)) return [];
    return [
      {
        host,
        dc: info.dc,
        siteRole: info.siteRole,
        roles: [...info.roles],
        os: facts.os,
        firewall: { state: facts.firewall.state, reason: facts.firewall.reason },
        listenersKnown: facts.listenersKnown,
        ports: mergedPortViews(facts.exposure, info.policy),
        findings: counts.get(host) ?? {},
      },
    ];
  });
}
