// The demo fleet inside the engine's own process: started when no inventory
// is configured (or when asked), served over real SSH on loopback, and
// loaded as the fleet. Its host keys are learned like any real fleet's, so
// its bastions keep the same ports from one start to the next (known_hosts
// entries are per [address]:port); if those ports are taken, new ones are
// chosen and remembered.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DEMO_HOSTS, demoFleetSpec } from '../demo-fleet/demo-fleet-spec';
import { startDemoFleet, type DemoFleet } from '../demo-fleet/demo-ssh-server';

export interface InProcessDemo {
  fleet: DemoFleet;
  inventoryPath: string;
}

export async function startInProcessDemo(dataDir: string, hosts = DEFAULT_DEMO_HOSTS, now = new Date()): Promise<InProcessDemo> {
  const demoDir = join(dataDir, 'demo-fleet');
  const portsFile = join(demoDir, 'bastion-port-base');
  const remembered = Number((await readFile(portsFile, 'utf8').catch(() => '')).trim()) || undefined;
  const spec = demoFleetSpec({ hosts });
  let fleet: DemoFleet;
  try {
    fleet = await startDemoFleet({ spec, now, dataDir: demoDir, ...(remembered ? { portBase: remembered } : {}) });
  } catch (error) {
    if (!remembered || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    fleet = await startDemoFleet({ spec, now, dataDir: demoDir });
  }
  const ports = fleet.bastions.map((bastion) => bastion.port).sort((a, b) => a - b);
  if (ports.length === 2 && ports[1] === ports[0]! + 1) {
    if (ports[0] !== remembered) await writeFile(portsFile, `${ports[0]}\n`);
  } else if (!remembered) {
    await writeFile(portsFile, `${pickPortBase()}\n`);
  }
  const inventoryPath = join(demoDir, 'demo-inventory.yaml');
  await writeFile(inventoryPath, fleet.inventoryYaml, { mode: 0o600 });
  return { fleet, inventoryPath };
}

/** Random ports are not consecutive; next start moves to a consecutive pair in a quiet range. */
function pickPortBase(): number {
  return 42000 + 2 * Math.floor(Math.random() * 4000);
}
