// Which hosts a scan covers, and how each is reached: the inventory and a
// scope in, plain ScanTargets out.
import type { ScanScope } from '../../../preload/contract';
import { EngineError } from '../dispatch/engine-error';
import type { HostEntry, Inventory, JumpHost } from '../inventory/inventory-schema';
import type { ScanTarget } from '../scan/scan-target';
import type { SshEndpoint } from '../ssh/ssh-route';
import { hostPolicy } from './host-policy';

export function scanTargets(inventory: Inventory, scope: ScanScope): ScanTarget[] {
  const hosts = hostsInScope(inventory, scope);
  return hosts.map((host) => scanTargetFor(inventory, host));
}

function hostsInScope(inventory: Inventory, scope: ScanScope): HostEntry[] {
  switch (scope.kind) {
    case 'fleet':
      return inventory.hosts;
    case 'dc': {
      if (!inventory.datacentres.some((dc) => dc.id === scope.id)) throw new EngineError('not-found', `no datacentre "${scope.id}" in the inventory`);
      return inventory.hosts.filter((host) => host.dc === scope.id);
    }
    case 'role': {
      const hosts = inventory.hosts.filter((host) => host.roles.includes(scope.role));
      if (hosts.length === 0) throw new EngineError('not-found', `no host has the role "${scope.role}"`);
      return hosts;
    }
    case 'host': {
      const host = inventory.hosts.find((candidate) => candidate.name === scope.name);
      if (!host) throw new EngineError('not-found', `no host "${scope.name}" in the inventory`);
      return [host];
    }
  }
}

export function scanTargetFor(inventory: Inventory, host: HostEntry): ScanTarget {
  return {
    name: host.name,
    dc: host.dc,
    address: host.address,
    os: host.os,
    roles: host.roles,
    useSudo: host.sudo,
    siteRole: inventory.datacentres.find((dc) => dc.id === host.dc)?.role ?? 'primary',
    policy: hostPolicy(inventory, host),
    route: {
      target: { label: host.name, address: host.address, port: host.port, user: host.user, identityFile: host.identity },
      jumps: host.jumps.map((jump) => jumpEndpoint(inventory, host, jump)),
    },
  };
}

function jumpEndpoint(inventory: Inventory, host: HostEntry, jump: JumpHost): SshEndpoint {
  const dc = inventory.datacentres.find((candidate) => candidate.id === host.dc);
  const isBastion = dc?.bastion && dc.bastion.address === jump.address && dc.bastion.port === jump.port;
  return {
    label: isBastion ? `${dc.id} bastion` : `jump ${jump.address}`,
    address: jump.address,
    port: jump.port,
    user: jump.user,
    identityFile: jump.identity,
    ...(jump.hostKeyAlias ? { hostKeyAlias: jump.hostKeyAlias } : {}),
  };
}
