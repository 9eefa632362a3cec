// illumos `netstat -an -f inet|inet6` into listening sockets of the global
// zone. Sections `UDP: IPv4`, `TCP: IPv4`, `UDP: IPv6`, `TCP: IPv6`
// (and SCTP), each with a header and a dashed rule. Addresses are
// `addr.port` with the LAST dot before the port (`10.10.0.21.22`,
// `*.22`, `::1.22`, `2001:db8::1.443`); IPv6 tables add an `If` column.
// TCP listeners are `LISTEN`; a UDP socket that is bound but not
// connected is `Idle` (`Unbound` is `*.*`). netstat shows no processes
// (that would take pfiles(1) per pid).
import { parsedFailure, parsedOk, refuseInput, skippedInput, type Parsed } from '../parse-result';
import type { Listener } from './firewall-model';
import { outputLines } from '../output-lines';
import { toolFailure } from './tool-failure';

export interface SmartosNetstat {
  listeners: Listener[];
}

const TCP_STATES = new Set(['LISTEN', 'ESTABLISHED', 'IDLE', 'BOUND', 'SYN_SENT', 'SYN_RCVD', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSED']);

export function parseSmartosNetstat(stdout: string, stderr: string, exitCode: number | null): Parsed<SmartosNetstat> {
  const failure = toolFailure('netstat', stdout, stderr, exitCode);
  if (failure) return failure;
  const refused = refuseInput(stdout, 'netstat');
  if (refused) return refused;
  const { lines, warnings, skipped } = outputLines(stdout, 'netstat');
  const listeners: Listener[] = [];
  let section: { proto: 'tcp' | 'udp' | null; family: 'ipv4' | 'ipv6' } | null = null;
  let sawSection = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trimEnd();
    const heading = /^(TCP|UDP|SCTP|RAWIP|ICMP)(?:v6)?: (IPv4|IPv6)\s*$/.exec(line.trim());
    if (heading) {
      sawSection = true;
      const proto = heading[1] === 'TCP' ? 'tcp' : heading[1] === 'UDP' ? 'udp' : null;
      section = { proto, family: heading[2] === 'IPv6' ? 'ipv6' : 'ipv4' };
      continue;
    }
    if (!sawSection && line.trim() !== '') {
      skipped.push(skippedInput(`line ${index + 1}`, line, 'before any `TCP: IPv4`-style section heading'));
      continue;
    }
    // Sections of other protocols (SCTP, RAWIP, ICMP, UNIX) are read past: they hold no TCP/UDP listener.
    if (!section || section.proto === null || line.trim() === '' || /^-+(\s+-+)*$/.test(line.trim()) || /Local Address/.test(line)) continue;
    if (/^Active UNIX domain sockets/.test(line)) {
      section = null;
      continue;
    }
    const tokens = line.trim().split(/\s+/);
    const local = tokens[0] ?? '';
    const state =
      section.proto === 'tcp' ? tokens.find((token) => TCP_STATES.has(token)) : tokens.find((token) => token === 'Idle' || token === 'Unbound' || token === 'Connected' || token === 'Bound');
    if (!state) {
      skipped.push(skippedInput(`line ${index + 1}`, line, `no ${section.proto === 'tcp' ? 'TCP state' : 'UDP state'} in the line`));
      continue;
    }
    if (section.proto === 'tcp' ? state !== 'LISTEN' : state !== 'Idle') continue;
    const address = splitAddress(local, section.family);
    if (!address) {
      skipped.push(skippedInput(`line ${index + 1}`, line, `local address "${local}" is not address.port`));
      continue;
    }
    listeners.push({ proto: section.proto, family: section.family, ...address, processes: null, line });
  }
  if (!sawSection && lines.some((line) => line.trim() !== '')) return parsedFailure('unparsed', 'not netstat output: no `TCP: IPv4`-style section heading');
  return parsedOk({ listeners }, warnings, skipped, 'netstat');
}

function splitAddress(text: string, family: 'ipv4' | 'ipv6'): Pick<Listener, 'address' | 'port' | 'interface'> | null {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return null;
  const portText = text.slice(dot + 1);
  if (!/^\d{1,5}$/.test(portText)) return null;
  let host = text.slice(0, dot);
  let iface: string | null = null;
  const percent = host.indexOf('%');
  if (percent > 0) {
    iface = host.slice(percent + 1);
    host = host.slice(0, percent);
  }
  if (host === '*') return { address: family === 'ipv4' ? '0.0.0.0' : '::', port: Number(portText), interface: iface };
  if (family === 'ipv4' ? !/^\d+\.\d+\.\d+\.\d+$/.test(host) : !/^[0-9a-fA-F:.]+$/.test(host)) return null;
  return { address: host, port: Number(portText), interface: iface };
}
