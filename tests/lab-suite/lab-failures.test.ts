// Failures in the middle of a scan stay where they happen: one host's sshd
// killed (SIGKILL, sessions too) as soon as the scan has logged in to it, and the
// whole secondary bastion killed once the scan has logged in through it. Every other
// host's result is complete, and each failed host says what failed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import type { HostScanDetail } from '../../preload/contract';
import type { FirewallFacts } from '../../main/engine/collectors/firewall/firewall-facts';
import { killNodeSshd, startNodeSshd } from '../lab/lab-control';
import { nodeDir, sshdPids } from '../lab/lab-daemons';
import { allNodes, type LabHost, type LabNode } from '../lab/lab-topology';
import type { LabDescription } from '../lab/lab-up';
import { labEngine, scanAndWait, type LabEngine } from './support/lab-engine';
import { theLab } from './support/the-lab';

let lab: LabDescription;
// A new engine per test: connections kept from an earlier scan would spare this one its logins.
let opsdeck: LabEngine | null = null;

beforeAll(() => {
  lab = theLab();
});

beforeEach(async () => {
  opsdeck = await labEngine(lab);
});

afterEach(async () => {
  await opsdeck?.dispose();
  opsdeck = null;
  // Whatever a test killed comes back for the next one.
  for (const node of allNodes(lab.topology)) if (sshdPids(node).length === 0) await startNodeSshd(lab, node.name);
});

function expectComplete(host: LabHost, result: HostScanDetail | undefined): void {
  expect(result?.phase, `${host.name}: ${result?.reason}`).toBe('done');
  expect(result?.identity?.hostname, host.name).toBe(host.name);
  const facts = result?.facts.firewall as FirewallFacts | undefined;
  expect(facts?.listenersKnown, host.name).toBe(true);
  expect(
    result?.outputs.filter((output) => output.error !== null).map((output) => `${output.id}: ${output.error}`),
    host.name,
  ).toEqual([]);
}

function loginsOf(node: LabNode): number {
  return (readFileSync(join(nodeDir(lab.topology, node), 'sshd.log'), 'utf8').match(/Accepted publickey for /g) ?? []).length;
}

/** Resolves once one of the nodes' sshd logs a new login (past `before`): the scan is authenticated there and sending commands. */
async function newLogin(nodes: LabNode[], before: Map<LabNode, number>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!nodes.some((node) => loginsOf(node) > before.get(node)!)) {
    if (Date.now() > deadline) throw new Error(`no login reached ${nodes.map((node) => node.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("killing one host's sshd mid-scan fails that host with the reason, and every other host's result is complete", async () => {
  const victim = lab.topology.hosts.find((host) => host.role === 'mx' && host.site === 'nj')!;
  const before = new Map([[victim as LabNode, loginsOf(victim)]]);
  const scanning = scanAndWait(opsdeck!.engine, { kind: 'fleet' });
  await newLogin([victim], before);
  await killNodeSshd(lab, victim.name);
  const results = await scanning;
  const failed = results.get(victim.name);
  expect(failed?.phase).toBe('failed');
  expect(failed?.reason ?? '').toMatch(new RegExp(`${victim.name.replace('.', '\\.')}.*(cannot open a channel|dropped|closed|reset|ended|lost|refused)`, 'i'));
  for (const host of lab.topology.hosts.filter((each) => each !== victim)) expectComplete(host, results.get(host.name));
});

test("the secondary site's bastion killed mid-scan fails only that site's hosts, each naming the bastion", async () => {
  const secondary = lab.topology.sites.find((site) => site.role === 'secondary')!;
  const secondaryHosts: LabNode[] = lab.topology.hosts.filter((host) => host.site === secondary.id);
  const before = new Map(secondaryHosts.map((host) => [host, loginsOf(host)]));
  const scanning = scanAndWait(opsdeck!.engine, { kind: 'fleet' });
  // Once the scan has logged in to a secondary host through the bastion.
  await newLogin(secondaryHosts, before);
  await killNodeSshd(lab, secondary.bastion.name);
  const results = await scanning;
  for (const host of lab.topology.hosts) {
    const result = results.get(host.name);
    if (host.site !== secondary.id) {
      expectComplete(host, result);
      continue;
    }
    expect(result?.phase, host.name).toBe('failed');
    expect(result?.reason ?? '', host.name).toMatch(new RegExp(`^${host.name.replace('.', '\\.')}\\b.*${secondary.id} bastion \\(root@${secondary.bastion.address.replace(/\./g, '\\.')}:22\\)`));
  }
});
