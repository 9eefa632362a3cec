// IPv4/IPv6 addresses as integers (bigint, so both families share one
// arithmetic), CIDR and `a-b` range parsing, and the reverse: the shortest
// list of CIDR blocks covering a range. Pure; never throws.

export type IpVersion = 4 | 6;

export interface AddressRange {
  version: IpVersion;
  start: bigint;
  end: bigint;
}

export const MAX_V4 = (1n << 32n) - 1n;
export const MAX_V6 = (1n << 128n) - 1n;

export function maxAddress(version: IpVersion): bigint {
  return version === 4 ? MAX_V4 : MAX_V6;
}

export function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

export function parseIpv6(input: string): bigint | null {
  // Scope ids (`fe80::1%eth0`) do not change the address.
  const text = input.split('%')[0] ?? '';
  if (text.length < 2 || text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index]!;
      if (piece.includes('.')) {
        // An embedded IPv4 address (`::ffff:192.0.2.1`) is only allowed last.
        if (index !== pieces.length - 1) return null;
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) return null;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let value = 0n;
  for (const group of all) value = (value << 16n) | BigInt(group);
  return value;
}

export function parseAddress(text: string): { version: IpVersion; value: bigint } | null {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === null ? null : { version: 6, value };
  }
  const value = parseIpv4(text);
  return value === null ? null : { version: 4, value };
}

/** `192.0.2.0/24`, `192.0.2.7`, `2001:db8::/32`, `198.51.100.1-198.51.100.9`; null when not one of these. */
export function parseNetwork(text: string): AddressRange | null {
  const trimmed = text.trim();
  const dash = trimmed.indexOf('-');
  if (dash > 0) {
    const from = parseAddress(trimmed.slice(0, dash).trim());
    const to = parseAddress(trimmed.slice(dash + 1).trim());
    if (!from || !to || from.version !== to.version || from.value > to.value) return null;
    return { version: from.version, start: from.value, end: to.value };
  }
  const [address = '', prefix, extra] = trimmed.split('/');
  if (extra !== undefined) return null;
  const parsed = parseAddress(address);
  if (!parsed) return null;
  const bits = parsed.version === 4 ? 32 : 128;
  if (prefix === undefined) return { version: parsed.version, start: parsed.value, end: parsed.value };
  // iptables prints masks as prefix lengths, ipf as well; a dotted mask (`/255.255.255.0`) is an old ipf form.
  const length = /^\d{1,3}$/.test(prefix) ? Number(prefix) : parsed.version === 4 ? dottedMaskLength(prefix) : null;
  if (length === null || length > bits) return null;
  const hostBits = BigInt(bits - length);
  const start = (parsed.value >> hostBits) << hostBits;
  return { version: parsed.version, start, end: start + (1n << hostBits) - 1n };
}

function dottedMaskLength(mask: string): number | null {
  const value = parseIpv4(mask);
  if (value === null) return null;
  const inverted = ~value & MAX_V4;
  if ((inverted & (inverted + 1n)) !== 0n) return null;
  return 32 - inverted.toString(2).replace(/^0+/, '').length;
}

export function formatAddress(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, index) => Number((value >> BigInt(112 - index * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (first of equals) of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let index = 0; index < 8;) {
    if (groups[index] !== 0) {
      index++;
      continue;
    }
    let end = index;
    while (end < 8 && groups[end] === 0) end++;
    if (end - index > bestLength) {
      bestStart = index;
      bestLength = end - index;
    }
    index = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The fewest CIDR blocks that exactly cover [start, end]. */
export function rangeToCidrs(version: IpVersion, start: bigint, end: bigint, limit = Number.POSITIVE_INFINITY): string[] {
  const bits = version === 4 ? 32 : 128;
  const out: string[] = [];
  let cursor = start;
  while (cursor <= end && out.length < limit) {
    let size = 0;
    while (size < bits) {
      const block = 1n << BigInt(size + 1);
      if (cursor % block !== 0n || cursor + block - 1n > end) break;
      size++;
    }
    out.push(`${formatAddress(version, cursor)}/${bits - size}`);
    cursor += 1n << BigInt(size);
  }
  return out;
}
