// `lab up`: builds the two-site lab (or finds it already up), writes the
// inventories, known_hosts and ssh_config, and records everything it
// creates before creating it. A failure half-way removes what was made.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { generateKey, makeTlsCertificate, nodeDir, prepareNode, sshdConfig, startStubs, startSshd, startTlsServers } from './lab-daemons';
import { labDown } from './lab-down';
import { ansibleInventoryIni, ansibleMappingYaml, knownHostsText, labPaths, opsdeckInventoryYaml, sshConfigText, type LabPaths } from './lab-files';
import { addNode, addSiteBridge, addSiteLatency, addUnreachableRoute, checkRangeIsFree, loadBastionFirewall, loadHostFirewall, type LatencyOutcome } from './lab-network';
import { readState, StateRecorder, type LabState } from './lab-state';
import { namespaceExists, processAlive, requireRoot } from './lab-system';
import { allNodes, DEFAULT_LAB_DIR, labTopology, MIN_HOSTS_PER_SITE, type LabTopology } from './lab-topology';

export interface LabDescription {
  topology: LabTopology;
  paths: LabPaths;
  latency: LatencyOutcome;
  createdAt: string;
}

export interface LabUpOptions {
  dir?: string;
  hostsPerSite?: number;
  /** Added towards the secondary site when the kernel has netem; 0 for none. */
  latencyMs?: number;
  log?: (line: string) => void;
}

const TOOLS: Array<[string, string]> = [
  ['ip', 'iproute2'],
  ['ss', 'iproute2'],
  ['tc', 'iproute2'],
  ['nft', 'nftables'],
  ['iptables-legacy-restore', 'iptables'],
  ['sshd', 'openssh-server'],
  ['ssh-keygen', 'openssh-client'],
  ['unshare', 'util-linux'],
  ['python3', 'python3'],
  ['openssl', 'openssl'],
  ['sysctl', 'procps'],
];

/** Root's tools live in sbin, which a non-login environment may leave out of PATH. */
export function ensureSbinOnPath(): void {
  const parts = (process.env.PATH ?? '').split(delimiter);
  for (const dir of ['/usr/sbin', '/sbin']) if (!parts.includes(dir)) parts.push(dir);
  process.env.PATH = parts.join(delimiter);
}

function checkTools(): void {
  const dirs = (process.env.PATH ?? '').split(delimiter);
  const missing = TOOLS.filter(([tool]) => !dirs.some((dir) => existsSync(join(dir, tool))));
  if (missing.length > 0) throw new Error(`the lab needs ${missing.map(([tool, pkg]) => `${tool} (Debian package ${pkg})`).join(', ')}`);
}

export function readLab(dir: string = DEFAULT_LAB_DIR): LabDescription | null {
  const state = readState(dir);
  if (!state?.complete) return null;
  return JSON.parse(readFileSync(labPaths(dir).description, 'utf8')) as LabDescription;
}

