// The access area's answers on a demo host: accounts, password status, every
// authorized_keys file, sshd -T, the audit daemon, syslog forwarding and
// recent logins, with the planted problems (a former employee's key, password
// logins allowed, LogLevel INFO). The staff keys are deterministic Ed25519
// keys; DEMO_STAFF is what the demo inventory lists for them.
import { parseDemoCommand } from '../../demo-command';
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { ed25519FromSeed, ed25519Fingerprint, openSshPublicKeyLine } from '../../openssh-key-format';
import { hashBytes, hashInt } from '../../seeded-hash';
import { answer, failure, type CommandAnswer } from '../command-answer';
import type { AnswerProducer } from '../host-profile';
import { ACCESS_COMMANDS, ACCESS_COMMAND_IDS as ids } from '../../../collectors/access/access-commands';
import { listedFileText } from '../../../collectors/access/listing-format';
import { zoneListingText, type ZoneInside } from '../../../collectors/access/zone-access';
import { computeNode, type Zone } from '../smartos/compute-node';

export interface DemoStaffMember {
  name: string;
  accounts: string[];
  left: string | null;
  /** Roles whose hosts the person may log in on ('*' = every role). */
  roles: string[];
  comment: string;
}

export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { name: 'Alice Ng', accounts: ['alice'], left: null, roles: ['*'], comment: 'alice@ops-laptop' },
  { name: 'Bob Okafor', accounts: ['bob'], left: null, roles: ['*'], comment: 'bob@ops-desktop' },
  { name: 'Dana Ruiz', accounts: ['dana'], left: null, roles: ['db', 'backup'], comment: 'dana@dba' },
  { name: 'OpsDeck scanner', accounts: ['ops'], left: null, roles: ['*'], comment: 'opsdeck-scanner' },
  // Left; their key is planted on one host. The comment holds markup: it is data, shown as text.
  { name: 'Carol Former', accounts: ['carol'], left: '2026-06-30', roles: [], comment: 'carol@old-laptop <b>"temp"</b>' },
];

export function demoStaffPublicKey(member: DemoStaffMember): { line: string; fingerprint: string } {
  const pair = ed25519FromSeed(hashBytes('demo-staff-key', member.name));
  return { line: openSshPublicKeyLine(pair.publicKey, member.comment), fingerprint: ed25519Fingerprint(pair.publicKey) };
}

export function demoStaffAllowedOn(member: DemoStaffMember, role: string): boolean {
  return member.left === null && (member.roles.includes('*') || member.roles.includes(role));
}

const member = (name: string) => DEMO_STAFF.find((each) => each.name === name)!;

function accountsFor(host: DemoHostSpec): DemoStaffMember[] {
  const allowed = DEMO_STAFF.filter((each) => demoStaffAllowedOn(each, host.role));
  return host.problems.includes('former-staff-key') ? [...allowed, member('Carol Former')] : allowed;
}

const SYSTEM_ACCOUNTS_DEBIAN = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'bin:x:2:2:bin:/bin:/usr/sbin/nologin',
  'sys:x:3:3:sys:/dev:/usr/sbin/nologin',
  'sync:x:4:65534:sync:/bin:/bin/sync',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  '_apt:x:42:65534::/nonexistent:/usr/sbin/nologin',
  'systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin',
  'sshd:x:100:65534::/run/sshd:/usr/sbin/nologin',
];
const SYSTEM_ACCOUNTS_SMARTOS = ['root:x:0:0:Super-User:/root:/usr/bin/bash', 'daemon:x:1:1::/:', 'bin:x:2:2::/usr/bin:', 'sys:x:3:3::/:', 'nobody:x:60001:60001:Nobody:/:'];

function passwdText(host: DemoHostSpec): string {
  const shell = host.os === 'smartos' ? '/usr/bin/bash' : '/bin/bash';
  const people = accountsFor(host).map((each, index) => `${each.accounts[0]}:x:${1001 + index}:${1001 + index}:${each.name},,,:/home/${each.accounts[0]}:${shell}`);
  return `${[...(host.os === 'smartos' ? SYSTEM_ACCOUNTS_SMARTOS : SYSTEM_ACCOUNTS_DEBIAN), ...people].join('\n')}\n`;
}

