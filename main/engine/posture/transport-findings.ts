// Transport findings (annex §5) for one host's mail-facing services, and the
// fleet step comparing the two sites' certificates. Pure.
import type { ServiceFacts, TransportFacts } from '../collectors/transport/transport-facts';
import { transportCommandId, type TransportProbe } from '../collectors/transport/transport-commands';
import { wasRead } from '../collectors/parse-result';
import { areaFinding } from './area-finding';
import type { Finding, Severity } from './finding';
import type { FleetHostFacts } from './fleet-host-facts';
import type { HostContext } from './host-context';
import { TRANSPORT_FINDING_KINDS as kinds } from './transport-finding-kinds';

/** HSTS max-age below this (180 days, the common preload minimum is a year) is too short to matter. */
export const MIN_HSTS_MAX_AGE_SECONDS = 180 * 86_400;
const DAY_MS = 86_400_000;

type Kind = (typeof kinds)[keyof typeof kinds];

export function serviceLabel(facts: ServiceFacts): string {
  return `${facts.service.protocol}/${facts.service.port}`;
}

export function transportFindings(facts: TransportFacts, context: HostContext): Finding[] {
  const warningDays = context.policy.transport?.certificateWarningDays ?? 30;
  return facts.services.flatMap((service, index) => serviceFindings(service, index, context, warningDays));
}

function serviceFindings(facts: ServiceFacts, index: number, context: HostContext, warningDays: number): Finding[] {
  const label = serviceLabel(facts);
  const make = (kind: Kind, severity: Severity, title: string, detail: string, probes: TransportProbe[], excerpt: string[] = []): Finding =>
    areaFinding({
      area: 'transport',
      kind,
      host: context.host,
      dc: context.dc,
      control: 'encryptedTransport',
      severity,
      title,
      detail,
      commandIds: probes.map((probe) => transportCommandId(index, probe)),
      excerpt,
      qualifier: label,
    });
  const handshake = facts.handshake;
  if (!wasRead(handshake.status) || !handshake.value) {
    return [make(kinds.transportUnchecked, 'medium', `${label}: TLS not checked`, `${handshake.message ?? 'the handshake output could not be read'}; kept as evidence`, ['handshake'])];
  }
  if (!handshake.value.established) {
    return [
      make(kinds.handshakeFailed, 'high', `${label}: no TLS handshake`, `${facts.name} ${label} from the bastion: ${handshake.value.failure ?? 'the handshake did not complete'}`, ['handshake']),
    ];
  }
  const findings: Finding[] = [];
  const old = (['TLSv1', 'TLSv1.1'] as const).filter((version) => facts.versions[version] === 'accepted');
  if (old.length) {
    findings.push(
      make(
        kinds.oldProtocol,
        'high',
        `${label} accepts ${old.join(' and ')}`,
        `${facts.name} ${label} completes a handshake with ${old.join(' and ')}, which §5's encryption promise does not cover (deprecated by RFC 8996)`,
        ['tls1', 'tls1_1'],
        old.map((version) => `${version}: accepted`),
      ),
    );
  }
  const unknownVersions = (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const).filter((version) => facts.versions[version] === 'unknown');
  if (unknownVersions.length) {
    findings.push(
      make(kinds.transportUnchecked, 'low', `${label}: ${unknownVersions.join(', ')} not checked`, `the probe for ${unknownVersions.join(', ')} gave no readable answer (kept as evidence)`, [
        'tls1',
        'tls1_1',
        'tls1_2',
        'tls1_3',
      ]),
    );
  }
  if (facts.nonForwardSecret.answer === 'accepted') {
    findings.push(
      make(
        kinds.noForwardSecrecy,
        'high',
        `${label} accepts a suite without forward secrecy`,
        `offered only static-RSA suites, ${facts.name} ${label} chose ${facts.nonForwardSecret.cipher ?? 'one'}: its sessions can be decrypted later with the server key`,
        ['non-fs'],
        [`cipher: ${facts.nonForwardSecret.cipher ?? '?'}`],
      ),
    );
  }
  findings.push(...certificateFindings(facts, context, warningDays, make));
  findings.push(...capabilityFindings(facts, make));
  findings.push(...hstsFindings(facts, make));
  return findings;
}

type Make = (kind: Kind, severity: Severity, title: string, detail: string, probes: TransportProbe[], excerpt?: string[]) => Finding;

function certificateFindings(facts: ServiceFacts, context: HostContext, warningDays: number, make: Make): Finding[] {
  const value = facts.handshake.value!;
  const label = serviceLabel(facts);
  const findings: Finding[] = [];
  const leaf = value.chain.find((certificate) => certificate.depth === 0);
  const chainLines = value.chain.map((certificate) => `${certificate.depth} s:${certificate.subject} i:${certificate.issuer} notAfter ${certificate.notAfter ?? '?'}`);
  if (leaf?.notAfter) {
    const daysLeft = Math.floor((Date.parse(leaf.notAfter) - context.now.getTime()) / DAY_MS);
    if (daysLeft < warningDays) {
      const expired = daysLeft < 0;
      findings.push(
        make(
          kinds.certificateExpiring,
          expired ? 'critical' : 'high',
          expired ? `${label} certificate expired` : `${label} certificate expires in ${daysLeft} days`,
          `${leaf.subject} valid until ${leaf.notAfter} (warning at ${warningDays} days)`,
          ['handshake'],
          chainLines,
        ),
      );
    }
  }
  if (value.verifyCode === 62) {
    findings.push(
      make(
        kinds.certificateName,
        'high',
        `${label} certificate does not name ${facts.name}`,
        `the certificate presented (${leaf?.subject ?? 'no subject printed'}) fails the host-name check for ${facts.name}: clients will refuse it or be told to ignore warnings`,
        ['handshake'],
        chainLines,
      ),
    );
  } else if (value.verifyCode !== null && value.verifyCode !== 0 && value.verifyCode !== 10) {
    findings.push(
      make(
        kinds.certificateChain,
        'medium',
        `${label} certificate chain does not verify`,
        `Verify return code ${value.verifyCode} (${value.verifyText ?? ''}) against the bastion's trust store`,
        ['handshake'],
        chainLines,
      ),
    );
  }
  return findings;
}

