// The access area against a real OpenSSH server, over the real transport:
// the private sshd runs in a network namespace whose mount namespace (`ip
// netns exec` binds /etc/netns/<ns>/* over /etc) gives it its own
// /etc/ssh/sshd_config, /etc/passwd and /etc/shadow, so `sshd -T`, `getent
// passwd`, `passwd -S -a` and the authorized_keys listing OpsDeck sends read
// that configuration and those accounts for real — never this machine's.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACCESS_COMMAND_IDS as ids, ACCESS_COMMANDS } from '../../main/engine/collectors/access/access-commands';
import { accessFacts, type AccessFacts } from '../../main/engine/collectors/access/access-facts';
import { FILE_MARKER } from '../../main/engine/collectors/access/listing-format';
import { remoteCommandLine, type CommandOutput } from '../../main/engine/collectors/host-command';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import { accessFindings } from '../../main/engine/posture/access-findings';
import { ip, removeStaleNamespaces } from '../support/netns';
import { generateKey, startPrivateSshd, type PrivateSshd } from '../support/private-sshd';

const tag = Math.random().toString(36).slice(2, 7);
const NS = `odt-acc-${tag}`;
const ETC = `/etc/netns/${NS}`;
const HOST_ADDRESS = '10.253.9.2';
let dir: string;
let server: PrivateSshd | undefined;
let pool: SshPool | undefined;
const outputs: CommandOutput[] = [];
let facts: AccessFacts;
const keys: Record<string, { line: string; fingerprint: string }> = {};

