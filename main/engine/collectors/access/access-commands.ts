// The fixed commands of the access area (who can log in, and whether access
// is logged), per OS. Read-only; nothing from the inventory, a host or the
// UI is part of any of them. remoteCommandLine adds `env LC_ALL=C` (and
// `sudo -n` for the privileged ones).
//
// Choices worth knowing:
// - authorized_keys: one constant script walks `getent passwd` and prints
//   each account's ~/.ssh/authorized_keys and authorized_keys2 (OpenSSH's
//   default AuthorizedKeysFile) behind a marker line naming the account and
//   the file (listing-format.ts). It reads only those two names: private keys
//   are never opened.
//   An sshd configured with another AuthorizedKeysFile or an
//   AuthorizedKeysCommand is reported from `sshd -T` instead of guessed at.
// - sshd -T is called by its full path: /usr/sbin is not on a non-root PATH
//   on Debian, and SmartOS keeps sshd in /usr/lib/ssh.
// - syslog forwarding: the rsyslog (Debian) or syslogd (SmartOS) files are
//   printed with the same kind of marker; journald's own forwarding goes
//   through systemd-journal-upload, whose URL is in journal-upload.conf.
// - SmartOS zones: the same accounts, password states and keys read inside
//   every running zone (zone-access.ts).
import type { HostCommand, TargetOs } from '../host-command';
import { shellQuote } from '../backups/backup-commands';
import { AUTHORIZED_KEYS_SCRIPT, printListedFileShell } from './listing-format';
import { ZONE_ACCESS_COMMAND } from './zone-access';

export const ACCESS_COMMAND_IDS = {
  passwd: 'access.getent-passwd',
  passwordStatus: 'access.password-status',
  authorizedKeys: 'access.authorized-keys',
  sshdConfig: 'access.sshd-T',
  auditStatus: 'access.auditctl-s',
  auditRules: 'access.auditctl-l',
  syslogConfig: 'access.syslog-config',
  recentLogins: 'access.last',
  zones: 'access.zones',
} as const;

const SYSLOG_FILES = '/etc/rsyslog.conf /etc/rsyslog.d/*.conf /etc/syslog.conf /etc/systemd/journal-upload.conf /etc/systemd/journal-upload.conf.d/*.conf';
const SYSLOG_SCRIPT = `for file in ${SYSLOG_FILES}; do if [ -f "$file" ]; then ${printListedFileShell('-')}; fi; done`;

export const AUTHORIZED_KEYS_COMMAND = `sh -c ${shellQuote(AUTHORIZED_KEYS_SCRIPT)}`;
export const SYSLOG_CONFIG_COMMAND = `sh -c ${shellQuote(SYSLOG_SCRIPT)}`;

const ids = ACCESS_COMMAND_IDS;
const command = (id: string, text: string, privileged = false): HostCommand => ({ id, command: text, privileged });

export const ACCESS_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    command(ids.passwd, 'getent passwd'),
    command(ids.passwordStatus, 'passwd -S -a', true),
    command(ids.authorizedKeys, AUTHORIZED_KEYS_COMMAND, true),
    command(ids.sshdConfig, '/usr/sbin/sshd -T', true),
    command(ids.auditStatus, 'auditctl -s', true),
    command(ids.auditRules, 'auditctl -l', true),
    command(ids.syslogConfig, SYSLOG_CONFIG_COMMAND),
    command(ids.recentLogins, 'last -w -n 30'),
  ],
  smartos: [
    command(ids.passwd, 'getent passwd'),
    command(ids.passwordStatus, 'passwd -s -a', true),
    command(ids.authorizedKeys, AUTHORIZED_KEYS_COMMAND, true),
    command(ids.sshdConfig, '/usr/lib/ssh/sshd -T', true),
    command(ids.syslogConfig, SYSLOG_CONFIG_COMMAND),
    command(ids.recentLogins, 'last -n 30'),
    command(ids.zones, ZONE_ACCESS_COMMAND, true),
  ],
};
