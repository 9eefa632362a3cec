// rsyslog / syslogd / systemd-journal-upload configuration (the listing of
// access-commands.ts) → where the host forwards its logs. Pure. Reads the
// forms that send elsewhere: `*.* @@host:port` (TCP) / `@host` (UDP),
// RainerScript `action(type="omfwd" target="host" …)`, and journal-upload's
// `URL=`. Anything commented out does not count.
import { commonFailure, parsedFailure, parsedOk, refuseInput, type Parsed } from '../parse-result';
import { expectedFiles, notAListing, splitFileListing, strayInput } from './file-listing';

export interface LogForwardTarget {
  /** Host name or address as written. */
  host: string;
  via: 'rsyslog-tcp' | 'rsyslog-udp' | 'rsyslog-omfwd' | 'syslogd' | 'journal-upload';
  file: string;
  line: number;
}

/** The files SYSLOG_FILES in access-commands.ts names. */
const SYSLOG_PATH = /^\/etc\/(rsyslog\.conf|rsyslog\.d\/[^/]+\.conf|syslog\.conf|systemd\/journal-upload\.conf|systemd\/journal-upload\.conf\.d\/[^/]+\.conf)$/;
const LEGACY_ACTION = /^\S+\s+(@@?)(\[[^\]]+\]|[^\s:;]+)/;
const OMFWD = /type\s*=\s*"omfwd"/;
const OMFWD_TARGET = /target\s*=\s*"([^"]+)"/;
const UPLOAD_URL = /^URL\s*=\s*(?:https?:\/\/)?(\[[^\]]+\]|[^\s:/]+)/;

export function parseSyslogForwarding(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<LogForwardTarget[]> {
  const refused = refuseInput(stdout, 'the syslog configuration listing');
  if (refused) return refused;
  const failure = commonFailure('sh', exitCode, stderr);
  if (failure) return failure;
  const listing = splitFileListing(stdout);
  const notListing = notAListing(listing, 'the syslog configuration listing');
  if (notListing) return notListing;
  const { files, skipped } = expectedFiles(listing, SYSLOG_PATH, 'the syslog configuration listing');
  if (files.length === 0 && skipped.length > 0) return parsedFailure('unparsed', `the syslog configuration listing: ${skipped[0]!.at} is not a syslog configuration file — another listing's output?`);
  const targets: LogForwardTarget[] = [];
  for (const file of files) {
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
  return parsedOk(targets, [], [...strayInput(listing), ...skipped], 'the syslog configuration listing');
}
