// OpsDeck's CLI scans the lab (both sites, through their bastions, strict
// host keys from the lab's known_hosts, nothing accepted on the fly), and
// what it reports is checked against the hosts themselves: hostnames,
// kernels, the path each connection took (sshd's own logs), and for every
// listening port whether a real connection from the bastion and from
// outside the site opens exactly when OpsDeck says it is exposed; and the
// mx hosts' real TLS service (openssl s_server behind the host's firewall),
// probed from the site's bastion, shows its planted §5 problems.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HostScanDetail } from '../../preload/contract';
import type { ExposureEntry } from '../../main/engine/collectors/firewall/exposure';
import type { FirewallFacts } from '../../main/engine/collectors/firewall/firewall-facts';
import type { TransportFacts } from '../../main/engine/collectors/transport/transport-facts';
import { scanTargets } from '../../main/engine/fleet/scan-targets';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import { nodeDir } from '../lab/lab-daemons';
import { sourceNetworks } from '../lab/lab-firewall-rules';
import { hostServices } from '../lab/lab-roles';
import { siteOf } from '../lab/lab-topology';
import type { LabDescription } from '../lab/lab-up';
import { runOpsdeck } from '../support/cli-run';
import { ipv4InAny } from './support/ipv4-cidr';
import { probeFrom, type ProbeTarget } from './support/port-probe';
import { theLab } from './support/the-lab';

let lab: LabDescription;
let home: string;
let scan: { code: number; stdout: string; stderr: string };
const byHost = new Map<string, HostScanDetail>();

beforeAll(async () => {
  lab = theLab();
  home = await mkdtemp(join(tmpdir(), 'opsdeck-lab-home-'));
  await mkdir(join(home, '.ssh'));
  await copyFile(lab.paths.knownHosts, join(home, '.ssh', 'known_hosts'));
  // No --accept-new: a key that is not in known_hosts is refused.
  scan = await runOpsdeck(['scan', '--inventory', lab.paths.inventory, '--json', '--data-dir', join(home, 'data')], { HOME: home });
  if (scan.code === 0 || scan.code === 1) for (const host of (JSON.parse(scan.stdout) as { hosts: HostScanDetail[] }).hosts) byHost.set(host.host, host);
});

afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

test('opsdeck scan answers for every host of both sites, through its own bastion, with the known host keys only', async () => {
  expect(scan.code, scan.stderr).toBe(0);
  expect(scan.stderr).not.toMatch(/accepting new host key/);
  expect([...byHost.keys()].sort()).toEqual(lab.topology.hosts.map((host) => host.name).sort());
  for (const host of lab.topology.hosts) {
    const result = byHost.get(host.name)!;
    expect(result.phase, `${host.name}: ${result.reason}`).toBe('done');
    const site = siteOf(lab.topology, host.site);
    // sshd logs the peer of each login: the bastion, never the operator's side.
    const log = await readFile(join(nodeDir(lab.topology, host), 'sshd.log'), 'utf8');
    expect(log, host.name).toContain(`Accepted publickey for root from ${site.bastion.address}`);
    expect(log, host.name).not.toContain(`Accepted publickey for root from ${site.gateway}`);
  }
  for (const site of lab.topology.sites) {
    const log = await readFile(join(nodeDir(lab.topology, site.bastion), 'sshd.log'), 'utf8');
    expect(log, site.bastion.name).toContain(`Accepted publickey for root from ${site.gateway}`);
  }
});

test('each host reports its own hostname (its UTS namespace), Debian release and the running kernel', () => {
  for (const host of lab.topology.hosts) {
    const identity = byHost.get(host.name)?.identity;
    expect(identity?.hostname, host.name).toBe(host.name);
    expect(identity?.osName, host.name).toBe('Debian GNU/Linux');
    expect(identity?.kernel, host.name).toBe(release());
  }
});

test('hosts drop ssh from anywhere but their bastion; bastions take it from the operator side', () => {
  const fromOutside = probeFrom(
    null,
    [...lab.topology.hosts, ...lab.topology.sites.map((site) => site.bastion)].map((node) => ({ address: node.address, port: 22 })),
  );
  expect(fromOutside).toEqual([...lab.topology.hosts.map(() => false), ...lab.topology.sites.map(() => true)]);
  for (const site of lab.topology.sites) {
    const hosts = lab.topology.hosts.filter((host) => host.site === site.id);
    expect(
      probeFrom(
        site.bastion.netns,
        hosts.map((host) => ({ address: host.address, port: 22 })),
      ),
      site.id,
    ).toEqual(hosts.map(() => true));
  }
});