function capabilityFindings(facts: ServiceFacts, make: Make): Finding[] {
  const capabilities = facts.capabilities;
  if (!capabilities) return [];
  const label = serviceLabel(facts);
  if (!wasRead(capabilities.status) || !capabilities.value) {
    return [make(kinds.transportUnchecked, 'low', `${label}: STARTTLS not checked`, capabilities.message ?? 'the capability exchange could not be read', ['capabilities'])];
  }
  const findings: Finding[] = [];
  if (!capabilities.value.offersStarttls) {
    findings.push(
      make(
        kinds.starttlsMissing,
        'critical',
        `${label} does not offer STARTTLS`,
        `the plain-text capabilities of ${facts.name} ${label} do not list STARTTLS`,
        ['capabilities'],
        capabilities.value.capabilities,
      ),
    );
  }
  // Port 25 between servers: AUTH before STARTTLS is not how servers relay; for clients (587, 143, 110) it exposes credentials.
  if (capabilities.value.plaintextLogins.length && facts.service.protocol !== 'smtp') {
    findings.push(
      make(
        kinds.plaintextLogin,
        'high',
        `${label} offers a login before STARTTLS`,
        `before TLS, ${facts.name} ${label} offers ${capabilities.value.plaintextLogins.join(', ')}: a client may send its password in clear text`,
        ['capabilities'],
        capabilities.value.capabilities,
      ),
    );
  }
  return findings;
}

function hstsFindings(facts: ServiceFacts, make: Make): Finding[] {
  const hsts = facts.hsts;
  if (!hsts) return [];
  const label = serviceLabel(facts);
  if (!wasRead(hsts.status) || !hsts.value) return [make(kinds.transportUnchecked, 'low', `${label}: HSTS not checked`, hsts.message ?? 'the HEAD answer could not be read', ['hsts'])];
  if (hsts.value.header === null)
    return [
      make(
        kinds.hstsMissing,
        'medium',
        `${label} sends no Strict-Transport-Security`,
        `${facts.name} answered "${hsts.value.status}" without the header §5 promises on every web page`,
        ['hsts'],
        [hsts.value.status],
      ),
    ];
  if (hsts.value.maxAgeSeconds === null || hsts.value.maxAgeSeconds < MIN_HSTS_MAX_AGE_SECONDS) {
    return [
      make(
        kinds.hstsMissing,
        'medium',
        `${label} Strict-Transport-Security max-age too short`,
        `header "${hsts.value.header}": max-age under ${MIN_HSTS_MAX_AGE_SECONDS} s (180 days)`,
        ['hsts'],
        [hsts.value.header],
      ),
    ];
  }
  return [];
}

/** A secondary host's certificate expiring before the primary's for the same role and service. */
export function transportSiteFindings(hosts: FleetHostFacts<TransportFacts>[]): Finding[] {
  const leafExpiry = (service: ServiceFacts) => service.handshake.value?.chain.find((certificate) => certificate.depth === 0)?.notAfter ?? null;
  const primaryBest = new Map<string, string>();
  for (const host of hosts) {
    if (host.siteRole !== 'primary' || !host.facts) continue;
    for (const role of host.roles) {
      for (const service of host.facts.services) {
        const expiry = leafExpiry(service);
        const key = `${role} ${serviceLabel(service)}`;
        if (expiry && (!primaryBest.has(key) || expiry > primaryBest.get(key)!)) primaryBest.set(key, expiry);
      }
    }
  }
  const findings: Finding[] = [];
  for (const host of hosts) {
    if (host.siteRole !== 'secondary' || !host.facts) continue;
    for (const [index, service] of host.facts.services.entries()) {
      const expiry = leafExpiry(service);
      const primary = host.roles.map((role) => primaryBest.get(`${role} ${serviceLabel(service)}`)).find((value) => value !== undefined);
      if (!expiry || !primary || expiry >= primary) continue;
      findings.push(
        areaFinding({
          area: 'transport',
          kind: kinds.secondaryCertificateOlder,
          host: host.host,
          dc: host.dc,
          control: 'encryptedTransport',
          severity: 'medium',
          title: `${serviceLabel(service)} certificate older than the primary's`,
          detail: `this secondary's certificate is valid until ${expiry}, the primary's until ${primary}: after a failover clients would meet the older one first`,
          commandIds: [transportCommandId(index, 'handshake')],
          excerpt: [`secondary notAfter ${expiry}`, `primary notAfter ${primary}`],
          qualifier: serviceLabel(service),
        }),
      );
    }
  }
  return findings;
}
