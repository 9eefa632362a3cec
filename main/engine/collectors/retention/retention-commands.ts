// The fixed commands of the retention area (annex §15: system logs kept 180
// days, then deleted), per OS. Read-only; nothing from elsewhere is spliced
// in.
//
// - logrotate: one constant script prints /etc/logrotate.conf and every file
//   of /etc/logrotate.d behind the access area's marker lines, in the order
//   logrotate reads them (the include comes where logrotate.conf says).
// - journald: `systemd-analyze cat-config` prints journald.conf with every
//   drop-in, in the order systemd applies them.
// - the oldest files actually under /var/log: `find -printf` (GNU) sorted by
//   mtime, the five oldest; through sudo, since some log folders are 0750.
// - SmartOS: logadm's /etc/logadm.conf (and /etc/logadm.d/*.conf) printed the
//   same way; no journal; the oldest files under /var/adm and /var/log through
//   `ls -E` (illumos find has no -printf), sorted on its ISO date and time.
//   -mount keeps find on the global zone's own file system (not into zones).
import type { HostCommand, TargetOs } from '../host-command';
import { shellQuote } from '../backups/backup-commands';
import { printListedFileShell } from '../access/listing-format';

export const RETENTION_COMMAND_IDS = {
  logrotate: 'retention.logrotate-config',
  journald: 'retention.journald-config',
  oldestLogs: 'retention.oldest-logs',
  logadm: 'retention.logadm-config',
} as const;

const LOGROTATE_SCRIPT = `for file in /etc/logrotate.conf /etc/logrotate.d/*; do if [ -f "$file" ]; then ${printListedFileShell('-')}; fi; done`;
const OLDEST_LOGS_SCRIPT = `find /var/log -xdev -type f -printf '%T@ %p\\n' | sort -n | head -n 5`;
const LOGADM_SCRIPT = `for file in /etc/logadm.conf /etc/logadm.d/*.conf; do if [ -f "$file" ]; then ${printListedFileShell('-')}; fi; done`;
const OLDEST_LOGS_SMARTOS_SCRIPT = 'find /var/adm /var/log -mount -type f -exec ls -E {} + | sort -k 6,7 | head -n 5';

export const LOGROTATE_COMMAND = `sh -c ${shellQuote(LOGROTATE_SCRIPT)}`;
export const OLDEST_LOGS_COMMAND = `sh -c ${shellQuote(OLDEST_LOGS_SCRIPT)}`;
export const LOGADM_COMMAND = `sh -c ${shellQuote(LOGADM_SCRIPT)}`;
export const OLDEST_LOGS_SMARTOS_COMMAND = `sh -c ${shellQuote(OLDEST_LOGS_SMARTOS_SCRIPT)}`;

const ids = RETENTION_COMMAND_IDS;

export const RETENTION_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    { id: ids.logrotate, command: LOGROTATE_COMMAND, privileged: false },
    { id: ids.journald, command: 'systemd-analyze cat-config systemd/journald.conf', privileged: false },
    { id: ids.oldestLogs, command: OLDEST_LOGS_COMMAND, privileged: true },
  ],
  smartos: [
    { id: ids.logadm, command: LOGADM_COMMAND, privileged: false },
    { id: ids.oldestLogs, command: OLDEST_LOGS_SMARTOS_COMMAND, privileged: true },
  ],
};
