// The daemons inside the lab's namespaces: a real Debian sshd per node (its
// own host key, its own hostname through `unshare --uts`, its own view of
// /etc/alternatives so one host really uses iptables-legacy), and small
// listener stubs standing in for dovecot, postfix, PostgreSQL… so every
// port a ruleset talks about has a socket behind it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateRecorder } from './lab-state';
import { inNetns, must, namespacePids, processName, processStartTime, killProcess, waitFor } from './lab-system';
import { makeSelfSignedCertificate } from '../support/self-signed-certificate';
import { labPaths } from './lab-files';
import { LAB_CERTIFICATE_DAYS, stubListeners, TLS_DAEMON, tlsServices } from './lab-roles';
import { siteOf, type LabHost, type LabNode, type LabTopology } from './lab-topology';

export const SSHD = '/usr/sbin/sshd';

export function nodeDir(topology: LabTopology, node: LabNode): string {
  return join(topology.dir, 'nodes', node.name);
}

function isBastion(topology: LabTopology, node: LabNode): boolean {
  return topology.sites.some((site) => site.bastion.name === node.name);
}

export function generateKey(path: string, comment: string): string {
  must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').trim();
}

export function sshdConfig(topology: LabTopology, node: LabNode): string {
  const dir = nodeDir(topology, node);
  const lines = [
    `ListenAddress ${node.address}:22`,
    `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${labPaths(topology.dir).authorizedKeys}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // Sessions log in as root: with SHLVL=1 bash does not read root's ~/.bashrc for a command run by sshd, so
    // whatever that machine's shell set-up does (pyenv's rehash waits up to 60 s on a lock) never times a test out.
    'SetEnv SHLVL=1',
    'StrictModes no',
    'X11Forwarding no',
    'PrintMotd no',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    'LogLevel VERBOSE',
  ];
  if (isBastion(topology, node)) {
    const site = siteOf(topology, node.site);
    const hosts = topology.hosts.filter((host) => host.site === site.id);
    // sshd drops handshakes beyond MaxStartups' first number (default 10);
    // tools that open one bastion connection per host (ssh -J, Ansible,
    // parallel-ssh) need far more at once.
    lines.push('MaxStartups 200:30:400', 'AllowTcpForwarding yes', `PermitOpen ${hosts.map((host) => `${host.address}:22`).join(' ')}`);
  } else {
    lines.push('AllowTcpForwarding no');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A copy of /etc/alternatives with the iptables family pointing at the
 * nft or the legacy binaries; bind-mounted over /etc/alternatives in the
 * host's own mount namespace, as `update-alternatives --set` would on a
 * real host.
 */
export function writeAlternatives(target: string, backend: 'nft' | 'legacy'): void {
  mkdirSync(target, { recursive: true });
  const family = /^(ip6?tables)(-restore|-save)?$/;
  for (const name of readdirSync('/etc/alternatives')) {
    if (family.test(name)) continue;
    let link: string;
    try {
      link = readlinkSync(join('/etc/alternatives', name));
    } catch {
      continue;
    }
    symlinkSync(link, join(target, name));
  }
  for (const tool of ['iptables', 'ip6tables']) {
    for (const suffix of ['', '-restore', '-save']) symlinkSync(`/usr/sbin/${tool}-${backend}${suffix}`, join(target, `${tool}${suffix}`));
  }
}

/** Writes the node's sshd_config and host key (once), and its alternatives view. */
export function prepareNode(topology: LabTopology, node: LabNode): string {
  const dir = nodeDir(topology, node);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'sshd_config'), sshdConfig(topology, node));
  const keyPath = join(dir, 'ssh_host_ed25519_key');
  const publicKey = existsSync(`${keyPath}.pub`) ? readFileSync(`${keyPath}.pub`, 'utf8').trim() : generateKey(keyPath, node.name);
  const host = topology.hosts.find((candidate) => candidate.name === node.name);
  if (!existsSync(join(dir, 'alternatives'))) writeAlternatives(join(dir, 'alternatives'), host?.firewall === 'iptables-legacy' ? 'legacy' : 'nft');
  return publicKey;
}

// `hostname` sets the name in the new UTS namespace only; the bind mounts
// are private to the new mount namespace. Sessions get Debian's stock root
// .bashrc: Debian's bash sources ~/.bashrc even for `ssh host command`
// (built with SSH_SOURCE_BASHRC), and this machine's own may start slow
// things (pyenv) that no fleet host would. Values arrive as positional
// parameters, never spliced into the script.
const STOCK_BASHRC = '/usr/share/base-files/dot.bashrc';
const SSHD_LAUNCH = [
  'hostname "$1"',
  'mount --bind "$2" /etc/alternatives',
  `{ [ ! -e /root/.bashrc ] || [ ! -e ${STOCK_BASHRC} ] || mount --bind ${STOCK_BASHRC} /root/.bashrc; }`,
  'exec "$3" -f "$4" -E "$5"',
].join(' && ');

export async function startSshd(topology: LabTopology, node: LabNode, recorder: StateRecorder): Promise<number> {
  const dir = nodeDir(topology, node);
  const pidFile = join(dir, 'sshd.pid');
  if (!existsSync('/run/sshd')) {
    recorder.record({ kind: 'dir', path: '/run/sshd' });
    mkdirSync('/run/sshd', { mode: 0o755 });
  }
  writeFileSync(pidFile, '');
  const result = inNetns(node.netns, 'unshare', [
    '--uts',
    '--mount',
    '--propagation',
    'private',
    'sh',
    '-c',
    SSHD_LAUNCH,
    'lab-sshd',
    node.name,
    join(dir, 'alternatives'),
    SSHD,
    join(dir, 'sshd_config'),
    join(dir, 'sshd.log'),
  ]);
  if (result.status !== 0) throw new Error(`sshd of ${node.name} did not start (exit ${result.status}): ${result.stderr.trim()} ${readLog(dir)}`);
  await waitFor(`sshd of ${node.name} to write its pid file`, () => /^\d+/.test(readFileSync(pidFile, 'utf8')));
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const startTime = processStartTime(pid);
  if (!startTime) throw new Error(`sshd of ${node.name} exited at once: ${readLog(dir)}`);
  recorder.record({ kind: 'process', label: `sshd ${node.name}`, pid, startTime });
  await waitFor(`sshd of ${node.name} to listen on ${node.address}:22`, () => listeningPorts(node.netns).includes(22));
  return pid;
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'sshd.log'), 'utf8').trim().split('\n').slice(-5).join(' | ');
  } catch {
    return '(no log)';
  }
}

export function listeningPorts(netns: string): number[] {
  const out = inNetns(netns, 'ss', ['-H', '-tln']).stdout;
  return out
    .split('\n')
    .map((line) => Number(/:(\d+)\s/.exec(line.trim().split(/\s+/)[3] + ' ')?.[1]))
    .filter((port) => Number.isInteger(port) && port > 0);
}

// Accepts and closes; PR_SET_NAME gives ss a readable process name.
const STUB_SCRIPT = `
import ctypes, selectors, socket, sys
ctypes.CDLL(None).prctl(15, sys.argv[1].encode()[:15], 0, 0, 0)
selector = selectors.DefaultSelector()
for port in sys.argv[2:]:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", int(port)))
    listener.listen(128)
    selector.register(listener, selectors.EVENT_READ)
while True:
    for key, _ in selector.select():
        connection, _ = key.fileobj.accept()
        connection.close()
`;

export async function startStubs(host: LabHost, recorder: StateRecorder): Promise<void> {
  for (const stub of stubListeners(host.role)) {
    const child = spawn('ip', ['netns', 'exec', host.netns, 'python3', '-c', STUB_SCRIPT, stub.daemon, ...stub.ports.map(String)], { detached: true, stdio: 'ignore' });
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${stub.daemon} on ${host.name} (python3 and iproute2 needed)`);
    await waitFor(`${stub.daemon} on ${host.name} to start`, () => processStartTime(pid) !== null, 5000);
    recorder.record({ kind: 'process', label: `${stub.daemon} ${host.name}`, pid, startTime: processStartTime(pid)! });
    await waitFor(`${stub.daemon} on ${host.name} to listen on ${stub.ports.join(', ')}`, () => {
      const listening = listeningPorts(host.netns);
      return stub.ports.every((port) => listening.includes(port));
    });
  }
}

