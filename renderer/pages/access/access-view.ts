// The per-host and per-site figures the access page shows, from the
// contract's AccessFactsView (posture.access). Pure, so it is tested without a browser.
import type { AccessFactsView, AccessZoneView, AreaHostView, FindingView } from '../../../preload/contract';

export type { AccessFactsView, AccessZoneView };

export type HostAccess = AreaHostView<AccessFactsView>;

/** yes / no / unknown, shown in words and colour. */
export type Tri = 'yes' | 'no' | 'unknown';

export interface HostAccessRow {
  host: string;
  dc: string;
  loginAccounts: number | null;
  keys: number | null;
  passwordLogins: Tri;
  logLevel: string | null;
  keyLogged: Tri;
  audited: Tri | 'n/a';
  forwardsTo: string[] | null;
  lastLogin: string | null;
  /** SmartOS: zones whose logins were read, of those that should be; null where there are none to read (Debian) or the list could not be read. */
  zones: { read: number; expected: number; outOfScope: number } | 'unknown' | null;
  findings: FindingView[];
}

/** One installed key, on the host itself (zone null) or inside one of its zones. */
export interface InstalledKey {
  host: string;
  zone: string | null;
  key: NonNullable<AccessFactsView['keys']['value']>[number];
}

/** The zones whose logins were read. */
export function readZones(facts: AccessFactsView): AccessZoneView[] {
  return facts.zones && read(facts.zones.status) ? (facts.zones.value ?? []).filter((zone) => zone.unread === null) : [];
}

/** Every key of a host: its own, then each read zone's. */
export function installedKeys(host: HostAccess): InstalledKey[] {
  return [
    ...(host.facts.keys.value ?? []).map((key) => ({ host: host.host, zone: null, key })),
    ...readZones(host.facts).flatMap((zone) => (zone.keys && read(zone.keys.status) ? (zone.keys.value ?? []) : []).map((key) => ({ host: host.host, zone: zone.zone, key }))),
  ];
}

/** The finding id suffix of a key's finding: `:<host>:<account>:<fingerprint>`, with `<zone>/` before the account in a zone. */
export function keyFindingSuffix(installed: InstalledKey): string {
  return `:${installed.host}:${installed.zone === null ? '' : `${installed.zone}/`}${installed.key.account}:${installed.key.fingerprint}`;
}

const read = (status: string) => status === 'ok' || status === 'partial';

export function hostAccessRow(host: HostAccess, findings: FindingView[]): HostAccessRow {
  const { facts } = host;
  const sshd = read(facts.sshd.status) ? facts.sshd.value : null;
  const keys = read(facts.keys.status) ? (facts.keys.value ?? []) : null;
  const accounts = read(facts.accounts.status) ? (facts.accounts.value ?? []) : null;
  const usable = new Set((facts.passwords.value ?? []).filter((status) => status.state !== 'locked').map((status) => status.account));
  const keyed = new Set((keys ?? []).map((key) => key.account));
  const zoneKeys = readZones(facts).reduce((sum, zone) => sum + (zone.keys && read(zone.keys.status) ? (zone.keys.value ?? []).length : 0), 0);
  const passwordLogins: Tri = !sshd ? 'unknown' : sshd.passwordAuthentication === 'yes' || (sshd.kbdInteractiveAuthentication === 'yes' && sshd.usePam === 'yes') ? 'yes' : 'no';
  return {
    host: host.host,
    dc: host.dc,
    // Who can log in needs the keys and the password states too: without them the count would undercount.
    loginAccounts: accounts && keys && read(facts.passwords.status) ? accounts.filter((account) => account.loginShell && (keyed.has(account.name) || usable.has(account.name))).length : null,
    keys: keys ? keys.length + zoneKeys : null,
    passwordLogins,
    logLevel: sshd?.logLevel ?? null,
    keyLogged: !sshd ? 'unknown' : /^(verbose|debug[123]?)$/i.test(sshd.logLevel) ? 'yes' : 'no',
    audited: auditedState(facts),
    forwardsTo: read(facts.forwarding.status) ? [...new Set((facts.forwarding.value ?? []).map((target) => target.host))] : null,
    lastLogin: read(facts.recentLogins.status) ? (facts.recentLogins.value?.[0]?.line.trim() ?? null) : null,
    zones: zoneCounts(facts),
    findings: findings.filter((finding) => finding.host === host.host && finding.area === 'access'),
  };
}

function zoneCounts(facts: AccessFactsView): HostAccessRow['zones'] {
  if (!facts.zones) return null;
  if (!read(facts.zones.status)) return 'unknown';
  const zones = facts.zones.value ?? [];
  const outOfScope = zones.filter((zone) => zone.outOfScope).length;
  return { read: zones.filter((zone) => zone.unread === null).length, expected: zones.length - outOfScope, outOfScope };
}

function auditedState(facts: AccessFactsView): Tri | 'n/a' {
  if (facts.auditStatus === null || facts.auditRules === null) return 'n/a';
  if (facts.auditStatus.status === 'tool-missing') return 'no';
  if (!read(facts.auditStatus.status) || !read(facts.auditRules.status)) return 'unknown';
  const running = facts.auditStatus.value!.enabled && facts.auditStatus.value!.pid > 0;
  return running && facts.auditRules.value!.privilegedCommandRules.length > 0 ? 'yes' : 'no';
}

export interface SiteAccessSummary {
  hosts: number;
  hostsWithoutFindings: number;
  keys: number;
  /** Keys of unknown people or of people who left. */
  keysNotStaff: number;
  passwordLogins: number;
  keyNotLogged: number;
  notAudited: number;
  notForwarded: number;
  unchecked: number;
}

export function siteAccessSummary(rows: HostAccessRow[]): SiteAccessSummary {
  const kinds = (row: HostAccessRow) => row.findings.map((finding) => finding.id.split(':')[0]);
  const hasKind = (row: HostAccessRow, kind: string) => kinds(row).includes(`access.${kind}`);
  return {
    hosts: rows.length,
    hostsWithoutFindings: rows.filter((row) => row.findings.length === 0).length,
    keys: rows.reduce((sum, row) => sum + (row.keys ?? 0), 0),
    keysNotStaff: rows.reduce((sum, row) => sum + row.findings.filter((finding) => /^access\.(unknown-key|former-staff-key)\b/.test(finding.id)).length, 0),
    passwordLogins: rows.filter((row) => row.passwordLogins === 'yes').length,
    keyNotLogged: rows.filter((row) => row.keyLogged === 'no').length,
    notAudited: rows.filter((row) => row.audited === 'no').length,
    notForwarded: rows.filter((row) => hasKind(row, 'logs-not-forwarded')).length,
    unchecked: rows.filter((row) => hasKind(row, 'access-unchecked')).length,
  };
}
