// `ss -H -tulpn` (iproute2 6.1) into listening sockets.
//
// Columns: Netid State Recv-Q Send-Q Local:Port Peer:Port Process, aligned
// with spaces, lines right-padded; split at most 6 times (the process
// column has no spaces only because kernel comm names have none). Address
// forms seen from the real binary: `0.0.0.0:22`, `[::]:22`, `*:9100`
// (an IPv6 socket without IPV6_V6ONLY: dual-stack), `[2001:db8::5]:8006`,
// `0.0.0.0%eth0:68` and `*%d0:8011` (SO_BINDTODEVICE), `[fe80::5]%d0:8005`
// (scope), `0.0.0.0%lo:8010`, `[::ffff:127.0.0.1]:8004` (v4-mapped: only
// IPv4 reaches it). Older iproute2 printed IPv6 unbracketed (`:::22`).
// Without root the Process column is silently missing (ss-H-tulpn-nonroot):
// that is "processes not visible", not "no process".
import { firstLine, parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import type { Listener, ListenerProcess } from './firewall-model';
import { outputLines } from '../output-lines';
import { toolFailure } from './tool-failure';

export interface SsListeners {
  listeners: Listener[];
  /** False when no line carried a Process column (ss without root). */
  processesShown: boolean;
}

const PROCESS = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=(\d+)\)/g;

export function parseSsListeners(stdout: string, stderr: string, exitCode: number | null): Parsed<SsListeners> {
  const failure = toolFailure('ss', stdout, stderr, exitCode);
  if (failure) return failure;
  const refused = refuseInput(stdout, 'ss -tulpn');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'ss');
  const listeners: Listener[] = [];
  let processesShown = false;
  let socketLines = 0;
  let otherLines = 0;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.startsWith('Netid')) continue;
    const fields = splitFields(line.trim(), 7);
    const [netid = '', state = '', , , local = '', , process] = fields;
    if ((netid !== 'tcp' && netid !== 'udp') || fields.length < 6) {
      otherLines++;
      skipped.push(skippedInput(`line ${index + 1}`, line, 'not a tcp or udp socket line of ss'));
      continue;
    }
    socketLines++;
    if (!(netid === 'tcp' ? state === 'LISTEN' : state === 'UNCONN')) continue;
    const address = localAddress(local);
    if (!address) {
      skipped.push(skippedInput(`line ${index + 1}`, line, `local address "${local}" is not address:port`));
      continue;
    }
    const processes = process === undefined ? null : parseProcesses(process);
    if (processes !== null) processesShown = true;
    listeners.push({ proto: netid, ...address, processes, line });
  }
  if (otherLines > socketLines)
    return parsedFailure('unparsed', `not ss -tulpn output: ${otherLines} of ${otherLines + socketLines} lines are not tcp/udp socket lines (${JSON.stringify(firstLine(stdout).slice(0, 60))})`);
  if (listeners.length > 0 && !processesShown) warnings.push('ss printed no Process column: processes are only shown to root');
  return parsedOk({ listeners, processesShown }, warnings, skipped, 'ss -tulpn');
}

function splitFields(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (out.length < max - 1) {
    const match = /^(\S+)\s+/.exec(rest);
    if (!match) break;
    out.push(match[1]!);
    rest = rest.slice(match[0].length);
  }
  if (rest !== '') out.push(rest);
  return out;
}

function parseProcesses(field: string): ListenerProcess[] | null {
  if (!field.startsWith('users:(')) return null;
  const out: ListenerProcess[] = [];
  for (const match of field.matchAll(PROCESS)) out.push({ name: match[1]!.replace(/\\(.)/g, '$1'), pid: Number(match[2]), fd: Number(match[3]) });
  return out;
}

type Address = Pick<Listener, 'family' | 'address' | 'port' | 'interface'>;

export function localAddress(text: string): Address | null {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  const portText = text.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return null;
  const port = Number(portText);
  let host = text.slice(0, colon);
  let iface: string | null = null;
  const percent = host.lastIndexOf('%');
  if (percent > 0 && (host.startsWith('[') ? host.lastIndexOf(']') < percent : true)) {
    iface = host.slice(percent + 1) || null;
    host = host.slice(0, percent);
  }
  if (host === '*') return { family: 'dual', address: '*', port, interface: iface };
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const inner = host.indexOf('%');
  if (inner > 0) {
    iface ??= host.slice(inner + 1) || null;
    host = host.slice(0, inner);
  }
  if (host.includes(':')) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
    if (mapped) return { family: 'ipv4', address: mapped[1]!, port, interface: iface };
    return { family: 'ipv6', address: host, port, interface: iface };
  }
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) return null;
  return { family: 'ipv4', address: host, port, interface: iface };
}
