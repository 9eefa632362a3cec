// `npm run lab -- up|down|status [--hosts-per-site N] [--latency-ms MS] [--dir DIR]`
// Exit status: 0 done (status: up and every node healthy), 1 failed or
// something left behind / unhealthy, 2 bad usage, 3 (status) the lab is down.
import { labDown } from './lab-down';
import { labStatus } from './lab-status';
import { ensureSbinOnPath, labUp } from './lab-up';
import { DEFAULT_LAB_DIR, MAX_HOSTS_PER_SITE, MIN_HOSTS_PER_SITE } from './lab-topology';

const USAGE = `usage: npm run lab -- up [--hosts-per-site N] [--latency-ms MS] [--dir DIR]
       npm run lab -- status [--dir DIR]
       npm run lab -- down [--dir DIR]
  up      builds two sites of network namespaces (bastion + N hosts each, N ${MIN_HOSTS_PER_SITE}-${MAX_HOSTS_PER_SITE}, default ${MIN_HOSTS_PER_SITE})
          with real sshd and firewalls; writes inventories, known_hosts and ssh_config in DIR
  status  what is up and whether each node answers
  down    removes everything the lab created (also after a crash) and checks nothing is left
  DIR defaults to ${DEFAULT_LAB_DIR}; --latency-ms (default 20) needs the kernel's netem`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function numberOption(args: string[], name: string): number | undefined {
  const text = option(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${name} expects a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const known = new Set(['--hosts-per-site', '--latency-ms', '--dir']);
  for (let index = 0; index < rest.length; index += 2) {
    if (!known.has(rest[index]!)) {
      console.error(`unknown option ${rest[index]}\n${USAGE}`);
      return 2;
    }
  }
  const dir = option(rest, '--dir') ?? DEFAULT_LAB_DIR;
  const log = (line: string) => console.log(line);
  ensureSbinOnPath();
  switch (command) {
    case 'up': {
      const { lab, reused } = await labUp({ dir, hostsPerSite: numberOption(rest, '--hosts-per-site'), latencyMs: numberOption(rest, '--latency-ms'), log });
      console.log(reused ? `the lab was already up (${lab.topology.hosts.length} hosts); nothing changed` : `lab up: ${lab.topology.hosts.length} hosts in ${lab.topology.sites.length} sites`);
      for (const line of (await labStatus(dir)).lines) console.log(line);
      return 0;
    }
    case 'status': {
      const status = await labStatus(dir);
      for (const line of status.lines) console.log(line);
      if (status.state === 'down') return 3;
      const unhealthy = status.nodes.filter((node) => !node.namespace || node.sshdPids.length === 0 || node.missingPorts.length > 0 || node.hostname !== node.name);
      return status.state === 'up' && unhealthy.length === 0 ? 0 : 1;
    }
    case 'down': {
      const result = await labDown({ dir, log });
      return result.leftovers.length === 0 ? 0 : 1;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lab: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
