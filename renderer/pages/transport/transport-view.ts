// The per-service and per-site figures the transport page shows, from the
// contract's TransportFactsView (posture.transport). Pure, so it is tested
// without a browser.
import type { AreaHostView, FindingView, TransportFactsView, TlsVersionAnswerView } from '../../../preload/contract';

export type HostTransport = AreaHostView<TransportFactsView>;

/** yes / no / unknown (not read), or not applicable to the service. */
export type Tri = 'yes' | 'no' | 'unknown' | 'n/a';

export const CERTIFICATE_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const OLD_VERSIONS = ['TLSv1', 'TLSv1.1'] as const;

export interface ServiceRow {
  host: string;
  dc: string;
  /** "smtp 25", "pop3s 995". */
  service: string;
  name: string;
  /** The TLS handshake completed, did not (refused, timed out: a finding), or its output could not be read (not checked). */
  handshake: 'established' | 'failed' | 'unread';
  /** Why the handshake failed, in OpenSSL's words, when it did. */
  failure: string | null;
  protocol: string | null;
  cipher: string | null;
  /** The server certificate's NotAfter (ISO), and whole days from `now` (negative: expired). */
  certificateExpires: string | null;
  daysLeft: number | null;
  /** TLS 1.0 / 1.1 accepted; null when a probe could not be read. */
  oldVersionsAccepted: string[] | null;
  forwardSecrecyOnly: Tri;
  starttls: Tri;
  /** HSTS max-age in days; 'missing'; n/a for non-HTTPS; null when not read. */
  hsts: number | 'missing' | 'n/a' | null;
  findings: FindingView[];
}

const read = (status: string) => status === 'ok' || status === 'partial';

export function serviceRows(host: HostTransport, findings: FindingView[], now: Date): ServiceRow[] {
  return host.facts.services.map((facts) => {
    const handshake = read(facts.handshake.status) ? facts.handshake.value : null;
    const leaf = handshake?.chain.find((certificate) => certificate.depth === 0) ?? null;
    const notAfter = leaf?.notAfter ?? null;
    const versions = Object.entries(facts.versions) as [keyof TransportFactsView['services'][number]['versions'], TlsVersionAnswerView][];
    const unknownOld = versions.some(([version, answer]) => (OLD_VERSIONS as readonly string[]).includes(version) && answer === 'unknown');
    const label = `${facts.service.protocol}/${facts.service.port}`;
    return {
      host: host.host,
      dc: host.dc,
      service: `${facts.service.protocol} ${facts.service.port}`,
      name: facts.name,
      handshake: handshake === null ? 'unread' : handshake.established ? 'established' : 'failed',
      failure: handshake && !handshake.established ? (handshake.failure ?? 'the handshake did not complete') : null,
      protocol: handshake?.protocol ?? null,
      cipher: handshake?.cipher ?? null,
      certificateExpires: notAfter,
      daysLeft: notAfter === null ? null : Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS),
      oldVersionsAccepted: unknownOld ? null : versions.filter(([version, answer]) => (OLD_VERSIONS as readonly string[]).includes(version) && answer === 'accepted').map(([version]) => version),
      forwardSecrecyOnly: facts.nonForwardSecret.answer === 'unknown' ? 'unknown' : facts.nonForwardSecret.answer === 'refused' ? 'yes' : 'no',
      starttls: facts.capabilities === null ? 'n/a' : read(facts.capabilities.status) ? (facts.capabilities.value?.offersStarttls ? 'yes' : 'no') : 'unknown',
      hsts: hstsOf(facts.hsts),
      // Transport finding ids end in :<protocol>/<port>; a site comparison names the service the same way.
      findings: findings.filter((finding) => finding.host === host.host && finding.area === 'transport' && finding.id.endsWith(`:${label}`)),
    };
  });
}

function hstsOf(hsts: TransportFactsView['services'][number]['hsts']): ServiceRow['hsts'] {
  if (hsts === null) return 'n/a';
  if (!read(hsts.status) || !hsts.value) return null;
  return hsts.value.maxAgeSeconds === null ? 'missing' : Math.floor(hsts.value.maxAgeSeconds / 86_400);
}

export interface SiteTransportSummary {
  hosts: number;
  /** Hosts with services that were not probed (no bastion in front of them). */
  notProbed: number;
  services: number;
  servicesWithoutFindings: number;
  /** Services that completed no TLS handshake. */
  noHandshake: number;
  oldProtocols: number;
  withoutForwardSecrecy: number;
  expiringSoon: number;
  /** The certificate that expires first, with its service. */
  soonestExpiry: { host: string; service: string; daysLeft: number } | null;
  starttlsMissing: number;
  hstsMissing: number;
  /** Services whose handshake or another probe could not be read. */
  unchecked: number;
}

export function siteTransportSummary(hosts: HostTransport[], rows: ServiceRow[]): SiteTransportSummary {
  const withExpiry = rows.filter((row): row is ServiceRow & { daysLeft: number } => row.daysLeft !== null).sort((a, b) => a.daysLeft - b.daysLeft);
  const soonest = withExpiry[0];
  return {
    hosts: hosts.length,
    notProbed: hosts.filter((host) => host.facts.notProbed !== null).length,
    services: rows.length,
    servicesWithoutFindings: rows.filter((row) => row.findings.length === 0).length,
    noHandshake: rows.filter((row) => row.handshake === 'failed').length,
    oldProtocols: rows.filter((row) => (row.oldVersionsAccepted ?? []).length > 0).length,
    withoutForwardSecrecy: rows.filter((row) => row.forwardSecrecyOnly === 'no').length,
    expiringSoon: withExpiry.filter((row) => row.daysLeft <= CERTIFICATE_WARNING_DAYS).length,
    soonestExpiry: soonest ? { host: soonest.host, service: soonest.service, daysLeft: soonest.daysLeft } : null,
    starttlsMissing: rows.filter((row) => row.starttls === 'no').length,
    hstsMissing: rows.filter((row) => row.hsts === 'missing').length,
    unchecked: rows.filter((row) => row.handshake === 'unread' || row.oldVersionsAccepted === null || row.forwardSecrecyOnly === 'unknown' || row.starttls === 'unknown' || row.hsts === null).length,
  };
}
