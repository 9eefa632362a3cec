// The demo fleet inside the engine's own process: started when no inventory
// is configured (or when asked), served over real SSH on loopback, and
// loaded as the fleet. Its host keys are learned like any real fleet's. Its
// bastions listen on free ports chosen at each start (so several runs on one
// machine never collide); the inventory names each bastion's host key by a
// stable alias, so a key accepted once stays accepted after a restart.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DEMO_HOSTS, demoFleetSpec } from '../demo-fleet/demo-fleet-spec';
import { startDemoFleet, type DemoFleet } from '../demo-fleet/demo-ssh-server';

export interface InProcessDemo {
  fleet: DemoFleet;
  inventoryPath: string;
}

export async function startInProcessDemo(dataDir: string, hosts = DEFAULT_DEMO_HOSTS, now = new Date()): Promise<InProcessDemo> {
  const demoDir = join(dataDir, 'demo-fleet');
  const fleet = await startDemoFleet({ spec: demoFleetSpec({ hosts }), now, dataDir: demoDir });
  const inventoryPath = join(demoDir, 'demo-inventory.yaml');
  // A fleet whose inventory cannot be written is stopped again: nobody could reach it, nothing would stop it.
  await writeFile(inventoryPath, fleet.inventoryYaml, { mode: 0o600 }).catch(async (error: unknown) => {
    await fleet.stop();
    throw error;
  });
  return { fleet, inventoryPath };
}
