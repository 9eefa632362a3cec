// The commands that probe a host's mail-facing TLS services. They run on the
// host's site bastion (never the workstation): what a client on the network
// sees. Each is a constant invocation followed by single-quoted arguments;
// the address and name come from the inventory, validated as plain
// addresses and DNS names, AND quoted, and scripts only use them as "$1".
// s_client always reads </dev/null and runs under `timeout`, so nothing is
// sent beyond the handshake (and, for STARTTLS, the capability exchange).
import { starttlsOf, type TransportService } from '../../inventory/transport-policy-schema';
import { shellQuote } from '../backups/backup-commands';
import type { HostCommand } from '../host-command';

export const PROBE_TIMEOUT_SECONDS = 15;
const TIMEOUT = `timeout ${PROBE_TIMEOUT_SECONDS}`;

/** The TLS versions probed one by one, as s_client's flags and as OpenSSL names them in "Protocol  :". */
export const TLS_VERSIONS = [
  { flag: 'tls1', name: 'TLSv1' },
  { flag: 'tls1_1', name: 'TLSv1.1' },
  { flag: 'tls1_2', name: 'TLSv1.2' },
  { flag: 'tls1_3', name: 'TLSv1.3' },
] as const;
export type TlsVersionName = (typeof TLS_VERSIONS)[number]['name'];

/**
 * Suites without forward secrecy: static RSA key exchange (static DH/ECDH
 * suites are gone from OpenSSL 1.1+). TLS 1.3 suites all have it, so the
 * probe is TLS 1.2 and below. SECLEVEL=0 lets the client offer what
 * Debian's default (level 2) would refuse, so the server's choice decides.
 */
export const NON_FS_CIPHERS = 'kRSA:@SECLEVEL=0';
const ANY_CIPHER = 'DEFAULT:@SECLEVEL=0';

export type TransportProbe = 'handshake' | (typeof TLS_VERSIONS)[number]['flag'] | 'non-fs' | 'hsts' | 'capabilities';

export function transportCommandId(index: number, probe: TransportProbe): string {
  return `transport.${index}.${probe}`;
}

/**
 * Plain-text capability exchange: the greeting, ONE capability request
 * (EHLO / CAPABILITY / CAPA), the answer; then the connection is closed.
 * Printed as a transcript ("S: …" heard, "C: …" sent).
 */
const CAPABILITY_SCRIPT =
  'exec 3<>"/dev/tcp/$1/$2" || exit 3; cr=$(printf "\\r"); ' +
  'say() { printf "C: %s\\n" "$1"; printf "%s\\r\\n" "$1" >&3; }; ' +
  'hear() { while IFS= read -r -t 10 line <&3; do line=${line%"$cr"}; printf "S: %s\\n" "$line"; case "$line" in $1) return 0;; esac; done; return 4; }; ' +
  'case "$3" in ' +
  'smtp) hear "[0-9][0-9][0-9] *" && say "EHLO opsdeck.invalid" && hear "[0-9][0-9][0-9] *";; ' +
  'imap) hear "\\**" && say "a1 CAPABILITY" && hear "a1 *";; ' +
  'pop3) hear "[+-]*" && say "CAPA" && hear "[.-]*";; ' +
  'esac';

/** The HEAD request: only its headers are read; HTTP/1.0 so the server closes after answering. */
const HEAD_SCRIPT = 'printf "HEAD / HTTP/1.0\\r\\nHost: %s\\r\\nUser-Agent: opsdeck\\r\\n\\r\\n" "$2" | openssl s_client -quiet -ign_eof -connect "$1" -servername "$2" 2>/dev/null';

/** `-connect` wants `[v6]:port`. */
export function connectArgument(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export function transportCommands(services: TransportService[], address: string, hostName: string): HostCommand[] {
  return services.flatMap((service, index) => serviceCommands(index, service, address, service.name ?? hostName));
}

function serviceCommands(index: number, service: TransportService, address: string, name: string): HostCommand[] {
  const connect = shellQuote(connectArgument(address, service.port));
  const starttls = starttlsOf(service.protocol);
  const base = `${TIMEOUT} openssl s_client -connect ${connect} -servername ${shellQuote(name)}${starttls ? ` -starttls ${starttls}` : ''}`;
  const command = (probe: TransportProbe, line: string): HostCommand => ({
    id: transportCommandId(index, probe),
    command: line,
    privileged: false,
    onBastion: true,
    timeoutMs: (PROBE_TIMEOUT_SECONDS + 5) * 1000,
  });
  const commands = [
    command('handshake', `${base} -verify_hostname ${shellQuote(name)} </dev/null`),
    ...TLS_VERSIONS.map((version) => command(version.flag, `${base} -${version.flag}${version.flag === 'tls1_3' ? '' : ` -cipher '${ANY_CIPHER}'`} </dev/null`)),
    command('non-fs', `${base} -no_tls1_3 -cipher '${NON_FS_CIPHERS}' </dev/null`),
  ];
  if (starttls) {
    commands.push(command('capabilities', `${TIMEOUT} bash -c ${shellQuote(CAPABILITY_SCRIPT)} opsdeck-capabilities ${shellQuote(address)} ${service.port} ${starttls}`));
  }
  if (service.protocol === 'https') {
    commands.push(command('hsts', `${TIMEOUT} sh -c ${shellQuote(HEAD_SCRIPT)} opsdeck-hsts ${connect} ${shellQuote(name)}`));
  }
  return commands;
}
