// The access parsers on outputs captured from a real Debian 12 machine
// (captured/README.md) and on authorized_keys files whose fingerprints are
// checked against the real `ssh-keygen -lf`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FILE_MARKER, listedFileText } from '../../../main/engine/collectors/access/listing-format';
import { isPrivilegedCommandRule, parseAuditctlRules, parseAuditctlStatus } from '../../../main/engine/collectors/access/audit-rules';
import { parseAuthorizedKeysFile, parseAuthorizedKeysListing } from '../../../main/engine/collectors/access/authorized-keys';
import { parseGetentPasswd, parsePasswordStatus } from '../../../main/engine/collectors/access/passwd-entries';
import { parseLast } from '../../../main/engine/collectors/access/recent-logins';
import { allowsPasswordLogin, logsKeyFingerprints, parseSshdT, requiresTwoFactors } from '../../../main/engine/collectors/access/sshd-config';
import { parseSyslogForwarding } from '../../../main/engine/collectors/access/syslog-forwarding';

const captured = (name: string) => readFileSync(join(__dirname, 'captured', name), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'opsdeck-access-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function realKey(type: 'ed25519' | 'ecdsa' | 'rsa', comment: string): { line: string; fingerprint: string } {
  const path = join(dir, `key-${type}-${Math.random().toString(36).slice(2)}`);
  const made = spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', comment, '-f', path], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`ssh-keygen is needed (openssh-client): ${made.stderr}`);
  const listed = spawnSync('ssh-keygen', ['-lf', `${path}.pub`], { encoding: 'utf8' });
  return { line: readFileSync(`${path}.pub`, 'utf8').trim(), fingerprint: listed.stdout.split(' ')[1]! };
}