function passwordStatusText(host: DemoHostSpec): string {
  const names = passwdText(host)
    .trim()
    .split('\n')
    .map((line) => line.split(':')[0]!);
  if (host.os === 'smartos') return `${names.map((name) => `${name.padEnd(8)} ${name === 'root' ? 'PS' : 'LK'}`).join('\n')}\n`;
  return `${names.map((name) => `${name} L 2026-03-02 0 99999 7 -1`).join('\n')}\n`;
}

function authorizedKeysText(host: DemoHostSpec): string {
  return accountsFor(host)
    .map((each) => listedFileText(each.accounts[0]!, `/home/${each.accounts[0]}/.ssh/authorized_keys`, `${demoStaffPublicKey(each).line}\n`))
    .join('');
}

function sshdT(host: DemoHostSpec): string {
  const password = host.problems.includes('password-login') ? 'yes' : 'no';
  const logLevel = host.problems.includes('sshd-loglevel-info') ? 'INFO' : 'VERBOSE';
  return [
    'port 22',
    'addressfamily any',
    `usepam ${host.os === 'debian' ? 'yes' : 'no'}`,
    'permitrootlogin without-password',
    'pubkeyauthentication yes',
    `passwordauthentication ${password}`,
    'kbdinteractiveauthentication no',
    'permitemptypasswords no',
    `loglevel ${logLevel}`,
    'syslogfacility AUTH',
    'authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2',
    'authorizedkeyscommand none',
    'authenticationmethods any',
    'maxauthtries 6',
    '',
  ].join('\n');
}

const AUDIT_RULES = ['-a always,exit -F arch=b64 -S execve -F euid=0 -F key=privileged', '-a always,exit -F arch=b32 -S execve -F euid=0 -F key=privileged', '-w /etc/sudoers -p wa -k scope'];

function syslogText(host: DemoHostSpec): string {
  if (host.os === 'smartos') return listedFileText('-', '/etc/syslog.conf', `*.err;kern.notice;auth.notice\t\t\t/dev/sysmsg\nauth.info\t\t\t\t@log1.${host.dc}\n`);
  return (
    listedFileText('-', '/etc/rsyslog.conf', 'module(load="imuxsock")\nmodule(load="imjournal")\n*.*;auth,authpriv.none\t-/var/log/syslog\n') +
    listedFileText('-', '/etc/rsyslog.d/50-forward.conf', `*.* @@log1.${host.dc}:6514\n`)
  );
}

function lastText(host: DemoHostSpec, now: Date): string {
  const people = accountsFor(host).filter((each) => each.left === null && each.name !== 'OpsDeck scanner');
  const lines = people.map((each, index) => {
    const when = new Date(now.getTime() - (index + 1) * hashInt(2, 30, host.name, each.name) * 3_600_000);
    const stamp = when.toUTCString().replace(/^(\w+), (\d+) (\w+) \d+ (\d+:\d+).*$/, '$1 $3 $2 $4');
    return `${each.accounts[0]!.padEnd(8)} pts/${index}        10.${host.dc === 'nj' ? 10 : 20}.0.${20 + index}       ${stamp} - ${stamp.slice(-5)}  (00:${String(10 + index).padStart(2, '0')})`;
  });
  return `${lines.join('\n')}\n\nwtmp begins Mon Mar  2 09:00:00 2026\n`;
}

// Inside a zone: root logs in with Alice's key (a Triton zone's root key
// comes from its owner's metadata), service accounts have no login. The
// plant: in the first zone of cn1.nj, root's key is a contractor's.
const ZONE_SYSTEM_ACCOUNTS: Record<Zone['brand'], string[]> = {
  OS: ['root:x:0:0:Super-User:/root:/usr/bin/bash', 'daemon:x:1:1::/:', 'bin:x:2:2::/usr/bin:', 'nobody:x:60001:60001:Nobody:/:'],
  LX: ['root:x:0:0:root:/root:/bin/bash', 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin', 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin'],
};

