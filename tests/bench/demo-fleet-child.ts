// The demo fleet as its own process for a benchmark: started with the CLI
// (out/main/cli.js), ready when it prints its JSON line, stopped by its PID.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import { scanTargets } from '../../main/engine/fleet/scan-targets';
import type { SshRoute } from '../../main/engine/ssh/ssh-route';

export const CLI = join(process.cwd(), 'out', 'main', 'cli.js');

export interface DemoFleetChild {
  dir: string;
  pid: number;
  inventoryPath: string;
  knownHostsPath: string;
  clientKeyPath: string;
  stop(): Promise<void>;
}

export async function startDemoFleetChild(hosts: number): Promise<DemoFleetChild> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-bench-'));
  const child = spawn(process.execPath, [CLI, 'demo-fleet', '--hosts', String(hosts), '--data-dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`demo fleet exited ${code}`)));
  });
  const ready = JSON.parse(line) as { inventoryPath: string; knownHostsPath: string; clientKeyPath: string };
  return {
    dir,
    pid: child.pid!,
    ...ready,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchHost {
  name: string;
  route: SshRoute;
}

/** Every host of the fleet's inventory with its route through its site's bastion. */
export async function demoFleetHosts(fleet: DemoFleetChild): Promise<BenchHost[]> {
  const parsed = parseInventory(await readFile(fleet.inventoryPath, 'utf8'), fleet.inventoryPath);
  if (!parsed.ok) throw new Error(`demo inventory: ${parsed.problems[0]?.message}`);
  return scanTargets(parsed.inventory, { kind: 'fleet' }).map((target) => ({ name: target.name, route: target.route }));
}

/**
 * An ssh_config for the OpenSSH side: one alias per bastion and per host
 * (ProxyJump through its bastion), strict host-key checking against the
 * fleet's known_hosts, ControlMaster/ControlPersist with sockets in controlDir.
 */
export async function writeOpensshConfig(fleet: DemoFleetChild, hosts: BenchHost[], controlDir: string): Promise<{ config: string; bastionAliases: string[] }> {
  const lines: string[] = [];
  const bastions = new Map<string, SshRoute['jumps'][number]>();
  for (const host of hosts) for (const jump of host.route.jumps) bastions.set(`${jump.address}:${jump.port}`, jump);
  const common = [
    `  IdentityFile ${fleet.clientKeyPath}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${fleet.knownHostsPath}`,
    '  StrictHostKeyChecking yes',
    '  BatchMode yes',
    '  ControlMaster auto',
    `  ControlPath ${controlDir}/%C`,
    '  ControlPersist 120',
    '  LogLevel ERROR',
  ];
  let index = 0;
  const bastionAlias = new Map<string, string>();
  for (const [key, jump] of bastions) {
    const alias = `bastion${index++}`;
    bastionAlias.set(key, alias);
    lines.push(`Host ${alias}`, `  HostName ${jump.address}`, `  Port ${jump.port}`, `  User ${jump.user}`, ...common);
  }
  for (const host of hosts) {
    const jump = host.route.jumps[0]!;
    lines.push(
      `Host ${host.name}`,
      `  HostName ${host.route.target.address}`,
      `  Port ${host.route.target.port}`,
      `  User ${host.route.target.user}`,
      `  ProxyJump ${bastionAlias.get(`${jump.address}:${jump.port}`)}`,
      ...common,
    );
  }
  const config = join(controlDir, 'ssh_config');
  await writeFile(config, lines.join('\n') + '\n');
  return { config, bastionAliases: [...bastionAlias.values()] };
}