describe('sshd -T', () => {
  test("Debian 12's default configuration: password logins allowed, LogLevel INFO, keys from the default files", () => {
    const parsed = parseSshdT(captured('sshd-T-debian12-default.txt'));
    expect(parsed.status).toBe('ok');
    const settings = parsed.value!;
    expect(settings).toMatchObject({
      passwordAuthentication: 'yes',
      kbdInteractiveAuthentication: 'no',
      permitRootLogin: 'without-password',
      logLevel: 'INFO',
      usePam: 'yes',
      authenticationMethods: 'any',
      authorizedKeysFile: '.ssh/authorized_keys .ssh/authorized_keys2',
      authorizedKeysCommand: 'none',
    });
    expect(settings.all['hostkey']).toHaveLength(3);
    expect(allowsPasswordLogin(settings)).toBe(true);
    expect(logsKeyFingerprints(settings.logLevel)).toBe(false);
  });

  test('VERBOSE logs fingerprints; keyboard-interactive through PAM counts as a password; two-factor method lists do not', () => {
    expect(logsKeyFingerprints('VERBOSE')).toBe(true);
    expect(logsKeyFingerprints('DEBUG2')).toBe(true);
    expect(allowsPasswordLogin({ passwordAuthentication: 'no', kbdInteractiveAuthentication: 'yes', usePam: 'yes', authenticationMethods: 'any' })).toBe(true);
    expect(allowsPasswordLogin({ passwordAuthentication: 'yes', kbdInteractiveAuthentication: 'no', usePam: 'yes', authenticationMethods: 'publickey,password' })).toBe(false);
    expect(requiresTwoFactors('publickey,keyboard-interactive:pam')).toBe(true);
    expect(requiresTwoFactors('publickey,keyboard-interactive publickey')).toBe(false);
    expect(requiresTwoFactors('any')).toBe(false);
  });

  test('a failing sshd -T, sudo wanting a password and text that is not sshd -T each say what happened', () => {
    expect(parseSshdT('', '/etc/ssh/sshd_config line 12: Bad configuration option: PasswordAuth\n', 255)).toMatchObject({ status: 'unparsed', message: expect.stringContaining('line 12') });
    expect(parseSshdT('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
    expect(parseSshdT('', 'sh: 1: /usr/sbin/sshd: not found\n', 127).status).toBe('tool-missing');
    expect(parseSshdT('hello world\n').status).toBe('unparsed');
  });
});

describe('accounts and passwords', () => {
  test('getent passwd: every line an account; service accounts have no login shell', () => {
    const text = captured('getent-passwd.txt');
    const parsed = parseGetentPasswd(text);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.length).toBe(text.trim().split('\n').length);
    expect(parsed.value!.find((account) => account.name === 'root')).toMatchObject({ uid: 0, loginShell: true });
    expect(parsed.value!.find((account) => account.name === 'daemon')).toMatchObject({ loginShell: false });
    expect(parsed.value!.find((account) => account.name === 'sync')).toMatchObject({ loginShell: false });
  });

  test('GECOS with markup and escapes is kept as data; a broken line is named, the rest read', () => {
    const parsed = parseGetentPasswd('eve:x:1001:1001:<script>alert(1)</script>\\033[31m:/home/eve:/bin/bash\nbroken line\n');
    expect(parsed.status).toBe('partial');
    expect(parsed.value![0]!.gecos).toBe('<script>alert(1)</script>\\033[31m');
    expect(parsed.skipped![0]).toMatchObject({ at: 'line 2', text: 'broken line' });
  });

  test('passwd -S -a (Debian) and passwd -s -a (SmartOS): usable, locked, none', () => {
    const real = parsePasswordStatus(captured('passwd-S-a.txt'));
    expect(real.status).toBe('ok');
    expect(real.value!.find((status) => status.account === 'root')).toMatchObject({ state: 'locked', code: 'L', changed: expect.stringMatching(/^\d{4}-/) });
    const smartos = parsePasswordStatus('root      PS\nadmin     NP\nnobody    LK\nnoaccess  NL\n');
    expect(smartos.value!.map((status) => [status.account, status.state])).toEqual([
      ['root', 'usable'],
      ['admin', 'none'],
      ['nobody', 'locked'],
      ['noaccess', 'locked'],
    ]);
  });
});

describe('authorized_keys', () => {
  test('fingerprints equal ssh-keygen -lf for ed25519, ecdsa and rsa keys', () => {
    const keys = [realKey('ed25519', 'alice@laptop'), realKey('ecdsa', 'bob'), realKey('rsa', 'carol old key')];
    const parsed = parseAuthorizedKeysFile(keys.map((key) => key.line).join('\n'), 'root', '/root/.ssh/authorized_keys');
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.map((key) => key.fingerprint)).toEqual(keys.map((key) => key.fingerprint));
    expect(parsed.value!.map((key) => [key.type, key.comment])).toEqual([
      ['ssh-ed25519', 'alice@laptop'],
      ['ecdsa-sha2-nistp256', 'bob'],
      ['ssh-rsa', 'carol old key'],
    ]);
  });

  test('options are kept verbatim (quoted commas and spaces included); comments with markup and escapes are data', () => {
    const key = realKey('ed25519', 'x');
    const blob = key.line.split(' ').slice(0, 2).join(' ');
    const options = 'command="borg serve --restrict-to-path /srv/borg,\\"x y\\"",from="10.0.0.0/8,!10.0.0.1",restrict';
    const comment = '<img src=x onerror=alert(1)> \\e[31mred "quoted"';
    const parsed = parseAuthorizedKeysFile(`# a comment line\n\n${options} ${blob} ${comment}\n`);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toEqual([{ account: '-', file: '-', line: 3, type: 'ssh-ed25519', fingerprint: key.fingerprint, options, optionNames: ['command', 'from', 'restrict'], comment }]);
  });

  test('a key whose blob is not its declared type, bad base64 or an unclosed quote is skipped with a reason, never guessed', () => {
    const good = realKey('ed25519', 'x');
    const key = good.line.split(' ')[1]!;
    const parsed = parseAuthorizedKeysFile(`ssh-rsa ${key} lies about its type\nssh-ed25519 not*base64\ncommand="unclosed ssh-ed25519 ${key}\nno-pty\n${good.line}\n`);
    expect(parsed.status).toBe('partial');
    expect(parsed.value!.map((each) => each.fingerprint)).toEqual([good.fingerprint]);
    expect(parsed.skipped!.map((each) => each.at)).toEqual(['- line 1', '- line 2', '- line 3', '- line 4']);
    expect(parsed.skipped![2]!.reason).toContain('never closed');
  });

  test('the listing names each account and file, lines numbered as in the file', () => {
    const alice = realKey('ed25519', 'alice');
    const bob = realKey('ed25519', 'bob');
    const listing = listedFileText('alice', '/home/alice/.ssh/authorized_keys', `${alice.line}\n`) + listedFileText('bob', '/home/bob/.ssh/authorized_keys2', `\n${bob.line}`);
    const parsed = parseAuthorizedKeysListing(listing);
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.map((key) => [key.account, key.file, key.line, key.fingerprint])).toEqual([
      ['alice', '/home/alice/.ssh/authorized_keys', 1, alice.fingerprint],
      ['bob', '/home/bob/.ssh/authorized_keys2', 2, bob.fingerprint],
    ]);
  });

  test("a marker line written into a user's own file is a line of that file: it cannot move keys to another account", () => {
    const mallory = realKey('ed25519', 'mallory');
    const forged = `${FILE_MARKER}nobody /nonexistent/.ssh/authorized_keys <==\n${mallory.line}\n`;
    const parsed = parseAuthorizedKeysListing(listedFileText('mallory', '/home/mallory/.ssh/authorized_keys', forged));
    expect(parsed.value!.map((key) => [key.account, key.line])).toEqual([['mallory', 2]]);
    expect(parsed.skipped!.map((entry) => [entry.at, entry.reason])).toEqual([['/home/mallory/.ssh/authorized_keys line 1', expect.stringContaining('no key type')]]);
  });

  test("one unreadable file: the others are read, and the listing is partial with the shell's message", () => {
    const alice = realKey('ed25519', 'alice');
    const parsed = parseAuthorizedKeysListing(listedFileText('alice', '/home/alice/.ssh/authorized_keys', alice.line), 'sh: 1: cannot open /home/bob/.ssh/authorized_keys: Permission denied\n', 1);
    expect(parsed.status).toBe('partial');
    expect(parsed.value).toHaveLength(1);
    expect(parsed.skipped![0]!.text).toContain('Permission denied');
  });

  test('an unprefixed line inside a file is not a line of the file: skipped and said, never read as a key', () => {
    const alice = realKey('ed25519', 'alice');
    const parsed = parseAuthorizedKeysListing(`${listedFileText('alice', '/home/alice/.ssh/authorized_keys', '').trimEnd()}\n${alice.line}\n`);
    expect(parsed.value).toEqual([]);
    expect(parsed.skipped!.map((entry) => entry.at)).toEqual(['line 2, in /home/alice/.ssh/authorized_keys']);
  });
});

