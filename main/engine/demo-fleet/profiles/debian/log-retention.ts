// The retention area's answers on a Debian demo host: a logrotate setup made
// for the annex's 180 days (26 weekly rotations for the system logs, six
// monthly ones for apt and dpkg), a journal limited to 180 days, and the
// oldest files under /var/log at most about 26 weeks old. Planted: web1.nj's
// nginx logs are kept a year (`daily`, `rotate 365`), and its oldest access
// log is a year old.
import { parseDemoCommand } from '../../demo-command';
import { hasProblem, type DemoHostSpec } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import { answer, failure } from '../command-answer';
import type { AnswerProducer } from '../host-profile';
import { listedFileText } from '../../../collectors/access/listing-format';
import { RETENTION_COMMANDS, RETENTION_COMMAND_IDS as ids } from '../../../collectors/retention/retention-commands';
import { DAY_MS } from '../time-format';

const LOGROTATE_CONF = `# see "man logrotate" for details

# global options do not affect preceding include directives

# rotate log files weekly; keep 26 weeks (the 180 days of annex 2 §15)
weekly
rotate 26

# create new (empty) log files after rotating old ones
create

compress

# packages drop log rotation information into this directory
include /etc/logrotate.d
`;

const RSYSLOG = `/var/log/syslog
/var/log/mail.log
/var/log/kern.log
/var/log/auth.log
/var/log/user.log
/var/log/cron.log
{
	rotate 26
	weekly
	missingok
	notifempty
	compress
	delaycompress
	sharedscripts
	postrotate
		/usr/lib/rsyslog/rsyslog-rotate
	endscript
}
`;

const monthly = (path: string) => `${path} {
	monthly
	rotate 6
	compress
	delaycompress
	missingok
	notifempty
	create 644 root root
}
`;

function nginx(keptAYear: boolean): string {
  return `/var/log/nginx/*.log {
	${keptAYear ? 'daily' : 'weekly'}
	missingok
	rotate ${keptAYear ? 365 : 26}
	compress
	delaycompress
	notifempty
	create 0640 www-data adm
	sharedscripts
	postrotate
		invoke-rc.d nginx rotate >/dev/null 2>&1
	endscript
}
`;
}

/** The listing script's output: logrotate.conf, then each /etc/logrotate.d file. */
export function logrotateListing(host: DemoHostSpec): string {
  const files: Array<[string, string]> = [
    ['/etc/logrotate.conf', LOGROTATE_CONF],
    ['/etc/logrotate.d/apt', `${monthly('/var/log/apt/term.log')}\n${monthly('/var/log/apt/history.log')}`],
    ['/etc/logrotate.d/dpkg', monthly('/var/log/dpkg.log')],
    ...(host.role === 'web' ? [['/etc/logrotate.d/nginx', nginx(hasProblem(host, 'log-retention-too-long'))] as [string, string]] : []),
    ['/etc/logrotate.d/rsyslog', RSYSLOG],
  ];
  return files.map(([path, text]) => listedFileText('-', path, text)).join('');
}

export const JOURNALD_CAT_CONFIG = `# /etc/systemd/journald.conf
[Journal]
#Storage=auto
#Compress=yes

# /etc/systemd/journald.conf.d/retention.conf
[Journal]
Storage=persistent
MaxRetentionSec=180day
SystemMaxUse=4G
`;

/** find -printf '%T@ %p\\n' | sort -n | head -n 5: the oldest files under /var/log. */
export function oldestLogs(host: DemoHostSpec, now: Date): string {
  const ago = (days: number, salt: string) => (now.getTime() - days * DAY_MS - hashInt(0, 80_000, host.name, salt) * 1000) / 1000;
  const files: Array<[number, string]> = [
    [ago(181, 'syslog'), '/var/log/syslog.26.gz'],
    [ago(180, 'auth'), '/var/log/auth.log.26.gz'],
    [ago(170, 'dpkg'), '/var/log/dpkg.log.6.gz'],
    [ago(168, 'apt'), '/var/log/apt/history.log.6.gz'],
    [ago(150, 'kern'), '/var/log/kern.log.21.gz'],
  ];
  if (hasProblem(host, 'log-retention-too-long')) files.unshift([ago(365, 'nginx'), '/var/log/nginx/access.log.365.gz'], [ago(364, 'nginx-error'), '/var/log/nginx/error.log.364.gz']);
  return files
    .sort((a, b) => a[0] - b[0])
    .slice(0, 5)
    .map(([epoch, path]) => `${epoch.toFixed(10)} ${path}\n`)
    .join('');
}

function invocationOf(id: string): string {
  return parseDemoCommand(RETENTION_COMMANDS.debian.find((each) => each.id === id)!.command).invocation;
}

/** Exact invocations of the retention commands on a Debian demo host, and their answers. */
export function retentionAnswers(host: DemoHostSpec, now: Date): Array<[string, AnswerProducer]> {
  return [
    [invocationOf(ids.logrotate), () => answer(logrotateListing(host))],
    [invocationOf(ids.journald), () => answer(JOURNALD_CAT_CONFIG)],
    // Some folders under /var/log are 0750: the command runs through sudo; without root find is refused.
    [invocationOf(ids.oldestLogs), (root) => (root ? answer(oldestLogs(host, now)) : failure("find: '/var/log/private': Permission denied\n", 1))],
  ];
}