/** Whether OpsDeck's exposure entry says a connection from `source` is accepted. */
function exposureAdmits(entry: ExposureEntry, source: string): boolean {
  switch (entry.reachability) {
    case 'any':
      return true;
    case 'none':
    case 'local-only':
      return false;
    case 'some':
      return entry.exceptSources ? !ipv4InAny(source, entry.exceptSources) : ipv4InAny(source, entry.sources);
    case 'undetermined':
      throw new Error(`OpsDeck could not decide tcp/${entry.port}: ${entry.reasons.join('; ')}`);
  }
}

test('the exposure OpsDeck computes for every listening port is what really connects, from the bastion and from outside the site', () => {
  const checks: Array<{ host: string; entry: ExposureEntry; from: string; target: ProbeTarget; netns: string | null; intended: boolean }> = [];
  for (const host of lab.topology.hosts) {
    const site = siteOf(lab.topology, host.site);
    const facts = byHost.get(host.name)?.facts.firewall as FirewallFacts | undefined;
    expect(facts, `${host.name} has firewall facts`).toBeDefined();
    const entries = facts!.exposure.filter((entry) => entry.proto === 'tcp' && entry.family === 'ipv4');
    const services = hostServices(host.role);
    expect(
      entries.map((entry) => entry.port).sort((a, b) => a - b),
      host.name,
    ).toEqual(services.map((service) => service.port).sort((a, b) => a - b));
    for (const entry of entries) {
      const allowed = sourceNetworks(lab.topology, site, services.find((service) => service.port === entry.port)!.allowed);
      for (const [from, netns] of [
        [site.bastion.address, site.bastion.netns],
        [site.gateway, null],
      ] as const) {
        checks.push({ host: host.name, entry, from, netns, target: { address: host.address, port: entry.port }, intended: allowed === null || ipv4InAny(from, allowed) });
      }
    }
  }
  const actual = new Map<(typeof checks)[number], boolean>();
  for (const netns of new Set(checks.map((check) => check.netns))) {
    const batch = checks.filter((check) => check.netns === netns);
    probeFrom(
      netns,
      batch.map((check) => check.target),
    ).forEach((connected, index) => actual.set(batch[index]!, connected));
  }
  const wrong: string[] = [];
  for (const check of checks) {
    const connected = actual.get(check)!;
    const claimed = exposureAdmits(check.entry, check.from);
    if (claimed !== connected)
      wrong.push(
        `${check.host} tcp/${check.entry.port} from ${check.from}: OpsDeck says ${claimed ? 'open' : 'closed'} (${check.entry.summary}), a real connection ${connected ? 'opened' : 'did not open'}`,
      );
    if (connected !== check.intended) wrong.push(`${check.host} tcp/${check.entry.port} from ${check.from}: the lab's ruleset should ${check.intended ? 'accept' : 'drop'} it`);
  }
  expect(wrong).toEqual([]);
  // Both answers occur, so the comparison cannot pass vacuously.
  expect([...actual.values()].filter(Boolean).length).toBeGreaterThan(10);
  expect([...actual.values()].filter((connected) => !connected).length).toBeGreaterThan(10);
});

test("the host with iptables-legacy rules is read through iptables-legacy, and the db hosts' over-broad rule is the one critical firewall finding", () => {
  for (const host of lab.topology.hosts) {
    const result = byHost.get(host.name)!;
    const facts = result.facts.firewall as FirewallFacts;
    expect(facts.firewall.state, host.name).toBe('active');
    expect(facts.iptables.ipv4?.backend ?? null, host.name).toBe(host.firewall === 'iptables-legacy' ? 'legacy' : null);
    const critical = result.findings.filter((finding) => finding.area === 'firewall' && finding.severity === 'critical');
    if (host.role === 'db') {
      expect(
        critical.map((finding) => finding.title),
        host.name,
      ).toEqual([expect.stringMatching(/tcp\/5432.*reachable from any address/)]);
    } else {
      expect(critical, host.name).toEqual([]);
    }
  }
});

