// The DR-readiness scorecard: is the secondary site ready to take over from
// the primary? Kernel / platform-image parity, firewall parity with the
// counterpart, encryption at both sites, backup freshness at both sites, and
// the newest site-failover drill against its RTO target. Pure. Each item is
// "not checked" when the data behind it is missing at either site.
import type { FindingView, PostureArea } from '../../../preload/contract';
import type { ControlStatus, ReportSiteView, ScorecardItemView } from '../../../preload/report-views';
import type { CheckVerdict, HostRead } from './control-status';
import { findingKindOf } from './controls-map';

export interface ScorecardInputs {
  sites: ReportSiteView[];
  /** Fresh reads only. */
  reads: HostRead[];
  findings: FindingView[];
  failoverDrill: CheckVerdict | null;
}

export function drScorecard(inputs: ScorecardInputs): ScorecardItemView[] {
  const primary = inputs.sites.find((site) => site.role === 'primary');
  const secondary = inputs.sites.find((site) => site.role === 'secondary');
  const item = (id: ScorecardItemView['id'], title: string, area: PostureArea, kinds: string[], severityFloor: 'low' | 'medium'): ScorecardItemView => {
    if (!primary || !secondary) return { id, title, status: 'not-checked', detail: 'the inventory names no primary and secondary site' };
    const unread = [primary, secondary].filter((site) => !inputs.reads.some((read) => read.dc === site.id && read.areas.includes(area)));
    if (unread.length > 0) return { id, title, status: 'not-checked', detail: `no fresh ${area} data at ${unread.map((site) => site.name).join(' and ')}` };
    const counts = [primary, secondary].map((site) => {
      const hosts = new Set(
        inputs.findings
          .filter((finding) => finding.dc === site.id && kinds.includes(findingKindOf(finding.id)) && finding.severity !== 'info' && (severityFloor === 'low' || finding.severity !== 'low'))
          .map((finding) => finding.host),
      );
      return { site, hosts: [...hosts].sort() };
    });
    const bad = counts.filter((count) => count.hosts.length > 0);
    const status: ControlStatus = bad.length === 0 ? 'holds' : 'at-risk';
    const detail =
      bad.length === 0
        ? `no ${kinds.join(', ')} finding at either site`
        : bad.map((count) => `${count.site.name}: ${count.hosts.length} host(s) (${count.hosts.slice(0, 5).join(', ')}${count.hosts.length > 5 ? ', …' : ''})`).join('; ');
    return { id, title, status, detail };
  };
  return [
    item('kernel-parity', 'Kernel and platform-image parity', 'patches', ['patches.site-parity'], 'low'),
    item('firewall-parity', 'Firewall role parity', 'firewall', ['firewall.site-drift'], 'low'),
    item(
      'encryption-parity',
      'Encryption parity',
      'encryption',
      ['encryption.data-unencrypted', 'encryption.weak-cipher', 'encryption.luks1', 'encryption.zfs-unencrypted-child', 'encryption.zfs-key-unavailable', 'backups.unencrypted'],
      'medium',
    ),
    item('backup-freshness', 'Backup freshness across sites', 'backups', ['backups.stale', 'backups.replication-lag', 'backups.on-site'], 'low'),
    inputs.failoverDrill
      ? { id: 'site-failover-drill', title: 'Last site-failover drill: RTO against target', status: inputs.failoverDrill.status, detail: inputs.failoverDrill.detail }
      : { id: 'site-failover-drill', title: 'Last site-failover drill: RTO against target', status: 'not-checked', detail: 'no site-failover drill run recorded yet' },
  ];
}
