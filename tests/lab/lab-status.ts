// `lab status`: what is up, per node whether its namespace, sshd and
// listeners are there and what hostname its sessions see, the latency, the
// files for the tools, and anything named like the lab that it did not record.
import { listeningPorts, sshdPids } from './lab-daemons';
import { labLeftovers } from './lab-down';
import { hostServices } from './lab-roles';
import { readLab } from './lab-up';
import { readState } from './lab-state';
import { namespaceExists, run } from './lab-system';
import { DEFAULT_LAB_DIR, type LabNode } from './lab-topology';
import { tcpAnswers } from '../support/tcp-answers';

export interface NodeStatus {
  name: string;
  netns: string;
  address: string;
  namespace: boolean;
  sshdPids: number[];
  /** What `hostname` answers inside the node's sshd (its UTS namespace). */
  hostname: string | null;
  listening: number[];
  missingPorts: number[];
}

export interface LabStatus {
  state: 'down' | 'up' | 'incomplete';
  lines: string[];
  nodes: NodeStatus[];
}

export async function labStatus(dir: string = DEFAULT_LAB_DIR): Promise<LabStatus> {
  const state = readState(dir);
  if (!state) {
    const strays = labLeftovers(dir);
    return { state: 'down', nodes: [], lines: ['lab: down', ...(strays.length ? [`named like the lab but not recorded by it (not touched): ${strays.join('; ')}`] : [])] };
  }
  if (!state.complete) return { state: 'incomplete', nodes: [], lines: [`lab: a lab up in ${dir} did not finish (crashed?); run lab down to remove what it created`] };
  const lab = readLab(dir)!;
  const { topology } = lab;
  const nodes: NodeStatus[] = [];
  const lines = [`lab: up since ${lab.createdAt} (${topology.sites.length} sites, ${topology.hosts.length} hosts, state ${dir}/state.json)`];
  for (const site of topology.sites) {
    const reachable = await tcpAnswers(site.bastion.address, 22, 1500);
    const bastion = nodeStatus(site.bastion, [22]);
    nodes.push(bastion);
    lines.push(
      `site ${site.id} (${site.role}, ${site.name}): bridge ${site.bridge} ${site.subnet}, gateway ${site.gateway}`,
      `  ${describe(bastion)}; ssh from here: ${reachable ? 'answers' : 'NO ANSWER'}`,
    );
    for (const host of topology.hosts.filter((each) => each.site === site.id)) {
      const status = nodeStatus(
        host,
        hostServices(host.role).map((service) => service.port),
      );
      nodes.push(status);
      lines.push(`  ${describe(status)}; ${host.role}, firewall ${host.firewall}`);
    }
  }
  lines.push(`latency: ${lab.latency.applied ? `${lab.latency.delayMs} ms towards ${lab.latency.site}` : `none — ${lab.latency.reason}`}`);
  lines.push(
    `files: OpsDeck inventory ${lab.paths.inventory}`,
    `       Ansible inventory ${lab.paths.ansibleInventory} (OpsDeck import mapping ${lab.paths.ansibleMapping})`,
    `       known_hosts ${lab.paths.knownHosts}, ssh_config ${lab.paths.sshConfig} (ssh -F ${lab.paths.sshConfig} ${topology.hosts[0]?.name})`,
  );
  return { state: 'up', lines, nodes };
}

function nodeStatus(node: LabNode, expectedPorts: number[]): NodeStatus {
  const namespace = namespaceExists(node.netns);
  const listening = namespace ? listeningPorts(node.netns) : [];
  const pids = namespace ? sshdPids(node) : [];
  return {
    name: node.name,
    netns: node.netns,
    address: node.address,
    namespace,
    sshdPids: pids,
    hostname: pids[0] === undefined ? null : sessionHostname(pids[0]),
    listening,
    missingPorts: expectedPorts.filter((port) => !listening.includes(port)),
  };
}

/** `hostname` run in the UTS namespace of the node's sshd, as its sessions see it. */
function sessionHostname(sshdPid: number): string | null {
  const result = run('nsenter', ['--target', String(sshdPid), '--uts', 'hostname']);
  return result.status === 0 ? result.stdout.trim() : null;
}

function describe(status: NodeStatus): string {
  if (!status.namespace) return `${status.name} ${status.address}: NAMESPACE MISSING`;
  const sshd = status.sshdPids.length ? `sshd pid ${status.sshdPids[0]}` : 'SSHD NOT RUNNING';
  const ports = status.missingPorts.length ? `NOT LISTENING on ${status.missingPorts.join(', ')}` : `listening on ${status.listening.sort((a, b) => a - b).join(', ')}`;
  return `${status.name} ${status.address} (${status.netns}): ${sshd}, hostname ${status.hostname ?? '?'}, ${ports}`;
}