test("each mx host's real SMTPS, probed from its site's bastion through the host firewall: TLS 1.0/1.1, the 10-day self-signed certificate are §5 findings; forward secrecy holds", () => {
  const mxHosts = lab.topology.hosts.filter((host) => host.role === 'mx');
  expect(mxHosts.length).toBeGreaterThanOrEqual(2);
  for (const host of mxHosts) {
    const result = byHost.get(host.name)!;
    const transport = result.facts.transport as TransportFacts;
    expect(transport.notProbed, host.name).toBeNull();
    const smtps = transport.services.find((service) => service.service.port === 465)!;
    expect(smtps.handshake.value, host.name).toMatchObject({ established: true, protocol: 'TLSv1.3', verifyCode: 18 });
    expect(smtps.handshake.value!.chain[0]!.subject).toContain(host.name.split('.')[0]);
    expect(smtps.versions, host.name).toEqual({ TLSv1: 'accepted', 'TLSv1.1': 'accepted', 'TLSv1.2': 'accepted', 'TLSv1.3': 'accepted' });
    expect(smtps.nonForwardSecret.answer, host.name).toBe('refused');
    const findings = result.findings.filter((finding) => finding.area === 'transport');
    expect(findings.map((finding) => finding.id).sort(), host.name).toEqual(
      [`transport.certificate-chain:${host.name}:smtps/465`, `transport.certificate-expiring:${host.name}:smtps/465`, `transport.old-protocol:${host.name}:smtps/465`].sort(),
    );
    expect(findings.every((finding) => finding.control === 'encryptedTransport')).toBe(true);
  }
  // The other hosts list no TLS service: nothing is probed for them.
  for (const host of lab.topology.hosts.filter((each) => each.role !== 'mx')) expect((byHost.get(host.name)!.facts.transport as TransportFacts).services, host.name).toEqual([]);
});

test('a host whose key differs from known_hosts is refused, naming both fingerprints', async () => {
  const [victim, impostor] = lab.topology.hosts;
  const lines = (await readFile(lab.paths.knownHosts, 'utf8')).split('\n');
  const keyOf = (name: string) =>
    lines
      .find((line) => line.startsWith(`${name},`))!
      .split(' ')
      .slice(1)
      .join(' ');
  const tampered = lines.map((line) => (line.startsWith(`${victim!.name},`) ? `${victim!.name},${victim!.address} ${keyOf(impostor!.name)}` : line)).join('\n');
  const tamperedHome = await mkdtemp(join(tmpdir(), 'opsdeck-lab-tampered-'));
  try {
    await mkdir(join(tamperedHome, '.ssh'));
    await writeFile(join(tamperedHome, '.ssh', 'known_hosts'), tampered);
    const result = await runOpsdeck(['scan', '--inventory', lab.paths.inventory, '--host', victim!.name, '--json', '--data-dir', join(tamperedHome, 'data')], { HOME: tamperedHome });
    expect(result.code).toBe(1);
    const [host] = (JSON.parse(result.stdout) as { hosts: HostScanDetail[] }).hosts;
    expect(host?.phase).toBe('failed');
    expect(host?.reason).toMatch(new RegExp(`host key for ${victim!.name.replace('.', '\\.')}.*changed: known .*SHA256:.*now offered SHA256:`));
  } finally {
    await rm(tamperedHome, { recursive: true, force: true });
  }
});

test("the lab's Ansible INI inventory, imported with opsdeck inventory import-ansible, gives the same hosts, sites, roles and bastions", async () => {
  const imported = await runOpsdeck(['inventory', 'import-ansible', lab.paths.ansibleInventory, '--mapping', lab.paths.ansibleMapping]);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stderr).toBe('');
  const fromAnsible = parseInventory(imported.stdout, 'imported.yaml');
  const own = parseInventory(await readFile(lab.paths.inventory, 'utf8'), lab.paths.inventory);
  if (!fromAnsible.ok || !own.ok) throw new Error('an inventory did not parse');
  const targets = (inventory: typeof own.inventory) => scanTargets(inventory, { kind: 'fleet' }).sort((a, b) => a.name.localeCompare(b.name));
  expect(targets(fromAnsible.inventory)).toEqual(targets(own.inventory));
  expect(targets(own.inventory)).toHaveLength(lab.topology.hosts.length);
});
