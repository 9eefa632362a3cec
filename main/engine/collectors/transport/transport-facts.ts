// The transport area's facts for one host: per mail-facing service, the
// parsed handshake, which TLS versions were accepted, whether a suite
// without forward secrecy was, the plain-text capabilities (STARTTLS
// services) and the HSTS header (HTTPS). Plain data.
import { starttlsOf, type TransportService } from '../../inventory/transport-policy-schema';
import type { CommandOutput, TargetOs } from '../host-command';
import { parsedFailure, type Parsed } from '../parse-result';
import { parseHstsAnswer, type HstsAnswer } from './hsts-header';
import { parseSClient, type SClientHandshake } from './s-client';
import { parseStarttlsCapabilities, type StarttlsCapabilities } from './starttls-capabilities';
import { TLS_VERSIONS, transportCommandId, type TlsVersionName, type TransportProbe } from './transport-commands';

export type VersionAnswer = 'accepted' | 'refused' | 'unknown';

export interface ServiceFacts {
  service: TransportService;
  /** The name checked against the certificate. */
  name: string;
  handshake: Parsed<SClientHandshake>;
  versions: Record<TlsVersionName, VersionAnswer>;
  /** The cipher a non-forward-secret probe got, null when refused; undefined-like 'unknown' when unreadable. */
  nonForwardSecret: { answer: VersionAnswer; cipher: string | null };
  capabilities: Parsed<StarttlsCapabilities> | null;
  hsts: Parsed<HstsAnswer> | null;
}

export interface TransportFacts {
  os: TargetOs;
  services: ServiceFacts[];
  /** Why nothing was probed (no bastion in front of the host), or null. */
  notProbed: string | null;
}

type Parser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

function parseProbe<T>(outputs: CommandOutput[], id: string, parse: Parser<T>): Parsed<T> {
  const output = outputs.find((each) => each.id === id);
  if (!output) return parsedFailure('unparsed', `${id} was not run`);
  if (output.error !== null && output.exitCode === null) return parsedFailure('unparsed', `${id}: ${output.error}`);
  return parse(output.stdout, output.stderr, output.exitCode);
}

function answerOf(parsed: Parsed<SClientHandshake>): VersionAnswer {
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
      const versions = Object.fromEntries(TLS_VERSIONS.map((version) => [version.name, answerOf(parseProbe(outputs, id(version.flag), parseSClient))])) as Record<TlsVersionName, VersionAnswer>;
      const nonFs = parseProbe(outputs, id('non-fs'), parseSClient);
      return {
        service,
        name: service.name ?? hostName,
        handshake: parseProbe(outputs, id('handshake'), parseSClient),
        versions,
        nonForwardSecret: { answer: answerOf(nonFs), cipher: nonFs.value?.cipher ?? null },
        capabilities: starttls ? parseProbe(outputs, id('capabilities'), (stdout, stderr, exitCode) => parseStarttlsCapabilities(starttls, stdout, stderr, exitCode)) : null,
        hsts: service.protocol === 'https' ? parseProbe(outputs, id('hsts'), parseHstsAnswer) : null,
      };
    }),
  };
}
