// The retention area's answers on a SmartOS demo compute node: SmartOS's
// stock /etc/logadm.conf tuned for the annex's 180 days (26 weekly versions
// of the syslog files, `-A 180d` where logadm rotates by size), and the
// oldest files under /var/adm and /var/log at most about 26 weeks old, as
// illumos `ls -E` prints them.
import { parseDemoCommand } from '../../demo-command';
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import type { AnswerProducer } from '../host-profile';
import { answer } from '../command-answer';
import { listedFileText } from '../../../collectors/access/listing-format';
import { RETENTION_COMMANDS, RETENTION_COMMAND_IDS as ids } from '../../../collectors/retention/retention-commands';
import { DAY_MS } from '../time-format';

export const SMARTOS_LOGADM_CONF = `# logadm.conf: system logs kept 180 days (annex 2 §15).
# Written with logadm -w; checked with logadm -V.
#
/var/log/syslog -C 26 -p 1w -a 'kill -HUP \`cat /var/run/rsyslogd.pid\`'
/var/adm/messages -C 26 -p 1w -a 'kill -HUP \`cat /var/run/rsyslogd.pid\`'
/var/cron/log -c -s 512k -A 180d -t /var/cron/olog
/var/log/*.log -C 180 -p 1d -c
smf_logs /var/svc/log/*.log -A 180d -s 1m -c
`;

/** The stock file as every node has it (no /etc/logadm.d drop-ins). */
export function logadmListing(): string {
  return listedFileText('-', '/etc/logadm.conf', SMARTOS_LOGADM_CONF);
}

function lsE(epochMs: number, size: number, path: string): string {
  const iso = new Date(epochMs).toISOString();
  return `-rw-r--r--   1 root     sys      ${String(size).padStart(8)} ${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000 ${path}`;
}

/** `find /var/adm /var/log -mount -type f -exec ls -E {} + | sort -k 6,7 | head -n 5`. */
export function oldestLogsLsE(host: DemoHostSpec, now: Date): string {
  const ago = (days: number, salt: string) => now.getTime() - days * DAY_MS - hashInt(0, 80_000, host.name, salt) * 1000;
  const files: Array<[number, number, string]> = [
    [ago(181, 'messages'), 48_211, '/var/adm/messages.25'],
    [ago(180, 'syslog'), 120_553, '/var/log/syslog.25'],
    [ago(150, 'wtmpx'), 3_348, '/var/adm/wtmpx'],
    [ago(120, 'fmd'), 9_120, '/var/log/fmd.log.120'],
    [ago(60, 'vmadm'), 18_004, '/var/log/vm/vmadm.log'],
  ];
  return files
    .sort((a, b) => a[0] - b[0])
    .map(([epoch, size, path]) => `${lsE(epoch, size, path)}\n`)
    .join('');
}

function invocationOf(id: string): string {
  return parseDemoCommand(RETENTION_COMMANDS.smartos.find((each) => each.id === id)!.command).invocation;
}

/** Exact invocations of the retention commands on a SmartOS demo node, and their answers. */
export function smartosRetentionAnswers(host: DemoHostSpec, now: Date): Array<[string, AnswerProducer]> {
  return [
    [invocationOf(ids.logadm), () => answer(logadmListing())],
    [invocationOf(ids.oldestLogs), () => answer(oldestLogsLsE(host, now))],
  ];
}