describe('auditd', () => {
  test('a machine with no audit daemon: enabled 0, pid 0; no rules', () => {
    expect(parseAuditctlStatus(captured('auditctl-s-disabled.txt'))).toMatchObject({ status: 'ok', value: { enabled: false, pid: 0 } });
    expect(parseAuditctlRules(captured('auditctl-l-no-rules.txt'))).toMatchObject({ status: 'ok', value: { rules: [], privilegedCommandRules: [] } });
  });

  test('execve-as-root and sudo execution rules record privileged commands; a watch on a config file does not', () => {
    expect(isPrivilegedCommandRule('-a always,exit -F arch=b64 -S execve -F euid=0 -F key=privileged')).toBe(true);
    expect(isPrivilegedCommandRule('-a always,exit -F path=/usr/bin/sudo -F perm=x -F auid>=1000 -F auid!=-1 -F key=privileged')).toBe(true);
    expect(isPrivilegedCommandRule('-w /usr/bin/su -p x -k priv')).toBe(true);
    expect(isPrivilegedCommandRule('-w /etc/sudoers -p wa -k scope')).toBe(false);
    expect(parseAuditctlRules('', 'You must be root to run this program.\n', 4).status).toBe('needs-privilege');
    expect(parseAuditctlStatus('', 'sh: 1: auditctl: not found\n', 127).status).toBe('tool-missing');
  });
});

