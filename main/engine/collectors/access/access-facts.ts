// The access area's facts for one host: each command's parse result (status,
// message, value), kept side by side so a finding can say which source it
// read and a page can show what could not be read.
import type { CommandOutput, TargetOs } from '../host-command';
import { needsPrivilege } from '../host-command';
import { parsedFailure, type Parsed } from '../parse-result';
import { ACCESS_COMMAND_IDS as ids } from './access-commands';
import { parseAuditctlRules, parseAuditctlStatus, type AuditRules, type AuditStatus } from './audit-rules';
import { parseAuthorizedKeysListing, type AuthorizedKey } from './authorized-keys';
import { parseGetentPasswd, parsePasswordStatus, type Account, type PasswordStatus } from './passwd-entries';
import { parseLast, type RecentLogin } from './recent-logins';
import { parseSshdT, type SshdSettings } from './sshd-config';
import { parseSyslogForwarding, type LogForwardTarget } from './syslog-forwarding';

export interface AccessFacts {
  os: TargetOs;
  accounts: Parsed<Account[]>;
  passwords: Parsed<PasswordStatus[]>;
  keys: Parsed<AuthorizedKey[]>;
  sshd: Parsed<SshdSettings>;
  /** Null on SmartOS (no Linux audit subsystem; its BSM audit is not read yet). */
  auditStatus: Parsed<AuditStatus> | null;
  auditRules: Parsed<AuditRules> | null;
  forwarding: Parsed<LogForwardTarget[]>;
  recentLogins: Parsed<RecentLogin[]>;
}

type Parser<T> = (stdout: string, stderr: string, exitCode: number | null) => Parsed<T>;

function parseOutput<T>(outputs: CommandOutput[], id: string, parse: Parser<T>): Parsed<T> {
  const output = outputs.find((each) => each.id === id);
  if (!output) return parsedFailure('unparsed', `${id} was not run`);
  if (output.error !== null && output.exitCode === null) return parsedFailure('unparsed', `${id}: ${output.error}`);
  if (needsPrivilege(output)) return parsedFailure('needs-privilege', `${output.command}: sudo -n needs a password on this host`);
  return parse(output.stdout, output.stderr, output.exitCode);
}

export function accessFacts(os: TargetOs, outputs: CommandOutput[]): AccessFacts {
  return {
    os,
    accounts: parseOutput(outputs, ids.passwd, parseGetentPasswd),
    passwords: parseOutput(outputs, ids.passwordStatus, parsePasswordStatus),
    keys: parseOutput(outputs, ids.authorizedKeys, parseAuthorizedKeysListing),
    sshd: parseOutput(outputs, ids.sshdConfig, parseSshdT),
    auditStatus: os === 'debian' ? parseOutput(outputs, ids.auditStatus, parseAuditctlStatus) : null,
    auditRules: os === 'debian' ? parseOutput(outputs, ids.auditRules, parseAuditctlRules) : null,
    forwarding: parseOutput(outputs, ids.syslogConfig, parseSyslogForwarding),
    recentLogins: parseOutput(outputs, ids.recentLogins, parseLast),
  };
}
