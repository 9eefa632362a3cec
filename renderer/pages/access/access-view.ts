// The per-host and per-site figures the access page shows, from the
// contract's AccessFactsView (posture.access). Pure, so it is tested without a browser.
import type { AccessFactsView, AreaHostView, FindingView } from '../../../preload/contract';

export type { AccessFactsView };

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
  findings: FindingView[];
}

const read = (status: string) => status === 'ok' || status === 'partial';

export function hostAccessRow(host: HostAccess, findings: FindingView[]): HostAccessRow {
  const { facts } = host;
  const sshd = read(facts.sshd.status) ? facts.sshd.value : null;
  const keys = read(facts.keys.status) ? (facts.keys.value ?? []) : null;
  const accounts = read(facts.accounts.status) ? (facts.accounts.value ?? []) : null;
  const usable = new Set((facts.passwords.value ?? []).filter((status) => status.state !== 'locked').map((status) => status.account));
  const keyed = new Set((keys ?? []).map((key) => key.account));
  const passwordLogins: Tri = !sshd ? 'unknown' : sshd.passwordAuthentication === 'yes' || (sshd.kbdInteractiveAuthentication === 'yes' && sshd.usePam === 'yes') ? 'yes' : 'no';
  return {
    host: host.host,
    dc: host.dc,
    // Who can log in needs the keys and the password states too: without them the count would undercount.
    loginAccounts: accounts && keys && read(facts.passwords.status) ? accounts.filter((account) => account.loginShell && (keyed.has(account.name) || usable.has(account.name))).length : null,
    keys: keys ? keys.length : null,
    passwordLogins,
    logLevel: sshd?.logLevel ?? null,
    keyLogged: !sshd ? 'unknown' : /^(verbose|debug[123]?)$/i.test(sshd.logLevel) ? 'yes' : 'no',
    audited: auditedState(facts),
    forwardsTo: read(facts.forwarding.status) ? [...new Set((facts.forwarding.value ?? []).map((target) => target.host))] : null,
    lastLogin: read(facts.recentLogins.status) ? (facts.recentLogins.value?.[0]?.line.trim() ?? null) : null,
    findings: findings.filter((finding) => finding.host === host.host && finding.area === 'access'),
  };
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
