// IPv4 membership, written independently of the firewall collector's own
// address code so the suite does not grade OpsDeck with OpsDeck.
function ipv4ToNumber(address: string): number {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) throw new Error(`not an IPv4 address: ${address}`);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function ipv4InCidr(address: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (bits === 0) return true;
  const mask = (0xffffffff << (32 - bits)) >>> 0;
  return (ipv4ToNumber(address) & mask) === (ipv4ToNumber(network!) & mask);
}

export function ipv4InAny(address: string, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => ipv4InCidr(address, cidr));
}
