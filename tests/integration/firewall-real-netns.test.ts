// The firewall area against REAL nftables and iptables (iptables-nft and
// iptables-legacy), in network namespaces this test builds:
//
//   root ns ── 10.253.9.0/30 ── "db1" ns (sshd, listeners, the rules) ── 10.254.9.0/24, fd00:254:9::/64 ── client ns
//
// OpsDeck's fixed commands go to the real sshd inside "db1" exactly as a
// scan sends them (remoteCommandLine, through the SSH pool), their outputs
// become facts and findings; then a rule changes and the reported exposure
// must change with it. Every verdict is checked against reality: the client
// namespace connects, from an address inside the allowed network and one
// outside it, over IPv4 and IPv6, and what connects must be what OpsDeck
// said is reachable. Needs root; a missing tool fails the test by name.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firewallArea } from '../../main/engine/areas/firewall-area';
import type { ExposureEntry } from '../../main/engine/collectors/firewall/exposure';
import type { FirewallFacts } from '../../main/engine/collectors/firewall/firewall-facts';
import { remoteCommandLine, type CommandOutput } from '../../main/engine/collectors/host-command';
import type { HostContext } from '../../main/engine/posture/host-context';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import type { SshRoute } from '../../main/engine/ssh/ssh-route';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { inNetns, ip, removeStaleNamespaces } from '../support/netns';
import { generateKey, startPrivateSshd, type PrivateSshd } from '../support/private-sshd';

const TOOLS = [
  '/usr/sbin/nft',
  '/usr/sbin/iptables-nft-restore',
  '/usr/sbin/iptables-nft',
  '/usr/sbin/iptables-legacy-restore',
  '/usr/sbin/iptables-legacy',
  '/usr/sbin/iptables-legacy-save',
  '/usr/sbin/ip6tables-legacy-save',
  '/usr/sbin/sshd',
  '/usr/bin/ss',
];
const tag = Math.random().toString(36).slice(2, 7);
const SERVER_NS = `odt-fws-${tag}`;
const CLIENT_NS = `odt-fwc-${tag}`;
const MGMT = { root: '10.253.9.1', server: '10.253.9.2', network: '10.253.9.0/30' };
const NET = { server: '10.254.9.1', inside: '10.254.9.10', outside: '10.254.9.200', allowed: '10.254.9.0/25', subnet: '10.254.9.0/24' };
const NET6 = { server: 'fd00:254:9::1', client: 'fd00:254:9::10' };

const servers: PrivateSshd[] = [];
const children: ChildProcess[] = [];
let dir: string;
let pool: SshPool;
let route: SshRoute;
let legacyRoute: SshRoute;

