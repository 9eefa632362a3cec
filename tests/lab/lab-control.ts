// What tests do to a running lab: stop a node's sshd as a crash would and
// start it again, change a host's firewall and put it back. Every daemon
// started here is recorded in the state file, so lab down still finds it.
import { killSshd, startSshd } from './lab-daemons';
import { loadHostFirewall } from './lab-network';
import { resumeRecorder } from './lab-state';
import { mustInNetns } from './lab-system';
import { allNodes, hostNamed, type LabNode } from './lab-topology';
import type { LabDescription } from './lab-up';

function nodeNamed(lab: LabDescription, name: string): LabNode {
  const node = allNodes(lab.topology).find((candidate) => candidate.name === name);
  if (!node) throw new Error(`no lab node ${name}`);
  return node;
}

/** SIGKILLs the node's sshd and every session it serves. */
export async function killNodeSshd(lab: LabDescription, name: string): Promise<void> {
  await killSshd(nodeNamed(lab, name), resumeRecorder(lab.topology.dir));
}

export async function startNodeSshd(lab: LabDescription, name: string): Promise<void> {
  await startSshd(lab.topology, nodeNamed(lab, name), resumeRecorder(lab.topology.dir));
}

/** Runs a tool (nft, iptables-legacy…) inside the host's network namespace, e.g. to change a rule. */
export function runOnHost(lab: LabDescription, name: string, command: string, args: string[]): string {
  return mustInNetns(hostNamed(lab.topology, name).netns, command, args);
}

export function restoreHostFirewall(lab: LabDescription, name: string): void {
  loadHostFirewall(lab.topology, hostNamed(lab.topology, name));
}
