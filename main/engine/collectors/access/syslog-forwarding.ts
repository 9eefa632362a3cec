// rsyslog / syslogd / systemd-journal-upload configuration (the listing of
// access-commands.ts) → where the host forwards its logs. Pure. Reads the
// forms that send elsewhere: `*.* @@host:port` (TCP) / `@host` (UDP),
// RainerScript `action(type="omfwd" target="host" …)`, and journal-upload's
// `URL=`. Anything commented out does not count.
import { commonFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';
import { splitFileListing } from './file-listing';

export interface LogForwardTarget {
  /** Host name or address as written. */
  host: string;
  via: 'rsyslog-tcp' | 'rsyslog-udp' | 'rsyslog-omfwd' | 'syslogd' | 'journal-upload';
  file: string;
  line: number;
}

const LEGACY_ACTION = /^\S+\s+(@@?)(\[[^\]]+\]|[^\s:;]+)/;
const OMFWD = /type\s*=\s*"omfwd"/;
const OMFWD_TARGET = /target\s*=\s*"([^"]+)"/;
const UPLOAD_URL = /^URL\s*=\s*(?:https?:\/\/)?(\[[^\]]+\]|[^\s:/]+)/;

export function parseSyslogForwarding(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<LogForwardTarget[]> {
  const refused = refuseInput(stdout, 'the syslog configuration listing');
  if (refused) return refused;
  const failure = commonFailure('sh', exitCode, stderr);
  if (failure) return failure;
  const targets: LogForwardTarget[] = [];
  for (const file of splitFileListing(stdout).files) {
    for (const { number, text } of file.lines) {
      const line = text.trim();
      if (line === '' || line.startsWith('#')) continue;
      const where = { file: file.path, line: number };
      const legacy = LEGACY_ACTION.exec(line);
      if (legacy && !file.path.includes('journal-upload')) {
        const via = file.path === '/etc/syslog.conf' ? 'syslogd' : legacy[1] === '@@' ? 'rsyslog-tcp' : 'rsyslog-udp';
        targets.push({ host: legacy[2]!.replace(/^\[|\]$/g, ''), via, ...where });
      } else if (OMFWD.test(line) && OMFWD_TARGET.test(line)) {
        targets.push({ host: OMFWD_TARGET.exec(line)![1]!, via: 'rsyslog-omfwd', ...where });
      } else if (file.path.includes('journal-upload') && UPLOAD_URL.test(line)) {
        targets.push({ host: UPLOAD_URL.exec(line)![1]!.replace(/^\[|\]$/g, ''), via: 'journal-upload', ...where });
      }
    }
  }
  return parsedOk(targets);
}
