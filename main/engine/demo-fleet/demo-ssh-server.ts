// Starts the demo fleet over real SSH: one listener per site bastion on
// 127.0.0.1, every host an in-process ssh2 server reached only through its
// own site's bastion (see demo-host-endpoint.ts). Host state is built on
// first contact, so a 1,000-host fleet costs little until scanned.
import { mkdir } from 'node:fs/promises';
import { ensureDemoClientKey } from './demo-client-key';
import type { DemoDcId, DemoFleetSpec, DemoHostSpec } from './demo-fleet-spec';
import { startDemoBastion, type DemoBastion } from './demo-bastion';
import { pickFaults, type DemoFault } from './demo-faults';
import { createDemoHostEndpoint, type DemoHostEndpoint } from './demo-host-endpoint';
import { demoHostKey, hostKeyFile } from './demo-host-keys';
import { demoInventoryYaml } from './demo-inventory-yaml';
import { ensureFleetSeed } from './fleet-seed';
import { bastionProfile } from './profiles/bastion-profile';
import { demoHostProfile } from './profiles/demo-host-profile';
import { lazy } from './profiles/host-profile';

export interface StartDemoFleetOptions {
  spec: DemoFleetSpec;
  /** Every time in every output is relative to this instant. */
  now: Date;
  /** nj listens on portBase, sea on portBase + 1; absent = random free ports. */
  portBase?: number;
  /** Holds the fleet seed (host keys) and the demo client key. */
  dataDir: string;
  faults?: Record<string, DemoFault>;
  /** Also give this share of hosts each fault kind (0.1 = 10 % per kind). */
  faultRate?: number;
  faultSeed?: string;
}

export interface DemoFleetBastion {
  dc: DemoDcId;
  name: string;
  address: '127.0.0.1';
  port: number;
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA…`, for a known_hosts line. */
  hostPublicKey: string;
}

export interface DemoFleetHost {
  name: string;
  dc: DemoDcId;
  address: string;
  port: 22;
  /** The host's own key; a changed-host-key host presents a different one. */
  hostKeyFingerprint: string;
  hostPublicKey: string;
}

export interface DemoFleet {
  bastions: DemoFleetBastion[];
  hosts: DemoFleetHost[];
  clientKeyPath: string;
  inventoryYaml: string;
  /** The faults in effect, by host name. */
  faults: Record<string, DemoFault>;
  stop(): Promise<void>;
}

export async function startDemoFleet(options: StartDemoFleetOptions): Promise<DemoFleet> {
  const { spec, now } = options;
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const seed = await ensureFleetSeed(options.dataDir);
  const clientKey = await ensureDemoClientKey(options.dataDir);
  const faults = pickFaults(
    spec.hosts.map((host) => host.name),
    options.faultRate ?? 0,
    options.faultSeed ?? 'opsdeck-demo-faults',
    options.faults ?? {},
  );

  const hostsByAddress = new Map<string, DemoHostSpec>();
  for (const host of spec.hosts) {
    hostsByAddress.set(host.address, host);
    // `ssh -J bastion imap1.nj` asks the bastion for the name: resolve it as DNS would.
    hostsByAddress.set(host.name, host);
  }
  const endpoints = new Map<string, DemoHostEndpoint>();
  const endpointFor = (host: DemoHostSpec): DemoHostEndpoint => {
    let endpoint = endpoints.get(host.name);
    if (!endpoint) {
      const fault = faults[host.name];
      const key = demoHostKey(seed, host.name, fault?.kind === 'changed-host-key' ? 'changed' : 'normal');
      const endpointOptions = { name: host.name, hostKeyFile: hostKeyFile(key, host.name), clientKey, profile: lazy(() => demoHostProfile(spec, host, now)) };
      endpoint = createDemoHostEndpoint(fault ? { ...endpointOptions, fault } : endpointOptions);
      endpoints.set(host.name, endpoint);
    }
    return endpoint;
  };

  const bastions: DemoBastion[] = [];
  const bastionViews: DemoFleetBastion[] = [];
  try {
    for (const [index, dc] of spec.datacentres.entries()) {
      const key = demoHostKey(seed, dc.bastionName);
      const bastion = await startDemoBastion({
        name: dc.bastionName,
        hostKeyFile: hostKeyFile(key, dc.bastionName),
        clientKey,
        port: options.portBase === undefined ? 0 : options.portBase + index,
        internalAddress: dc.managementNetwork.replace(/0\/24$/, '5'),
        profile: bastionProfile(dc, spec.hosts),
        route(destination, port) {
          const host = hostsByAddress.get(destination);
          return host && host.dc === dc.id && port === 22 ? endpointFor(host) : null;
        },
      });
      bastions.push(bastion);
      bastionViews.push({ dc: dc.id, name: dc.bastionName, address: '127.0.0.1', port: bastion.port, hostKeyFingerprint: key.fingerprint, hostPublicKey: key.publicKeyLine });
    }
  } catch (error) {
    await Promise.all(bastions.map((bastion) => bastion.close()));
    throw error;
  }

  const hosts = spec.hosts.map((host): DemoFleetHost => {
    const key = demoHostKey(seed, host.name);
    return { name: host.name, dc: host.dc, address: host.address, port: 22, hostKeyFingerprint: key.fingerprint, hostPublicKey: key.publicKeyLine };
  });
  let stopping: Promise<void> | null = null;
  return {
    bastions: bastionViews,
    hosts,
    clientKeyPath: clientKey.path,
    inventoryYaml: demoInventoryYaml({ spec, bastions: bastionViews, clientKeyPath: clientKey.path }),
    faults,
    stop() {
      stopping ??= (async () => {
        for (const endpoint of endpoints.values()) endpoint.close();
        await Promise.all(bastions.map((bastion) => bastion.close()));
      })();
      return stopping;
    },
  };
}
