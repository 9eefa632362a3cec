// A rule changed inside a host's namespace changes what the next scan
// finds: the db host's over-broad PostgreSQL rule narrowed to the other
// site (the critical finding goes, and the port really closes to the own
// site), and a rule opening the exporter to everyone on the host whose
// firewall is iptables-legacy (a finding appears). Rules are put back after.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FindingView, HostScanDetail } from '../../preload/contract';
import type { FirewallFacts } from '../../main/engine/collectors/firewall/firewall-facts';
import { restoreHostFirewall, runOnHost } from '../lab/lab-control';
import { EXPORTER_PORT } from '../lab/lab-roles';
import { hostNamed, LEGACY_FIREWALL_HOST, siteOf } from '../lab/lab-topology';
import type { LabDescription } from '../lab/lab-up';
import { labEngine, scanAndWait, type LabEngine } from './support/lab-engine';
import { probeFrom } from './support/port-probe';
import { theLab } from './support/the-lab';

let lab: LabDescription;
let opsdeck: LabEngine;

beforeAll(async () => {
  lab = theLab();
  opsdeck = await labEngine(lab);
});

afterAll(async () => {
  await opsdeck?.dispose();
});

async function scanHost(name: string): Promise<HostScanDetail> {
  const result = (await scanAndWait(opsdeck.engine, { kind: 'host', name })).get(name)!;
  expect(result.phase, `${name}: ${result.reason}`).toBe('done');
  return result;
}

const firewallFindings = (result: HostScanDetail): FindingView[] => result.findings.filter((finding) => finding.area === 'firewall');
const exposureOf = (result: HostScanDetail, port: number) => (result.facts.firewall as FirewallFacts).exposure.find((entry) => entry.port === port && entry.family === 'ipv4');

test("narrowing the db host's over-broad rule in its namespace removes the critical finding from the next scan", async () => {
  const db = lab.topology.hosts.find((host) => host.role === 'db' && host.firewall === 'nftables')!;
  const site = siteOf(lab.topology, db.site);
  const otherSite = lab.topology.sites.find((each) => each.id !== site.id)!;
  try {
    const before = await scanHost(db.name);
    expect(
      firewallFindings(before)
        .filter((finding) => finding.severity === 'critical')
        .map((finding) => finding.title),
    ).toEqual([expect.stringMatching(/tcp\/5432/)]);
    expect(exposureOf(before, 5432)?.reachability).toBe('any');

    const listing = runOnHost(lab, db.name, 'nft', ['-a', 'list', 'chain', 'inet', 'filter', 'input']);
    const handle = /tcp dport 5432 accept .*# handle (\d+)/.exec(listing)?.[1];
    expect(handle, listing).toBeDefined();
    runOnHost(lab, db.name, 'nft', ['replace', 'rule', 'inet', 'filter', 'input', 'handle', handle!, 'ip', 'saddr', otherSite.subnet, 'tcp', 'dport', '5432', 'accept']);
    expect(probeFrom(site.bastion.netns, [{ address: db.address, port: 5432 }])).toEqual([false]);

    const after = await scanHost(db.name);
    expect(firewallFindings(after).filter((finding) => finding.severity === 'critical')).toEqual([]);
    expect(firewallFindings(after).some((finding) => /5432/.test(finding.title))).toBe(false);
    expect(exposureOf(after, 5432)).toMatchObject({ reachability: 'some', sources: [otherSite.subnet] });
  } finally {
    restoreHostFirewall(lab, db.name);
  }
});

test('opening the exporter to everyone with iptables-legacy on the legacy host adds a finding to the next scan', async () => {
  const host = hostNamed(lab.topology, LEGACY_FIREWALL_HOST);
  try {
    const before = await scanHost(host.name);
    const exporterFindings = (result: HostScanDetail) => firewallFindings(result).filter((finding) => finding.title.includes(`tcp/${EXPORTER_PORT}`));
    expect(exporterFindings(before)).toEqual([]);
    expect(exposureOf(before, EXPORTER_PORT)?.reachability).toBe('some');

    runOnHost(lab, host.name, 'iptables-legacy', ['-I', 'INPUT', '1', '-p', 'tcp', '-m', 'tcp', '--dport', String(EXPORTER_PORT), '-j', 'ACCEPT']);
    expect(probeFrom(null, [{ address: host.address, port: EXPORTER_PORT }])).toEqual([true]);

    const after = await scanHost(host.name);
    expect(exposureOf(after, EXPORTER_PORT)?.reachability).toBe('any');
    expect(exporterFindings(after).map((finding) => finding.title)).toEqual([expect.stringMatching(/reachable from any address/)]);
    const newIds = firewallFindings(after)
      .map((finding) => finding.id)
      .filter((id) => !firewallFindings(before).some((finding) => finding.id === id));
    expect(newIds).toHaveLength(1);
  } finally {
    restoreHostFirewall(lab, host.name);
  }
});
