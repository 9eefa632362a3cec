// The transport area's facts for one host: per mail-facing service, the
// parsed handshake, which TLS versions were accepted, whether a suite
// without forward secrecy was, the plain-text capabilities (STARTTLS
// services) and the HSTS header (HTTPS). Plain data.
import { starttlsOf, type TransportService } from '../../inventory/transport-policy-schema';
import type { CommandOutput, TargetOs } from '../host-command';
import { readSource, type SourceRead } from '../output-reader';
import { parseHstsAnswer, type HstsAnswer } from './hsts-header';
import { parseSClient, type SClientHandshake } from './s-client';
import { parseStarttlsCapabilities, type StarttlsCapabilities } from './starttls-capabilities';
import { TLS_VERSIONS, transportCommandId, type TlsVersionName, type TransportProbe } from './transport-commands';

export type VersionAnswer = 'accepted' | 'refused' | 'unknown';

export interface ServiceFacts {
  service: TransportService;
  /** The name checked against the certificate. */
  name: string;
  handshake: SourceRead<SClientHandshake>;
  versions: Record<TlsVersionName, VersionAnswer>;
  /** The cipher a non-forward-secret probe got, null when refused; undefined-like 'unknown' when unreadable. */
  nonForwardSecret: { answer: VersionAnswer; cipher: string | null };
  capabilities: SourceRead<StarttlsCapabilities> | null;
  hsts: SourceRead<HstsAnswer> | null;
}

export interface TransportFacts {
  os: TargetOs;
  services: ServiceFacts[];
  /** Why nothing was probed (no bastion in front of the host), or null. */
  notProbed: string | null;
}

function answerOf(parsed: SourceRead<SClientHandshake>): VersionAnswer {
  if (!parsed.value || (parsed.status !== 'ok' && parsed.status !== 'partial')) return 'unknown';
  return parsed.value.established ? 'accepted' : parsed.value.connected ? 'refused' : 'unknown';
}

export function transportFacts(os: TargetOs, outputs: CommandOutput[], services: TransportService[], hostName: string, notProbed: string | null): TransportFacts {
  if (notProbed) return { os, services: [], notProbed };
  return {
    os,
    notProbed: null,
    services: services.map((service, index) => {
      const id = (probe: TransportProbe) => transportCommandId(index, probe);
      const starttls = starttlsOf(service.protocol);
      const versions = Object.fromEntries(TLS_VERSIONS.map((version) => [version.name, answerOf(readSource(outputs, id(version.flag), parseSClient))])) as Record<TlsVersionName, VersionAnswer>;
      const nonFs = readSource(outputs, id('non-fs'), parseSClient);
      return {
        service,
        name: service.name ?? hostName,
        handshake: readSource(outputs, id('handshake'), parseSClient),
        versions,
        nonForwardSecret: { answer: answerOf(nonFs), cipher: nonFs.value?.cipher ?? null },
        capabilities: starttls ? readSource(outputs, id('capabilities'), (stdout, stderr, exitCode) => parseStarttlsCapabilities(starttls, stdout, stderr, exitCode)) : null,
        hsts: service.protocol === 'https' ? readSource(outputs, id('hsts'), parseHstsAnswer) : null,
      };
    }),
  };
}
