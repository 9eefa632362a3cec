// The fixed commands of the retention area (annex §15: system logs kept 180
// days, then deleted), per OS. Read-only; nothing from elsewhere is spliced
// in. Debian only for now: SmartOS rotates with logadm, not read yet.
//
// - logrotate: one constant script prints /etc/logrotate.conf and every file
//   of /etc/logrotate.d behind the access area's marker lines, in the order
//   logrotate reads them (the include comes where logrotate.conf says).
// - journald: `systemd-analyze cat-config` prints journald.conf with every
//   drop-in, in the order systemd applies them.
// - the oldest files actually under /var/log: `find -printf` (GNU) sorted by
//   mtime, the five oldest; through sudo, since some log folders are 0750.
import type { HostCommand, TargetOs } from '../host-command';
import { shellQuote } from '../backups/backup-commands';
import { FILE_MARKER } from '../access/access-commands';

export const RETENTION_COMMAND_IDS = {
  logrotate: 'retention.logrotate-config',
  journald: 'retention.journald-config',
  oldestLogs: 'retention.oldest-logs',
} as const;

const LOGROTATE_SCRIPT = `for file in /etc/logrotate.conf /etc/logrotate.d/*; do if [ -f "$file" ]; then printf '${FILE_MARKER}- %s <==\\n' "$file"; cat -- "$file"; echo; fi; done`;
const OLDEST_LOGS_SCRIPT = `find /var/log -xdev -type f -printf '%T@ %p\\n' | sort -n | head -n 5`;

export const LOGROTATE_COMMAND = `sh -c ${shellQuote(LOGROTATE_SCRIPT)}`;
export const OLDEST_LOGS_COMMAND = `sh -c ${shellQuote(OLDEST_LOGS_SCRIPT)}`;

const ids = RETENTION_COMMAND_IDS;

export const RETENTION_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    { id: ids.logrotate, command: LOGROTATE_COMMAND, privileged: false },
    { id: ids.journald, command: 'systemd-analyze cat-config systemd/journald.conf', privileged: false },
    { id: ids.oldestLogs, command: OLDEST_LOGS_COMMAND, privileged: true },
  ],
  smartos: [],
};