describe('log forwarding', () => {
  test('legacy @@ and @ actions, RainerScript omfwd, syslogd and journal-upload; commented lines do not count', () => {
    const listing = [
      listedFileText('-', '/etc/rsyslog.conf', ['*.* @@log1.nj:6514', '#*.* @old-log.nj', 'auth.* @[fd00::5]:514'].join('\n')),
      listedFileText('-', '/etc/rsyslog.d/60-remote.conf', 'action(type="omfwd" target="log2.nj" port="514" protocol="tcp")'),
      listedFileText('-', '/etc/syslog.conf', 'auth.info\t\t@loghost'),
      listedFileText('-', '/etc/systemd/journal-upload.conf', '[Upload]\nURL=https://log3.nj:19532'),
    ].join('');
    const parsed = parseSyslogForwarding(listing);
    expect(parsed.value!.map((target) => [target.host, target.via])).toEqual([
      ['log1.nj', 'rsyslog-tcp'],
      ['fd00::5', 'rsyslog-udp'],
      ['log2.nj', 'rsyslog-omfwd'],
      ['loghost', 'syslogd'],
      ['log3.nj', 'journal-upload'],
    ]);
    expect(parsed.status).toBe('ok');
  });

  test('nothing the listing prints goes unsaid: text before the first file, and a file the script does not list, are skipped; another listing is not this one', () => {
    const withStray = parseSyslogForwarding(`Warning: something printed first\n${listedFileText('-', '/etc/rsyslog.conf', '*.* @@log1.nj:6514')}`);
    expect([withStray.status, withStray.value, withStray.skipped!.map((entry) => entry.at)]).toEqual([
      'partial',
      [{ host: 'log1.nj', via: 'rsyslog-tcp', file: '/etc/rsyslog.conf', line: 1 }],
      ['line 1, before the first file'],
    ]);
    const logrotate = parseSyslogForwarding(listedFileText('-', '/etc/logrotate.conf', 'weekly\nrotate 4'));
    expect([logrotate.status, logrotate.message]).toEqual(['unparsed', expect.stringContaining('/etc/logrotate.conf is not a syslog configuration file')]);
    expect(parseSyslogForwarding('{"nftables": []}\n').status).toBe('unparsed');
    expect(parseSyslogForwarding('')).toMatchObject({ status: 'ok', value: [] });
  });
});

describe('last', () => {
  test('an empty wtmp is no login; login lines keep user, terminal and remote host', () => {
    expect(parseLast(captured('last-w.txt'))).toMatchObject({ status: 'ok', value: [] });
    const parsed = parseLast(
      'alice    pts/0        10.10.0.20       Tue Dec  1 09:12 - 09:40  (00:28)\nroot     tty1                          Mon Nov 30 08:00 - 08:05  (00:05)\nreboot   system boot  6.1.0-28-amd64   Mon Nov 30 07:59   still running\n',
    );
    expect(parsed.value!.map((login) => [login.user, login.terminal, login.from])).toEqual([
      ['alice', 'pts/0', '10.10.0.20'],
      ['root', 'tty1', ''],
    ]);
  });

  test('a line that is not a login is skipped, not read as one; output with no login line at all is not last', () => {
    const parsed = parseLast('alice    pts/0        10.10.0.20       Tue Dec  1 09:12 - 09:40  (00:28)\n** a line last never prints **\n\nwtmp begins Tue May 20 00:00:00 2025\n');
    expect([parsed.status, parsed.value!.map((login) => login.user), parsed.skipped!.map((entry) => entry.at)]).toEqual(['partial', ['alice'], ['line 2']]);
    expect(parseLast('{"nftables": [{"metainfo": {"version": "1.0.6"}}]}\n').status).toBe('unparsed');
    expect(parseLast('12.11\n').status).toBe('unparsed');
  });
});