export async function labUp(options: LabUpOptions = {}): Promise<{ lab: LabDescription; reused: boolean }> {
  requireRoot('lab up');
  ensureSbinOnPath();
  const log = options.log ?? (() => undefined);
  const dir = options.dir ?? DEFAULT_LAB_DIR;
  const hostsPerSite = options.hostsPerSite ?? MIN_HOSTS_PER_SITE;
  let existing = readState(dir);
  if (existing?.complete) {
    if (existing.hostsPerSite !== hostsPerSite) throw new Error(`a lab with ${existing.hostsPerSite} hosts per site is up in ${dir}; run lab down first`);
    const problems = reasonsNotUsable(dir, existing);
    if (problems.length === 0) return { lab: readLab(dir)!, reused: true };
    log(`the lab recorded in ${dir} cannot be used as it is (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; ${problems.length - 3} more` : ''}); taking it down and building it anew`);
    await labDown({ dir, log });
    existing = null;
  }
  if (existing) {
    log(`a previous lab up in ${dir} did not finish; removing what it created first`);
    await labDown({ dir, log });
  }
  checkTools();
  checkRangeIsFree();
  const topology = labTopology(dir, hostsPerSite);
  const recorder = StateRecorder.begin(dir, hostsPerSite);
  try {
    const lab = await build(topology, recorder, options.latencyMs ?? 20, log);
    recorder.finish();
    return { lab, reused: false };
  } catch (error) {
    log(`lab up failed (${error instanceof Error ? error.message : String(error)}); removing what it created`);
    await labDown({ dir, log });
    throw error;
  }
}

/**
 * Why a lab recorded as complete cannot be reused: its namespaces or daemons
 * gone (a killed run, a crash, a restart of the machine) or its sshd configs
 * written by other lab code than this. Empty when it can be reused.
 */
export function reasonsNotUsable(dir: string, state: LabState): string[] {
  const lab = readLab(dir);
  if (!lab) return [`${labPaths(dir).description} is missing`];
  const problems: string[] = [];
  for (const thing of state.created) {
    if (thing.kind === 'netns' && !namespaceExists(thing.name)) problems.push(`namespace ${thing.name} is gone`);
    if (thing.kind === 'process' && !processAlive(thing.pid, thing.startTime)) problems.push(`${thing.label} (pid ${thing.pid}) is not running`);
  }
  for (const node of allNodes(lab.topology)) {
    const path = join(nodeDir(lab.topology, node), 'sshd_config');
    const written = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (written !== sshdConfig(lab.topology, node)) problems.push(`${node.name}'s sshd_config is not what this lab code writes`);
  }
  return problems;
}

async function build(topology: LabTopology, recorder: StateRecorder, latencyMs: number, log: (line: string) => void): Promise<LabDescription> {
  const paths = labPaths(topology.dir);
  addUnreachableRoute(recorder);
  for (const site of topology.sites) {
    addSiteBridge(site, recorder);
    addNode(site, site.bastion, recorder);
    loadBastionFirewall(site);
    for (const host of topology.hosts.filter((each) => each.site === site.id)) {
      addNode(site, host, recorder);
      loadHostFirewall(topology, host);
    }
    log(`site ${site.id}: bridge ${site.bridge} ${site.subnet}, bastion ${site.bastion.address}, ${topology.hosts.filter((each) => each.site === site.id).length} hosts`);
  }
  const latency = addSiteLatency(topology, latencyMs);
  log(latency.applied ? `latency: ${latency.delayMs} ms added towards site ${latency.site}` : `latency: none — ${latency.reason}`);

  mkdirSync(dirname(paths.clientKey), { recursive: true, mode: 0o700 });
  const clientPublicKey = generateKey(paths.clientKey, 'opsdeck-lab-client');
  writeFileSync(paths.authorizedKeys, `${clientPublicKey}\n`, { mode: 0o600 });
  const hostKeys = new Map(allNodes(topology).map((node) => [node.name, prepareNode(topology, node)]));
  writeFileSync(paths.knownHosts, knownHostsText(topology, hostKeys));
  writeFileSync(paths.inventory, opsdeckInventoryYaml(topology));
  writeFileSync(paths.ansibleInventory, ansibleInventoryIni(topology));
  writeFileSync(paths.ansibleMapping, ansibleMappingYaml(topology));
  writeFileSync(paths.sshConfig, sshConfigText(topology));
  makeTlsCertificate(topology);

  for (const site of topology.sites) await startSshd(topology, site.bastion, recorder);
  for (const host of topology.hosts) {
    await startSshd(topology, host, recorder);
    await startStubs(host, recorder);
    await startTlsServers(topology, host, recorder);
  }
  log(`sshd running on ${topology.sites.length} bastions and ${topology.hosts.length} hosts`);
  const lab: LabDescription = { topology, paths, latency, createdAt: recorder.state.createdAt };
  writeFileSync(paths.description, `${JSON.stringify(lab, null, 2)}\n`);
  return lab;
}
