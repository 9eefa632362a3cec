// known_hosts lines for a running demo fleet (bastions as [127.0.0.1]:port
// and by their host-key alias, hosts by their address and name), for tools
// that check host keys strictly without asking — the benchmark, scripts,
// the real OpenSSH client.
import { demoBastionKeyAlias } from './demo-inventory-yaml';
import type { DemoFleet } from './demo-ssh-server';

export function demoKnownHosts(fleet: Pick<DemoFleet, 'bastions' | 'hosts'>): string {
  const lines = fleet.bastions.map((bastion) => `[${bastion.address}]:${bastion.port},${demoBastionKeyAlias(bastion.name)} ${bastion.hostPublicKey}`);
  for (const host of fleet.hosts) lines.push(`${host.address},${host.name} ${host.hostPublicKey}`);
  return `${lines.join('\n')}\n`;
}