/** One self-signed certificate for every host with a real TLS service, naming each such host (its inventory name is the name probed). */
export function makeTlsCertificate(topology: LabTopology): void {
  const paths = labPaths(topology.dir);
  const names = topology.hosts.filter((host) => tlsServices(host.role).length > 0).map((host) => host.name);
  if (names.length === 0) return;
  mkdirSync(join(topology.dir, 'tls'), { recursive: true, mode: 0o700 });
  makeSelfSignedCertificate({ certificate: paths.tlsCertificate, key: paths.tlsKey }, names, LAB_CERTIFICATE_DAYS);
}

/**
 * The host's real TLS services: `openssl s_server` in its namespace, with a
 * cipher list at security level 0 so that TLS 1.0 and 1.1 are accepted
 * (the planted problem) alongside TLS 1.2 and 1.3.
 */
export async function startTlsServers(topology: LabTopology, host: LabHost, recorder: StateRecorder): Promise<void> {
  const paths = labPaths(topology.dir);
  for (const service of tlsServices(host.role)) {
    const args = ['s_server', '-accept', `0.0.0.0:${service.port}`, '-cert', paths.tlsCertificate, '-key', paths.tlsKey, '-cipher', 'DEFAULT:@SECLEVEL=0', '-quiet'];
    const child = spawn('ip', ['netns', 'exec', host.netns, 'openssl', ...args], { detached: true, stdio: 'ignore' });
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${TLS_DAEMON} s_server on ${host.name} (openssl and iproute2 needed)`);
    await waitFor(`${TLS_DAEMON} s_server on ${host.name} to start`, () => processStartTime(pid) !== null, 5000);
    recorder.record({ kind: 'process', label: `${TLS_DAEMON} s_server ${host.name}:${service.port}`, pid, startTime: processStartTime(pid)! });
    await waitFor(`${TLS_DAEMON} s_server on ${host.name} to listen on ${service.port}`, () => listeningPorts(host.netns).includes(service.port));
  }
}

/** Every sshd process in the node's namespace (the listener and its sessions). */
export function sshdPids(node: LabNode): number[] {
  return namespacePids(node.netns).filter((pid) => {
    const name = processName(pid);
    return name === 'sshd' || name === 'sshd-session';
  });
}

/** Kills the node's sshd and every session it serves, as a crash would (SIGKILL). */
export async function killSshd(node: LabNode, recorder: StateRecorder): Promise<void> {
  for (const pid of sshdPids(node)) {
    const startTime = processStartTime(pid);
    if (startTime) await killProcess(pid, startTime);
    recorder.forgetProcess(pid);
  }
}