/** The db role: PostgreSQL from the application network only, SSH from management only. */
const context: HostContext = {
  host: 'db1.nj',
  dc: 'nj',
  siteRole: 'primary',
  os: 'debian',
  policy: {
    roles: ['db'],
    allowedPorts: [
      { proto: 'tcp', from: 5432, to: 5432, sources: [NET.allowed] },
      { proto: 'tcp', from: 22, to: 22, sources: [MGMT.network] },
    ],
    patchSlaHours: 72,
    backupRpoHours: 24,
    restoreTestMaxAgeDays: 30,
    platformImageMaxAgeDays: 180,
  },
  now: new Date(),
};

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input, timeout: 20_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Runs a command inside the server namespace (loading rules: the test's own doing, not OpsDeck's). */
function inServer(command: string[], input?: string): void {
  run('ip', ['netns', 'exec', SERVER_NS, ...command], input);
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test builds network namespaces and loads firewall rules: it must run as root');
  const missing = TOOLS.filter((tool) => !existsSync(tool));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: install Debian's nftables, iptables, openssh-server and iproute2 packages`);
  removeStaleNamespaces('odt-fws-');
  removeStaleNamespaces('odt-fwc-');
  // The root namespace must never send the client subnet anywhere else (its default route leaves this machine).
  ip('route', 'replace', 'unreachable', NET.subnet);
  ip('netns', 'add', SERVER_NS);
  ip('netns', 'add', CLIENT_NS);
  ip('link', 'add', `odf${tag}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', SERVER_NS);
  ip('addr', 'add', `${MGMT.root}/30`, 'dev', `odf${tag}`);
  ip('link', 'set', `odf${tag}`, 'up');
  ip('-n', SERVER_NS, 'addr', 'add', `${MGMT.server}/30`, 'dev', 'eth0');
  ip('-n', SERVER_NS, 'link', 'set', 'eth0', 'up');
  ip('-n', SERVER_NS, 'link', 'set', 'lo', 'up');
  ip('-n', SERVER_NS, 'link', 'add', 'eth1', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', CLIENT_NS);
  ip('-n', SERVER_NS, 'addr', 'add', `${NET.server}/24`, 'dev', 'eth1');
  ip('-n', SERVER_NS, 'addr', 'add', `${NET6.server}/64`, 'dev', 'eth1', 'nodad');
  ip('-n', SERVER_NS, 'link', 'set', 'eth1', 'up');
  ip('-n', CLIENT_NS, 'addr', 'add', `${NET.inside}/24`, 'dev', 'eth0');
  ip('-n', CLIENT_NS, 'addr', 'add', `${NET.outside}/24`, 'dev', 'eth0');
  ip('-n', CLIENT_NS, 'addr', 'add', `${NET6.client}/64`, 'dev', 'eth0', 'nodad');
  ip('-n', CLIENT_NS, 'link', 'set', 'eth0', 'up');
  ip('-n', CLIENT_NS, 'link', 'set', 'lo', 'up');
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-fw-netns-'));

  // A host whose `iptables` alternative is iptables-legacy: the same command names, resolved through PATH.
  const legacyBin = join(dir, 'legacy-bin');
  await mkdir(legacyBin);
  await symlink('/usr/sbin/iptables-legacy-save', join(legacyBin, 'iptables-save'));
  await symlink('/usr/sbin/ip6tables-legacy-save', join(legacyBin, 'ip6tables-save'));

  const clientKey = join(dir, 'id_ed25519');
  const publicKey = await generateKey(clientKey);
  const sshd = await startPrivateSshd({ authorizedKeys: [publicKey], netns: SERVER_NS, listenAddress: '0.0.0.0', port: 22 });
  const legacySshd = await startPrivateSshd({
    authorizedKeys: [publicKey],
    netns: SERVER_NS,
    listenAddress: MGMT.server,
    port: 2222,
    extraConfig: [`SetEnv PATH=${legacyBin}:/usr/sbin:/usr/bin:/sbin:/bin`],
  });
  servers.push(sshd, legacySshd);
  const knownHosts = join(dir, 'known_hosts');
  const key = (server: PrivateSshd) => server.hostPublicKey.split(' ').slice(0, 2).join(' ');
  await writeFile(knownHosts, `${MGMT.server} ${key(sshd)}\n[${MGMT.server}]:2222 ${key(legacySshd)}\n`);
  pool = new SshPool({
    hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    secrets: new MemorySecretStore(),
  });
  route = { target: { label: 'db1.nj', address: MGMT.server, port: 22, user: 'root', identityFile: clientKey }, jumps: [] };
  legacyRoute = { target: { label: 'db1.nj (legacy)', address: MGMT.server, port: 2222, user: 'root', identityFile: clientKey }, jumps: [] };

  // The services: "postgres" on 5432 (IPv4 and IPv6), something unlisted on 8080 (IPv4).
  const listeners = `
    const net = require('node:net');
    const sockets = [['0.0.0.0', 5432, false], ['::', 5432, true], ['0.0.0.0', 8080, false]];
    let ready = 0;
    for (const [host, port, ipv6Only] of sockets) net.createServer((socket) => socket.end()).listen({ host, port, ipv6Only }, () => { if (++ready === sockets.length) console.log('ready'); });
  `;
  const child = spawn('ip', ['netns', 'exec', SERVER_NS, process.execPath, '-e', listeners], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the listeners exited (${code})`)));
  });
}, 60_000);