function fingerprintOf(publicKeyLine: string, dirPath: string, name: string): Promise<string> {
  return writeFile(join(dirPath, `${name}.check.pub`), `${publicKeyLine}\n`).then(() => {
    const listed = spawnSync('ssh-keygen', ['-lf', join(dirPath, `${name}.check.pub`)], { encoding: 'utf8' });
    if (listed.status !== 0) throw new Error(`ssh-keygen -lf failed: ${listed.stderr}`);
    return listed.stdout.split(' ')[1]!;
  });
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test builds a network namespace and must run as root');
  removeStaleNamespaces('odt-acc-');
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-access-'));
  for (const name of ['alice', 'carol', 'mallory']) {
    const line = await generateKey(join(dir, `${name}_key`));
    keys[name] = { line, fingerprint: await fingerprintOf(line, dir, name) };
  }
  // The accounts and files the namespace's /etc shows: alice uses her key, carol's has a forced command and a comment with markup,
  // mallory wrote a line of the listing's own format into her file to pass her key off as root's.
  const home = (name: string) => join(dir, 'home', name);
  await mkdir(join(home('alice'), '.ssh'), { recursive: true });
  await mkdir(join(home('carol'), '.ssh'), { recursive: true });
  await mkdir(join(home('mallory'), '.ssh'), { recursive: true });
  await writeFile(join(home('mallory'), '.ssh', 'authorized_keys'), `${FILE_MARKER}root /root/.ssh/authorized_keys <==\n${keys.mallory!.line}\n`);
  await writeFile(join(home('alice'), '.ssh', 'authorized_keys'), `${keys.alice!.line}\n`);
  await writeFile(
    join(home('carol'), '.ssh', 'authorized_keys2'),
    `command="/usr/bin/rsync --server -e.LsfxC . /srv",no-pty ${keys.carol!.line.split(' ').slice(0, 2).join(' ')} carol <b>"laptop"</b>`,
  );
  const hostKey = join(dir, 'etc_host_key');
  await generateKey(hostKey);
  await mkdir(join(ETC, 'ssh'), { recursive: true });
  await writeFile(join(ETC, 'ssh', 'sshd_config'), [`HostKey ${hostKey}`, 'PasswordAuthentication yes', 'PermitRootLogin yes', 'LogLevel INFO', 'UsePAM no', ''].join('\n'));
  const passwd = await readFile('/etc/passwd', 'utf8');
  await writeFile(
    join(ETC, 'passwd'),
    `${passwd}alice:x:2001:2001:Alice:${home('alice')}:/bin/bash\ncarol:x:2002:2002:Carol <i>left</i>:${home('carol')}:/bin/bash\nmallory:x:2003:2003::${home('mallory')}:/bin/bash\n`,
  );
  const shadow = await readFile('/etc/shadow', 'utf8');
  await writeFile(join(ETC, 'shadow'), `${shadow}alice:!:20000:0:99999:7:::\ncarol:$6$salt$notarealhash:20000:0:99999:7:::\nmallory:!:20000:0:99999:7:::\n`, { mode: 0o640 });

  ip('netns', 'add', NS);
  ip('link', 'add', `oda${tag}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', NS);
  ip('addr', 'add', '10.253.9.1/30', 'dev', `oda${tag}`);
  ip('link', 'set', `oda${tag}`, 'up');
  ip('-n', NS, 'addr', 'add', `${HOST_ADDRESS}/30`, 'dev', 'eth0');
  ip('-n', NS, 'link', 'set', 'eth0', 'up');
  ip('-n', NS, 'link', 'set', 'lo', 'up');

  const clientKey = join(dir, 'client_key');
  const clientPublic = await generateKey(clientKey);
  server = await startPrivateSshd({ authorizedKeys: [clientPublic], netns: NS, listenAddress: HOST_ADDRESS, port: 22 });
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, `${HOST_ADDRESS} ${server.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`);
  pool = new SshPool({
    hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }),
    prompter: { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null },
    secrets: new MemorySecretStore(),
  });
  const route = { target: { label: 'access-host', address: HOST_ADDRESS, port: 22, user: 'root', identityFile: clientKey }, jumps: [] };
  // Logged in as root, so no sudo: the lines are exactly what OpsDeck sends to a host without sudo.
  for (const command of ACCESS_COMMANDS.debian) {
    const line = remoteCommandLine(command, false);
    const result = await pool.exec(route, line);
    outputs.push({ id: command.id, command: line, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, durationMs: result.durationMs, error: null });
  }
  facts = accessFacts('debian', outputs);
}, 60_000);

afterAll(async () => {
  await pool?.dispose();
  await server?.stop();
  removeStaleNamespaces(NS);
  await rm(ETC, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('access read from a real sshd and its accounts', () => {
  test("sshd -T is the namespace's configuration: password logins, root with a password, LogLevel INFO", () => {
    expect(facts.sshd.status, facts.sshd.message ?? '').toBe('ok');
    expect(facts.sshd.value).toMatchObject({ passwordAuthentication: 'yes', permitRootLogin: 'yes', logLevel: 'INFO' });
  });

  test("getent passwd and passwd -S -a list the namespace's accounts, GECOS markup kept as data", () => {
    expect(facts.accounts.status).toBe('ok');
    expect(facts.accounts.value!.find((account) => account.name === 'carol')).toMatchObject({ gecos: 'Carol <i>left</i>', loginShell: true });
    expect(facts.passwords.status, facts.passwords.message ?? '').toBe('ok');
    expect(facts.passwords.value!.filter((status) => ['alice', 'carol'].includes(status.account)).map((status) => [status.account, status.state])).toEqual([
      ['alice', 'locked'],
      ['carol', 'usable'],
    ]);
  });

  test("every authorized_keys entry of every account, with ssh-keygen's fingerprint; command= verbatim; a file with no final newline read whole", () => {
    expect(facts.keys.status, facts.keys.message ?? '').toBe('partial');
    expect(facts.keys.skipped!.map((entry) => entry.at.replace(dir, '<dir>'))).toEqual(['<dir>/home/mallory/.ssh/authorized_keys line 1']);
    const listed = facts.keys.value!.filter((key) => ['alice', 'carol'].includes(key.account));
    expect(listed.map((key) => [key.account, key.file.replace(dir, '<dir>'), key.fingerprint, key.options, key.comment])).toEqual([
      ['alice', '<dir>/home/alice/.ssh/authorized_keys', keys.alice!.fingerprint, '', keys.alice!.line.split(' ').slice(2).join(' ')],
      ['carol', '<dir>/home/carol/.ssh/authorized_keys2', keys.carol!.fingerprint, 'command="/usr/bin/rsync --server -e.LsfxC . /srv",no-pty', 'carol <b>"laptop"</b>'],
    ]);
    // A marker line inside mallory's file is a line of her file: her key stays hers (line 2), and the forged line is said, not followed.
    expect(facts.keys.value!.filter((key) => key.fingerprint === keys.mallory!.fingerprint).map((key) => [key.account, key.line])).toEqual([['mallory', 2]]);
    // Only authorized_keys files were opened: the private keys beside them never appear.
    expect(outputs.find((output) => output.id === ids.authorizedKeys)!.stdout).not.toContain('PRIVATE KEY');
  });

  test('findings against a staff list where carol has left: her key, the password logins, root with a password, LogLevel', () => {
    const staff = [
      { name: 'Alice', accounts: ['alice'], keys: [keys.alice!.fingerprint], left: null },
      { name: 'Carol', accounts: ['carol'], keys: [keys.carol!.fingerprint], left: '2026-06-30' },
    ];
    const policy = {
      roles: ['imap'],
      allowedPorts: [],
      patchSlaHours: 24,
      backupRpoHours: 24,
      restoreTestMaxAgeDays: 30,
      platformImageMaxAgeDays: 180,
      access: { staff, allowed: ['Alice'], require2fa: false, logHosts: null },
    };
    const findings = accessFindings(facts, { host: 'access-host', dc: 'nj', siteRole: 'primary', os: 'debian', policy, now: new Date() });
    const kinds = findings.map((finding) => finding.id.split(':')[0]);
    expect(kinds).toEqual(expect.arrayContaining(['access.former-staff-key', 'access.password-login', 'access.root-password-login', 'access.login-key-not-logged']));
    expect(findings.find((finding) => finding.id.startsWith('access.former-staff-key'))!.evidence.excerpt[0]).toContain('command="/usr/bin/rsync --server -e.LsfxC . /srv",no-pty');
  });
});