/** A key nobody on the staff list holds: a contractor's CI key. */
export function demoContractorKey(): { line: string; fingerprint: string } {
  const pair = ed25519FromSeed(hashBytes('demo-contractor-key', 'deploy'));
  return { line: openSshPublicKeyLine(pair.publicKey, 'deploy@contractor-ci'), fingerprint: ed25519Fingerprint(pair.publicKey) };
}

function zoneInside(host: DemoHostSpec, zone: Zone, index: number): ZoneInside {
  const service = `${zone.role}:x:${100 + index}:${100 + index}:${zone.role} service:/var/${zone.role}:${zone.brand === 'LX' ? '/usr/sbin/nologin' : '/usr/bin/false'}`;
  const accounts = [...ZONE_SYSTEM_ACCOUNTS[zone.brand], service];
  const names = accounts.map((line) => line.split(':')[0]!);
  const passwordStatus = zone.brand === 'LX' ? names.map((name) => `${name} L 2026-03-02 0 99999 7 -1`) : names.map((name) => `${name.padEnd(8)} ${name === 'root' ? 'NL' : 'LK'}`);
  const planted = index === 0 && host.problems.includes('unknown-key-in-zone');
  const rootKeys = [planted ? demoContractorKey().line : demoStaffPublicKey(member('Alice Ng')).line];
  return {
    sections: {
      passwd: { stdout: `${accounts.join('\n')}\n`, exit: 0 },
      'password-status': { stdout: `${passwordStatus.join('\n')}\n`, exit: 0 },
      'authorized-keys': { stdout: listedFileText('root', '/root/.ssh/authorized_keys', `${rootKeys.join('\n')}\n`), exit: 0 },
    },
  };
}

/** The zone walk of a compute node: every zone runs and is read; without root, zlogin refuses each. */
function zoneAccessText(host: DemoHostSpec, now: Date, root: boolean): string {
  const zones = computeNode(host, now).zones;
  return zoneListingText(
    zones.map((zone, index) => ({ zone: zone.uuid, brand: zone.brand === 'LX' ? 'lx' : 'joyent', state: 'running', inside: root ? zoneInside(host, zone, index) : { zloginExit: 1 } })),
  );
}

function invocationOf(id: string, host: DemoHostSpec): string {
  const command = ACCESS_COMMANDS[host.os].find((each) => each.id === id)!;
  return parseDemoCommand(command.command).invocation;
}

const NOT_ROOT = (tool: string): CommandAnswer => failure(`${tool}: Permission denied\n`, 1);

/** Exact invocations of the access commands and their answers. */
export function accessAnswers(host: DemoHostSpec, now: Date): Array<[string, AnswerProducer]> {
  const entries: Array<[string, AnswerProducer]> = [
    [invocationOf(ids.passwd, host), () => answer(passwdText(host))],
    [invocationOf(ids.passwordStatus, host), (root) => (root ? answer(passwordStatusText(host)) : failure('passwd: Permission denied.\n', 1))],
    [invocationOf(ids.authorizedKeys, host), (root) => (root ? answer(authorizedKeysText(host)) : failure('cat: /home/alice/.ssh/authorized_keys: Permission denied\n', 1))],
    [invocationOf(ids.sshdConfig, host), (root) => (root ? answer(sshdT(host)) : failure('sshd: no hostkeys available -- exiting.\n', 1))],
    [invocationOf(ids.syslogConfig, host), () => answer(syslogText(host))],
    [invocationOf(ids.recentLogins, host), () => answer(lastText(host, now))],
  ];
  if (host.os === 'smartos') {
    entries.push([
      invocationOf(ids.zones, host),
      (root) => (root ? answer(zoneAccessText(host, now, true)) : answer(zoneAccessText(host, now, false), 'zlogin: You lack sufficient privilege to run this command (all privs required)\n')),
    ]);
  }
  if (host.os === 'debian') {
    entries.push(
      [
        invocationOf(ids.auditStatus, host),
        (root) => (root ? answer(`enabled 1\nfailure 1\npid ${hashInt(300, 900, host.name, 'auditd')}\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\n`) : NOT_ROOT('auditctl')),
      ],
      [invocationOf(ids.auditRules, host), (root) => (root ? answer(`${AUDIT_RULES.join('\n')}\n`) : NOT_ROOT('auditctl'))],
    );
  }
  return entries;
}