afterAll(async () => {
  await pool?.dispose();
  for (const server of servers) await server.stop();
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  try {
    ip('route', 'delete', 'unreachable', NET.subnet);
  } catch {
    // already gone
  }
  removeStaleNamespaces(SERVER_NS);
  removeStaleNamespaces(CLIENT_NS);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs every Debian firewall command over SSH as a scan does, then the area's facts and findings. */
async function scan(via: SshRoute = route): Promise<{ facts: FirewallFacts; findings: ReturnType<typeof firewallArea.findings> }> {
  const outputs: CommandOutput[] = [];
  for (const command of firewallArea.commands.debian) {
    const line = remoteCommandLine(command, false);
    const result = await pool.exec(via, line, { timeoutMs: 20_000 });
    outputs.push({ id: command.id, command: line, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, durationMs: result.durationMs, error: null });
  }
  const facts = firewallArea.facts('debian', outputs, new Date(), undefined);
  return { facts, findings: firewallArea.findings(facts, context) };
}

/** What the client namespace can open: one TCP connection per [source, destination, port]. */
function connects(attempts: Array<[string, string, number]>): boolean[] {
  const script = `
    const net = require('node:net');
    const attempts = JSON.parse(process.argv[1]);
    Promise.all(attempts.map(([localAddress, host, port]) => new Promise((resolve) => {
      const socket = net.connect({ host, port, localAddress, timeout: 1500 });
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('timeout', () => { socket.destroy(); resolve(false); });
      socket.once('error', () => resolve(false));
    }))).then((results) => console.log(JSON.stringify(results)));
  `;
  const result = inNetns(CLIENT_NS, process.execPath, '-e', script, JSON.stringify(attempts));
  if (result.status !== 0) throw new Error(`client probe failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as boolean[];
}

function entry(facts: FirewallFacts, port: number, family: 'ipv4' | 'ipv6'): ExposureEntry {
  const found = facts.exposure.find((each) => each.port === port && each.family === family && each.proto === 'tcp');
  if (!found) throw new Error(`no exposure entry for tcp/${port} ${family}: ${facts.exposure.map((each) => each.summary).join('; ')}`);
  return found;
}

/** Reality against the report: each probe connects exactly when OpsDeck says its source can. */
function expectReality(facts: FirewallFacts): void {
  const probes: Array<{ attempt: [string, string, number]; family: 'ipv4' | 'ipv6' }> = [];
  for (const port of [5432, 8080]) for (const source of [NET.inside, NET.outside]) probes.push({ attempt: [source, NET.server, port], family: 'ipv4' });
  probes.push({ attempt: [NET6.client, NET6.server, 5432], family: 'ipv6' });
  const actual = connects(probes.map((probe) => probe.attempt));
  const said = probes.map(({ attempt: [source, , port], family }) => {
    const exposure = facts.exposure.find((each) => each.port === port && each.family === family);
    if (!exposure || exposure.reachability === 'none') return false;
    if (exposure.reachability === 'any') return true;
    if (exposure.reachability === 'some') return exposure.sources.some((cidr) => inCidr(source, cidr)) || exposure.exceptSources?.every((cidr) => !inCidr(source, cidr)) === true;
    throw new Error(`tcp/${port} ${family} is ${exposure.reachability}: ${exposure.summary}`);
  });
  expect(actual, probes.map((probe) => probe.attempt.join(' → ')).join(', ')).toEqual(said);
}

function inCidr(address: string, cidr: string): boolean {
  if (address.includes(':') !== cidr.includes(':')) return false;
  if (cidr === '::/0' || cidr === '0.0.0.0/0') return true;
  if (address.includes(':')) return cidr === `${address}/128`;
  const [base = '', bits = '32'] = cidr.split('/');
  const value = (text: string) => text.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(bits));
  return Math.floor(value(address) / size) === Math.floor(value(base) / size);
}

const ids = (findings: Array<{ id: string }>) => findings.map((finding) => finding.id);

describe('nftables', () => {
  const ruleset = (postgres: string, ssh: string) => `flush ruleset
table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    ct state established,related accept
    iif "lo" accept
    # Without ICMPv6 (neighbour discovery) nothing reaches the host over IPv6 at all; OpsDeck models the TCP SYN only.
    meta l4proto ipv6-icmp accept
    ip saddr ${MGMT.network} tcp dport 2222 accept
    ${ssh}
    ${postgres}
  }
}
`;

  test('PostgreSQL open to any: reported, found critical, and really reachable from everywhere', async () => {
    inServer(['nft', '-f', '-'], ruleset('tcp dport 5432 accept', `ip saddr ${MGMT.network} tcp dport 22 accept`));
    const { facts, findings } = await scan();
    expect(facts.sources.map((source) => [source.commandId, source.status])).toEqual(firewallArea.commands.debian.map((command) => [command.id, 'ok']));
    expect(facts.firewall.state).toBe('active');
    expect(facts.ruleset.tables.map((table) => table.id)).toEqual(['nftables:inet/filter']);
    expect(entry(facts, 5432, 'ipv4')).toMatchObject({ reachability: 'any', process: 'node', decidedBy: { kind: 'rule', text: 'tcp dport 5432 accept' } });
    expect(entry(facts, 5432, 'ipv6').reachability).toBe('any');
    expect(entry(facts, 8080, 'ipv4')).toMatchObject({ reachability: 'none', decidedBy: { kind: 'policy', policy: 'drop' } });
    expect(entry(facts, 22, 'ipv4')).toMatchObject({ reachability: 'some', sources: [MGMT.network] });
    expect(findings.find((finding) => finding.id === 'firewall.port-beyond-baseline:db1.nj:tcp/5432')).toMatchObject({ severity: 'critical' });
    expectReality(facts);
  });

  test('restricting 5432 to the application network: the exposure follows, the finding goes, reality agrees', async () => {
    inServer(['nft', '-f', '-'], ruleset(`ip saddr ${NET.allowed} tcp dport 5432 accept`, `ip saddr ${MGMT.network} tcp dport 22 accept`));
    const { facts, findings } = await scan();
    expect(entry(facts, 5432, 'ipv4')).toMatchObject({ reachability: 'some', sources: [NET.allowed] });
    expect(entry(facts, 5432, 'ipv6').reachability).toBe('none');
    expect(ids(findings).filter((id) => id.includes('5432'))).toEqual([]);
    expectReality(facts);
  });

  test('SSH opened to any address: ssh-open-to-any, and the outside address really gets in', async () => {
    inServer(['nft', '-f', '-'], ruleset(`ip saddr ${NET.allowed} tcp dport 5432 accept`, 'tcp dport 22 accept'));
    const { facts, findings } = await scan();
    expect(entry(facts, 22, 'ipv4').reachability).toBe('any');
    expect(ids(findings)).toContain('firewall.ssh-open-to-any:db1.nj:tcp/22');
    expect(connects([[NET.outside, NET.server, 22]])).toEqual([true]);
  });
});

describe('iptables-nft', () => {
  const rules = (postgres: string) => `*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -i lo -j ACCEPT
-A INPUT -s ${MGMT.network} -p tcp -m multiport --dports 22,2222 -j ACCEPT
${postgres}
COMMIT
`;

  test('xtables matches come from iptables-save (nft -j only shows bare xt objects); IPv6 left open is reported', async () => {
    inServer(['nft', 'flush', 'ruleset']);
    inServer(['iptables-nft-restore'], rules('-A INPUT -p tcp -m multiport --dports 5432,8080 -j ACCEPT'));
    const { facts, findings } = await scan();
    expect(facts.iptables.ipv4).toEqual({ backend: 'nf_tables', legacyTablesPresent: false });
    expect(facts.ruleset.tables.map((table) => table.id)).toEqual(['iptables-nft:ip/filter']);
    expect(facts.ruleset.rules.filter((rule) => rule.unmodelled)).toEqual([]);
    expect(entry(facts, 5432, 'ipv4')).toMatchObject({ reachability: 'any', decidedBy: { text: '-A INPUT -p tcp -m multiport --dports 5432,8080 -j ACCEPT' } });
    expect(entry(facts, 8080, 'ipv4').reachability).toBe('any');
    // No ip6tables rules: IPv6 passes unfiltered.
    expect(entry(facts, 5432, 'ipv6')).toMatchObject({ reachability: 'any', basis: 'no-rules' });
    expect(ids(findings)).toEqual(expect.arrayContaining(['firewall.ipv6-unfiltered:db1.nj', 'firewall.port-beyond-baseline:db1.nj:tcp/5432', 'firewall.port-beyond-baseline:db1.nj:tcp/8080']));
    expectReality(facts);
  });

  test('replacing the rule with one for the application network changes the exposure accordingly', async () => {
    inServer(['iptables-nft', '-R', 'INPUT', '4', '-s', NET.allowed, '-p', 'tcp', '-m', 'multiport', '--dports', '5432', '-j', 'ACCEPT']);
    const { facts } = await scan();
    expect(entry(facts, 5432, 'ipv4')).toMatchObject({ reachability: 'some', sources: [NET.allowed] });
    expect(entry(facts, 8080, 'ipv4').reachability).toBe('none');
    expectReality(facts);
  });
});

describe('iptables-legacy', () => {
  test('legacy tables behind an iptables-nft host: OpsDeck says it cannot see them (undetermined), never "open"', async () => {
    inServer(['nft', 'flush', 'ruleset']);
    inServer(
      ['iptables-legacy-restore'],
      `*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -i lo -j ACCEPT
-A INPUT -s ${MGMT.network} -p tcp -m multiport --dports 22,2222 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 5432 -j ACCEPT
COMMIT
`,
    );
    const { facts } = await scan();
    expect(facts.iptables.ipv4).toMatchObject({ legacyTablesPresent: true });
    expect(facts.ruleset.visibility.ipv4.state).toBe('partial');
    expect(entry(facts, 5432, 'ipv4')).toMatchObject({ reachability: 'undetermined' });
    expect(entry(facts, 5432, 'ipv4').reasons.join(' ')).toContain('iptables-legacy tables exist');
    // In reality the hidden legacy table drops 8080 and accepts 5432.
    expect(
      connects([
        [NET.outside, NET.server, 8080],
        [NET.outside, NET.server, 5432],
      ]),
    ).toEqual([false, true]);
  });

  test('on a host whose iptables is the legacy backend, the rules are read and analysed; a changed rule changes the exposure', async () => {
    const before = await scan(legacyRoute);
    expect(before.facts.iptables.ipv4).toMatchObject({ backend: 'legacy' });
    expect(before.facts.ruleset.tables.map((table) => table.id)).toEqual(['iptables-legacy:ip/filter']);
    expect(entry(before.facts, 5432, 'ipv4')).toMatchObject({ reachability: 'any', decidedBy: { chainId: 'iptables-legacy:ip/filter/INPUT' } });
    expect(entry(before.facts, 8080, 'ipv4').reachability).toBe('none');
    // No ip6tables rules on this host: IPv6 stays open, and the finding says so for both versions.
    expect(before.findings.find((finding) => finding.id === 'firewall.port-beyond-baseline:db1.nj:tcp/5432')!.title).toContain('(IPv4 and IPv6)');
    expectReality(before.facts);
    inServer(['iptables-legacy', '-R', 'INPUT', '4', '-s', NET.allowed, '-p', 'tcp', '--dport', '5432', '-j', 'ACCEPT']);
    const after = await scan(legacyRoute);
    expect(entry(after.facts, 5432, 'ipv4')).toMatchObject({ reachability: 'some', sources: [NET.allowed] });
    expect(after.findings.find((finding) => finding.id === 'firewall.port-beyond-baseline:db1.nj:tcp/5432')!.title).toContain('(IPv6)');
    expectReality(after.facts);
  });
});
