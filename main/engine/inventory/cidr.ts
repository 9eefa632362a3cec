// Sources of an allowed port: `any`, an IPv4/IPv6 address, or a CIDR block.
// Checked here so that a typo ("10.0.0.0/33", "10.0.0/8") is an inventory
// error rather than a silently different firewall baseline.
import { isIPv4, isIPv6 } from 'node:net';

export const ANY_SOURCE = 'any';

/** Why `source` is not `any`, an address or a CIDR block, or null when it is one. */
export function badSourceReason(source: string): string | null {
  if (source === ANY_SOURCE) return null;
  const expected = `expected "any", an IP address or a CIDR block like 10.0.0.0/8, got ${JSON.stringify(source)}`;
  const [address = '', prefix, extra] = source.split('/');
  if (extra !== undefined) return expected;
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  if (family === 0) return expected;
  if (prefix === undefined) return null;
  const maxBits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxBits) {
    return `${JSON.stringify(source)}: prefix length must be 0-${maxBits} for an IPv${family} block`;
  }
  return null;
}
